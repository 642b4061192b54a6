"""The reader in a real browser: headless Chromium opens `gegenlesen serve`, gives a name,
waits for the first article, tags a claim with c, and the database has it (issue 16).

Skipped, with the reason, where Chromium, its driver or selenium is missing (`.ci/run`
installs the browser where apt-get can). Set GEGENLESEN_UPDATE_SCREENSHOTS=1 to write the
browser's picture to screenshots/browser.png.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from .serving import ServeProcess

TOKEN = "browser-test-token"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
REPO = Path(__file__).resolve().parents[2]

# The page renders the terminal on a canvas, so its text is read where it arrives: every
# websocket message the page receives is also kept, decoded, in window.__screen.
KEEP_SCREEN = """
window.__screen = "";
const Original = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new Original(url, protocols);
  const decoder = new TextDecoder();
  socket.addEventListener("message", (event) => {
    if (event.data instanceof ArrayBuffer) window.__screen += decoder.decode(event.data, {stream: true});
  });
  return socket;
};
window.WebSocket.prototype = Original.prototype;
"""
ESCAPES = r"/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]/g"


@pytest.fixture
def browser():
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver (.ci/run does)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_SCREEN})
    yield driver
    driver.quit()


def screen(driver) -> str:
    return driver.execute_script(f"return (window.__screen || '').replace({ESCAPES}, '');")


def wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {seconds}s")
        time.sleep(0.1)


def first_words(db_path: Path) -> str:
    """The first words of the article the first pane opens with (read from the database, not written here)."""
    with sqlite3.connect(db_path) as db:
        (text,) = db.execute("SELECT text FROM articles ORDER BY id LIMIT 1").fetchone()
    return " ".join(text.split()[:3])


def test_a_browser_tags_a_claim(browser, demo_db_path, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    server = ServeProcess(demo_db_path, tmp_path, "--token", TOKEN)
    try:
        browser.get(f"{server.url}?token={TOKEN}")
        name = browser.find_element(By.ID, "annotator")  # the page asks who is annotating
        name.send_keys("Browser Anna")
        browser.find_element(By.ID, "start").click()
        words = first_words(demo_db_path)
        wait(lambda: words in screen(browser), 30, f"the first article ({words!r}) did not appear")
        assert "Browser Anna" in screen(browser)
        ActionChains(browser).move_to_element(browser.find_element(By.ID, "terminal")).click().perform()
        ActionChains(browser).send_keys("c").perform()

        def claims() -> list[tuple]:
            with sqlite3.connect(demo_db_path) as db:
                return db.execute("SELECT annotator, status FROM claims").fetchall()

        wait(lambda: claims(), 20, "no claim was stored")
        assert claims() == [("Browser Anna", "claim")]
        time.sleep(1)  # the claim drawn before the picture is taken
        picture = tmp_path / "browser.png"
        assert browser.save_screenshot(str(picture))
        assert picture.read_bytes().startswith(b"\x89PNG")
        if os.environ.get("GEGENLESEN_UPDATE_SCREENSHOTS"):
            shutil.copy(picture, REPO / "screenshots" / "browser.png")
    finally:
        server.stop()
