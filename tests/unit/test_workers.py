"""The one helper for a thread worker with a connection of its own, and the one line a failure is told in."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from textual import on
from textual.app import App
from textual.message import Message

from gegenlesen.storage.db import open_database
from gegenlesen.storage.errors import StoreBusy, StoreError
from gegenlesen.tui.workers import ReportsWorkFailures, failure_line, run_with_store


def test_a_store_error_is_said_as_it_is_after_the_work_it_stopped():
    busy = StoreBusy("the database x.db is busy: another program has been writing to it for too long")
    assert failure_line("Library search", busy) == (
        "Library search failed: the database x.db is busy: another program has been writing to it for too long"
    )


def test_a_raw_sqlite_error_becomes_storages_own_and_names_the_file():
    line = failure_line("Computing the matrix", sqlite3.DatabaseError("database disk image is malformed"), "/tmp/a.db")
    assert line.startswith("Computing the matrix failed: /tmp/a.db is damaged")
    assert "\n" not in line


def test_any_other_error_is_one_line_with_its_type():
    line = failure_line("Reading the timeline", KeyError("date"))
    assert line == "Reading the timeline failed: KeyError: 'date'"
    assert failure_line("Export", ValueError("two\nlines")) == "Export failed: ValueError: two lines"
    assert failure_line("", RuntimeError()) == "Background work failed: RuntimeError"


@dataclass
class Counted(Message):
    articles: int


class Host(ReportsWorkFailures, App):
    """Runs one job on mount and keeps what came back."""

    def __init__(self, db_path, job, then: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.job = job
        self.then = then
        self.received: list = []
        self.failures: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        self.worker = run_with_store(self, self.db_path, self.job, description="Counting the articles", group="count",
                                     then=self.received.append if self.then else None)

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        self.received.append(message)

    def work_failed(self, group: str, line: str) -> None:
        self.failures.append((group, line))


async def finished(pilot, worker) -> None:
    for _ in range(100):
        if worker.is_finished:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    assert worker.is_finished


def count(db, cancelled) -> Counted:
    return Counted(db.execute("SELECT count(*) FROM articles").fetchone()[0])


async def test_the_result_is_posted_and_the_connection_closed(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()
    used = []

    def job(db, cancelled):
        used.append((db, threading.current_thread()))
        return count(db, cancelled)

    app = Host(path, job)
    async with app.run_test() as pilot:
        await finished(pilot, app.worker)
        assert [message.articles for message in app.received] == [0]
        assert app.worker.description == "Counting the articles"
    db, thread = used[0]
    assert thread is not threading.main_thread()
    try:
        db.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        pass  # closed, as it should be
    else:
        raise AssertionError("the worker's connection was left open")


async def test_then_receives_the_result_on_the_ui_thread(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()
    threads = []

    def job(db, cancelled):
        return 7

    app = Host(path, job, then=True)
    app.received = threads  # what `then` appends to
    async with app.run_test() as pilot:
        await finished(pilot, app.worker)
    assert threads == [7]


async def test_a_failure_is_told_once_in_one_line_and_the_screen_stops_waiting(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()

    def job(db, cancelled):
        raise StoreBusy("the database w.db is busy; nothing was changed, try again")

    app = Host(path, job)
    async with app.run_test() as pilot:
        await finished(pilot, app.worker)
        said = [notification.message for notification in app._notifications]
    line = "Counting the articles failed: the database w.db is busy; nothing was changed, try again"
    assert said == [line]
    assert app.failures == [("count", line)]
    assert app.received == []


async def test_a_missing_database_fails_as_lost_rather_than_making_an_empty_one(tmp_path):
    path = tmp_path / "gone.db"
    app = Host(path, count)
    async with app.run_test() as pilot:
        await finished(pilot, app.worker)
    assert len(app.failures) == 1 and "gone.db" in app.failures[0][1]
    assert app.failures[0][1].startswith("Counting the articles failed: ")
    assert not path.exists()
    assert isinstance(app.worker.error, StoreError)


async def test_a_cancelled_worker_posts_nothing(tmp_path):
    path = tmp_path / "w.db"
    open_database(path).close()
    started, release = threading.Event(), threading.Event()

    def job(db, cancelled):
        started.set()
        release.wait(5)
        return count(db, cancelled)

    app = Host(path, job)
    async with app.run_test() as pilot:
        started.wait(5)
        app.worker.cancel()
        release.set()
        for _ in range(20):
            await pilot.pause(0.05)
        assert app.received == [] and app.failures == []
