"""The "Uppgifter" panel of remissgen redigera, in a real Chromium (Playwright), and its routes.

The form is made from the field table; an edit in it changes only that value's lines in the
text, and the preview follows; a field left out shows the value that will be used.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from remissgen import form, load, textedit
from remissgen.remissvar.spec import CASE, Kind

from .conftest import SEED_CASE
from .editor_support import CHROMIUM, CHROMIUM_FLAGS, Served, serve

SEED = SEED_CASE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _open(browser: Browser, served: Served, errors: list[Any]) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(e))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served.running.url)
    expect(page.locator("body")).to_have_attribute("data-klar", "ja", timeout=20_000)
    page.get_by_role("tab", name="Uppgifter").click()
    expect(page.locator("#f-sammanträde")).to_be_visible()
    return page


@pytest.fixture
def errors() -> Iterator[list[Any]]:
    found: list[Any] = []
    yield found
    assert found == [], found  # no script error on the page


def _text(page: Page) -> str:
    text: str = page.evaluate("window.remissgen.ctx.text()")
    return text


def _changed(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def _preview_after(page: Page, before: str) -> None:
    """Wait until the preview shows a newer document than version `before`."""
    page.wait_for_function(
        "(v) => document.querySelector('#forhandsvisning').dataset.version !== v", arg=before)


def test_changing_sammantrade_in_the_form_changes_one_line_and_the_preview(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    with serve(tmp_path) as served:
        page = _open(browser, served, errors)
        date = page.locator("#f-sammanträde")
        expect(date).to_have_value("2021-12-16")
        expect(date).to_have_attribute("type", "date")
        version = page.locator("#forhandsvisning").get_attribute("data-version") or ""
        date.fill("2022-01-20")
        page.wait_for_function("() => window.remissgen.ctx.text().includes('2022-01-20')")
        assert _changed(SEED, _text(page)) == (["sammanträde: 2021-12-16"],
                                               ["sammanträde: 2022-01-20"])
        _preview_after(page, version)
        preview = page.locator("#forhandsvisning")
        expect(preview).to_contain_text(re.compile(r"Till\s*Södermalms stadsdelsnämnd\s*"
                                                   r"20 januari 2022"))
        expect(preview).not_to_contain_text("16 december 2021")
        page.context.close()


def test_adding_a_motionar_joins_both_with_och_in_the_bakgrund(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    case_text = textedit.remove(SEED, ("bakgrund",))  # the derived bakgrund names them
    with serve(tmp_path, case_text) as served:
        page = _open(browser, served, errors)
        expect(page.locator("#forhandsvisning")).to_contain_text(
            "Motionen är skriven av Salar Rashid (S).")
        motions = page.locator("fieldset[data-lista='[\"remiss\",\"motionärer\"]']")
        motions.get_by_role("button", name="Lägg till en rad i Motionärer").click()
        name = page.locator("#f-remiss-motionärer-1-namn")
        expect(name).to_have_value("FYLL I")
        before = _text(page)
        name.fill("Anna Berg")
        page.locator("#f-remiss-motionärer-1-parti").fill("V")
        expect(page.locator("#forhandsvisning")).to_contain_text(
            "Motionen är skriven av Salar Rashid (S) och Anna Berg (V).")
        removed, added = _changed(case_text, _text(page))
        assert removed == [] and added == ["    - namn: Anna Berg", "      parti: V"], before
        page.context.close()


def test_a_sidfot_row_with_a_colon_is_saved_quoted_and_builds(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    with serve(tmp_path) as served:
        page = _open(browser, served, errors)
        row = page.locator("#f-sidfot-1")
        row.fill("Besöksadress: Götgatan 14")
        page.wait_for_function("() => window.remissgen.ctx.text().includes('Götgatan 14')")
        page.get_by_role("button", name="Bygg", exact=True).click()
        expect(page.locator("#byggresultat")).to_contain_text("fall.docx")
        on_disk = served.case.read_text(encoding="utf-8")
        assert '  - "Besöksadress: Götgatan 14"\n' in on_disk
        assert load(served.case).case.sidfot[1] == "Besöksadress: Götgatan 14"
        assert served.case.with_suffix(".docx").exists()
        page.locator("#f-sidfot-2").fill("")  # an emptied row stays, as an empty text
        page.wait_for_function("() => window.remissgen.ctx.text().includes('  - \"\"\\n')")
        page.context.close()


PROFILE = """\
förvaltning: Profilens förvaltning
nämnd: Södermalms stadsdelsnämnd
handläggare:
  namn: Profilens handläggare
sidfot:
  - Profilens sidfot
"""


def test_a_field_the_profile_gives_shows_from_the_profile_with_its_value(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    (tmp_path / "remissgen-profil.yaml").write_text(PROFILE, encoding="utf-8")
    case_text = SEED
    for key in ("förvaltning", "nämnd", "handläggare", "sidfot"):
        case_text = textedit.remove(case_text, (key,))
    with serve(tmp_path, case_text) as served:
        page = _open(browser, served, errors)
        field = page.locator("#f-förvaltning")
        expect(field).to_have_value("Profilens förvaltning")
        expect(page.locator("#f-förvaltning-ursprung")).to_have_text("från profilen")
        expect(page.locator("#f-handläggare-namn")).to_have_value("Profilens handläggare")
        expect(page.locator("#f-sidfot-ursprung")).to_have_text("från profilen")
        expect(page.locator("#f-sidfot-0")).to_have_value("Profilens sidfot")
        expect(page.locator("#f-nämnd_kort-ursprung")).to_have_text("härleds")
        expect(page.locator("#f-nämnd_kort")).to_have_value("Stadsdelsnämnden")
        help_id = (field.get_attribute("aria-describedby") or "").split()[0]
        expect(page.locator(f"#{help_id}")).to_contain_text("Förvaltningen som skriver")
        # typing overrides the profile; Töm writes "" and clears it
        field.fill("Egen förvaltning")
        page.wait_for_function("() => window.remissgen.ctx.text().includes('Egen förvaltning')")
        expect(page.locator("#f-förvaltning-ursprung")).to_be_hidden()
        page.locator("#f-sidfot").get_by_role("button", name="Skriv en tom text i Sidfot, som "
                                                      "tar bort listan från profilen").click()
        page.wait_for_function("() => window.remissgen.ctx.text().includes('sidfot: \"\"')")
        page.context.close()


def test_invalid_text_makes_the_form_read_only_with_the_last_values(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    with serve(tmp_path) as served:
        page = _open(browser, served, errors)
        page.evaluate("""() => { const c = window.remissgen.ctx;
            c.setText(c.text().replace('nämnd: Södermalms stadsdelsnämnd',
                                       'nämnd: Södermalms stadsdelsnämnd\\nrubrk: x')); }""")
        expect(page.locator("#formular-las")).to_be_visible()
        expect(page.locator("#f-sammanträde")).to_be_disabled()  # inside the disabled fieldset
        expect(page.locator("#f-sammanträde")).to_have_value("2021-12-16")
        page.evaluate("""() => { const c = window.remissgen.ctx;
            c.setText(c.text().replace('sammanträde: 2021-12-16', 'sammanträde: 2021-13-45')
                      .replace('\\nrubrk: x', '')); }""")
        expect(page.locator("#f-sammanträde-problem")).to_contain_text("rad 8")
        expect(page.locator("#f-sammanträde")).to_have_attribute("aria-invalid", "true")
        page.context.close()


def test_the_form_is_the_field_table(tmp_path: Path) -> None:
    described = form.fields()
    assert [f["key"] for f in described] == [f.key for f in CASE.children]
    kinds = {f["key"]: f["kind"] for f in described}
    assert kinds["sammanträde"] == "datum" and kinds["ärendet"] == "långtext"
    assert kinds["underskrifter"] == "grupplista" and kinds["bilagor"] == "textlista"
    assert kinds["handläggare"] == "grupp"
    remiss = next(f for f in described if f["key"] == "remiss")
    assert {c["key"]: c["kind"] for c in remiss["children"]}["motionärer"] == "grupplista"
    assert all(f["help"].endswith(".") for f in described)
    assert set(get_args(Kind)) <= set(form.FORM_KINDS)  # every kind of the table has a control


def test_the_form_routes_describe_and_edit(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        status, _, body = served.request("POST", "/api/formular", json.dumps(
            {"text": SEED}).encode(), served.own(**{"Content-Type": "application/json"}))
        assert status == 200
        data = json.loads(body)
        assert data["giltig"] and data["values"]["sammanträde"] == "2021-12-16"
        assert data["used"]["rubrik"]["origin"] == "härleds"
        assert {"path": ["sammanträde"], "first": 8, "last": 8} in data["places"]
        status, _, body = served.request("POST", "/api/formular/andra", json.dumps(
            {"text": SEED, "op": "sätt", "path": ["kommun"], "value": "Ekby: kommun"}).encode(),
            served.own(**{"Content-Type": "application/json"}))
        assert status == 200
        assert 'kommun: "Ekby: kommun"\n' in json.loads(body)["text"]
        status, _, body = served.request("POST", "/api/formular/andra", json.dumps(
            {"text": SEED, "op": "ta_bort", "path": ["finns_inte"]}).encode(),
            served.own(**{"Content-Type": "application/json"}))
        assert status == 400 and "ändra i texten" in json.loads(body)["fel"]
        status, _, _ = served.request("POST", "/api/formular", b"{}", {"Host": "x"})
        assert status in (400, 403, 421)  # the key and the host are checked as for every call


def test_values_mark_what_is_derived_and_what_the_profile_gives(tmp_path: Path) -> None:
    profile = tmp_path / "remissgen-profil.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    case_text = textedit.remove(textedit.remove(SEED, ("förvaltning",)), ("sidfot",))
    case = tmp_path / "fall.yaml"
    case.write_text(case_text, encoding="utf-8")
    loaded = load(case)
    described = form.values(loaded.case, case_text, loaded.profile)
    used = described["used"]
    assert used["förvaltning"] == {"value": "Profilens förvaltning", "origin": "från profilen"}
    assert used["sidfot"] == {"value": ["Profilens sidfot"], "origin": "från profilen"}
    assert used["nämnd_kort"] == {"value": "Stadsdelsnämnden", "origin": "härleds"}
    assert used["expedieras_till"] == {"value": ["Kommunstyrelsen"], "origin": "härleds"}
    assert "handläggare.namn" not in used  # written in the case: the case's value stands
    assert described["values"]["handläggare"]["namn"] == "Christina Grefveberg"
    assert not any(key.startswith("granskning") for key in used)  # nothing to show
