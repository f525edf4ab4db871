"""bytes → YAML nodes → validated data → Case → blocks → .docx bytes → file, one stage each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import phrases, source, validate
from .errors import InvalidInput, Location, Problem
from .model import Case


@dataclass(frozen=True)
class Loaded:
    """A case file read and checked: its Case and the source it came from."""

    case: Case
    source: source.Source


def load(path: Path, shown: str | None = None) -> Loaded:
    """Return the complete Case of the case file at `path`, or raise InvalidInput."""
    src = source.read(path, shown)
    data = validate.validate(src)
    return Loaded(phrases.complete(data), src)


def template_path(case: Case, case_path: Path) -> Path:
    """Return the Word template the case names (built-in name or path), default stockholm."""
    name = case.mall or "stockholm"
    builtin = phrases.template_dir() / f"{name}.docx"
    if builtin.is_file():
        return builtin
    candidate = (case_path.parent / name).resolve()
    if candidate.is_file():
        return candidate
    raise InvalidInput([Problem(Location(str(case_path)),
                                f"mallen '{name}' finns inte",
                                "ange en inbyggd mall (stockholm) eller en sökväg till en .docx")])


def build(loaded: Loaded, case_path: Path) -> bytes:
    """Return the .docx bytes for a loaded case."""
    from . import compose, docx_writer

    case = loaded.case
    template = docx_writer.load_template(template_path(case, case_path))
    props = docx_writer.Properties(
        title=case.rubrik, subject=case.remiss.ärende, creator=case.handläggare.namn,
        keywords=case.diarienummer or "", date=case.datum)
    img = (docx_writer.image(case.logotyp.fil, case.logotyp.alt)
           if case.logotyp is not None else None)
    return docx_writer.render(template, compose.blocks(case), compose.header_context(case),
                              props, img)
