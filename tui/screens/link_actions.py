"""The reader's cross-reading: `l` links the claim (or the sentence) at hand, `X` shows
conflicts and shared figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gegenlesen.storage import articles, links as link_store
from gegenlesen.storage.claims import get_claim
from gegenlesen.storage.links import RELATION_WORDS
from gegenlesen.tui.safe import safe_str
from gegenlesen.tui.widgets.claims_pane import ClaimsList

if TYPE_CHECKING:
    from gegenlesen.tui.screens.linking import LinkChoice, UntaggedSentence
    from gegenlesen.tui.screens.reader_api import Reader
else:
    Reader = object  # the contract is for readers of the code and type checkers


class LinkActions(Reader):
    """Mixed into the reader screen; what it may touch of the screen is `Reader` (reader_api.py)."""

    def action_link_claim(self) -> None:
        claim = self.current_claim()
        if claim is None and not isinstance(self.focused, ClaimsList):
            sentence = self._untagged_sentence()
            if sentence is not None:
                self._link_sentence(sentence)
                return
        if claim is None:
            self.claim_or_hint()  # says what to do
            return
        from gegenlesen.tui.screens.linking import LinkScreen  # loads when first used

        linked = []
        for link in link_store.links_of(self.db, [claim.id]):
            other = get_claim(self.db, link.other(claim.id))
            if other is not None:
                linked.append((link, other))
        screen = LinkScreen(self.app.db_path, claim, linked, self.pane_numbers())
        self.app.push_screen(screen, lambda choice: self._apply_link(claim, choice))

    def _apply_link(self, claim, choice) -> None:
        if choice is None:
            return

        def store() -> str:
            """Make the change; what to say when it is stored."""
            if choice.link is not None and choice.relation is None:
                link_store.delete_link(self.db, choice.link.id, self.annotator)
                return f"Link between #{choice.link.claim_a} and #{choice.link.claim_b} removed"
            if choice.link is not None:
                link_store.set_relation(self.db, choice.link.id, choice.relation, self.annotator)
                return f"Link #{choice.link.id} is now '{choice.relation}'"
            from gegenlesen.storage import crossread  # the cross-reading engine loads when first used

            target = crossread.link_to_passage(self.db, claim.id, choice.proposal, choice.relation, self.annotator)
            return f"Claim #{claim.id} {RELATION_WORDS[choice.relation]} #{target}"

        said = self.commit(store, f"a link of claim #{claim.id}")
        if said is None:
            return
        self.claims_changed(keep=claim.id)
        self.notify(f"{said} · u undoes")

    def _untagged_sentence(self) -> UntaggedSentence | None:
        """The cursor sentence of the focused article (no claim sits on it), or None."""
        from gegenlesen.tui.screens.linking import UntaggedSentence

        view = self.active_view
        span = view.cursor_span()
        if view.document is None or span is None:
            return None
        article = view.document.article
        return UntaggedSentence(article.id, span[0], span[1], article.text[span[0]:span[1]])

    def _link_sentence(self, sentence: UntaggedSentence) -> None:
        from gegenlesen.tui.screens.linking import LinkScreen  # loads when first used

        screen = LinkScreen(self.app.db_path, sentence, [], self.pane_numbers())
        self.app.push_screen(screen, lambda choice: self._apply_sentence_link(sentence, choice))

    def _apply_sentence_link(self, sentence: UntaggedSentence, choice: LinkChoice | None) -> None:
        """Tag the sentence and link it to the chosen proposal, in one step that u takes back."""
        if choice is None or choice.proposal is None:
            return
        from gegenlesen.storage import crossread  # the cross-reading engine loads when first used

        done = self.commit(
            lambda: crossread.link_sentence(self.db, sentence.article_id, sentence.start, sentence.end,
                                            choice.proposal, choice.relation, self.annotator),
            f"a link of the sentence “{safe_str(sentence.text, 40)}”",
        )
        if done is None:
            return
        self.claims_changed(keep=done.claim_id)
        linked = f"#{done.claim_id} {RELATION_WORDS[choice.relation]} #{done.target}"
        if done.tagged:
            self.notify(f"Sentence tagged as claim #{done.claim_id} and linked: {linked} · u undoes both")
        else:
            self.notify(f"Linked the claim already on the sentence: {linked} · u undoes")

    def action_conflicts(self) -> None:
        from gegenlesen.tui.screens.conflicts import ConflictsScreen  # loads when first used

        titles = {summary.id: summary.title for summary in articles.list_articles(self.db)}
        self.app.push_screen(ConflictsScreen(self.db, self.annotator, titles), self._open_side_by_side)

    def _open_side_by_side(self, opened) -> None:
        self.claims_changed()  # confirming made claims and links
        if opened is None:
            return
        passages = opened.passages
        while len(self.panes) < len(passages) and len(self.panes) < 4:
            self.action_add_pane()
        self.call_after_refresh(self._show_passages, passages)

    def _show_passages(self, passages) -> None:
        opened = self.open_articles([(pane, passage.article_id, None, passage.start)
                                     for pane, passage in zip(self.panes, passages)])
        for pane in opened:
            pane.view.reveal_cursor()
        if self.panes:
            self.panes[0].view.focus()
