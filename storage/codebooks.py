"""The codebook in use is kept in the database, so that exports carry it."""

from __future__ import annotations

from gegenlesen.corpus.codebook import Codebook, CodebookError, default_codebook, parse_codebook
from gegenlesen.storage.db import Store
from gegenlesen.storage.meta import get_meta, set_meta

CODEBOOK = "codebook"


def codebook_in_use(db: Store) -> Codebook:
    """The stored codebook, or the default one when none was stored (or it is unreadable)."""
    text = get_meta(db, CODEBOOK)
    if text is None:
        return default_codebook()
    try:
        return parse_codebook(text, "stored codebook")
    except CodebookError:
        return default_codebook()


def use_codebook(db: Store, codebook: Codebook) -> None:
    """Make `codebook` the one this database uses from now on."""
    if get_meta(db, CODEBOOK) != codebook.source:
        set_meta(db, CODEBOOK, codebook.source)
