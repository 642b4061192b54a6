"""The body labels the w3c export writes are the ones the annotation reader looks for."""

from __future__ import annotations

from gegenlesen.corpus import incoming
from gegenlesen.storage.exports import w3c


def test_the_reader_knows_the_labels_the_export_writes():
    # Two definitions until storage/exports/w3c.py takes them from corpus/incoming.py.
    assert (incoming.TYPE_LABEL, incoming.VERDICT_LABEL, incoming.WORTHINESS_LABEL) == (
        w3c.TYPE_LABEL, w3c.VERDICT_LABEL, w3c.WORTHINESS_LABEL)
