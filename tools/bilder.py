"""Make the page-1 pictures in docs/ again: the seed and the Ekby example with both built-in
templates, built by remissgen, converted by LibreOffice and rendered by pdftoppm.

Run: python tools/bilder.py   (needs soffice and pdftoppm on PATH)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CASES = {"seed": ROOT / "seeds" / "sociala-foretag.yaml",
         "exempel": DOCS / "exempel" / "anhoriga.yaml"}


def picture(case: Path, template: str, target: Path, work: Path) -> None:
    """Build `case` with `template`, convert page 1 to a PNG at 60 dpi, and save it as `target`."""
    folder = work / target.stem
    shutil.copytree(case.parent, folder)
    copy = folder / case.name
    copy.write_text(copy.read_text(encoding="utf-8") + f"\nmall: {template}\n", encoding="utf-8")
    docx = folder / "ut.docx"
    subprocess.run([sys.executable, "-m", "remissgen", "bygg", str(copy), "-o", str(docx),
                    "--pdf"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(docx.with_suffix(".pdf")), str(folder / "sida")], check=True)
    shutil.copy(folder / "sida.png", target)
    print(target.relative_to(ROOT))


# The edits of the tracked-changes picture: words added, removed and replaced on page 1,
# and a paragraph added to the summary.
EDITS = (("Förvaltningen är positiv", "Förvaltningen är mycket positiv"),
         ("i samverkan med relevanta aktörer,", "tillsammans med andra aktörer,"),
         ("inkluderande, hållbart och jämlikt.\n",
          "inkluderande, hållbart och jämlikt.\n\n  Förvaltningen återkommer med en tidsplan.\n"))


def changes_picture(target: Path, work: Path) -> None:
    """Write page 1 of `remissgen jämför gammal.yaml ny.yaml -o ändringar.docx` as a PNG."""
    folder = work / "ändringar"
    folder.mkdir()
    old, new = folder / "gammal.yaml", folder / "ny.yaml"
    text = CASES["seed"].read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    for before, after in EDITS:
        assert before in text, before
        text = text.replace(before, after, 1)
    new.write_text(text, encoding="utf-8")
    docx = folder / "ändringar.docx"
    subprocess.run([sys.executable, "-m", "remissgen", "jämför", str(old), str(new), "-o",
                    str(docx)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(docx.with_suffix(".pdf")), str(folder / "sida")], check=True)
    shutil.copy(folder / "sida.png", target)
    print(target.relative_to(ROOT))


def main() -> None:
    """Write docs/sida1.png, the four pictures of docs/mallar.md and the tracked changes."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        changes_picture(DOCS / "ändringar-sida1.png", work)
        picture(CASES["seed"], "stockholm", DOCS / "sida1.png", work)
        for name, case in CASES.items():
            for template in ("stockholm", "neutral"):
                picture(case, template, DOCS / f"mallar-{name}-{template}.png", work)


if __name__ == "__main__":
    main()
