"""Case-file text → YAML nodes → validated data → Case → blocks → .docx bytes, one stage each.

`load`/`load_text` give a Loaded (or raise InvalidInput with every problem), `build` the
.docx bytes; the document type (doctype.get()) supplies the field table, the completion
and the body. Nothing here prints or writes a file: commands/ does (through output).
The public API in remissgen/__init__.py stands on these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import doctype, jinja, source, validate
from . import profile as profiles
from .errors import InvalidInput, Location
from .word import templating

if TYPE_CHECKING:
    from . import pdfmeta
    from .doctype import Case
    from .word.docx_writer import Revisions


class Loaded(NamedTuple):
    """A case file read and checked: its Case and the source it came from."""

    case: Case
    source: source.Source
    profile: Path | None = None
    template: Path | None = None


def load(path: Path, shown: str | None = None, profile: Path | None = None) -> Loaded:
    """Return the complete Case of the case file at `path` over its profile, or raise InvalidInput.

    The profile is `profile` when given, else the nearest remissgen-profil.yaml (or none).
    `shown` is the path as the user named it, used in every location (default `path`).
    """
    name = shown or str(path)
    return _complete(source.read(path, name), path, profile)


def load_text(text: str, path: Path, profile: Path | None = None) -> Loaded:
    """Return the complete Case of case-file `text` that lives (or would live) at `path`.

    `path` places every problem, finds the profile when `profile` is None, and is the folder
    relative logo and template paths start from. Raises InvalidInput with every problem.
    """
    return _complete(source.parse(text, str(path)), path, profile)


def _complete(src: source.Source, path: Path, profile: Path | None) -> Loaded:
    document = doctype.get()
    used = profile if profile is not None else profiles.discover(path)
    try:
        data = (validate.validate(src, document.fields, without_profile=True) if used is None
                else profiles.apply(src, used, document.fields))
    except InvalidInput as exc:  # add what the phrase rules see, so all comes at once
        extra = (document.early_problems(exc.partial)
                 if isinstance(exc.partial, validate.Data) else [])
        raise InvalidInput([*exc.problems, *extra]) from None
    with jinja.budget():  # every text's loops and output count against one document's limits
        case = document.complete(data)
    where = data.where(("mall",)) if "mall" in data.values else Location(src.path)
    return Loaded(case, src, used, templating.resolve(case.mall, Path(where.path).parent, where))


def inputs(loaded: Loaded, case_path: Path) -> dict[str, Path | None]:
    """Return the files a build reads, by kind: ärendefil, profil, mall, logotyp (never written)."""
    logo = loaded.case.logotyp
    return {"ärendefil": case_path, "profil": loaded.profile,
            "mall": loaded.template or template_path(loaded.case, case_path),
            "logotyp": logo.fil if logo is not None else None}


def template_path(case: Case, case_path: Path) -> Path:
    """Return the Word template the case names (built-in name or path), default stockholm."""
    return templating.resolve(case.mall, case_path.parent, Location(str(case_path)))


def pdf_metadata(case: Case) -> pdfmeta.Metadata:
    """Return what the case's PDF says about itself: title, author (the förvaltning unless
    the profile's pdf_författare), subject and the diarienummer as one keyword."""
    from . import pdfmeta  # only a build needs it: kontrollera and granska go without

    return pdfmeta.Metadata(
        title=case.rubrik, author=case.pdf_författare or case.förvaltning,
        subject=case.remiss.ärende, keywords=(case.diarienummer,) if case.diarienummer else (),
        date=case.datum)


def build(loaded: Loaded, case_path: Path | None = None, status: str | None = None,
          comments: bool = False, revisions: Revisions | None = None) -> bytes:
    """Return the .docx bytes for a loaded case (its template found beside `case_path`, or
    beside the path its source was read from, when the Loaded names none).

    `status` is the custom property Status: "utkast" (a draft, "UTKAST" on every page; the
    default while a placeholder remains), "klar" (the default otherwise) or "slutlig"
    (`--slutlig`). With `comments`, every granska warning becomes a Word comment on the paragraph
    and words it concerns; `revisions` are tracked changes against an older version (see
    `tracked`)."""
    from .word import docx_writer

    case = loaded.case
    path = loaded.template or template_path(case, case_path or Path(loaded.source.path))
    templating.require_valid(path)
    template = docx_writer.load_template(path)
    props = docx_writer.Properties(
        title=case.rubrik, subject=case.remiss.ärende,
        creator=case.pdf_författare or case.förvaltning,
        keywords=case.diarienummer or "", date=case.datum)
    img = (docx_writer.image(case.logotyp.fil, case.logotyp.alt)
           if case.logotyp is not None else None)
    if status is None:
        from . import granska

        status = "utkast" if granska.unfilled(loaded.source, case) else "klar"
    kind = doctype.get()
    p = kind.phrases()
    blocks = kind.blocks(case)
    notes: tuple[docx_writer.Comment, ...] = ()
    if comments:
        from . import comments as anchored
        from . import granska

        notes = anchored.comments(granska.review(loaded.source, case).warnings, loaded.source,
                                  case, blocks)
    with jinja.budget():  # the template's loops and output against one document's limits
        return docx_writer.render(template, blocks,
                                  templating.context(case, template.names),
                                  props, img,
                                  custom={**kind.properties(case),
                                          "Status": getattr(p, f"status_{status}")(),
                                          templating.MALL: case.mall or templating.DEFAULT},
                                  accent=templating.readable(case.färg),
                                  mark=p.utkast() if status == "utkast" else None,
                                  comments=notes,
                                  comment_date=f"{case.datum.isoformat()}T00:00:00Z",
                                  revisions=revisions, renames=kind.property_renames(case),
                                  first_page_only=frozenset(
                                      name for name, on in (
                                          ("sidfot", case.sidfot_bara_första_sidan),
                                          ("logotyp", case.logotyp_bara_första_sidan)) if on))
