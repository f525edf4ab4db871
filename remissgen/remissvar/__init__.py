"""The remiss answer, remissgen's kind of tjänsteutlåtande, as one `doctype.DocumentType`
(`DOCUMENT`): its field table (`spec`), its case model (`model`), its Swedish phrases and
defaults (`phrases`, `fraser.j2`), its section order (`compose`), its own review rules
(`regler`: the consistency rules), its document properties (`properties`) and `importera`'s
reading of it (`recognise`, with `sentences`: fraser.j2 read backwards). Importing the
package imports none of them; each is imported when DOCUMENT is first asked for it."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
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
    """The answer to a remiss (svar på remiss), the document of the reference layout.

    Each part is imported when first asked for and then kept (`cached_property`): an import
    statement costs as much as a dozen calls even when its module is loaded, and a build asks
    the document type for its parts a dozen times. The parts that take arguments are kept
    as their functions, called as the protocol's methods are.
    """

    name = "remissvar"

    @cached_property
    def fields(self) -> Field:
        """Return the root of the remiss answer's field table."""
        from .spec import CASE

        return CASE

    @cached_property
    def review_rules(self) -> dict[str, Rule]:
        """Return the remiss answer's own granska rules: the consistency rules."""
        from .regler import RULES

        return RULES

    @cached_property
    def rule_names(self) -> tuple[str, ...]:
        """Return every granska rule of a remiss answer (all of them), in the table's order."""
        from .spec import REVIEW_RULES

        return REVIEW_RULES

    @cached_property
    def prose(self) -> tuple[tuple[str, str, bool], ...]:
        """Return where the review reads prose: field, shape, whether a section of its own."""
        from .spec import PROSE

        return PROSE

    @cached_property
    def placeholders(self) -> tuple[str, ...]:
        """Return FYLL I and the examples `ny` writes to be replaced."""
        from .spec import PLACEHOLDERS

        return PLACEHOLDERS

    @cached_property
    def early_problems(self) -> Callable[[Data], list[Problem]]:
        """Return what finds the phrase rules' problems before anything is rendered."""
        from .phrases import early_problems

        return early_problems

    @cached_property
    def complete(self) -> Callable[[Data], Case]:
        """Return what makes the Case of validated data: Jinja rendered, every default derived."""
        from .phrases import complete

        return complete

    @cached_property
    def blocks(self) -> Callable[[Case], list[Block]]:
        """Return what gives the body in the seed's reading order."""
        from .compose import blocks

        return blocks

    @cached_property
    def section_headings(self) -> Callable[[], dict[str, str]]:
        """Return what gives the standard section headings by field, in document order."""
        from .phrases import section_headings

        return section_headings


    @cached_property
    def derived(self) -> tuple[str, ...]:
        """Return the texts derived from several fields (the beredning sentence)."""
        from .spec import DERIVED

        return DERIVED

    @cached_property
    def example_day(self) -> str:
        """Return the day the table's example dates are written relative to."""
        from .spec import EXAMPLE_DAY

        return EXAMPLE_DAY

    @cached_property
    def phrases(self) -> Callable[[], Phrases]:
        """Return what gives fraser.j2 compiled once, each macro a method."""
        from .phrases import phrases

        return phrases

    @cached_property
    def properties(self) -> Callable[[Case], dict[str, str]]:
        """Return what gives the custom properties by the ärendesystem's names where renamed."""
        from .properties import named

        return named

    @cached_property
    def property_renames(self) -> Callable[[Case], dict[str, str]]:
        """Return what gives the profile's `egenskaper:` renames."""
        from .properties import renames

        return renames

    def recognise(self, parsed: Parsed, layout: Layout, templates: Sequence[Path] = ()
                  ) -> tuple[dict[str, Any], list[str], Path | None]:
        """Return the case data of a read remiss answer, derived sentences back into data,
        its notes, and the template whose page header read it."""
        from .recognise import read

        return read(parsed, layout, templates)


DOCUMENT = Remissvar()
