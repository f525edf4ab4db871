"""remissgen jämför: what changed in Word (FALL.docx against FALL.yaml), optionally brought
back with --för-in; or two versions of a case (gammal.yaml ny.yaml), as text or as a
.docx with tracked changes (-o)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import compare, output, pipeline
from ..errors import InvalidInput, Location, Problem, UsageError
from ..messages import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..bring_in import Render


def _usage(message: str, hint: str) -> UsageError:
    return UsageError(Problem(Location("remissgen jämför", 0, 0), message, hint,
                              code="användning"))


def _is_docx(name: str) -> bool:
    return Path(name).suffix.lower() == ".docx"


def _is_yaml(name: str) -> bool:
    return Path(name).suffix.lower() in (".yaml", ".yml")


def run(args: argparse.Namespace) -> int:
    """Compare as the two arguments say; print the differences; return the exit status."""
    first, second = args.första, args.andra
    profile = Path(args.profil) if args.profil else None
    if _is_docx(first) and (second is None or _is_yaml(second)):
        if args.ut:
            raise _usage(text("jämför_ut_bara_yaml"), text("jämför_användning"))
        case = Path(second) if second else Path(first).with_suffix(".yaml")
        return _word(Path(first), first, case, str(case), profile, args.för_in)
    if _is_yaml(first) and second is not None and _is_yaml(second):
        if args.för_in:
            raise _usage(text("jämför_för_in_bara_docx"), text("jämför_användning"))
        return _versions(Path(first), Path(second), profile, args.ut)
    raise _usage(text("jämför_fel_filer"), text("jämför_användning"))


def _word(docx_path: Path, docx_shown: str, case: Path, case_shown: str,
          profile: Path | None, bring: bool) -> int:
    """Show what changed in the Word document against what the case builds; bring it in."""
    loaded = pipeline.load(case, case_shown, profile)
    built = compare.parts_of_bytes(pipeline.build(loaded, case), case_shown)
    edited = compare.parts_of_docx(docx_path, docx_shown)
    found = compare.changes(built, edited)
    if not found:
        print(text("jämför_inga", docx=docx_shown, yaml=case_shown))
        return 0
    parts = compare.changed_parts(found)
    print(text("jämför_rubrik", docx=docx_shown, yaml=case_shown, delar=", ".join(parts)))
    for line in compare.report(found):
        print(line)
    if bring:
        _bring_in(loaded, case, case_shown, built, edited)
    return 0


def _bring_in(loaded: pipeline.Loaded, case: Path, case_shown: str,
              built: list[compare.Part], edited: list[compare.Part]) -> None:
    """Write the changed texts into the case file, after a copy of it; print what was done.
    Nothing is written unless the new case file reads as a valid case."""
    from .. import bring_in, textedit

    source_text = loaded.source.text
    found, left = bring_in.edits(built, edited, loaded.case, source_text,
                                 _renderer(source_text, case, loaded.profile))
    for name in left:
        print(text("jämför_kan_inte_föra_in", del_=name), flush=True)
    if not found:
        return
    try:
        new_text = bring_in.apply(source_text, found)
    except textedit.EditError as exc:
        raise InvalidInput([Problem(Location(case_shown), text("jämför_för_in_misslyckades",
                                                                 what=str(exc)))]) from None
    try:
        pipeline.load_text(new_text, case, loaded.profile)
    except InvalidInput as exc:
        first = exc.problems[0] if exc.problems else None
        raise InvalidInput([Problem(Location(case_shown), text(
            "jämför_för_in_ogiltig", what=first.message if first else ""),
            text("jämför_för_in_ogiltig_tips"))]) from None
    copy = _backup(case)
    output.write_atomic(case, new_text.encode("utf-8"))
    fields = ", ".join(dict.fromkeys(bring_in.described(e) for e in found))
    print(text("jämför_fört_in", path=case_shown, fält=fields, kopia=copy))
    for note in dict.fromkeys(n for e in found for n in e.notes):
        print(note)


def _renderer(source_text: str, case: Path, profile: Path | None) -> Render:
    """Return the function that renders a field of this case file holding another value."""
    def render(path: tuple[str | int, ...], value: str) -> str | None:
        from .. import textedit

        try:
            changed = textedit.set_value(source_text, path, value)
            shown: object = pipeline.load_text(changed, case, profile).case
        except (textedit.EditError, InvalidInput):
            return None
        for key in path:
            if isinstance(key, int):
                shown = shown[key] if isinstance(shown, tuple) and key < len(shown) else None
            else:
                shown = getattr(shown, key, None)
        return shown if isinstance(shown, str) else None
    return render


def _backup(case: Path) -> Path:
    """Copy the case file before it is changed; return the copy's path."""
    return output.keep_copy(case, "kopia_före_för_in")


def _versions(old: Path, new: Path, profile: Path | None, out: str | None) -> int:
    """Compare two versions of a case: as text, or as a tracked-changes .docx to `out`."""
    a = pipeline.load(old, str(old), profile)
    b = pipeline.load(new, str(new), profile)
    if out is not None:
        from .. import tracked
        from . import report

        target = Path(out)
        output.save_docx(target, tracked.document(a, b))
        report.written(target)
        return 0
    from .. import doctype

    kind = doctype.get()
    found = compare.changes(compare.parts_of_blocks(kind.blocks(a.case)),
                            compare.parts_of_blocks(kind.blocks(b.case)))
    if not found:
        print(text("jämför_inga_versioner", gammal=old, ny=new))
        return 0
    parts = compare.changed_parts(found)
    print(text("jämför_rubrik_versioner", gammal=old, ny=new, delar=", ".join(parts)))
    for line in compare.report(found):
        print(line)
    return 0
