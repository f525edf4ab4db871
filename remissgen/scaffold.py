"""The field table (and the profile) → the text of a starter case file that builds as a draft.

Every field is there with a Swedish comment above it. What must be filled in is live, with a
placeholder that `granska`'s rule ej-ifyllt recognises (FYLL I, Förnamn Efternamn, Skriv
här …; a date carries the mark `# FYLL I` after it), so the file builds as written and the
draft cannot pass as final. Everything optional is commented out with its example. A field
the profile gives is left out, its value shown in a comment "från profilen", so that the
profile's value is the one used; a group the profile gives even in part is left out whole
when the profile holds all it requires.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from . import doctype, textedit
from .fields import Example, Field
from .messages import text
from .schema import FILE_NAME, covered, necessity
from .textedit import Value

WIDTH = 88

def starter(name: str, today: dt.date | None = None,
            schema_path: str = f"./{FILE_NAME}", profile: dict[str, Value] | None = None,
            profile_name: str = "") -> str:
    """Return the starter case file; `name` is how the user will name it in commands.

    `profile` is the plain data of the profile beside the case (if any): the fields it gives
    are left out. The example dates keep their distances to each other and move with `today`
    (default the real day), so that the meeting lies ahead of the document's own date.
    """
    shift = (today or dt.date.today()) - dt.date.fromisoformat(doctype.get().example_day)
    lines = [f"# yaml-language-server: $schema={schema_path}", "#"]
    intro = [text("ny_rubrik"), text("ny_inledning", name=name), text("ny_jinja")]
    if profile is not None:
        intro.append(text("ny_profil", path=profile_name))
    for paragraph in intro:
        lines += _comment(paragraph, 0)
    for field in doctype.get().fields.children:
        lines.append("")
        given = profile.get(field.key) if profile is not None else None
        lines += _field(_moved(field, shift), 0, required=field.required, given=given)
    return "\n".join(lines) + "\n"


def _moved(field: Field, shift: dt.timedelta) -> Field:
    """Return `field` with every example date in it moved by `shift`."""
    def move(value: str) -> str:
        return (dt.date.fromisoformat(value) + shift).isoformat()

    example = field.example
    if field.kind == "date" and isinstance(example, str):
        example = move(example)
    elif field.kind == "list_mapping" and isinstance(example, tuple):
        dates = {c.key for c in field.children if c.kind == "date"}
        example = tuple({k: move(v) if k in dates else v for k, v in item.items()}
                        for item in example if isinstance(item, dict))
    children = tuple(_moved(c, shift) for c in field.children)
    return field.replace(example=example, children=children)


def _comment(paragraph: str, indent: int, hang: int = 0) -> list[str]:
    """Return `paragraph` as comment lines at `indent`, lines after the first indented `hang`."""
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(paragraph, WIDTH - indent - 2,
                                                       subsequent_indent=" " * hang,
                                                       break_on_hyphens=False)]


def _about(field: Field, required: bool) -> str:
    return f"{field.title} ({necessity(field, required)}): {field.description}"


def _field(field: Field, indent: int, *, required: bool, given: Value | None = None) -> list[str]:
    """Return the comment and the YAML lines of `field` at `indent`."""
    lines = _comment(_about(field, required), indent)
    if field.kind == "list_mapping" or (field.kind == "mapping" and not _live(field, required)):
        lines += _children(field, indent, 2)
    if given is not None and covered(field, given):
        return lines + _from_profile(given, indent)
    pad = " " * indent
    if not _live(field, required):
        body = [re.sub(r': ""$', ":", line)
                for line in textedit.entry_lines(field.key, _example(field), indent)]
        return [*lines, f"{pad}# {body[0]}", *[f"{pad}# {line[indent:]}".rstrip() for line in body[1:]]]
    if field.kind == "mapping":
        lines.append(f"{pad}{field.key}:")
        parts = given if isinstance(given, dict) else {}
        for child in field.children:
            lines += _field(child, indent + 2, required=child.required,
                            given=parts.get(child.key))
        return lines
    body = textedit.entry_lines(field.key, _placeholder(field), indent)
    if field.kind == "date":
        body[0] += f"  # {text('importera_fyll_i')}"
    return [*lines, pad + body[0], *body[1:]]


def _children(field: Field, indent: int, depth: int) -> list[str]:
    """Return comment lines describing `field`'s children (and theirs), `depth` spaces in."""
    lines = []
    for child in field.children:
        about = f"{child.key} ({necessity(child, child.required)}): {child.description}"
        lines += _comment(" " * depth + about, indent, hang=depth + 2)
        lines += _children(child, indent, depth + 2)
    return lines


def _live(field: Field, required: bool) -> bool:
    """Return True for a field written as a live value: required and not derived."""
    return required and not field.commented


def _from_profile(given: Value, indent: int) -> list[str]:
    """Return the comment that shows the profile's value: "# från profilen: …"."""
    pad = " " * indent
    said = text("ny_från_profilen")
    if isinstance(given, str):
        return [f"{pad}# {said}: {textedit.scalar(given)}"]
    body = textedit.entry_lines("x", given, indent)[1:]
    return [f"{pad}# {said}:", *[f"{pad}# {line[indent:]}" for line in body]]


def _placeholder(field: Field) -> Value:
    """Return the value a required field is written with: its placeholder, or a date."""
    if field.kind == "date":
        return field.example if isinstance(field.example, str) else "2025-01-01"
    if field.kind == "rich":
        example = field.example if isinstance(field.example, str) else ""
        skriv = text("platshållare_skriv_här")
        return example if skriv in example else f"{skriv} …\n"
    if field.kind == "list_mapping":
        count = len(field.example) if isinstance(field.example, tuple) else 1
        return [{c.key: _placeholder(c) for c in field.children if c.required}
                for _ in range(max(count, field.min_items, 1))]
    if field.kind in ("list_text", "text_or_list"):
        return [text("importera_fyll_i")] * max(field.min_items, 1)
    if field.key == "namn":
        return text("platshållare_namn")
    if field.key == "nämnd":
        return text("platshållare_nämnd")
    return text("importera_fyll_i")


def _example(field: Field) -> Value:
    """Return the example of a commented-out field as plain data (children's for a group)."""
    if field.kind == "mapping":
        return {c.key: _example(c) for c in field.children}
    return _plain(field.example)


def _plain(example: Example | None) -> Value:
    if example is None:
        return ""
    if isinstance(example, str):
        return example
    return [dict(e) if isinstance(e, dict) else e for e in example]
