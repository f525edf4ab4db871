"""Print a PDF's structure tree in reading order, roles resolved, one element a line.

Run: python tools/struktur.py FIL.pdf > docs/pdf/struktur-seed.md   (the seed's tree in docs/)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf

from remissgen import pdfcheck


def lines(path: Path) -> list[str]:
    """Return the tree's elements indented by depth, each with its page and own role name."""
    out = []

    def walk(elements: tuple[pdfcheck._Element, ...] | list[pdfcheck._Element], depth: int) -> None:
        for e in elements:
            own = str(e.node.get("/S")).lstrip("/")
            named = f" ({own})" if own != e.role else ""
            out.append(f"{'  ' * depth}- {e.role}{named}, sida {e.page}")
            walk(e.children, depth + 1)

    with pikepdf.open(path) as document:
        walk(pdfcheck.structure_tree(document), 0)
    return out


def main() -> None:
    """Print the structure tree of the PDF named on the command line as a Markdown list."""
    path = Path(sys.argv[1])
    print("# Strukturträdet i seedens PDF, i läsordning\n")
    print("Skrivet av `python tools/struktur.py` ur `remissgen bygg seeds/sociala-foretag.yaml "
          "--pdf` (LibreOffice 25.2, mallen stockholm). Rollen efter RoleMap, inom parentes "
          "stilens eget namn. Inga Table-element; blocken med Handläggare/Till och "
          "underskrifterna är Sect med styckena spalt för spalt.\n")
    print("\n".join(lines(path)))


if __name__ == "__main__":
    main()
