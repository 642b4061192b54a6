"""Reading what the app shows, for Pilot tests."""

from __future__ import annotations

from textual.app import App

from gegenlesen.tui.widgets.article_view import ArticleView


def view_lines(view: ArticleView) -> list[str]:
    """The text of the lines the view shows right now."""
    height = view.scrollable_content_region.height
    return [view.render_line(y).text for y in range(height)]


def screen_text(app) -> str:
    """Everything on screen as plain text (as a user would read it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notices(app) -> str:
    """The notifications shown (or still due) in this run, joined."""
    return "\n".join(notification.message for notification in app._notifications)


def stored_claims(path):
    """The claims in the database at `path`, read with a connection of its own."""
    from gegenlesen.storage.claims import list_claims
    from gegenlesen.storage.db import open_database

    db = open_database(path)
    try:
        return list_claims(db)
    finally:
        db.close()


async def wait_until(pilot, condition, seconds: float = 5.0) -> None:
    """Pause until `condition()` holds (widgets such as the footer fill in a moment later)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


class ModalHost(App):
    """An app that shows one modal screen, for testing that screen alone."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.modal = screen

    def on_mount(self) -> None:
        self.push_screen(self.modal)
