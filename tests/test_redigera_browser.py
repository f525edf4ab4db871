"""remissgen redigera in a real browser: Debian's Chromium, driven by Playwright for Python.

Each test serves a copy of the seed and works the page as a user would: typing, clicking,
pressing Ctrl+S. These tests always run (under CI=true too); they never skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .editor_support import CHROMIUM, CHROMIUM_FLAGS, Served, serve


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path) as s:
        yield s


@pytest.fixture
def page(browser: Browser, served: Served) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[Any] = []
    opened.on("pageerror", lambda e: errors.append(e))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.goto(served.running.url)
    expect(opened.locator("body")).to_have_attribute("data-klar", "ja", timeout=20_000)
    yield opened
    context.close()
    assert errors == [], errors  # no script error and no CSP violation on the page


def test_the_seed_opens_with_its_title_and_proposal_in_the_preview(page: Page) -> None:
    preview = page.locator("#forhandsvisning")
    expect(preview).to_contain_text("Motion om att ta tillvara de sociala företagen i Stockholm")
    expect(preview).to_contain_text("Förslag till beslut")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#inaktuell")).to_be_hidden()
