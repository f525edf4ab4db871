"""Form edits: only the edited value's lines change, and the text reads back as intended."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import source, textedit
from remissgen.textedit import EditError

from .conftest import SEED_CASE, Result, build, changed

SEED = SEED_CASE.read_text(encoding="utf-8")


def test_changing_sammantrade_changes_exactly_one_line() -> None:
    new = textedit.set_value(SEED, ("sammanträde",), "2022-01-20")
    assert changed(SEED, new) == (["sammanträde: 2021-12-16"], ["sammanträde: 2022-01-20"])
    assert len(new.splitlines()) == len(SEED.splitlines())


def test_adding_a_motionar_adds_exactly_its_lines() -> None:
    new = textedit.insert_item(SEED, ("remiss", "motionärer"), 1,
                               {"namn": "Anna Berg", "parti": "V"})
    assert changed(SEED, new) == ([], ["    - namn: Anna Berg", "      parti: V"])
    data = textedit.read(new)
    assert isinstance(data, dict) and isinstance(data["remiss"], dict)
    assert data["remiss"]["motionärer"] == [{"namn": "Salar Rashid", "parti": "S"},
                                            {"namn": "Anna Berg", "parti": "V"}]


def test_a_value_with_a_colon_comes_out_quoted_and_reads_back_equal(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    new = textedit.set_value(SEED, ("sidfot", 1), "Besöksadress: Götgatan 1")
    removed, added = changed(SEED, new)
    assert added == ['  - "Besöksadress: Götgatan 1"'] and len(removed) == 1
    root = source.parse(new, "f.yaml").root
    assert isinstance(root, source.Mapping)
    sidfot = root.get("sidfot")
    assert isinstance(sidfot, source.Sequence)
    assert isinstance(sidfot.items[1], source.Scalar)
    assert sidfot.items[1].value == "Besöksadress: Götgatan 1"
    case = tmp_path / "ärende.yaml"
    case.write_text(new, encoding="utf-8")
    document = build(run, case, tmp_path / "ärende.docx")
    footer = document.sections[0].first_page_footer.part.element.xml + \
        document.sections[0].footer.part.element.xml
    assert "Besöksadress: Götgatan 1" in re.sub(r"<[^>]+>", "", footer)


@pytest.mark.parametrize("value", ["a: b", "#1F6E43", "- punkt", "yes", "no", "NO", "on",
                                   "0712", "1:30", "null", "~", "{{ x }}", "[a]", "'citat'",
                                   "0o17", " inledande", "slut ", "", "@x", "`x", "%x", "!x",
                                   "&x", "*x", "x #y", ">x", "|x", "?", "3.5", "1e3"])
def test_values_yaml_would_misread_are_quoted_and_read_back(value: str) -> None:
    new = textedit.set_value(SEED, ("remiss", "ärende"), value)
    assert changed(SEED, new)[1] == [f"  ärende: {textedit.scalar(value)}"]
    assert textedit.scalar(value).startswith('"')
    data = textedit.read(new)
    assert isinstance(data, dict) and isinstance(data["remiss"], dict)
    assert data["remiss"]["ärende"] == value


@pytest.mark.parametrize("value", ["Stockholms stad", "2021-12-16", "08-508 121 92",
                                   "SÖD 2021/1234", "kommunstyrelsen", "Åsa Öberg (S)",
                                   "tab\there", 'säger "hej"', "back\\slash"])
def test_ordinary_values_stay_plain(value: str) -> None:
    assert textedit.scalar(value) == value


def test_a_trailing_comment_stays_and_a_fyll_i_mark_goes() -> None:
    text = "sammanträde: 2025-02-20  # FYLL I\ndatum: 2025-02-01  # egen kommentar\n"
    new = textedit.set_value(text, ("sammanträde",), "2025-03-01")
    new = textedit.set_value(new, ("datum",), "2025-02-02")
    assert new == "sammanträde: 2025-03-01\ndatum: 2025-02-02  # egen kommentar\n"


def test_a_long_text_becomes_a_block_and_the_comments_around_it_stay() -> None:
    new = textedit.set_value(SEED, ("synpunkter",), "Första stycket.\n\nAndra stycket.\n")
    removed, added = changed(SEED, new)
    assert added == ["  Första stycket.", "  Andra stycket."]
    assert all(not line.startswith("#") for line in removed)
    data = textedit.read(new)
    assert isinstance(data, dict)
    assert data["synpunkter"] == "Första stycket.\n\nAndra stycket.\n"


def test_a_missing_key_is_added_where_the_order_puts_it() -> None:
    text = "# överst\nnämnd: N\n\n# om remissen\nremiss:\n  från: ks\n"
    order = {(): ["nämnd", "sammanträde", "remiss"], ("remiss",): ["från", "diarienummer"]}
    new = textedit.set_value(text, ("sammanträde",), "2025-01-01", order=lambda p: order[p])
    assert new == ("# överst\nnämnd: N\nsammanträde: 2025-01-01\n\n# om remissen\n"
                   "remiss:\n  från: ks\n")
    new = textedit.set_value(new, ("remiss", "diarienummer"), "KS 1",
                             order=lambda p: order[p])
    assert new.endswith("remiss:\n  från: ks\n  diarienummer: KS 1\n")


def test_missing_parents_are_created() -> None:
    new = textedit.set_value("nämnd: N\n", ("handläggare", "namn"), "Anna")
    assert new == "nämnd: N\nhandläggare:\n  namn: Anna\n"
    new = textedit.set_value("nämnd: N\nhandläggare:\n", ("handläggare", "namn"), "Anna")
    assert new == "nämnd: N\nhandläggare:\n  namn: Anna\n"


def test_a_list_is_created_when_missing_or_empty() -> None:
    assert textedit.insert_item("a: x\n", ("bilagor",), 0, "Motion") == \
        "a: x\nbilagor:\n  - Motion\n"
    assert textedit.insert_item("bilagor: []\nb: y\n", ("bilagor",), 0, "Motion") == \
        "bilagor:\n  - Motion\nb: y\n"


def test_removing_items_and_keys_deletes_their_lines_only() -> None:
    new = textedit.remove(SEED, ("remiss", "även_till", 2))
    assert changed(SEED, new) == (["    - socialnämnden"], [])
    new = textedit.remove(SEED, ("handläggare", "telefon"))
    assert changed(SEED, new) == (["  telefon: 08-508 121 92"], [])
    last = textedit.remove("bilagor:\n  - a\nb: c\n", ("bilagor", 0))
    assert last == "bilagor: []\nb: c\n"


def test_removing_the_first_key_of_an_item_moves_the_dash() -> None:
    new = textedit.remove(SEED, ("underskrifter", 0, "namn"))
    data = textedit.read(new)
    assert isinstance(data, dict) and isinstance(data["underskrifter"], list)
    assert data["underskrifter"][0] == {"titel": "Stadsdelsdirektör"}


def test_moving_an_item_keeps_the_other_lines() -> None:
    new = textedit.move_item(SEED, ("remiss", "även_till"), 0, 2)
    data = textedit.read(new)
    assert isinstance(data, dict) and isinstance(data["remiss"], dict)
    assert isinstance(data["remiss"]["även_till"], list)
    assert data["remiss"]["även_till"][:3] == ["arbetsmarknadsnämnden", "socialnämnden",
                                              "stadsledningskontoret"]
    assert sorted(new.splitlines()) == sorted(SEED.splitlines())


def test_flow_lists_are_rewritten_in_block_style() -> None:
    new = textedit.insert_item("bilagor: [a, b]\nx: y\n", ("bilagor",), 1, "c")
    assert new == "bilagor:\n  - a\n  - c\n  - b\nx: y\n"


def test_crlf_line_endings_are_kept() -> None:
    new = textedit.set_value("a: x\r\nb: y\r\n", ("b",), "z")
    assert new == "a: x\r\nb: z\r\n"


def test_invalid_text_and_wrong_paths_are_refused() -> None:
    with pytest.raises(EditError):
        textedit.set_value("a: [\n", ("a",), "x")
    with pytest.raises(EditError):
        textedit.remove(SEED, ("finns_inte",))
    with pytest.raises(EditError):
        textedit.move_item(SEED, ("remiss", "även_till"), 99, 0)


_TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
                 max_size=30)


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(_TEXTS, st.lists(_TEXTS, max_size=3).map("\n".join)),
       where=st.sampled_from([("remiss", "ärende"), ("sidfot", 0), ("remiss", "motionärer", 0,
                                                                       "parti"), ("nytt",)]))
def test_any_text_set_anywhere_reads_back_and_the_rest_is_unchanged(
        value: str, where: tuple[str | int, ...]) -> None:
    new = textedit.set_value(SEED, where, value)
    data, old = textedit.read(new), textedit.read(SEED)
    node: object = data
    for part in where:
        node = node[part]  # type: ignore[index]
    assert node == value
    assert isinstance(data, dict) and isinstance(old, dict)
    assert {k: v for k, v in data.items() if k != where[0]} == \
        {k: v for k, v in old.items() if k != where[0]}
