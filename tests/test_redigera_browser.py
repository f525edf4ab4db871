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

from .conftest import ROOT
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
def errors() -> list[Any]:
    """Return the page's script errors and console errors (CSP violations are among them)."""
    return []


@pytest.fixture
def page(browser: Browser, served: Served, errors: list[Any]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.on("pageerror", lambda e: errors.append(e))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    elsewhere: list[str] = []
    opened.on("request", lambda r: elsewhere.append(r.url) if r.url.startswith(
        ("http:", "https:", "ws:", "wss:")) and not r.url.startswith(served.origin) else None)
    opened.goto(served.running.url)
    expect(opened.locator("body")).to_have_attribute("data-klar", "ja", timeout=20_000)
    yield opened
    context.close()
    assert errors == [], errors  # no script error and no CSP violation on the page
    assert elsewhere == []  # the page asks nothing of the network: no CDN, no fonts


def test_the_seed_opens_with_its_title_and_proposal_in_the_preview(page: Page) -> None:
    preview = page.locator("#forhandsvisning")
    expect(preview).to_contain_text("Motion om att ta tillvara de sociala företagen i Stockholm")
    expect(preview).to_contain_text("Förslag till beslut")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#inaktuell")).to_be_hidden()


def _editor_text(page: Page) -> str:
    text: str = page.evaluate("window.remissgen.ctx.text()")
    return text


def _type_line_after(page: Page, line_text: str, typed: str) -> None:
    """Click the end of the editor line reading `line_text`, press Enter and type `typed`."""
    page.locator(".cm-line", has_text=line_text).first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type(typed)


def _line_number(page: Page, marker_selector: str) -> int:
    """Return the 1-based number of the editor line that holds the first matching marker."""
    number: int = page.evaluate(
        """(sel) => {
            const mark = document.querySelector(sel);
            const line = mark.closest('.cm-line');
            return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(line) + 1;
        }""", marker_selector)
    return number


def test_a_misspelt_key_is_marked_at_its_place_and_the_preview_goes_stale(page: Page) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrk: Ny rubrik för testet")
    marker = page.locator(".cm-lintRange-error")
    expect(marker).to_have_count(1)
    expect(marker).to_have_text("rubrk")
    assert _line_number(page, ".cm-lintRange-error") == 5  # line 5, from column 1
    entry = page.locator("#problemlista li.fel")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("rad 5, kolumn 1")
    expect(entry).to_contain_text("okänd nyckel 'rubrk'. Menade du 'rubrik'?")
    expect(entry).to_contain_text("tips: tillåtna nycklar här:")
    stale = page.locator("#inaktuell")
    expect(stale).to_be_visible()
    expect(stale).to_contain_text("1 problem")
    # the last good document stays in view
    expect(page.locator("#forhandsvisning")).to_contain_text("Förslag till beslut")
    marker.hover()
    expect(page.locator(".cm-tooltip-lint")).to_contain_text("Menade du 'rubrik'?")


def test_fixing_it_removes_the_marker_and_shows_the_new_text(page: Page) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrk: Ny rubrik för testet")
    expect(page.locator(".cm-lintRange-error")).to_have_count(1)
    page.locator(".cm-line", has_text="rubrk:").click()
    page.keyboard.press("Home")
    page.keyboard.press("End")
    for _ in range(len(": Ny rubrik för testet")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.type("i")  # rubr|k → rubrik
    expect(page.locator(".cm-lintRange-error")).to_have_count(0)
    expect(page.locator("#inaktuell")).to_be_hidden()
    expect(page.locator("#forhandsvisning")).to_contain_text("Ny rubrik för testet")
    expect(page.locator("#problemlista li.fel")).to_have_count(0)
    assert "rubrik: Ny rubrik för testet\n" in _editor_text(page)


def test_clicking_a_problem_moves_the_cursor_there(page: Page) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrk: x")
    page.locator(".cm-line", has_text="diarienummer: SÖD").click()  # the cursor elsewhere
    page.locator("#problemlista li.fel button").click()
    where = page.evaluate("""() => { const s = window.remissgen.ctx.view.state;
        const p = s.selection.main.head, l = s.doc.lineAt(p); return [l.number, p - l.from + 1]; }""")
    assert where == [5, 1]
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")


def test_save_writes_exactly_the_editor_text(page: Page, served: Served) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrk: ett utkast med fel")
    expect(page.locator(".cm-lintRange-error")).to_have_count(1)
    page.get_by_role("button", name="Spara (osparade ändringar)").click()
    expect(page.locator("#status")).to_contain_text("Sparad")
    assert served.case.read_text(encoding="utf-8") == _editor_text(page)
    assert "rubrk: ett utkast med fel" in served.case.read_text(encoding="utf-8")
    _type_line_after(page, "rubrk: ett utkast", "nämnd_kort: nämnden")
    page.keyboard.press("Control+s")
    expect(page.locator("#status")).to_contain_text("Sparad")
    expect(page.get_by_role("button", name="Spara", exact=True)).to_be_visible()
    assert served.case.read_text(encoding="utf-8") == _editor_text(page)


def test_build_writes_the_bytes_bygg_writes(page: Page, served: Served, tmp_path: Path,
                                            run: Any) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrik: Byggd från editorn")
    expect(page.locator("#forhandsvisning")).to_contain_text("Byggd från editorn")
    page.get_by_role("button", name="Bygg", exact=True).click()
    expect(page.locator("#byggresultat")).to_contain_text("fall.docx")
    built = served.case.with_suffix(".docx")
    assert built.exists()
    twin = tmp_path / "cli" / "fall.yaml"
    twin.parent.mkdir()
    twin.write_text(_editor_text(page), encoding="utf-8")
    assert run("bygg", twin).code == 0
    assert built.read_bytes() == twin.with_suffix(".docx").read_bytes()
    assert served.case.read_text(encoding="utf-8") == _editor_text(page)


def test_bygg_slutlig_refuses_a_placeholder_then_builds_the_final_version(
        page: Page, served: Served) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "nämnd_kort: FYLL I")
    page.get_by_role("button", name="Bygg slutlig").click()
    result = page.locator("#byggresultat.fel")
    expect(result).to_contain_text(": fel: här står fortfarande FYLL I")
    assert not served.case.with_suffix(".docx").exists()
    page.locator(".cm-line", has_text="nämnd_kort: FYLL I").first.click()
    page.keyboard.press("End")
    for _ in range(len("FYLL I")):
        page.keyboard.press("Backspace")
    page.keyboard.type("Stadsdelsnämnden")
    page.get_by_role("button", name="Bygg slutlig").click()
    expect(page.locator("#byggresultat.ok")).to_contain_text("fall.docx")
    import zipfile

    with zipfile.ZipFile(served.case.with_suffix(".docx")) as zf:
        assert b"<vt:lpwstr>Slutlig</vt:lpwstr>" in zf.read("docProps/custom.xml")


def test_a_refused_build_shows_bygg_s_message_and_tips(page: Page, served: Served) -> None:
    served.case.with_suffix(".docx").write_bytes(b"not from remissgen")
    page.get_by_role("button", name="Bygg", exact=True).click()
    result = page.locator("#byggresultat.fel")
    expect(result).to_contain_text("finns redan och är inte byggd av remissgen; den skrivs inte över")
    expect(result).to_contain_text("tips: bygg med --tvinga")
    assert served.case.with_suffix(".docx").read_bytes() == b"not from remissgen"


def test_a_change_on_disk_is_offered_for_reload_and_never_overwritten(
        page: Page, served: Served, errors: list[Any]) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "rubrik: min text")
    newer = served.case.read_text(encoding="utf-8").replace("Salar Rashid", "Någon Annan")
    served.case.write_text(newer, encoding="utf-8")
    banner = page.locator("#andrad")
    expect(banner).to_be_visible(timeout=5000)
    expect(banner).to_contain_text("har ändrats på disken")
    page.keyboard.press("Control+s")  # saving now must not overwrite the newer file
    expect(page.locator("#byggresultat")).to_contain_text("har ändrats på disken")
    assert served.case.read_text(encoding="utf-8") == newer
    conflict = [e for e in errors if "status of 409" in str(e)]
    assert len(conflict) == 1  # the refused save, and nothing else
    errors.remove(conflict[0])
    page.get_by_role("button", name="Läs in filen från disken").click()
    expect(banner).to_be_hidden()
    assert _editor_text(page) == newer
    expect(page.locator("#forhandsvisning")).to_contain_text("Någon Annan")


def test_completion_offers_the_schema_s_keys_with_their_swedish_descriptions(page: Page) -> None:
    _type_line_after(page, "kommun: Stockholms stad", "")
    page.keyboard.type("underr")
    options = page.locator(".cm-tooltip-autocomplete li")
    expect(options.first).to_contain_text("underrubrik")
    expect(page.locator(".cm-completionInfo")).to_contain_text("Kan utelämnas")
    options.filter(has_text="underrubrik").first.click()
    expect(page.locator(".cm-tooltip-autocomplete")).to_have_count(0)
    assert "\nunderrubrik: \n" in _editor_text(page)
    # keys already written are not offered again
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type("nämnd")
    expect(page.locator(".cm-tooltip-autocomplete li").first).to_contain_text("nämnd_kort")
    labels = page.locator(".cm-completionLabel").all_inner_texts()
    assert "nämnd" not in labels and "nämnd_kort" in labels


def test_completion_inside_a_group_offers_that_group_s_keys(page: Page) -> None:
    _type_line_after(page, "namn: Christina Grefveberg", "e-")
    expect(page.locator(".cm-tooltip-autocomplete li").first).to_contain_text("e-post")


def test_hover_shows_a_field_s_description_and_date_format(page: Page) -> None:
    page.locator(".cm-line", has_text="sammanträde: 2021-12-16").get_by_text(
        "sammanträde", exact=True).hover()
    tooltip = page.locator(".cm-tooltip-hover")
    expect(tooltip).to_contain_text("Nämndens sammanträdesdatum")
    expect(tooltip).to_contain_text("Datumformat: ÅÅÅÅ-MM-DD")


def test_snippets_add_list_items(page: Page) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")  # the lines near the end are drawn once in view
    page.locator(".cm-line", has_text="- Motion om att ta tillvara de sociala").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("bilag")
    option = page.locator(".cm-tooltip-autocomplete li", has_text="bilaga")
    expect(option).to_be_visible()
    option.click()
    page.keyboard.type("Yttrande från pensionärsrådet")
    assert "\n  - Yttrande från pensionärsrådet\n" in _editor_text(page)
    expect(page.locator("#forhandsvisning")).to_contain_text("Bilagor")
    expect(page.locator("#forhandsvisning")).to_contain_text("Yttrande från pensionärsrådet")
    page.keyboard.press("Escape")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Space")
    expect(page.locator(".cm-tooltip-autocomplete")).to_be_visible()
    labels = page.locator(".cm-tooltip-autocomplete li").all_inner_texts()
    for snippet in ("motionär", "behandlat", "underskrift", "bilaga", "avsnitt"):
        assert any(snippet in label for label in labels), (snippet, labels)


def test_every_control_has_a_name_and_is_reachable_by_keyboard(page: Page) -> None:
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, iframe, [role=tab]')]
        .filter(el => !el.closest('[hidden]'))
        .filter(el => {
            const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
            return !(el.getAttribute('aria-label') || el.textContent.trim() || label
                     || el.getAttribute('title'));
        }).map(el => el.outerHTML)""")
    assert unnamed == []
    wanted = ("spara", "bygg", "bygg-pdf", "visa-pdf", "cm-content", "flik-forhandsvisning")
    reached: list[str] = []
    for _ in range(60):  # the problem list's entries stand between the text and the tabs
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if all(any(w in r for r in reached) for w in wanted):
            break
    for w in wanted:
        assert any(w in r for r in reached), (w, reached)
    # the tabs beside the text: the arrow key moves to Uppgifter and shows the form
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "flik-uppgifter"
    expect(page.locator("#f-sammanträde")).to_be_visible()
    expect(page.locator("#editor")).to_be_visible()  # the text stays beside it


def test_visa_som_pdf_shows_the_page_true_pdf(page: Page) -> None:
    with page.expect_response(lambda r: r.url.endswith("/api/pdf"), timeout=120_000):
        page.get_by_role("button", name="Visa som PDF").click()
    frame = page.locator("#pdf-ram")
    expect(frame).to_be_visible(timeout=120_000)
    src = frame.get_attribute("src")
    assert src is not None and src.startswith("/dokument.pdf")
    body = page.evaluate("async (u) => { const r = await fetch(u); return [r.status, "
                         "r.headers.get('content-type'), (await r.text()).slice(0, 5)]; }", src)
    assert body == [200, "application/pdf", "%PDF-"]


def test_without_libreoffice_the_pdf_button_says_why_and_how(
        browser: Browser, served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    from remissgen import pdf

    monkeypatch.setattr(pdf, "find", lambda platform=None: None)
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(served.running.url)
    button = opened.locator("#visa-pdf")
    expect(button).to_have_text("Visa som PDF: kräver LibreOffice")
    expect(button).to_be_disabled()
    expect(opened.locator("#pdf-tips")).to_contain_text("LibreOffice hittades inte")
    expect(opened.locator("#pdf-tips")).to_contain_text("installera LibreOffice")
    context.close()


def test_the_preview_has_the_profile_s_logo_header_and_footer(browser: Browser,
                                                             tmp_path: Path) -> None:
    with serve(tmp_path, example=ROOT / "docs" / "exempel" / "anhoriga.yaml") as served:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        opened = context.new_page()
        opened.goto(served.running.url)
        preview = opened.locator("#forhandsvisning")
        expect(preview.locator("img[alt='Ekby kommun']").first).to_be_visible(timeout=20_000)
        expect(preview.locator("header").first).to_contain_text("Socialförvaltningen")
        expect(preview.locator("footer").first).to_contain_text("Postadress: Ekby kommun")
        expect(preview.locator("p.docx_listnumber").first).to_be_visible()
        expect(preview.locator("p.docx_listbullet").first).to_be_visible()
        expect(preview.locator("p.docx_underskrift").first).to_be_visible()
        context.close()


def test_build_with_pdf_writes_both(page: Page, served: Served) -> None:
    page.get_by_label("även PDF").check()
    page.get_by_role("button", name="Bygg", exact=True).click()
    expect(page.locator("#byggresultat.ok")).to_contain_text("fall.docx och fall.pdf",
                                                             timeout=120_000)
    assert served.case.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    assert served.case.with_suffix(".docx").exists()


def test_a_problem_in_the_profile_is_listed_with_its_own_file(browser: Browser,
                                                             tmp_path: Path) -> None:
    with serve(tmp_path, example=ROOT / "docs" / "exempel" / "anhoriga.yaml") as served:
        profile = served.case.parent / "remissgen-profil.yaml"
        profile.write_text(profile.read_text(encoding="utf-8").replace("färg:", "färj:"),
                           encoding="utf-8")
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        opened = context.new_page()
        opened.goto(served.running.url)
        entry = opened.locator("#problemlista li.fel").first
        expect(entry).to_contain_text("remissgen-profil.yaml:")
        expect(entry).to_contain_text("okänd nyckel 'färj'")
        expect(entry.locator("button")).to_be_disabled()  # not a place in this file's text
        expect(opened.locator(".cm-lintRange-error")).to_have_count(0)
        expect(opened.locator("#inaktuell")).to_contain_text("1 problem")
        context.close()
