"""The remiss answer, remissgen's kind of tjänsteutlåtande, as one `doctype.DocumentType`
(`DOCUMENT`): its field table (`spec`), its case model (`model`), its Swedish phrases and
defaults (`phrases`, `fraser.j2`), its section order (`compose`), its own review rules
(`regler`: the consistency rules), its document properties (`properties`) and `importera`'s
reading of it (`recognise`, with `sentences`: fraser.j2 read backwards). Importing the
package imports none of them; each is imported when DOCUMENT is first asked for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ..blocks import Block
    from ..errors import Problem
    from ..granska.regler import Rule
    from ..importera.layout import Layout
    from ..importera.structure import Parsed
    from ..validate import Data
    from .model import Case
    from .phrases import Phrases
    from .spec import Field


class Remissvar:
    """The answer to a remiss (svar på remiss), the document of the reference layout."""

    name = "remissvar"

    @property
    def fields(self) -> Field:
        """Return the root of the remiss answer's field table."""
        from .spec import CASE

        return CASE

    @property
    def review_rules(self) -> dict[str, Rule]:
        """Return the remiss answer's own granska rules: the consistency rules."""
        from .regler import RULES

        return RULES

    @property
    def rule_names(self) -> tuple[str, ...]:
        """Return every granska rule of a remiss answer (all of them), in the table's order."""
        from .spec import REVIEW_RULES

        return REVIEW_RULES

    @property
    def prose(self) -> tuple[tuple[str, str, bool], ...]:
        """Return where the review reads prose: field, shape, whether a section of its own."""
        from .spec import PROSE

        return PROSE

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Return FYLL I and the examples `ny` writes to be replaced."""
        from .spec import PLACEHOLDERS

        return PLACEHOLDERS

    def early_problems(self, data: Data) -> list[Problem]:
        """Return what the phrase rules find before anything is rendered."""
        from .phrases import early_problems

        return early_problems(data)

    def complete(self, data: Data) -> Case:
        """Return the Case of validated data: Jinja rendered, every default derived."""
        from .phrases import complete

        return complete(data)

    def blocks(self, case: Case) -> list[Block]:
        """Return the body in the seed's reading order."""
        from .compose import blocks

        return blocks(case)

    def section_headings(self) -> dict[str, str]:
        """Return the standard section headings by field, in document order."""
        from .phrases import section_headings

        return section_headings()


    @property
    def derived(self) -> tuple[str, ...]:
        """Return the texts derived from several fields (the beredning sentence)."""
        from .spec import DERIVED

        return DERIVED

    @property
    def example_day(self) -> str:
        """Return the day the table's example dates are written relative to."""
        from .spec import EXAMPLE_DAY

        return EXAMPLE_DAY

    def phrases(self) -> Phrases:
        """Return fraser.j2 compiled once, each macro a method."""
        from .phrases import phrases

        return phrases()

    def properties(self, case: Case) -> dict[str, str]:
        """Return the custom properties by the ärendesystem's names where renamed."""
        from .properties import named

        return named(case)

    def property_renames(self, case: Case) -> dict[str, str]:
        """Return the profile's `egenskaper:` renames."""
        from .properties import renames

        return renames(case)

    def recognise(self, parsed: Parsed, layout: Layout, templates: Sequence[Path] = ()
                  ) -> tuple[dict[str, Any], list[str], Path | None]:
        """Return the case data of a read remiss answer, derived sentences back into data,
        its notes, and the template whose page header read it."""
        from .recognise import read

        return read(parsed, layout, templates)


DOCUMENT = Remissvar()
