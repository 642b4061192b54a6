"""What the claim keys do on the reading screen: tag, type, judge, note, delete, undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable

from gegenlesen.corpus.display import plural
from gegenlesen.storage import claims as claim_store
from gegenlesen.storage import history
from gegenlesen.storage.claims import Claim
from gegenlesen.storage.errors import StoreError
from gegenlesen.tui.claim_list import own_claim
from gegenlesen.tui.messages import CandidatesMarked, ClaimTagged
from gegenlesen.tui.safe import NAME_CELLS, safe_str
from gegenlesen.tui.widgets.claims_pane import ClaimsList
from gegenlesen.tui.workers import run_with_store

if TYPE_CHECKING:
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers


class ClaimActions(Reader):
    """Mixed into the reading screen; every action commits before the screen shows it.
    What it may touch of the screen is `Reader` (reader_api.py)."""

    # -- which claim the keys act on -------------------------------------------------------

    def current_claim(self) -> Claim | None:
        """The highlighted claim in the claims pane when it has focus, else the claim at
        the cursor (or selection) in the focused article: this annotator's own, where
        several annotators tagged there."""
        if isinstance(self.focused, ClaimsList):
            return self.focused.claim
        view = self.active_view
        current = self.claim_at_cursor_of(view.parent) if view.parent in self.panes else None
        if current is not None:
            span = view.cursor_span()
            mine = own_claim(view.claims_between(*span), self.annotator, current) if span else None
            return mine or next((claim for claim in view.claims if claim.id == current), None)
        return None

    def _own_claim_or_hint(self) -> Claim | None:
        """The claim at hand when it is this annotator's: a verdict, type, note or deletion
        is theirs alone to give; another annotator's claim is left as they judged it."""
        claim = self.claim_or_hint()
        if claim is not None and claim.annotator != self.annotator:
            owner = safe_str(claim.annotator, NAME_CELLS)
            self.notify(f"Claim #{claim.id} is {owner}'s, left as they judged it: c on its passage tags your own.",
                        severity="warning")
            return None
        return claim

    def claim_or_hint(self) -> Claim | None:
        claim = self.current_claim()
        if claim is None:
            self.notify("No claim here: put the cursor on a tagged claim (or tag one with c).", severity="warning")
        return claim

    # -- actions ---------------------------------------------------------------------------

    def action_tag_claim(self) -> None:
        view = self.active_view
        span = view.target_span()
        if view.document is None or span is None:
            self.notify("No text to tag here.", severity="warning")
            return
        article_id = view.document.article.id
        quote = " ".join(view.document.article.text[span[0]:span[1]].split())
        what = f"a claim on “{quote[:60]}{'…' * (len(quote) > 60)}”"
        claim = self.commit(lambda: claim_store.add_claim(self.db, article_id, *span, self.annotator), what)
        if claim is None:
            return
        view.action_cancel_selection()
        self.set_current_claim(view.parent, claim.id)
        self.claims_changed(keep=claim.id)
        self.post_message(ClaimTagged(claim))

    def on_claim_tagged(self, message: ClaimTagged) -> None:
        claim = message.claim
        beside = [other for other in self.claims_in_view.of_article(claim.article_id)
                  if (other.start, other.end) == (claim.start, claim.end) and other.annotator != self.annotator]
        others = ", ".join(f"{safe_str(other.annotator, NAME_CELLS)}'s #{other.id}" for other in beside[:3])
        self.notify(f"Claim #{claim.id} tagged{f', yours beside {others}' if others else ''} · 1-9 type · t verdict · m note")

    def _is_stale(self, claim: Claim) -> bool:
        """Whether another window changed (or deleted) the claim since this one showed it;
        if so, show what is stored now instead of acting on an old picture."""
        stored = claim_store.get_claim(self.db, claim.id)
        if stored is not None and stored.modified == claim.modified:
            return False
        self.claims_changed(keep=claim.id)
        who = f" by {safe_str(stored.modified_by, NAME_CELLS)}" if stored else ""  # a name from any import
        self.notify(
            f"Claim #{claim.id} was {'changed' if stored else 'deleted'}{who} meanwhile; this is how it is now.",
            severity="warning",
        )
        return True

    def _update(self, claim: Claim, message: Callable[[Claim], str], **changes) -> None:
        if self._is_stale(claim):
            return
        what = f"claim #{claim.id}: " + ", ".join(f"{name} {value!s:.40}" for name, value in changes.items())
        updated = self.commit(lambda: claim_store.update_claim(self.db, claim.id, self.annotator, **changes), what)
        if updated is not None:
            self.claims_changed(keep=updated.id)
            self.notify(message(updated))

    def action_set_type(self, digit: int) -> None:
        claim_type = self.codebook.type_for_digit(digit)
        if claim_type is None:
            self.notify(f"The codebook has no type {digit}.", severity="warning")
            return
        claim = self._own_claim_or_hint()
        if claim is not None:
            self._update(claim, lambda c: f"Claim #{c.id}: {safe_str(claim_type.label, NAME_CELLS)}", type=claim_type.key)

    def action_cycle_verdict(self) -> None:
        claim = self._own_claim_or_hint()
        if claim is not None:
            verdict = self.codebook.next_verdict(claim.verdict)
            self._update(claim, lambda c: f"Claim #{c.id}: {safe_str(c.verdict, NAME_CELLS)}", verdict=verdict)

    def action_cycle_worthiness(self) -> None:
        claim = self._own_claim_or_hint()
        if claim is not None:
            level = self.codebook.next_worthiness(claim.worthiness)
            self._update(claim, lambda c: f"Claim #{c.id}: check-worthiness {'!' * c.worthiness}", worthiness=level)

    def action_edit_note(self) -> None:
        claim = self._own_claim_or_hint()
        if claim is None:
            return

        def keep(note: str | None) -> None:
            if note is not None and note != claim.note:
                self._update(claim, lambda c: f"Claim #{c.id}: note kept", note=note)
            # (if the claim changed elsewhere meanwhile, _update says so and keeps the stored note)

        from gegenlesen.tui.screens.note import NoteScreen  # the editor loads when first used

        self.app.push_screen(NoteScreen(claim.quote, claim.note), keep)

    def action_delete_claim(self) -> None:
        candidate = self.active_view.candidate_at_cursor() if self.current_claim() is None else None
        if candidate is not None:  # x on a candidate dismisses it
            if self.commit(lambda: claim_store.decide_candidate(self.db, candidate.id, False, self.annotator),
                            f"dismissing candidate #{candidate.id}"):
                self.claims_changed()
                self.notify("Candidate dismissed: it is not proposed again · u undoes")
            return
        claim = self._own_claim_or_hint()
        if claim is not None and not self._is_stale(claim) and self.commit(
                lambda: claim_store.delete_claim(self.db, claim.id, self.annotator), f"deleting claim #{claim.id}"):
            self.claims_changed()
            self.notify(f"Claim #{claim.id} deleted · u undoes")

    def action_suggest_claims(self) -> None:
        """Mark the sentences of the visible articles that look worth checking, off the UI
        thread; a failure is told by the screen's one handler (`ReportsWorkFailures`)."""
        self.notify("Looking for check-worthy sentences …", timeout=2)
        article_ids, annotator = self.visible_ids(), self.annotator

        def mark(db, cancelled) -> CandidatesMarked:
            from gegenlesen.storage import crossread

            found = crossread.candidates(crossread.load_corpus(db, article_ids))
            added = claim_store.mark_candidates(db, [(c.article_id, c.start, c.end) for c in found], annotator)
            return CandidatesMarked(added, len(found))

        run_with_store(self, self.db.path, mark, description="Suggesting claims", group="candidates")

    def on_candidates_marked(self, message: CandidatesMarked) -> None:
        self.claims_changed()
        if message.added:
            self.notify(f"{plural(message.added, 'candidate sentence')} marked with ? · "
                        "c accepts one as a claim · x dismisses it · u takes them all back")
        else:
            self.notify("No new candidates: the likely ones are claims, candidates or dismissed already.")

    def action_undo(self) -> None:
        self._step(history.undo, "Nothing to undo.", "undo")

    def action_redo(self) -> None:
        self._step(history.redo, "Nothing to redo.", "redo")

    def _step(self, step: Callable, nothing: str, what: str) -> None:
        try:
            done = step(self.db, self.annotator)
        except StoreError as error:
            self.store_failed(error, what)
            return
        if done is None:
            self.notify(nothing)
            return
        if done.kind == "claims":
            self.claims_changed(keep=done.target)
        else:
            self.reload()  # a correction: every pane's entities may change
        self.notify(done.describe(), severity="warning" if done.refused else "information")

    def action_compare_annotators(self) -> None:
        """Two annotators' claims on the focused article, side by side."""
        from gegenlesen.tui.screens.compare_annotators import CompareAnnotatorsScreen  # loads when first used

        document = self.active_view.document
        if document is None:
            self.notify("No article here to compare claims on.", severity="warning")
            return
        self.app.push_screen(
            CompareAnnotatorsScreen(self.db, self.codebook, self.annotator, document.article.id), self._go_to_compared
        )

    def _go_to_compared(self, claim: Claim | None) -> None:
        if claim is not None:
            self._go_to_agreed(claim.id)

    def action_agreement(self) -> None:
        """The agreement report of every annotator, with the passages whose verdicts differ to curate."""
        from gegenlesen.tui.screens.agreement import AgreementScreen  # loads when first used

        self.app.push_screen(AgreementScreen(self.db, self.annotator), self._go_to_agreed)

    def _go_to_agreed(self, claim_id: int | None) -> None:
        self.claims_changed()  # curated meanwhile, perhaps
        if claim_id is not None and (stored := claim_store.get_claim(self.db, claim_id)) is not None:
            self.jump_to_claim(stored)

    async def action_focus_claims(self) -> None:
        await self.show_side_panes()
        self.claims_pane.list.focus()

    # -- messages (handlers by name: @on does not reach through a mixin) ------------------

    def on_claims_list_chosen(self, event: ClaimsList.Chosen) -> None:
        self.jump_to_claim(event.claim)

    def jump_to_claim(self, claim: Claim) -> None:
        """Show a claim in the pane that has its article, or bring the article into the
        active pane; the cursor goes to the claim."""
        pane = next((p for p in self.panes if p.document and p.document.article.id == claim.article_id), None)
        if pane is None:
            pane = self.open_article(None, claim.article_id)  # show_claim moves the cursor: the claims pane follows
            if pane is None:
                return
        self.show_claim(pane, claim)
        pane.view.focus()
