"""Bytes to text for import: which encoding a file is in, and whether it is text at all.

Strict UTF-8 (with or without byte-order mark) and UTF-16 with a byte-order mark are read
as such; other bytes as cp1252 or latin-1 when charset-normalizer finds them plausible;
anything else, and anything binary, is refused. Line ends become LF, here, once.
"""

from __future__ import annotations

import codecs
import re

BINARY_CONTROL_SHARE = 0.1
"""A text with more control characters than this share of its first 64K is binary."""
MESS_THRESHOLD = 0.2
"""charset-normalizer's largest "mess" (0-1) for a cp1252 / latin-1 reading to be believed."""
MESS_THRESHOLD_SHORT = 0.75
SHORT_TEXT = 1024
"""Below this many bytes, MESS_THRESHOLD_SHORT applies."""
C1_BYTES = re.compile(rb"[\x80-\x9f]")


class Refused(Exception):
    """A file cannot be imported; the message is the reason."""


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str, str]:
    """The text in `data`, with LF line ends, and the encoding it was read in.

    Strict UTF-8 wins whenever it decodes. Raises Refused for binary data and for bytes
    that are neither UTF-8 nor plausibly cp1252 / latin-1.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data, "utf-8-sig", "starts with a UTF-8 byte-order mark but is not valid UTF-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", "starts with a UTF-16 byte-order mark but is not valid UTF-16"), "utf-16"
    elif b"\x00" in data:
        raise Refused("binary (it contains NUL bytes), not text")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            text, encoding = _western(data, error)
    if "\x00" in text or _mostly_controls(text):
        raise Refused("binary (control characters), not text")
    return normalise_newlines(text), encoding


def _strict(data: bytes, encoding: str, complaint: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Refused(complaint) from None


def _western(data: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    """cp1252 or latin-1, when the bytes are not UTF-8 and read plausibly as either."""
    if _mostly_utf8(data):
        raise Refused(f"cannot be decoded: UTF-8 mixed with another encoding (invalid UTF-8 at byte {error.start})")
    from charset_normalizer import from_bytes

    # The mess ratio of a few lines is noisy ("„Ja“ – „Nein“" scores 0.39): be lenient there.
    threshold = MESS_THRESHOLD if len(data) >= SHORT_TEXT else MESS_THRESHOLD_SHORT
    if from_bytes(data, cp_isolation=["cp1252", "latin_1"], threshold=threshold).best() is None:
        raise Refused("cannot be decoded: not UTF-8, cp1252 or latin-1 text")
    # The two differ only in bytes 0x80-0x9F (cp1252's „ “ – €); without them they agree.
    if C1_BYTES.search(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90 or 0x9D: not cp1252; latin-1 reads every byte
    return data.decode("latin-1"), "latin-1"


def _mostly_utf8(data: bytes) -> bool:
    """Whether more non-ASCII characters decode as UTF-8 than fail to: a UTF-8 text with a
    few bytes of another encoding in it, which no single encoding reads right."""
    decoded = data.decode("utf-8", errors="replace")
    failed = decoded.count("\ufffd")
    return sum(1 for char in decoded if char > "\x7f") - failed > failed


def _mostly_controls(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for char in sample if (char < " " and char not in "\t\n\r\f\v") or char == "\x7f")
    return controls > BINARY_CONTROL_SHARE * len(sample)
