"""A text's template reads the sandbox's globals themselves, where Jinja's own templates read
a ChainMap over them and an empty dict (make_globals): a ChainMap is iterated in Python at
every render (issue 19). For drawn texts that use the globals (range, dict, cycler, joiner)
and the context, the template `jinja.template` makes renders what Jinja's `from_string`
makes of the same text (or the same refusal), in both sandboxes, and sees the same names in
the same order."""

from __future__ import annotations

from typing import Any

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import jinja

PIECES = st.sampled_from([
    "text ", "{{ a }}", "{{ range(3) | list }}", "{% for i in range(n) %}{{ i }},{% endfor %}",
    "{{ dict(x=1) }}", "{% set c = cycler('x', 'y') %}{{ c.next() }}{{ c.next() }}",
    "{% set j = joiner('; ') %}{% for i in [1, 2] %}{{ j() }}{{ i }}{% endfor %}",
    "{{ a | upper }}", "{{ 'ä' ~ n }}", "{% if a %}ja{% else %}nej{% endif %}",
    "{{ lista | default('–') }}", "{{ range is defined }}", "{{ namespace is defined }}",
])


def _outcome(template: jinja2.Template, context: dict[str, Any]) -> tuple[str, object]:
    try:
        return "text", jinja.render(template, context)
    except Exception as exc:  # a list or a group is refused as program data, in both
        return "error", (type(exc), str(exc))


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=5).map("".join), st.text(max_size=8),
       st.integers(0, 4))
def test_a_text_renders_as_jinjas_own_template_would(source: str, a: str, n: int) -> None:
    for env in (jinja.text_sandbox(), jinja.word_sandbox()):
        ours = jinja.template(env, source)
        theirs = env.from_string(source)
        assert list(ours.globals) == list(theirs.globals)
        assert dict(ours.globals) == dict(theirs.globals)
        context = {"a": a, "n": n}
        assert _outcome(ours, context) == _outcome(theirs, context)
