"""The remiss answer, remissgen's kind of tjänsteutlåtande, as one `doctype.DocumentType`
(`DOCUMENT`): its field table (`spec`), its case model (`model`), its Swedish phrases and
defaults (`phrases`, `fraser.j2`) and its section order (`compose`). Importing the package
imports none of them; each is imported when DOCUMENT is first asked for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..blocks import Block
    from ..errors import Problem
    from ..validate import Data
    from .model import Case
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
    def review_rules(self) -> tuple[str, ...]:
        """Return the granska rules of a remiss answer: all of them."""
        from .spec import REVIEW_RULES

        return REVIEW_RULES

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


DOCUMENT = Remissvar()
