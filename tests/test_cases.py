"""Cases other than the seed: each exercises contract fields the seed leaves out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from .accessibility import check_accessibility
from .conftest import CASES, Result, W, body_paragraphs, build, case_copy


def _styles(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.fixture
def social(tmp_path: Path, run: Callable[..., Result]) -> tuple[Path, docx.document.Document]:
    out = tmp_path / "social.docx"
    return out, build(run, case_copy("socialnamnden.yaml", tmp_path), out)


def test_fackförvaltning_with_definite_nämnd_and_several_parties(
        social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    paragraphs = body_paragraphs(document)
    assert paragraphs[:7] == ["Handläggare", "Åsa Öberg", "Telefon: 0850825000",
                              "E-post: asa.oberg@stockholm.se", "Till", "Socialnämnden",
                              "25 januari 2022"]
    assert ("Socialnämnden har på remiss från kommunstyrelsen fått en motion om fler "
            "härbärgesplatser för hemlösa kvinnor. Motionen är skriven av Karin Ek (V), "
            "Per Nilsson (NO) och Lisa Holm.") in paragraphs
    assert ("Ärendet har dessutom remitterats till stadsledningskontoret och Stockholms "
            "Stadsmission.") in paragraphs
    assert "Svar på remiss från kommunstyrelsen Stockholms stad (0712)" in paragraphs


def test_beredning_across_a_new_year_carries_every_year(
        social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    assert ("Ärendet har beretts inom avdelningen för stöd och utveckling. Ärendet har "
            "behandlats i förvaltningsgruppen den 20 december 2021 och i rådet för "
            "funktionshinderfrågor och pensionärsrådet den 12 januari 2022."
            ) in body_paragraphs(document)


def _numbering(paragraph: docx.text.paragraph.Paragraph) -> str | None:
    num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
    return None if num is None else num.get(f"{W}val")


def test_decision_points_and_lists_are_real_word_lists(
        social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    paras = document.paragraphs
    decision = [p for p in paras if p.text.startswith("Socialnämnden") and _numbering(p)]
    assert [p.text for p in decision[:2]] == [
        "Socialnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.",
        "Socialnämnden justerar paragrafen omedelbart."]
    assert all(p.style.name == "List Number" for p in decision[:2])
    bullets = [p for p in paras if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["inrättar 40 nya platser,",
                                         "ger Stadsmissionen ett utökat uppdrag, och",
                                         "följer upp arbetet 2023."]
    assert len({_numbering(p) for p in bullets}) == 1
    steps = [p for p in paras if p.text in ("kartlägga behovet,",
                                            "samverka med idéburna aktörer,",
                                            "återrapportera till nämnden.")]
    assert all(p.style.name == "List Number" for p in steps)
    # each numbered list is its own numbering instance restarting at 1
    lists = {_numbering(decision[0]), _numbering(steps[0])}
    assert len(lists) == 2
    numbering = document.part.numbering_part.element
    for num_id in lists:
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    text = next(p for p in paras if p.text.startswith("2021."))
    assert text.style.name == "Normal" and _numbering(text) is None
    assert text.text == "2021. var ett svårt år för målgruppen – det ska sägas."


def test_bold_and_italic_runs(social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    summary = next(p for p in document.paragraphs if p.text.startswith("Förvaltningen delar"))
    assert [(r.text, bool(r.bold)) for r in summary.runs if r.bold] == [("inte", True)]
    item = next(p for p in document.paragraphs if p.text.startswith("ger Stadsmissionen"))
    assert [r.text for r in item.runs if r.italic] == ["Stadsmissionen"]


def test_extra_sections_are_placed_after_their_heading_in_list_order(
        social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Förslag till beslut", "Sammanfattning", "Bakgrund",
                        "Jämställdhetsanalys", "Ärendets beredning", "Ärendet",
                        "Synpunkter och förslag", "Ekonomiska konsekvenser",
                        "Barnkonsekvensanalys"]


def test_several_bilagor_are_numbered_and_signature_alone(
        social: tuple[Path, docx.document.Document]) -> None:
    _, document = social
    paragraphs = body_paragraphs(document)
    i = paragraphs.index("Bilagor")
    assert paragraphs[i + 1:] == ["Motion om fler härbärgesplatser, Karin Ek (V) m.fl.",
                                  "Kartläggning av hemlösheten 2021"]
    items = [p for p in document.paragraphs if p.text.startswith(("Motion om fler", "Kartl"))]
    assert all(p.style.name == "List Number" and _numbering(p) for p in items)
    cells = document.tables[1].rows[0].cells
    assert [[p.text for p in c.paragraphs] for c in cells] == [["Kerstin Sund", "Socialdirektör"]]
    assert paragraphs[paragraphs.index("Expedieras till") + 1] == "Kommunstyrelsen"


def test_footer_and_logo_with_alt_text(social: tuple[Path, docx.document.Document]) -> None:
    path, document = social
    header = document.sections[0].header
    doc_pr = next(header._element.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert doc_pr.get("descr") == "Stockholms stad"
    assert len(header.part.package.image_parts) == 1
    assert document.sections[0].footer.paragraphs[0].text.split("\n") == [
        "Socialförvaltningen, Box 44, 104 20 Stockholm", "Besöksadress: Swedenborgsgatan 20",
        "stockholm.se"]
    assert check_accessibility(path) == []


def test_only_required_fields(tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "minimal.docx"
    document = build(run, CASES / "minimal.yaml", out)
    paragraphs = body_paragraphs(document)
    assert paragraphs[:5] == ["Handläggare", "Olle Berg", "Till", "Kulturnämnd", "14 mars 2023"]
    assert paragraphs[5:9] == [
        "Remiss av Förslag till ny kulturpolicy", "Svar på remiss från kommunstyrelsen",
        "Förslag till beslut",
        "Kulturnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen."]
    assert "Ärendets beredning" not in paragraphs
    assert ("Kulturnämnden har på remiss från kommunstyrelsen fått Förslag till ny "
            "kulturpolicy.") in paragraphs
    assert paragraphs[-3:] == ["Kommunstyrelsen", "Eva Lind", "Förvaltningschef"]
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert not any("Dnr" in t for t in header)
    assert all(t.strip() for t in header)
    assert check_accessibility(out) == []


def test_explicit_bakgrund_empty_avslutning_and_literal_characters(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "kultur.docx"
    document = build(run, CASES / "kultur-och-fritid.yaml", out)
    paragraphs = body_paragraphs(document)
    assert ("Regionen har tagit fram en kulturplan & skickat den på remiss till kommunerna "
            "i länet.") in paragraphs
    assert ("Nämnden ser positivt på planen – särskilt på ”Kultur för alla” och "
            "'läsfrämjande'. Tecken som <b>, &amp;, \"citat\", # och > står kvar."
            ) in paragraphs
    assert "Remiss av Remiss: Regional kulturplan 2025–2028" in paragraphs
    # avslutning "" : the last section is followed directly by Expedieras till
    i = paragraphs.index("Expedieras till")
    assert paragraphs[i - 1] == "Förvaltningen tillstyrker planen i sin helhet."
    assert paragraphs[i + 1] == "Regionstyrelsen"
    assert "Bilaga" in paragraphs and paragraphs[-1] == "Regional kulturplan 2025–2028"
    cells = document.tables[1].rows[0].cells
    assert [c.paragraphs[0].text for c in cells] == ["Jonas Ö. Lund", "Sara Al-Hassan",
                                                     "Björn Ås"]
    assert "Kultur- och fritidsnämnden överlämnar" in paragraphs[paragraphs.index(
        "Förslag till beslut") + 1]
    assert check_accessibility(out) == []


def test_an_extra_section_may_not_repeat_a_heading(tmp_path: Path,
                                                   run: Callable[..., Result]) -> None:
    case = tmp_path / "fall.yaml"
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    case.write_text(text + "avsnitt:\n  - rubrik: Ärendet\n    text: x\n    efter: Ärendet\n"
                    "  - rubrik: Extra\n    text: y\n  - rubrik: Extra\n    text: z\n"
                    "    efter: Extra\n", encoding="utf-8")
    lines = case.read_text(encoding="utf-8").splitlines()
    first = lines.index("  - rubrik: Ärendet") + 1
    second = len(lines) - 2
    result = run("bygg", case)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{case}:{first}:13: fel: det finns redan ett avsnitt med rubriken 'Ärendet'")
    assert f"{case}:{second}:13: fel: det finns redan ett avsnitt med rubriken 'Extra'" in result.err
    assert not case.with_suffix(".docx").exists()


def test_a_nämnd_the_short_name_rule_cannot_serve_asks_for_nämnd_kort(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    text = (CASES / "kultur-och-fritid.yaml").read_text(encoding="utf-8")
    case = tmp_path / "fall.yaml"
    case.write_text(text.replace("nämnd_kort: Kultur- och fritidsnämnden\n", "").replace(
        "nämnd: Kultur- och fritidsnämnden", "nämnd: Kultur- och fritidsnämnd"), encoding="utf-8")
    line = next(i for i, t in enumerate(case.read_text(encoding="utf-8").splitlines(), 1)
                if t.startswith("nämnd:"))
    result = run("kontrollera", case)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{case}:{line}:8: fel: remissgen kan inte bilda nämndens korta namn i löptext av "
        "'Kultur- och fritidsnämnd'",
        "    tips: ange det med nämnd_kort på en egen rad, till exempel 'nämnd_kort: Nämnden'"]


_DECISION = "Socialnämnden tillstyrker motionen."
_DEFAULT_CLOSING = "Kulturnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen."


@pytest.mark.parametrize(("extra", "closing"), [
    ("", _DEFAULT_CLOSING),  # no decision given: the default decision closes the document
    (f"förslag_till_beslut: {_DECISION}\n", _DECISION),  # one point: the decision itself
    (f"förslag_till_beslut:\n  - {_DECISION}\n", _DECISION),
    ("förslag_till_beslut:\n  - Ett beslut.\n  - Ett till.\n", None),  # several: no closing
    ("förslag_till_beslut: Ett beslut.\navslutning: Egen avslutning.\n", "Egen avslutning."),
])
def test_the_closing_follows_a_one_point_decision(
        tmp_path: Path, run: Callable[..., Result], extra: str, closing: str | None) -> None:
    """Contract 1.1: the default avslutning is the decision when it has one point, and no
    closing when it has several, so a document never prints two different decisions."""
    case = tmp_path / "fall.yaml"
    case.write_text((CASES / "minimal.yaml").read_text(encoding="utf-8") + extra,
                    encoding="utf-8")
    paragraphs = body_paragraphs(build(run, case, tmp_path / "ut.docx"))
    before = paragraphs[paragraphs.index("Expedieras till") - 1]
    if closing is None:
        assert before == "Förvaltningen har inga synpunkter utöver sammanfattningen."
    else:
        assert before == closing


@pytest.mark.parametrize(("från", "kommun", "subtitle"), [
    ("kommunstyrelsen i Ekby kommun", "Ekby kommun",
     "Svar på remiss från kommunstyrelsen i Ekby kommun (KS 2024/1)"),
    ("Ekby kommuns kommunstyrelse", "Ekby kommun",
     "Svar på remiss från Ekby kommuns kommunstyrelse (KS 2024/1)"),
    ("kommunstyrelsen", "Ekby kommun", "Svar på remiss från kommunstyrelsen Ekby kommun (KS 2024/1)"),
])
def test_the_subtitle_does_not_repeat_the_kommun_that_från_names(
        tmp_path: Path, run: Callable[..., Result], från: str, kommun: str, subtitle: str) -> None:
    case = tmp_path / "fall.yaml"
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "  från: kommunstyrelsen", f"  från: {från}\n  diarienummer: KS 2024/1")
    case.write_text(f"kommun: {kommun}\n" + text, encoding="utf-8")
    paragraphs = body_paragraphs(build(run, case, tmp_path / "ut.docx"))
    assert paragraphs[paragraphs.index("Remiss av Förslag till ny kulturpolicy") + 1] == subtitle


@pytest.mark.parametrize("nämnd", ["Kultur- och fritidsnämnden", "Nämnden för arbetsmarknad"])
def test_a_definite_nämnd_name_is_its_own_short_name(
        tmp_path: Path, run: Callable[..., Result], nämnd: str) -> None:
    case = tmp_path / "fall.yaml"
    case.write_text((CASES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "nämnd: Kulturnämnd", f"nämnd: {nämnd}"), encoding="utf-8")
    assert run("kontrollera", case).code == 0
    paragraphs = body_paragraphs(build(run, case, tmp_path / "ut.docx"))
    assert f"{nämnd} överlämnar förvaltningens tjänsteutlåtande som svar på remissen." in paragraphs
    assert any(p.startswith(f"{nämnd} har på remiss från kommunstyrelsen") for p in paragraphs)


def test_an_empty_beredning_gives_no_empty_section(tmp_path: Path,
                                                   run: Callable[..., Result]) -> None:
    case = tmp_path / "fall.yaml"
    case.write_text((CASES / "minimal.yaml").read_text(encoding="utf-8") + "beredning: {}\n",
                    encoding="utf-8")
    document = build(run, case, tmp_path / "ut.docx")
    assert "Ärendets beredning" not in body_paragraphs(document)


def test_phrase_problems_come_with_the_other_problems_of_the_file(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    text = (CASES / "kultur-och-fritid.yaml").read_text(encoding="utf-8")
    text = text.replace("nämnd_kort: Kultur- och fritidsnämnden\n", "")
    text = text.replace("nämnd: Kultur- och fritidsnämnden", "nämnd: Kultur- och fritidsnämnd")
    text = text.replace("sammanträde: 2024-02-08", "sammanträde: 2024-02-30")
    text += "avsnitt:\n  - rubrik: Ekonomi\n    text: x\n    efter: Synpunkter\n"
    case = tmp_path / "fall.yaml"
    case.write_text(text, encoding="utf-8")
    result = run("kontrollera", case)
    assert result.code == 1
    messages = [line for line in result.err.splitlines() if ": fel: " in line]
    assert len(messages) == 3, result.err
    assert "korta namn" in messages[0]  # in file order: nämnd, sammanträde, avsnitt
    assert "datumet '2024-02-30' finns inte" in messages[1]
    assert "Menade du 'Synpunkter och förslag'?" in messages[2]
