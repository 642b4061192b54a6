"""Slow reads in thread workers on a connection of their own, and the one way their failures are told.

A `Store` must not cross threads, so each such worker opens its own, closes it when done,
and hands its typed result back to the UI thread; widgets are touched only there. A failure
is said in one line that names the work: "Library search failed: the database … is busy …".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from gegenlesen.storage.db import Store, connect
from gegenlesen.storage.errors import UNTRANSLATED, StoreError, translate

Cancelled = Callable[[], bool]
"""Asks whether the worker was cancelled (its screen closed, or newer work replaced it)."""


def run_with_store(
    node: DOMNode,
    db_path: Path | str,
    job: Callable[[Store, Cancelled], Any],
    *,
    description: str,
    group: str,
    then: Callable[[Any], None] | None = None,
) -> Worker:
    """Run `job(store, cancelled)` in a thread worker on a connection of its own.

    The connection is closed when the job returns or fails. Unless the worker was cancelled
    meanwhile, its result goes back to the UI thread: to `then(result)` if given, else the
    result, a Message (or None for nothing), is posted to `node`. A newer run in the same
    group cancels the older one.

    Args:
        node: The screen or widget the work is for; it receives the result and the failure.
        db_path: The database to open.
        job: The work; it may return early when `cancelled()` says so.
        description: What the work is, as the failure line names it ("Library search").
        group: The worker group (one running worker per group and node).
        then: Called on the UI thread with the job's result, instead of posting it.

    Returns:
        The worker.
    """

    def work() -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        with connect(db_path) as store:
            result = job(store, cancelled)
        if cancelled():
            return
        if then is not None:
            node.app.call_from_thread(then, result)
        elif result is not None:
            node.post_message(result)

    return node.run_worker(
        work, name=description, group=group, description=description, exit_on_error=False, exclusive=True, thread=True,
    )


def failure_line(description: str, error: BaseException, db_path: Path | str | None = None) -> str:
    """One line that names the work that failed and why.

    Storage's errors carry a message meant for the user and are said as they are; an error
    of SQLite's that a lazily fetched row raised after the store's own checks is first made
    one of storage's; anything else (a bug) is said with the name of its type.

    Args:
        description: The worker's description ("Library search").
        error: What it raised.
        db_path: The database the work read, named in a translated SQLite error.
    """
    if isinstance(error, UNTRANSLATED):
        error = translate(error, db_path or "the database")
    text = " ".join(str(error).split())
    reason = text if isinstance(error, StoreError) else f"{type(error).__name__}: {text}".rstrip(": ")
    return f"{description or 'Background work'} failed: {reason}"


class ReportsWorkFailures:
    """Mixed into a screen (or the app): one handler for the failures of the workers run on it.

    Textual tells a worker's state only to the node that ran it (the message does not bubble),
    so each node that runs workers needs this handler. It notifies the failure's line once and
    calls `work_failed`, where the screen stops waiting (a table's loading indicator, say).
    """

    db_path: Path | str | None = None
    """The database the workers read (named when a raw SQLite error is translated)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        line = failure_line(event.worker.description, event.worker.error, self.db_path)
        self.notify(line, severity="error", timeout=15, markup=False)
        self.work_failed(event.worker.group, line)

    def work_failed(self, group: str, line: str) -> None:
        """Called on the UI thread after a worker of `group` failed; `line` was shown already."""

