"""Word templates: the built-in ones, finding the one a case names, the placeholders' values,
and checking a template before anyone uses it (`remissgen mall kontrollera`).

python-docx is never imported here; the docx_writer helpers are imported only when a template
is checked, so `remissgen kontrollera` stays light.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from .. import doctype, filecache, jinja
from ..errors import InvalidInput, Location, Problem, problem
from ..fields import Field
from ..messages import menade, os_reason, suggest, text
from . import ooxml, styles

if TYPE_CHECKING:
    from ..doctype import Case

DEFAULT = "stockholm"
MALL = "Mall"
"""The custom property naming the template a document was built with, as the case or the
profile named it (a built-in's name, or the path as written), written beside Status by the
build: `importera` compares it with the profile's."""
_DESCRIPTION = re.compile(r"<dc:description>(.*?)</dc:description>", re.S)


# --- the built-in templates ----------------------------------------------------------------


@cache
def template_dir() -> Path:
    """Return the folder of the built-in templates (installed copy first, then the source
    tree), its real path; found once per process."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_templates"
    return installed if installed.is_dir() else here.parent / "templates"


@cache
def builtins() -> dict[str, str]:
    """Return the built-in templates as name → short Swedish description, the default first."""
    import zipfile

    found: dict[str, str] = {}
    for path in sorted(template_dir().glob("*.docx"), key=lambda p: (p.stem != DEFAULT, p.stem)):
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8")
        match = _DESCRIPTION.search(core)
        found[path.stem] = _unescape(match.group(1)) if match else ""
    return found


def _unescape(value: str) -> str:
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def builtin_path(name: str) -> Path | None:
    """Return the file of the built-in template `name`, or None (no file is opened)."""
    path = template_dir() / f"{name}.docx"
    return path if "/" not in name and "\\" not in name and path.is_file() else None


def resolve(name: str | None, base: Path, where: Location) -> Path:
    """Return the template `name` (built-in, or a path relative to `base`); default stockholm.

    Raises InvalidInput at `where`, the place that named it, when it does not exist.
    """
    name = name or DEFAULT
    found = builtin_path(name)
    if found is not None:
        return found
    candidate = base / Path(name).expanduser()
    if candidate.is_file():
        return candidate
    raise not_found(name, where)


def not_found(name: str, where: Location) -> InvalidInput:
    """Return the error for a template that does not exist, suggesting a built-in name."""
    names = list(builtins())
    message = menade("mall_finns_inte", suggest(name, names), name=name)
    return InvalidInput([Problem(where, message,
                                 text("mall_finns_inte_tips", builtins=", ".join(names)),
                                 code="mall-finns-inte")])


# --- what the placeholders are filled with --------------------------------------------------


_KEYS = {"e_post": "e-post"}


def _plain(value: Any) -> Any:
    """Return `value` as the template sees it: mappings with the contract's keys, ISO dates."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record of the case model
        return {_KEYS.get(name, name): _plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


def context(case: Case, names: Collection[str] | None = None) -> dict[str, Any]:
    """Return the case fields and derived texts as the Word template's placeholders read them:
    all of them, or only `names` (the ones a prepared template's placeholders use)."""
    if names is None:
        values: dict[str, Any] = _plain(case)
        return values
    return {name: _plain(getattr(case, name)) for name in names if hasattr(case, name)}


# --- the names a template may use -----------------------------------------------------------


class ListOf(NamedTuple):
    """A list whose items have the shape `item`."""

    item: Shape


Shape: TypeAlias = "dict[str, Shape] | ListOf | None"


def _shape(field: Field) -> Shape:
    if field.kind == "mapping":
        return {c.key: _shape(c) for c in field.children}
    if field.kind == "list_mapping":
        return ListOf({c.key: _shape(c) for c in field.children})
    if field.kind in ("list_text", "text_or_list"):
        return ListOf(None)
    return None


#: every placeholder a template can use: the case fields, derived texts, logo and body
VOCABULARY: dict[str, Shape] = {
    **{c.key: _shape(c) for c in doctype.get().fields.children},
    **dict.fromkeys(doctype.get().derived), "logotyp": None, "innehåll": None,
}


def _misfit(chain: tuple[str | int, ...]) -> int | None:
    """Return the index of the first part of `chain` the case cannot fill, or None."""
    shape: Shape = {k: v for k, v in VOCABULARY.items()}
    for i, part in enumerate(chain):
        if isinstance(shape, dict):
            if not isinstance(part, str) or part not in shape:
                return i
            shape = shape[part]
        elif isinstance(shape, ListOf):
            if not isinstance(part, int):
                return i
            shape = shape.item
        else:  # a text: its string methods (upper, title, …) are fine
            return None if isinstance(part, str) and not part.startswith("_") and hasattr(
                str, part) else i
    return None


# --- checking a template ---------------------------------------------------------------------

_STYLE_USE = {
    styles.NORMAL: "brödtextens stycken",
    styles.HEADING_1: "dokumentets rubrik",
    styles.HEADING_2: "avsnittens rubriker",
    styles.SUBTITLE: "underrubriken",
    styles.LIST_BULLET: "punktlistor",
    styles.LIST_NUMBER: "numrerade listor och flera beslutspunkter",
    styles.LABEL: "etiketterna Handläggare, Till, Expedieras till och Bilaga",
    styles.BLOCK_LINE: "raderna under etiketterna",
    styles.SIGNATURE: "namnen i underskrifterna",
}


_NEEDED = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
           "word/numbering.xml")
_MACRO_OR_TEMPLATE = re.compile(r"macroEnabled|\.template\.main\+xml|vbaProject", re.I)


def package(path: Path, shown: str) -> tuple[dict[str, bytes], list[Problem]]:
    """Return (the members of the Word file at `path`, []) or ({}, the problems refusing it).

    Refused: no regular file or no zip, a zip larger unpacked than the limits (checked from
    its directory first, then while reading), a macro-enabled document or a Word template
    (.docm, .dotx, or content types that say so), a missing or broken part the writer needs.
    """
    import zipfile

    from .. import limits, safezip

    where = Location(shown)

    def refuse(reason: str, key: str = "mall_inte_docx") -> tuple[dict[str, bytes], list[Problem]]:
        return {}, [problem(where, key, path=shown, reason=reason)]

    if path.suffix.lower() in (".docm", ".dotx", ".dotm"):
        return refuse(text("orsak_makro_eller_mall", suffix=path.suffix.lower()), "mall_makro")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise limits.NotRegular(shown)
        members = safezip.read_members(path)
    except limits.NotRegular:
        return refuse(text("orsak_inte_vanlig"))
    except safezip.TooLarge as exc:
        return refuse(text("orsak_zip_för_stor", what=exc.what, limit=exc.limit // limits.MB))
    except OSError as exc:
        return refuse(os_reason(exc))
    except (zipfile.BadZipFile, ValueError, EOFError, RuntimeError, NotImplementedError):
        return refuse(text("orsak_inte_zip"))
    types = members.get("[Content_Types].xml", b"").decode("utf-8", "replace")
    if _MACRO_OR_TEMPLATE.search(types) or any(n.lower().endswith("vbaproject.bin")
                                              for n in members):
        return refuse(text("orsak_makro_innehåll"), "mall_makro")
    problems = [Problem(where, text("mall_del_saknas", part=part), text("mall_listor_tips"),
                        code="mall-del-saknas") for part in _NEEDED if part not in members]
    if problems:
        return {}, problems
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    roots: dict[str, Any] = {}
    for part in [*_NEEDED, *sorted(n for n in members if n.endswith(".xml") and n not in _NEEDED)]:
        try:  # every XML part: a broken one would make a .docx Word must repair
            roots[part] = etree.fromstring(members[part], parser)
        except etree.XMLSyntaxError:
            problems.append(Problem(where, text("mall_del_trasig", part=part),
                                    text("mall_inte_docx_tips"), code="mall-del-trasig"))
    for name in sorted(n for n in members if n.endswith(".rels")):
        problems += _relationships(name, members, parser, where)
    found = roots.get("word/numbering.xml")
    if found is not None and found.tag != f"{ooxml.W}numbering":  # another root element
        problems.append(Problem(where, text("mall_del_trasig", part="word/numbering.xml"),
                                text("mall_inte_docx_tips"), code="mall-del-trasig"))
    types_root = roots.get("[Content_Types].xml")
    if types_root is not None:
        problems += _content_types(types_root, where)
    return ({}, problems) if problems else (members, [])


_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PART_TYPES = {"word/document.xml": f"{_WML}.document.main+xml",
               "word/styles.xml": f"{_WML}.styles+xml",
               "word/numbering.xml": f"{_WML}.numbering+xml"}
"""The content type [Content_Types].xml must give each part the writer fills: with another
one Word and python-docx take the package for something other than a Word document."""


def _content_types(root: Any, where: Location) -> list[Problem]:
    """Return a problem for each part of `_PART_TYPES` that [Content_Types].xml (its `root`)
    gives another content type. Part names and extensions compare without case, as in OPC."""
    overrides = {(el.get("PartName") or "").lower(): el.get("ContentType") or ""
                 for el in root.iter(f"{_TYPES_NS}Override")}
    defaults = {(el.get("Extension") or "").lower(): el.get("ContentType") or ""
                for el in root.iter(f"{_TYPES_NS}Default")}
    problems = []
    for part, wanted in _PART_TYPES.items():
        found = overrides.get(f"/{part}", defaults.get("xml", ""))
        if found != wanted:
            problems.append(Problem(where, text("mall_del_fel_typ", part=part, found=found or "ingen"),
                                    text("mall_inte_docx_tips"), code="mall-del-trasig"))
    return problems


def _relationships(name: str, members: dict[str, bytes], parser: Any,
                   where: Location) -> list[Problem]:
    """Return the problems of one .rels part: broken XML, or a target the package lacks."""
    import posixpath

    from lxml import etree

    try:
        root = etree.fromstring(members[name], parser)
    except etree.XMLSyntaxError:
        return [Problem(where, text("mall_del_trasig", part=name), text("mall_inte_docx_tips"),
                        code="mall-del-trasig")]
    folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
    problems = []
    for rel in root:
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        part = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)))
        if part not in members:
            problems.append(Problem(where, text("mall_del_saknas", part=part),
                                    text("mall_inte_docx_tips"), code="mall-del-saknas"))
    return problems


def check(path: Path, shown: str) -> list[Problem]:
    """Return every problem of the Word template at `path` (reported as `shown`)."""
    from . import docx_writer, numbering

    where = Location(shown)
    members, refused = package(path, shown)
    if refused:
        return refused
    try:
        present = docx_writer.style_names(members)
        paragraphs = docx_writer.jinja_paragraphs(members)
        formats = numbering.read(numbering.parse(members["word/numbering.xml"])).all_formats()
    except Exception:  # broken XML inside the package: lxml's errors vary
        return [Problem(where, text("mall_inte_docx", path=shown, reason="XML-delarna går inte att läsa"),
                        text("mall_inte_docx_tips"), code="mall-inte-docx")]
    problems = [Problem(where, text("mall_stil_saknas", style=name, swedish=styles.SHOWN[name],
                                    use=_STYLE_USE[name]), text("mall_stil_saknas_tips"),
                        code="mall-stil-saknas")
                for name in styles.REQUIRED if styles.key(name) not in present]
    problems += [Problem(where, text("mall_listor_saknas", kind=kind), text("mall_listor_tips"),
                         code="mall-listor-saknas")
                 for fmt, kind in (("bullet", "punktlistor"), ("decimal", "numrerade listor"))
                 if fmt not in formats]
    env = jinja.word_sandbox()
    place = _places(members)
    for part, number, source in paragraphs:
        problems += _paragraph(env, shown, part, number, source, place(part, number))
    return problems


def place_of(members: dict[str, bytes], part: str, number: int) -> str:
    """Return where paragraph `number` of `part` stands in the template of `members`, as
    Word shows it (for an error found while a document is filled in)."""
    found: str = _places(members)(part, number)
    return found


def _places(members: dict[str, bytes]) -> Any:
    """Return place(part, paragraph number) → where it is as Word shows it (word/places)."""
    from lxml import etree

    from . import places

    names: dict[str, str] = {}
    found: dict[str, list[tuple[tuple[int, int, int] | None, int]]] = {}

    def place(part: str, number: int) -> str:
        if part not in found:
            names[part] = places.part_name(members, part)
            found[part] = [(cell, n) for _, cell, n in places.paragraphs(
                etree.fromstring(members[part]))]
        cell, n = found[part][number - 1]
        return places.where(names[part], cell, n)

    return place


def _paragraph(env: Any, shown: str, part: str, number: int, source: str,
               place: str) -> list[Problem]:
    """Return the problems of one paragraph's Jinja (at `place`, as Word shows it): syntax,
    unknown and unfillable names."""
    import jinja2

    at = place
    first = min((i for i in (source.find("{{"), source.find("{%")) if i >= 0), default=0)
    try:
        env.from_string(source)
        ast = env.parse(source)
    except jinja.LimitExceeded as exc:  # a macro or a recursive loop
        return [Problem(Location(shown, number, first + 1), text(
            "mall_syntax", place=at, what=jinja.runtime_what(exc),
            source=re.sub(r"\s+", " ", source).strip()), code="mall-makro")]
    except jinja2.TemplateSyntaxError as exc:
        return [Problem(Location(shown, number, first + 1),
                        text("mall_syntax", place=at, what=jinja.syntax_what(exc, paragraph=True),
                             source=re.sub(r"\s+", " ", source).strip()),
                        text("mall_syntax_tips"), code="mall-syntax")]
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    for chain in jinja.references(ast):
        problem = _reference(chain, part, at)
        if problem is None:
            continue
        bad, message, hint = problem
        if bad in seen:
            continue
        seen.add(bad)
        column = source.find(str(chain[0]), first) + 1 or 1
        problems.append(Problem(Location(shown, number, column), message, hint,
                                code="mall-platshållare"))
    if problems:
        return problems
    if not _printed_data(ast):
        return problems
    for tag in re.finditer(r"\{\{.*?\}\}", source, re.S):  # each at its own column
        try:
            printed = _printed_data(jinja.parsed(tag.group()))
        except jinja2.TemplateSyntaxError:  # a '}}' inside a string split the tag
            continue
        problems += [jinja.word_problem(jinja.ProgramData(_dotted(chain), kind, field), at,
                                        Location(shown, number, tag.start() + 1))
                     for chain, kind, field in printed]
    return problems


_PASSING = ("egenskap", "stor_bokstav", "string", "join", "lista")
"""The filters that print their value's text: a group or a list given them prints its repr
(`join` and `lista` only when the items are groups)."""


def _printed_data(ast: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Return (name path, kind, a field) of each group or list a placeholder prints as it is
    (`{{ remiss.motionärer }}`, `{{ underskrifter | lista }}`): what rendering would refuse,
    found before a document is built. Kinds and fields as `jinja.ProgramData`'s."""
    from jinja2 import nodes

    found = []
    for output in ast.find_all(nodes.Output):
        for node in output.nodes:
            joined = False
            while isinstance(node, nodes.Filter) and node.name in _PASSING and not joined:
                joined = node.name == "lista" or (node.name == "join" and not node.kwargs
                                                  and len(node.args) < 2)
                if node.name == "join" and not joined:
                    break  # join(…, attribute=…) prints one field of each group
                node = node.node
            chain = jinja.chain(node) if node is not None else None
            shape = _shape_at(chain) if chain else None
            if chain is None or shape is None:
                continue
            if joined:  # lista and join write items; a group item prints its repr
                item = shape.item if isinstance(shape, ListOf) else shape
                if isinstance(item, dict) and not set(item) <= {"namn", "parti"}:
                    found.append((chain, "grupper" if isinstance(shape, ListOf) else "grupp",
                                  next(iter(item), "namn")))
            elif isinstance(shape, dict):
                found.append((chain, "grupp", next(iter(shape), "namn")))
            elif isinstance(shape, ListOf):
                item = shape.item
                found.append((chain, "grupper", next(iter(item), "namn"))
                             if isinstance(item, dict) else (chain, "lista", ""))
    return found


def _shape_at(chain: tuple[str | int, ...]) -> Shape:
    """Return the shape of what `chain` names (None for a text or what the case lacks)."""
    shape: Shape = dict(VOCABULARY)
    for part in chain:
        if isinstance(shape, dict) and isinstance(part, str):
            shape = shape.get(part)
        elif isinstance(shape, ListOf) and isinstance(part, int):
            shape = shape.item
        else:
            return None
    return shape


def _reference(chain: tuple[str | int, ...], part: str, place: str
               ) -> tuple[tuple[str | int, ...], str, str | None] | None:
    """Return (the failing part of `chain`, message, hint), or None when the case fills it."""
    root = str(chain[0])
    name = _dotted(chain)
    in_body = part == "word/document.xml"
    if in_body and root != "innehåll":
        return (chain[:1], text("mall_kan_inte_fyllas", place=place, name=name,
                                why=text("mall_brödtext")), text("mall_brödtext_tips"))
    if root == "innehåll" and not in_body:
        return (chain[:1], text("mall_kan_inte_fyllas", place=place, name=name,
                                why=text("mall_innehåll")), None)
    if root == "logotyp" and len(chain) > 1:
        return (chain[:2], text("mall_kan_inte_fyllas", place=place, name=name,
                                why=text("mall_logotyp")), None)
    bad = _misfit(chain)
    if bad is None:
        return None
    if bad == 0:
        names = list(VOCABULARY)
        message = menade("mall_okänd", suggest(root, names), place=place, name=root)
        return (chain[:1], message, text("mall_okänd_tips", allowed=", ".join(names)))
    parent = _dotted(chain[:bad])
    allowed = _allowed(chain[:bad])
    return (chain[:bad + 1], text("mall_kan_inte_fyllas", place=place, name=name, why=text(
        "mall_inget_fält", part=chain[bad], parent=parent)),
        text("mall_inget_fält_tips", parent=parent, allowed=allowed))


def _allowed(chain: tuple[str | int, ...]) -> str:
    shape: Shape = dict(VOCABULARY)
    for part in chain:
        if isinstance(shape, dict) and isinstance(part, str):
            shape = shape.get(part)
        elif isinstance(shape, ListOf):
            shape = shape.item
    if isinstance(shape, dict):
        return ", ".join(shape)
    if isinstance(shape, ListOf):
        return "en lista: skriv [0] för första posten eller {% for x in … %}"
    return "en text"


def _dotted(chain: tuple[str | int, ...]) -> str:
    out = str(chain[0])
    for part in chain[1:]:
        out += f"[{part}]" if isinstance(part, int) else (
            f"['{part}']" if "-" in part else f".{part}")
    return out


_CHECKED: filecache.Cache[list[Problem]] = filecache.Cache()


def require_valid(path: Path) -> None:
    """Raise InvalidInput with every problem of the template at `path` (checked once for each
    content it has: a template edited during `bygg --bevaka` is checked again).

    A built-in template is not checked at build time: the test suite checks each one, and
    skipping it saves a tenth of `bygg`'s own time for one file.
    """
    if path.parent == template_dir():
        return
    try:
        problems = _CHECKED.get(path, lambda _: check(path, str(path)))
    except OSError:  # gone since it was found: check says so in Swedish
        problems = check(path, str(path))
    if problems:
        raise InvalidInput(problems)


# --- the accent colour ------------------------------------------------------------------------


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(colour: str) -> float:
    """Return the WCAG contrast ratio of `colour` (#RRGGBB) against white."""
    rgb = tuple(int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 1.05 / (_luminance((rgb[0], rgb[1], rgb[2])) + 0.05)


def readable(colour: str | None, minimum: float = 4.5) -> str | None:
    """Return `colour` darkened just enough to reach `minimum` contrast on white (None stays)."""
    if not colour:
        return None
    value = colour.strip().lstrip("#").upper()
    base = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    for step in range(101):
        factor = 1 - step / 100
        candidate = "".join(f"{round(c * factor):02X}" for c in base)
        if contrast_on_white(candidate) >= minimum:
            return "#" + candidate
    return "#000000"  # pragma: no cover - black always reaches 21:1
