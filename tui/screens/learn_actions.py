"""The reader's `R`: learn from the corrections in the background, then analyse again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

from textual import work
from textual.actions import SkipAction
from textual.message import Message

from gegenlesen.corpus.display import plural
from gegenlesen.storage.corrections import corrections
from gegenlesen.storage.errors import StoreError

if TYPE_CHECKING:
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers

LEARN_GROUP = "learn"


@dataclass
class LearnProgress(Message):
    """Learning went one step further."""

    done: int
    total: int
    what: str


@dataclass
class LearnDone(Message):
    """Learning ended: `summary` says how, for the user; `learned` is True when a new
    pipeline is in place."""

    summary: str
    learned: bool = False
    failed: bool = False


class LearnActions(Reader):
    """Mixed into the reader screen; what it may touch of the screen is `Reader` (reader_api.py)."""

    def _learning(self) -> bool:
        return any(w.group == LEARN_GROUP and not w.is_finished for w in self.app.workers)

    def action_learn(self) -> None:
        if self._learning():
            self.notify("Learning runs already; escape stops it.", severity="warning")
            return
        if not corrections(self.db):
            self.notify("No corrections to learn from: E corrects an entity.", severity="warning")
            return
        self.activity = "learning: loading the pipeline · escape stops "
        self._learn()

    def action_stop_learning(self) -> None:
        if not self._learning():
            raise SkipAction()  # escape does what it does without a learning run
        self.app.workers.cancel_group(self, LEARN_GROUP)
        self.activity = "learning: stopping "

    @work(thread=True, exclusive=True, group=LEARN_GROUP, description="Learning from the corrections",
          exit_on_error=False)
    def _learn(self) -> None:
        """Fine-tune off the UI thread on a connection of its own; messages report back."""
        from textual.worker import get_current_worker

        from gegenlesen.corpus.nlp.learn import LearningStopped
        from gegenlesen.storage import learning
        from gegenlesen.storage.db import connect

        worker = get_current_worker()
        try:
            db = connect(self.app.db_path)
        except StoreError as error:
            self.post_message(LearnDone(f"Learning did not start: {error}", failed=True))
            return
        try:
            learned = learning.learn(
                db,
                progress=lambda done, total, what: self.post_message(LearnProgress(done, total, what)),
                should_stop=lambda: worker.is_cancelled,
            )
        except LearningStopped:
            self.post_message(LearnDone("Learning stopped: the previous pipeline stays in use."))
            return
        except (learning.LearningError, StoreError) as error:
            self.post_message(LearnDone(f"Nothing learned: {error}", failed=True))
            return
        finally:
            db.close()
        self.post_message(LearnDone(
            f"Learned {learned.name} from {plural(learned.sentences, 'corrected sentence')} "
            f"in {learned.seconds:.0f} s; the articles are analysed again with it.", learned=True,
        ))

    # Handlers by name: @on in a mixin that is no MessagePump would not be registered.
    def on_learn_progress(self, message: LearnProgress) -> None:
        if self._learning():  # a late message must not bring back a finished run's line
            share = message.done * 100 // max(message.total, 1)
            self.activity = f"learning {share}% · {message.what} · escape stops "

    def on_learn_done(self, message: LearnDone) -> None:
        from gegenlesen.corpus.nlp.resolve import models_dir
        from gegenlesen.tui.workflow import use_pipeline

        self.activity = ""
        self.notify(message.summary, severity="error" if message.failed else "information", timeout=10)
        if not message.learned:
            return
        app = self.app
        if app.model and not str(app.model).startswith(str(models_dir(app.db_path))):
            self.notify("--model names the pipeline to use, so the learned one is not used.", severity="warning")
            return
        try:
            app.model, _ = use_pipeline(self.db, app.db_path)
        except StoreError as error:
            self.store_failed(error, "the analysis with the learned pipeline")
            return
        app.analyse_pending()
