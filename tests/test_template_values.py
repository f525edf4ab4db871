"""Jinja values in a Word template's own placeholders behave as in text fields: `lista` and
`stor_bokstav` give Swedish text, and a group or a list that would print as a Python repr is
a located Swedish error naming the part and the placeholder; nothing is written."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import CASES, SEED_CASE, Result, build, case_copy
from .test_templates import BUILTINS, copy_builtin, edit

REPR = re.compile(r"[\[{(]\s*'[^'<>]*'\s*[,:\]})]|\{\{|\{%")
"""What a dict's, a list's or a tuple's repr looks like, or a placeholder left unfilled."""

HEADER, FOOTER = "word/header1.xml", "word/footer1.xml"
SLOT = {HEADER: "{{ avdelning }}", FOOTER: '{{ sidfot|join("\\n") }}'}
"""The placeholder of the built-in stockholm replaced in each part (header paragraph 3,
footer paragraph 1)."""
PLACE = {HEADER: "sidhuvudet, stycke 3", FOOTER: "sidfoten, stycke 1"}


def _case(folder: Path, template: str | None = None) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["remiss"]["motionärer"] = [{"namn": "Anna Berg", "parti": "C"},
                                    {"namn": "Johan Lind", "parti": "V"}]
    data["remiss"]["från"] = "kommunstyrelsen i Ekby kommun"
    data["underskrifter"] = [{"namn": "Eva Lind", "titel": "Förvaltningschef"},
                             {"namn": "Per Holm", "titel": "Avdelningschef"}]
    if template:
        data["mall"] = template
    path = folder / "fall.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _template(run: Callable[..., Result], folder: Path, part: str, placeholder: str) -> Path:
    template = copy_builtin(run, "stockholm", folder / "egen.docx")
    edit(template, part, lambda xml: xml.replace(SLOT[part], placeholder.replace(
        "&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), 1))
    return template


def _texts(path: Path) -> dict[str, str]:
    """Return the text of every part a reader sees: body, headers, footers, properties."""
    with zipfile.ZipFile(path) as zf:
        return {name: re.sub(r"<[^>]+>", " ", zf.read(name).decode("utf-8"))
                for name in zf.namelist()
                if re.fullmatch(r"word/(document|header.*|footer.*)\.xml|docProps/\w+\.xml", name)}


def _no_repr(path: Path) -> None:
    found = {name: REPR.findall(text) for name, text in _texts(path).items()}
    assert not {name: hits for name, hits in found.items() if hits}
    assert {"docProps/core.xml", "docProps/custom.xml", "word/document.xml"} <= set(found)


FILLED = [
    pytest.param(HEADER, "{{ remiss.motionärer | lista }}", "Anna Berg (C) och Johan Lind (V)",
                 id="lista-motionärer"),
    pytest.param(HEADER, "{{ remiss.från | stor_bokstav }}", "Kommunstyrelsen i Ekby kommun",
                 id="stor_bokstav"),
    pytest.param(FOOTER, '{{ underskrifter | join(", ", attribute="namn") }}',
                 "Eva Lind, Per Holm", id="join-ett-fält"),
    pytest.param(FOOTER, "{% for u in underskrifter %}{{ u.namn }} ({{ u.titel }}) "
                 "{% endfor %}", "Eva Lind (Förvaltningschef) Per Holm (Avdelningschef)",
                 id="loop-fält"),
    pytest.param(HEADER, "{{ expedieras_till | lista }}", "kommunstyrelsen",
                 id="lista-text"),
    pytest.param(HEADER, '{{ remiss.motionärer | lista | egenskap("Motionärer") }}',
                 "Anna Berg (C) och Johan Lind (V)", id="lista-egenskap"),
]


@pytest.mark.parametrize(("part", "placeholder", "expected"), FILLED)
def test_lista_and_stor_bokstav_fill_a_templates_placeholders_as_text(
        run: Callable[..., Result], tmp_path: Path, part: str, placeholder: str,
        expected: str) -> None:
    template = _template(run, tmp_path, part, placeholder)
    assert run("mall", "kontrollera", template).code == 0
    case = _case(tmp_path, "egen.docx")
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["expedieras_till"] = ["kommunstyrelsen"]
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "ut.docx"
    document = build(run, case, out)
    section = document.sections[0]
    texts = [p.text for p in (section.header if part == HEADER else section.footer).paragraphs]
    assert any(expected in t for t in texts), texts
    _no_repr(out)


REFUSED = [  # part, placeholder, name, kind, tip; `static`: mall kontrollera finds it too
    pytest.param(HEADER, "{{ remiss.motionärer }}", "remiss.motionärer", "en lista med grupper",
                 "skriv {{ remiss.motionärer | lista }}, så blir det 'A, B och C'", True,
                 id="motionärer"),
    pytest.param(HEADER, "{{ underskrifter }}", "underskrifter", "en lista med grupper",
                 "{{ underskrifter[0].namn }}", True, id="underskrifter"),
    pytest.param(FOOTER, "{{ underskrifter | lista }}", "underskrifter", "en lista med grupper",
                 "{{ underskrifter[0].namn }}", True, id="underskrifter-lista"),
    pytest.param(HEADER, "{{ handläggare }}", "handläggare", "en grupp av fält",
                 "{{ handläggare.namn }}", True, id="handläggare"),
    pytest.param(HEADER, "{{ handläggare | stor_bokstav }}", "handläggare", "en grupp av fält",
                 "{{ handläggare.namn }}", True, id="stor_bokstav-grupp"),
    pytest.param(FOOTER, "{{ förslag_till_beslut }}", "förslag_till_beslut", "en lista",
                 "{{ förslag_till_beslut | lista }}", True, id="text-lista"),
    pytest.param(HEADER, '{{ remiss.motionärer | egenskap("Motionärer") }}',
                 "remiss.motionärer", "en lista med grupper", "| lista }}", True,
                 id="egenskap"),
    pytest.param(HEADER, '{{ underskrifter | join(", ") }}', "underskrifter",
                 "en lista med grupper", "{{ underskrifter[0].namn }}", True, id="join"),
    pytest.param(HEADER, "{{ remiss | string }}", "remiss", "en grupp av fält",
                 "{{ remiss.", True, id="string"),
    pytest.param(FOOTER, "{% for u in underskrifter %}{{ u }}{% endfor %}", "underskrifter[0]",
                 "en grupp av fält", "{{ underskrifter[0].namn }}", False, id="loop"),
    pytest.param(HEADER, "{{ (remiss.motionärer, 1)[0] }}", "remiss.motionärer",
                 "en lista med grupper", "| lista }}", False, id="uträknat"),
]


@pytest.mark.parametrize(("part", "placeholder", "name", "kind", "tip", "static"), REFUSED)
def test_a_group_or_list_in_a_placeholder_is_a_located_error_and_nothing_is_written(
        run: Callable[..., Result], tmp_path: Path, part: str, placeholder: str, name: str,
        kind: str, tip: str, static: bool) -> None:
    template = _template(run, tmp_path, part, placeholder)
    out = tmp_path / "ut.docx"
    result = run("bygg", _case(tmp_path, "egen.docx"), "-o", out)
    assert result.code == 1 and not out.exists()
    assert result.out == ""
    lines = result.err.splitlines()
    expected = (f"fel: {PLACE[part]}: platshållaren skriver ut {name}, som är {kind} och "
                "inte blir text")
    where = next(i for i, line in enumerate(lines) if line.endswith(expected))
    assert re.fullmatch(rf"{re.escape(str(template))}:{PLACE[part][-1]}:\d+: {re.escape(expected)}",
                        lines[where]), lines[where]
    assert lines[where + 1].startswith("    tips: ") and tip in lines[where + 1]
    assert not REPR.search(result.err.replace("{{", "").replace("{%", "")), result.err
    assert "Traceback" not in result.err and "'namn':" not in result.err
    checked = run("mall", "kontrollera", template)
    assert (checked.code == 1 and expected in checked.err) if static else checked.code == 0


@pytest.mark.parametrize("template", BUILTINS)
@pytest.mark.parametrize("name", ["seed", "minimal", "socialnamnden", "kultur-och-fritid"])
def test_no_python_repr_in_any_part_of_a_built_document(
        run: Callable[..., Result], tmp_path: Path, template: str, name: str) -> None:
    case = (tmp_path / "fall.yaml") if name == "seed" else case_copy(f"{name}.yaml", tmp_path)
    if name == "seed":
        case.write_text(SEED_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    case.write_text(case.read_text(encoding="utf-8") + f"\nmall: {template}\n",
                    encoding="utf-8")
    out = tmp_path / "ut.docx"
    build(run, case, out)
    _no_repr(out)


def test_a_placeholder_that_cannot_be_computed_names_its_place_and_nothing_is_written(
        run: Callable[..., Result], tmp_path: Path) -> None:
    template = _template(run, tmp_path, HEADER, "Dnr {{ datum + 1 }}")
    assert run("mall", "kontrollera", template).code == 0  # only filling it in can tell
    out = tmp_path / "ut.docx"
    result = run("bygg", _case(tmp_path, "egen.docx"), "-o", out)
    assert result.code == 1 and not out.exists()
    assert (f"{template}:3:5: fel: sidhuvudet, stycke 3: en platshållare gick inte att fylla "
            "i: värdena går inte att använda på det sättet") in result.err
    assert "tips: kör 'remissgen mall kontrollera'" in result.err
    assert "Traceback" not in result.err and "TypeError" not in result.err
