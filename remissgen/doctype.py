"""The protocol a kind of tjänsteutlåtande fulfils, and the registry of the kinds there are.

A document type is one folder (today `remissgen/remissvar/`, the answer to a remiss) that
gives the pipeline, through `DocumentType`:

- `fields`: its field table (the root `fields.Field`), from which validation, the JSON
  Schema, the `ny` scaffold, the form, `importera`'s YAML, the case model and the Word
  placeholders are all made;
- `derived`: the names its case model and Word templates carry beyond the table's fields;
- `example_day`: the day the table's example dates are written relative to (`ny`);
- `review_rules`: its own `granska` rules by name (the remiss answer's consistency rules),
  which granska runs with its general ones (`granska.regler.RULES`);
- `rule_names`: the name of every rule that applies, general and own, in the order help
  and the field table list them (read without importing a rule); a rule it does not name
  never runs;
- `placeholders`: the texts that mark a value as not filled in (rule ej-ifyllt);
- `prose`: where the review reads prose: (field, shape, a section of its own?), the shape
  "text" (the value: a text or a list of texts), "group" (the group's `text`) or
  "sections" (each item's `rubrik` over its `text`);
- `early_problems(data)`: what its phrase rules find in validated data (also in data with
  other problems), so that every problem of a file comes at once;
- `complete(data)`: its case model, every text rendered and every default derived (raises
  InvalidInput with the Jinja problems);
- `blocks(case)`: the document body in its section order;
- `section_headings()`: its standard section headings by the field that fills them;
- `phrases()`: its Swedish phrase templates, each macro a method (the Jinja filters,
  `importera`'s labels, a build's status texts);
- `properties(case)`: the custom document properties as written (by the ärendesystem's
  names), and `property_renames(case)`: the renames from remissgen's names;
- `recognise(parsed, layout, templates)`: `importera`'s last step, a read document → case
  data, the notes of what could not be read, and which of `templates` read its page header.

`get(name)` returns the registered type (`DEFAULT` when no name is given); a second kind of
tjänsteutlåtande is one more folder with one object like `remissvar.DOCUMENT`, added here.
`Case` and `Phrases` name the types of a case model and of phrases for annotations (the
remiss answer's: the one type there is), so that no other module imports the document
type's folder (a test holds every module but this one to that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from .blocks import Block
    from .errors import Problem
    from .fields import Field
    from .granska.regler import Rule
    from .importera.layout import Layout
    from .importera.structure import Parsed
    from .remissvar.model import Case as Case
    from .remissvar.phrases import Phrases as Phrases
    from .validate import Data

DEFAULT = "remissvar"


class DocumentType(Protocol):
    """What remissgen needs to know of one kind of tjänsteutlåtande."""

    name: str

    @property
    def fields(self) -> Field:
        """Return the root of the field table."""

    @property
    def review_rules(self) -> Mapping[str, Rule]:
        """Return the type's own granska rules by name."""

    @property
    def rule_names(self) -> tuple[str, ...]:
        """Return the name of every granska rule that applies, general and own, in order."""

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Return the texts that mark a value as not filled in."""

    @property
    def prose(self) -> tuple[tuple[str, str, bool], ...]:
        """Return where the review reads prose: field, shape, whether a section of its own."""

    def early_problems(self, data: Data) -> list[Problem]:
        """Return the problems the phrase rules find before anything is rendered."""

    def complete(self, data: Data) -> Any:
        """Return the case model of validated data, or raise InvalidInput."""

    def blocks(self, case: Any) -> list[Block]:
        """Return the document body's blocks in reading order."""

    def section_headings(self) -> dict[str, str]:
        """Return the standard section headings by the field that fills them, in order."""

    @property
    def derived(self) -> tuple[str, ...]:
        """Return the names the case model carries beyond the table's fields."""

    @property
    def example_day(self) -> str:
        """Return the day (YYYY-MM-DD) the table's example dates are written relative to."""

    def phrases(self) -> Phrases:
        """Return the phrase templates, compiled once."""

    def properties(self, case: Any) -> dict[str, str]:
        """Return the custom document properties by the names they are written under."""

    def property_renames(self, case: Any) -> dict[str, str]:
        """Return the renames of the custom properties: remissgen's name → the written one."""

    def recognise(self, parsed: Parsed, layout: Layout, templates: Sequence[Path] = ()
                  ) -> tuple[dict[str, Any], list[str], Path | None]:
        """Return the case data a read document shows, the notes of what it lacks, and the
        template of `templates` whose page header read it (None: none did)."""


def get(name: str = DEFAULT) -> DocumentType:
    """Return the document type `name` (KeyError for one that does not exist)."""
    if name != "remissvar":
        raise KeyError(name)
    from .remissvar import DOCUMENT

    return DOCUMENT
