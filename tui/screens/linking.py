"""Linking a claim (or a sentence that is no claim yet): its links, and ranked proposals
from the other articles to link with."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gegenlesen.storage.claims import Claim
from gegenlesen.corpus.crossref.proposals import Proposal
from gegenlesen.storage.links import RELATIONS, Link
from gegenlesen.tui.actions import bindings, entry_for, keys_line
from gegenlesen.tui.safe import safe_str
from gegenlesen.tui.workers import ReportsWorkFailures, run_with_store

KEYS_HELP = keys_line("link", [f"link('{relation}')" for relation in RELATIONS])
"""The keys that link the highlighted proposal (or set the highlighted link's relation)."""
CONFLICT_STYLE = "bold red"


@dataclass(frozen=True)
class LinkChoice:
    """What to do: link to a proposal (`proposal`) or change/delete a link (`link`)."""

    relation: str | None
    """None: delete the link."""
    proposal: Proposal | None = None
    link: Link | None = None


@dataclass(frozen=True)
class UntaggedSentence:
    """A sentence to link that is no claim yet: linking it tags it."""

    article_id: int
    start: int
    end: int
    text: str


@dataclass
class ProposalsReady(Message):
    proposals: list[Proposal]
    error: str = ""


def next_relation(relation: str) -> str:
    """The relation after this one, in the order of RELATIONS, round again at the end."""
    return RELATIONS[(RELATIONS.index(relation) + 1) % len(RELATIONS)] if relation in RELATIONS else RELATIONS[0]


def short(text: str, length: int = 110) -> str:
    return safe_str(text, length)


def proposal_prompt(proposal: Proposal, pane_of: dict[int, int]) -> Text:
    """Three lines: where and what, why it was proposed, and the conflict it raises."""
    passage = proposal.passage
    where = f"pane {pane_of[passage.article_id]}" if passage.article_id in pane_of else f"article {passage.article_id}"
    what = f"claim #{proposal.claim_id}" if proposal.claim_id else "sentence"
    lines = Text.assemble((f"{where} · {what} ", "bold"), f"“{short(passage.text)}”")
    reasons = safe_str("; ".join(proposal.suggestion.reasons) or "similar")  # they quote the articles' words
    lines.append(f"\n  {reasons}", style="dim")
    for conflict in proposal.conflicts:
        lines.append(f"\n  ⚠ possible contradiction: {safe_str(conflict.describe())}", style=CONFLICT_STYLE)
    return lines


class LinkScreen(ReportsWorkFailures, ModalScreen[LinkChoice | None]):
    """Link the claim (or the sentence) to one of the proposals (s/p/c/a), or change (r) or
    remove (x) a link of the claim."""

    BINDINGS = bindings("link")

    def __init__(self, db_path, source: Claim | UntaggedSentence, linked: list[tuple[Link, Claim]],
                 pane_of: dict[int, int]) -> None:
        super().__init__()
        self.db_path = db_path
        self.claim = source if isinstance(source, Claim) else None
        """The claim to link; None for a sentence."""
        self.sentence = source if isinstance(source, UntaggedSentence) else None
        """The sentence to link, which linking tags; None for a claim."""
        self.linked = linked
        self.pane_of = pane_of
        self.proposals: list[Proposal] = []
        self.failed = False
        """Whether finding proposals failed (the notice said why)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box"):
            if self.claim is not None:
                heading = Text.assemble(("Claim ", "bold"), (f"#{self.claim.id} ", "bold"), f"“{short(self.claim.quote, 200)}”")
            else:
                heading = Text.assemble(("Sentence ", "bold"), f"“{short(self.sentence.text, 200)}”",
                                        ("\nnot yet a claim: linking it to a proposal tags it as yours", "dim italic"))
            yield Static(heading, id="link-claim")
            yield OptionList(id="link-options")
            yield Static(keys_line("link"), id="link-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#link-box").border_title = "Link a claim" if self.claim is not None else "Link a sentence"
        self._fill(loading=True)
        self.query_one(OptionList).focus()
        self._load()

    def _load(self) -> None:
        run_with_store(self, self.db_path, self._proposals, description="Finding proposals", group="link-proposals")

    def _proposals(self, db, cancelled) -> ProposalsReady | None:
        """In the worker: the best proposals not linked yet (the corpus index outlives `db`)."""
        from gegenlesen.corpus.crossref.suggest import missing_tables_once
        from gegenlesen.storage import crossread
        from gegenlesen.storage.crossindex import BuildCancelled

        try:
            corpus = crossread.load_corpus(db, cancelled=cancelled)
        except BuildCancelled:
            return None
        if self.sentence is not None:
            sentence = self.sentence
            found = crossread.sentence_proposals(corpus, sentence.article_id, sentence.start, sentence.end, top=8)
        else:
            linked = {link.other(self.claim.id) for link, _ in self.linked}
            found = [p for p in crossread.proposals(corpus, self.claim.id, top=8 + len(linked)) if p.claim_id not in linked]
        for problem in missing_tables_once():  # once per process: proposals go on without the table
            self.app.call_from_thread(self.notify, problem, severity="warning", timeout=10)
        return ProposalsReady(found[:8])

    def work_failed(self, group: str, line: str) -> None:
        self.failed = True
        self._fill(loading=False)

    @on(ProposalsReady)
    def _ready(self, message: ProposalsReady) -> None:
        self.proposals = message.proposals
        self._fill(loading=False)

    def _fill(self, loading: bool) -> None:
        """List the links first, then the proposals; the highlight stays on the row it was
        on, and starts on the first existing link (on the first proposal when there is none)."""
        options = self.query_one(OptionList)
        keep = options.options[options.highlighted].id if options.highlighted is not None else None
        options.clear_options()
        if self.claim is not None:
            self._add_links(options)
        options.add_option(Option(Text("Proposed from the other articles", style="bold underline"), disabled=True))
        if loading:
            options.add_option(Option(Text("  finding candidates …", style="dim italic"), disabled=True))
        elif self.failed:
            options.add_option(Option(Text("  proposals could not be found", style="dim italic"), disabled=True))
        elif not self.proposals:
            options.add_option(Option(Text("  nothing found in the other articles", style="dim italic"), disabled=True))
        for index, proposal in enumerate(self.proposals):
            options.add_option(Option(proposal_prompt(proposal, self.pane_of), id=f"proposal-{index}"))
        ids = [option.id for option in options.options]
        enabled = [i for i, option in enumerate(options.options) if not option.disabled]
        if keep is not None and keep in ids:
            options.highlighted = ids.index(keep)
        elif enabled:
            options.highlighted = enabled[0]  # the links come first

    def _add_links(self, options: OptionList) -> None:
        options.add_option(Option(Text(f"Linked ({len(self.linked)})", style="bold underline"), disabled=True))
        for link, other in self.linked:
            where = f"pane {self.pane_of[other.article_id]}" if other.article_id in self.pane_of else f"article {other.article_id}"
            options.add_option(Option(
                Text.assemble((f"{link.relation} ", "bold"), (f"{where} · claim #{other.id} ", "dim"), f"“{short(other.quote)}”"),
                id=f"link-{link.id}",
            ))
        if not self.linked:
            options.add_option(Option(Text("  none yet", style="dim italic"), disabled=True))

    def _highlighted_id(self) -> str:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return ""
        return options.options[options.highlighted].id or ""

    def _highlighted_link(self) -> Link | None:
        chosen = self._highlighted_id()
        if not chosen.startswith("link-"):
            return None
        return next(link for link, _ in self.linked if link.id == int(chosen.removeprefix("link-")))

    def action_link(self, relation: str) -> None:
        chosen = self._highlighted_id()
        link = self._highlighted_link()
        if chosen.startswith("proposal-"):
            self.dismiss(LinkChoice(relation, proposal=self.proposals[int(chosen.removeprefix("proposal-"))]))
        elif link is not None and link.relation != relation:
            self.dismiss(LinkChoice(relation, link=link))
        elif link is not None:
            self.notify(f"That link is '{relation}' already.")

    def action_change_relation(self) -> None:
        link = self._highlighted_link()
        if link is None:
            where = ("highlight one under Linked" if self.linked else "this claim has none yet") if self.claim \
                else "a sentence has none before it is a claim"
            key = entry_for("link", "change_relation").line_keys
            self.notify(f"{key} changes an existing link ({where}); nothing was changed. "
                        f"To link a proposal: {KEYS_HELP}.", severity="warning")
            return
        self.dismiss(LinkChoice(next_relation(link.relation), link=link))

    def action_delete(self) -> None:
        link = self._highlighted_link()
        if link is not None:
            self.dismiss(LinkChoice(None, link=link))
        else:
            key = entry_for("link", "delete").line_keys
            self.notify(f"{key} removes a link: highlight one under Linked.", severity="warning")

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.notify(f"Choose how they relate: {KEYS_HELP}.")

    def action_cancel(self) -> None:
        self.dismiss(None)
