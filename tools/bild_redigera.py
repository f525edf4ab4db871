"""Make docs/redigera.png again: the editor with the seed open, in Debian's Chromium.

Run: python tools/bild_redigera.py   (needs /usr/bin/chromium and the test extras)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remissgen.redigera.run import prepare  # noqa: E402
from remissgen.redigera.session import Session  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    """Serve a copy of the seed, open it, hover over a key and take the picture."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "sociala-foretag.yaml"
        shutil.copy(ROOT / "seeds" / "sociala-foretag.yaml", case)
        running = prepare(Session(case, case.name))
        thread = running.start_thread()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(running.url)
                page.wait_for_selector("body[data-klar=ja]")
                page.wait_for_selector("#forhandsvisning .docx")
                page.locator(".cm-line", has_text="sammanträde: 2021").get_by_text(
                    "sammanträde", exact=True).hover()
                page.wait_for_selector(".cm-tooltip-hover")
                page.wait_for_timeout(300)
                target = ROOT / "docs" / "redigera.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
                browser.close()
        finally:
            running.stop(thread)


if __name__ == "__main__":
    main()
