"""docxtpl's batch: render every stored context into the docxtpl template and save it.

Run as its own process: `python bench/docxtpl_batch.py TEMPLATE CONTEXTS.json OUT`. The
contexts are remissgen's composed content, made beforehand (see user.py), so the process
times what a docxtpl user's script does per document: open the template, render, save.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    """Render each context of the JSON list to OUT/fall-NNNN.docx."""
    import jinja2
    from docxtpl import DocxTemplate

    # The header binds values to document properties with remissgen's `egenskap`; docxtpl
    # prints the value itself, which is less work than remissgen's field.
    env = jinja2.Environment(autoescape=True)
    env.filters["egenskap"] = lambda value, _name: value
    template, contexts, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    for i, context in enumerate(json.loads(contexts.read_text(encoding="utf-8"))):
        doc = DocxTemplate(str(template))
        doc.render(context, jinja_env=env, autoescape=True)
        doc.save(str(out / f"fall-{i:04d}.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
