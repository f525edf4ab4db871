"""Remakes docs/redigera-uppgifter.png: the editor's "Uppgifter" form beside the text, on a
1366×768 screen, after a date was changed in the form.

Run: .venv/bin/python tools/bild_uppgifter.py   (needs Chromium at /usr/bin/chromium)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remissgen.redigera.run import prepare  # noqa: E402
from remissgen.redigera.session import Session  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    """Serve a copy of the seed, open the Uppgifter tab, change sammanträde, take the picture."""
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "ärende.yaml"
        shutil.copy(ROOT / "seeds" / "sociala-foretag.yaml", case)
        running = prepare(Session(case, "ärende.yaml"))
        thread = running.start_thread()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(running.url)
                page.wait_for_selector("body[data-klar='ja']")
                page.get_by_role("tab", name="Uppgifter").click()
                page.wait_for_selector("#f-sammanträde")
                page.locator("#f-sammanträde").fill("2022-01-20")
                page.wait_for_function(
                    "() => window.remissgen.ctx.text().includes('sammanträde: 2022-01-20')")
                page.locator("#f-nämnd").scroll_into_view_if_needed()
                page.evaluate("() => document.activeElement.blur()")
                page.wait_for_timeout(500)
                page.screenshot(path=str(ROOT / "docs" / "redigera-uppgifter.png"))
                browser.close()
        finally:
            running.stop(thread)


if __name__ == "__main__":
    main()
