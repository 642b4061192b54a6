"""The claims of the visible articles; a hint while there are none."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gegenlesen.corpus.display import displayable

EMPTY_HINT = (
    "No claims tagged in the visible articles.\n"
    "Claims stored in this database are listed here."
)


def claim_row(number: int, claim: dict, width: int = 24) -> Text:
    quote = " ".join(displayable(claim["quote"]).split())
    quote = quote if len(quote) <= width else quote[: width - 1] + "…"
    return Text.assemble(
        (f"{number} ", "bold"), (f"“{quote}”", ""), "\n   ",
        (f"{claim.get('type') or 'untyped'} · {claim.get('verdict') or 'unchecked'}", "dim"),
    )


class ClaimsPane(OptionList):
    """Claims listed by pane number and position."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Claims"

    def show_claims(self, claims_by_pane: list[list[dict]]) -> None:
        self.clear_options()
        rows = [claim_row(number, claim) for number, claims in enumerate(claims_by_pane, 1) for claim in claims]
        if not rows:
            self.add_option(Option(Text(EMPTY_HINT, style="dim italic"), disabled=True))
            self.border_subtitle = ""
            return
        self.add_options(Option(row) for row in rows)
        self.border_subtitle = str(len(rows))
