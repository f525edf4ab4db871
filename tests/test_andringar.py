"""jämför gammal.yaml ny.yaml: as text, and with -o a .docx whose tracked changes (w:ins,
w:del, word by word) give the new version's text accepted and the old one's rejected."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openxml_audit
from lxml import etree

from .conftest import SEED_CASE, Result, body_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


REMOVED = """\

  Motionären föreslår att Stockholms stad, i samverkan med relevanta aktörer, tar fram en
  handlingsplan för hur arbetsintegrerade sociala företag kan främjas i Stockholm.
  Handlingsplanen ska föreslå mätbara mål och aktiviteter för att utöka stadens kapacitet
  och samarbete som beställare av tjänster och varor från sociala företag."""


def _versions(folder: Path) -> tuple[Path, Path]:
    """Write the seed as the old version and an edited copy as the new one: a word added,
    a word removed, words replaced, a paragraph added, one removed, a bilaga added."""
    old = folder / "gammal.yaml"
    new = folder / "ny.yaml"
    text = SEED_CASE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    edited = (text.replace("Förvaltningen är positiv", "Förvaltningen är mycket positiv", 1)
              .replace("potential inom den idéburna sektorn", "potential inom den sektorn", 1)
              .replace("synpunkter: |\n", "synpunkter: |\n  Ett nytt första stycke.\n\n", 1)
              .replace(REMOVED, "", 1))
    assert REMOVED in text
    assert edited.count("\n") == text.count("\n") - REMOVED.count("\n") + 2
    new.write_text(edited, encoding="utf-8")
    return old, new


def _resolved(path: Path, accept: bool, out: Path) -> list[str]:
    """Return the body paragraphs of `path` with every change accepted (or rejected)."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    gone, kept = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{gone}") is not None:  # the whole paragraph goes
            p.getparent().remove(p)
    for el in list(root.iter(gone)):
        if el.getparent().tag != f"{W}rPr":
            el.getparent().remove(el)
    for el in list(root.iter(kept)):
        parent = el.getparent()
        if parent.tag == f"{W}rPr":
            parent.remove(el)
            continue
        at = parent.index(el)
        for child in reversed(list(el)):
            parent.insert(at, child)
        parent.remove(el)
    for el in root.iter(f"{W}delText"):
        el.tag = f"{W}t"
    members["word/document.xml"] = etree.tostring(root)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return body_paragraphs(docx.Document(str(out)))


def test_tracked_changes_accepted_give_the_new_text_rejected_the_old(
        run: Callable[..., Result], tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    changes = tmp_path / "ändringar.docx"
    result = run("jämför", old, new, "-o", changes)
    assert result.code == 0, result.err
    assert result.out.strip() == str(changes)
    for case in (old, new):
        assert run("bygg", case).code == 0
    with zipfile.ZipFile(changes) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    inserted = ["".join(t.text or "" for t in el.iter(f"{W}t")) for el in body.iter(f"{W}ins")
                if el.getparent().tag != f"{W}rPr"]
    deleted = ["".join(t.text or "" for t in el.iter(f"{W}delText"))
               for el in body.iter(f"{W}del") if el.getparent().tag != f"{W}rPr"]
    assert " mycket" in inserted and "idéburna " in deleted  # word by word
    assert "Ett nytt första stycke." in inserted
    assert any(d.startswith("Motionären föreslår att Stockholms stad") for d in deleted)
    assert all(el.get(f"{W}author") == "remissgen jämför" for el in body.iter(f"{W}ins"))
    assert _resolved(changes, True, tmp_path / "a.docx") == body_paragraphs(
        docx.Document(str(new.with_suffix(".docx"))))
    assert _resolved(changes, False, tmp_path / "r.docx") == body_paragraphs(
        docx.Document(str(old.with_suffix(".docx"))))
    validator = openxml_audit.OpenXmlValidator(semantic_validation=False, strict=False)
    assert [str(e) for e in validator.validate(str(changes)).errors] == []


def test_without_o_the_differences_are_text(run: Callable[..., Result], tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    result = run("jämför", old, new)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        f"{new} mot {old}: ändrat i Sammanfattning, Ärendet, Synpunkter och förslag")
    assert "Förvaltningen är{+ mycket+} positiv" in result.out
    assert "Synpunkter och förslag, stycke 1, nytt:" in result.out
    assert "Ärendet, stycke 3, borttaget:" in result.out
