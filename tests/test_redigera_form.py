"""The "Uppgifter" panel of remissgen redigera, in a real Chromium (Playwright), and its routes.

The form is made from the field table; an edit in it changes only that value's lines in the
text, and the preview follows; a field left out shows the value that will be used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from remissgen import form, load, textedit
from remissgen.remissvar.spec import CASE, Kind

from .conftest import SEED_CASE, changed
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
        assert changed(SEED, _text(page)) == (["sammanträde: 2021-12-16"],
                                               ["sammanträde: 2022-01-20"])
        _preview_after(page, version)
        page.get_by_role("tab", name="Förhandsvisning").click()  # beside the text, as the form
        preview = page.locator("#forhandsvisning")
        expect(preview).to_be_visible()
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
        page.get_by_role("tab", name="Förhandsvisning").click()
        expect(page.locator("#forhandsvisning")).to_be_visible()
        expect(page.locator("#forhandsvisning")).to_contain_text(
            "Motionen är skriven av Salar Rashid (S) och Anna Berg (V).")
        removed, added = changed(case_text, _text(page))
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
        page.locator("#f-förvaltning + button.tom").click()
        page.wait_for_function("() => window.remissgen.ctx.text().includes('förvaltning: \"\"\\n')")
        expect(field).to_have_value("")
        assert changed(case_text, _text(page)) == ([], ['förvaltning: ""'])
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
        notice = page.locator("#formular-las")
        expect(notice).to_be_visible()
        expect(notice.locator("li")).to_have_count(1)  # the problems are listed in the form
        expect(notice.locator("li")).to_contain_text("rad 8")
        expect(notice.locator("li")).to_contain_text("okänd nyckel 'rubrk'")
        expect(page.locator("#f-sammanträde")).to_be_disabled()  # inside the disabled fieldset
        expect(page.locator("#f-sammanträde")).to_have_value("2021-12-16")
        expect(page.locator("#f-nämnd")).to_have_value("Södermalms stadsdelsnämnd")
        page.evaluate("""() => { const c = window.remissgen.ctx;  // still invalid: last values
            c.setText(c.text().replace('nämnd: Södermalms stadsdelsnämnd', 'nämnd: Ny nämnd')); }""")
        expect(notice.locator("li")).to_contain_text("okänd nyckel 'rubrk'")
        expect(page.locator("#f-nämnd")).to_have_value("Södermalms stadsdelsnämnd")
        expect(page.locator("#f-nämnd")).to_be_disabled()
        page.evaluate("""() => { const c = window.remissgen.ctx;
            c.setText(c.text().replace('sammanträde: 2021-12-16', 'sammanträde: 2021-13-45')
                      .replace('\\nrubrk: x', '')); }""")
        expect(page.locator("#f-sammanträde-problem")).to_contain_text("rad 8")
        expect(page.locator("#f-sammanträde")).to_have_attribute("aria-invalid", "true")
        page.context.close()


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def _apart(a: dict[str, float], b: dict[str, float]) -> bool:
    """Return whether two boxes do not overlap."""
    return (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
            or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def _inside(box: dict[str, float], width: int, height: int) -> bool:
    return (box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width + 0.5
            and box["y"] + box["height"] <= height + 0.5 and box["width"] > 200
            and box["height"] > 200)


def test_the_text_and_the_form_are_in_view_together_on_a_1366_screen(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    with serve(tmp_path) as served:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(e))
        page.goto(served.running.url)
        expect(page.locator("body")).to_have_attribute("data-klar", "ja", timeout=20_000)
        page.get_by_role("tab", name="Uppgifter").click()
        text, panel = page.locator("#editor .cm-content"), page.locator("#panel-uppgifter")
        expect(text).to_be_visible()
        expect(page.locator("#f-sammanträde")).to_be_visible()
        editor, form_box = _box(page, "#editor"), _box(page, "#panel-uppgifter")
        assert _apart(editor, form_box), (editor, form_box)
        assert _inside(editor, 1366, 768) and _inside(form_box, 1366, 768), (editor, form_box)
        field = _box(page, "#f-sammanträde")
        assert field["y"] + field["height"] <= 768 and field["x"] >= form_box["x"]
        # typed in the text, seen in the form, with both in view
        page.locator(".cm-line", has_text="sammanträde: 2021-12-16").click()
        page.keyboard.press("End")
        page.keyboard.press("Backspace")
        page.keyboard.type("7")
        expect(page.locator("#f-sammanträde")).to_have_value("2021-12-17")
        expect(panel).to_be_visible()
        # the document is a tab away, and the text stays in view when it is shown
        page.get_by_role("tab", name="Förhandsvisning").click()
        expect(page.locator("#forhandsvisning")).to_be_visible()
        expect(panel).to_be_hidden()
        assert _apart(_box(page, "#editor"), _box(page, "#panel-forhandsvisning"))
        # a wide screen: text, form and document in three columns, no tabs
        page.set_viewport_size({"width": 1920, "height": 1080})
        expect(page.locator("#flikar")).to_be_hidden()
        expect(panel).to_be_visible()
        boxes = [_box(page, s) for s in ("#editor", "#panel-uppgifter", "#panel-forhandsvisning")]
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"], boxes
        assert all(_inside(b, 1920, 1080) for b in boxes), boxes
        assert _apart(boxes[0], boxes[1]) and _apart(boxes[1], boxes[2])
        # a narrow one: the text above the panels
        page.set_viewport_size({"width": 800, "height": 900})
        expect(page.locator("#flikar")).to_be_visible()
        editor, shown = _box(page, "#editor"), _box(page, "#paneler")
        assert editor["y"] + editor["height"] <= shown["y"], (editor, shown)
        context.close()


def test_a_yes_no_field_is_a_ja_nej_choice_that_writes_what_the_contract_reads(
        browser: Browser, tmp_path: Path, errors: list[Any]) -> None:
    with serve(tmp_path) as served:
        page = _open(browser, served, errors)
        choice = page.locator("#f-sidfot_bara_första_sidan")
        assert choice.evaluate("el => el.tagName") == "SELECT"
        assert choice.locator("option").all_inner_texts() == ["(inte angivet)", "ja", "nej"]
        expect(choice).to_have_value("nej")  # left out: the default is used
        expect(page.locator("#f-sidfot_bara_första_sidan-ursprung")).to_have_text("härleds")
        choice.select_option("ja")
        page.wait_for_function(
            "() => window.remissgen.ctx.text().includes('sidfot_bara_första_sidan: ja\\n')")
        assert changed(SEED, _text(page)) == ([], ["sidfot_bara_första_sidan: ja"])
        expect(page.locator("#f-sidfot_bara_första_sidan-ursprung")).to_be_hidden()
        case = tmp_path / "las.yaml"
        case.write_text(_text(page), encoding="utf-8")
        assert load(case).case.sidfot_bara_första_sidan is True
        choice.select_option("nej")
        page.wait_for_function(
            "() => window.remissgen.ctx.text().includes('sidfot_bara_första_sidan: nej\\n')")
        case.write_text(_text(page), encoding="utf-8")
        assert load(case).case.sidfot_bara_första_sidan is False
        expect(page.locator("#inaktuell")).to_be_hidden()  # the contract takes it: no problem
        choice.select_option("")  # not given: the line goes, the default is used again
        page.wait_for_function(
            "() => !window.remissgen.ctx.text().includes('sidfot_bara_första_sidan')")
        assert _text(page) == SEED
        expect(page.locator("#f-sidfot_bara_första_sidan-ursprung")).to_have_text("härleds")
        page.context.close()


def test_the_form_is_the_field_table(tmp_path: Path) -> None:
    described = form.fields()
    assert [f["key"] for f in described] == [f.key for f in CASE.children]
    kinds = {f["key"]: f["kind"] for f in described}
    assert kinds["sammanträde"] == "datum" and kinds["ärendet"] == "långtext"
    assert kinds["underskrifter"] == "grupplista" and kinds["bilagor"] == "textlista"
    assert kinds["handläggare"] == "grupp" and kinds["sidfot_bara_första_sidan"] == "janej"
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
        # the check the page makes on each edit carries the same, so one request serves all
        status, _, body = served.request("POST", "/api/kontrollera", json.dumps(
            {"text": SEED}).encode(), served.own(**{"Content-Type": "application/json"}))
        assert status == 200 and json.loads(body)["formular"] == data
        broken = SEED.replace("sammanträde: 2021-12-16", "sammanträde: 2021-13-45")
        status, _, body = served.request("POST", "/api/kontrollera", json.dumps(
            {"text": broken}).encode(), served.own(**{"Content-Type": "application/json"}))
        checked = json.loads(body)
        assert checked["docx"] is None and checked["problems"]
        assert checked["formular"]["giltig"] is False
        assert {"path": ["sammanträde"], "first": 8, "last": 8} in checked["formular"]["places"]
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
