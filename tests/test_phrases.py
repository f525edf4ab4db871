"""Each derived Swedish phrase, with its edge cases (remissgen/remissvar/fraser.j2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from remissgen.remissvar.model import Behandlat, Motionär
from remissgen.remissvar.phrases import phrases

P = phrases()
D = dt.date


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A och B"), (["A", "B", "C"], "A, B och C"),
    (["stadsledningskontoret", "Famna", "Situation Sthlm", "Yallatrappan Rinkeby"],
     "stadsledningskontoret, Famna, Situation Sthlm och Yallatrappan Rinkeby"),
])
def test_lista(items: list[str], expected: str) -> None:
    assert P.lista(items) == expected


@pytest.mark.parametrize(("day", "expected"), [
    (D(2021, 12, 6), "6 december 2021"), (D(2022, 1, 1), "1 januari 2022"),
    (D(2024, 2, 29), "29 februari 2024"), (D(2023, 5, 17), "17 maj 2023"),
])
def test_långt_datum_has_no_leading_zero_and_lower_case_month(day: dt.date, expected: str) -> None:
    assert P.långt_datum(day) == expected


@pytest.mark.parametrize(("nämnd", "expected"), [
    ("Södermalms stadsdelsnämnd", "Stadsdelsnämnden"), ("Socialnämnd", "Socialnämnden"),
    ("Socialnämnden", "Socialnämnden"), ("Spånga-Tensta stadsdelsnämnd", "Stadsdelsnämnden"),
    ("Kommunstyrelsen", "Kommunstyrelsen"), ("Arbetsmarknadsnämnden", "Arbetsmarknadsnämnden"),
    # contract 1.1: a name already in definite form is its own short name
    ("Kultur- och fritidsnämnden", "Kultur- och fritidsnämnden"),
    ("Nämnden för arbetsmarknad", "Nämnden för arbetsmarknad"),
    ("nämnden för idrott", "Nämnden för idrott"),
    ("Kultur- och fritidsnämnd", ""), ("Region Stockholm", ""),
])
def test_kort_nämnd(nämnd: str, expected: str) -> None:
    assert P.kort_nämnd(nämnd) == expected


def test_behandlat_one_council() -> None:
    assert P.behandlat([Behandlat("pensionärsrådet", D(2021, 12, 6))]) == (
        "Ärendet har behandlats i pensionärsrådet den 6 december 2021.")


def test_behandlat_groups_by_date_in_date_order_whatever_the_given_order() -> None:
    given = [Behandlat("rådet för funktionshinderfrågor", D(2021, 12, 7)),
             Behandlat("förvaltningsgruppen", D(2021, 12, 6)),
             Behandlat("pensionärsrådet", D(2021, 12, 6))]
    assert P.behandlat(given) == (
        "Ärendet har behandlats i förvaltningsgruppen och pensionärsrådet den 6 december "
        "och i rådet för funktionshinderfrågor den 7 december 2021.")


def test_behandlat_three_dates_join_as_a_list() -> None:
    given = [Behandlat("a", D(2021, 3, 1)), Behandlat("b", D(2021, 2, 1)),
             Behandlat("c", D(2021, 1, 1)), Behandlat("d", D(2021, 1, 1))]
    assert P.behandlat(given) == (
        "Ärendet har behandlats i c och d den 1 januari, i b den 1 februari "
        "och i a den 1 mars 2021.")


def test_behandlat_across_years_carries_every_year() -> None:
    given = [Behandlat("pensionärsrådet", D(2022, 1, 10)),
             Behandlat("förvaltningsgruppen", D(2021, 12, 20))]
    assert P.behandlat(given) == (
        "Ärendet har behandlats i förvaltningsgruppen den 20 december 2021 och i "
        "pensionärsrådet den 10 januari 2022.")


def test_behandlat_several_on_one_date_only() -> None:
    given = [Behandlat("x", D(2021, 12, 6)), Behandlat("y", D(2021, 12, 6)),
             Behandlat("z", D(2021, 12, 6))]
    assert P.behandlat(given) == "Ärendet har behandlats i x, y och z den 6 december 2021."


def _bakgrund(ärende: str, motionärer: list[Motionär], även_till: list[str]) -> str:
    return P.standardbakgrund("Stadsdelsnämnden", "kommunstyrelsen", ärende, motionärer,
                              även_till)


def test_bakgrund_motion_becomes_en_motion_and_names_authors() -> None:
    text = _bakgrund("Motion om att X", [Motionär("Salar Rashid", "S")], [])
    assert text == ("Stadsdelsnämnden har på remiss från kommunstyrelsen fått en motion om att "
                    "X. Motionen är skriven av Salar Rashid (S).")


def test_bakgrund_several_authors_and_även_till_as_second_paragraph() -> None:
    text = _bakgrund("Motion om Y", [Motionär("A", "S"), Motionär("B", "M"), Motionär("C")],
                     ["x", "y"])
    first, second = text.split("\n\n")
    assert first.endswith("fått en motion om Y. Motionen är skriven av A (S), B (M) och C.")
    assert second == "Ärendet har dessutom remitterats till x och y."


def test_bakgrund_other_ärende_is_kept_and_motionen_is_not_motion() -> None:
    assert _bakgrund("Förslag till budget", [], []).endswith("fått Förslag till budget.")
    assert _bakgrund("Motionen om Z", [], []).endswith("fått Motionen om Z.")
    assert _bakgrund("Motion", [], []).endswith("fått en motion.")


@pytest.mark.parametrize(("från", "kommun", "names"), [
    ("kommunstyrelsen i Ekby kommun", "Ekby kommun", True),
    ("Ekby kommuns kommunstyrelse", "Ekby kommun", True),
    ("kommunstyrelsen i ekby kommun", "Ekby kommun", True),
    ("kommunstyrelsen", "Ekby kommun", False),
    ("Ekby kommunstyrelse", "Ekby kommun", False),
    ("kommunstyrelsen i Stockholms stad", "Stockholms stad", True),
    ("kommunstyrelsen", "", False),
])
def test_names_kommun(från: str, kommun: str, names: bool) -> None:
    from remissgen.remissvar.phrases import names_kommun

    assert names_kommun(från, kommun) is names


@pytest.mark.parametrize(("points", "expected"), [
    (["Nämnden tillstyrker motionen."], "Nämnden tillstyrker motionen."),
    (["Ett.", "Två."], ""),
])
def test_standardavslutning_is_the_decision_of_one_point_and_none_for_several(
        points: list[str], expected: str) -> None:
    assert P.standardavslutning(points) == expected


@pytest.mark.parametrize(("kommun", "dnr", "expected"), [
    ("Stockholms stad", "2021/817",
     "Svar på remiss från kommunstyrelsen Stockholms stad (2021/817)"),
    ("", "2021/817", "Svar på remiss från kommunstyrelsen (2021/817)"),
    ("Stockholms stad", "", "Svar på remiss från kommunstyrelsen Stockholms stad"),
    ("", "", "Svar på remiss från kommunstyrelsen"),
])
def test_underrubrik_leaves_out_missing_parts(kommun: str, dnr: str, expected: str) -> None:
    assert P.standardunderrubrik("kommunstyrelsen", kommun, dnr) == expected


def test_title_decision_expedieras_and_bilaga_label() -> None:
    assert P.standardrubrik("Motion om X") == "Remiss av Motion om X"
    assert P.beslut("Socialnämnden") == (
        "Socialnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.")
    assert P.expedieras("kommunstyrelsen") == "Kommunstyrelsen"
    assert P.expedieras("Region Stockholm") == "Region Stockholm"
    assert (P.etikett_bilagor(1), P.etikett_bilagor(2), P.etikett_bilagor(5)) == (
        "Bilaga", "Bilagor", "Bilagor")


def test_jinja_loops_and_set_in_a_text_field(tmp_path: Path) -> None:
    from remissgen import pipeline

    from .conftest import SEED_CASE

    text = Path(SEED_CASE).read_text(encoding="utf-8").replace(
        "ärendet: |\n", "ärendet: |\n  {% set n = remiss.även_till | length %}Mottagare ({{ n }}):"
        " {% for x in remiss.även_till[:2] %}{{ loop.index }}. {{ x }} {% endfor %}\n\n", 1)
    case = tmp_path / "fall.yaml"
    case.write_text(text, encoding="utf-8")
    loaded = pipeline.load(case)
    assert loaded.case.ärendet.startswith(
        "Mottagare (11): 1. stadsledningskontoret 2. arbetsmarknadsnämnden")
