"""The page header read backwards, with patterns made from the Word template's own placeholders.

Each header paragraph of the template that holds Jinja is rendered with markers for its
values (and with each value left empty in turn, as an empty value changes the line); the
markers become regex groups. So "Dnr" and "Tjänsteutlåtande" are read from the template,
not written a second time here.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from .. import filecache, jinja
from ..word.docx_writer import FORMAT, DynamicParagraph, load_template
from ..word.templating import template_dir

_VALUES = {"förvaltning": ".+", "avdelning": ".+", "diarienummer": ".+",
           "datum": r"\d{4}-\d{2}-\d{2}", "kommun": ".+", "nämnd": ".+"}


Patterns = tuple[tuple[re.Pattern[str], dict[str, str]], ...]
_MADE: filecache.Cache[Patterns] = filecache.Cache()


def patterns(template: Path | None = None) -> Patterns:
    """Return (regex, group of each value) for each header line the template can write
    (made again when the template's content changes)."""
    path = template or template_dir() / "stockholm.docx"
    return _MADE.get(path, lambda _: _patterns(path))


def _patterns(path: Path) -> Patterns:
    found = load_template(path)
    out: list[tuple[re.Pattern[str], dict[str, str]]] = []
    for name, segments in found.parts.items():
        if "header" not in name:
            continue
        for seg in segments:
            if not isinstance(seg, DynamicParagraph):
                continue
            names = tuple(sorted(jinja.names(jinja.parsed(seg.source))))
            if not names or any(n not in _VALUES and n != "logotyp" for n in names):
                continue
            out += _variants(seg, tuple(n for n in names if n != "logotyp"))
    return tuple(sorted(out, key=lambda p: -len(p[1])))


def _variants(seg: DynamicParagraph,
              names: tuple[str, ...]) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    out = []
    for present in itertools.chain.from_iterable(
            itertools.combinations(names, k) for k in range(len(names), 0, -1)):
        context = {n: (f"\x00{names.index(n)}\x00" if n in present else "") for n in names}
        rendered = FORMAT.sub("", jinja.FIELD.sub(  # fields: their result
            r"\2", seg.template.render(context, logotyp="")))
        parts = re.split("\x00(\\d+)\x00", rendered)
        regex = "".join(f"(?P<g{part}>{_VALUES[names[int(part)]]})" if i % 2
                        else re.escape(part) for i, part in enumerate(parts))
        out.append((re.compile(regex), {n: f"g{names.index(n)}" for n in present}))
    return out


def read(lines: list[str]) -> dict[str, str]:
    """Return the header's values by name (förvaltning, avdelning, diarienummer, datum)."""
    values: dict[str, str] = {}
    for text in lines:
        for regex, present in patterns():
            found = regex.fullmatch(text)
            if found is None or any(n in values for n in present):
                continue
            values.update({name: found.group(group).strip() for name, group in present.items()})
            break
    return values
