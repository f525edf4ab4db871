"""output._always asks whether the target is one of the build's inputs only when something is
there (issue 19): a batch writes into a fresh folder, and same_file says no to a file that
is not there anyway, after a stat and an exception per input, twice a document. The
answer must be same_file's for every target, there or not, and an input is still refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remissgen import output
from remissgen.errors import RemissgenError

NAMES = ["fall.yaml", "mall.docx", "ut.docx", "länk.docx", "borta.docx"]


def _refused(path: Path, inputs: dict[str, Path | None]) -> bool:
    try:
        output.check_target(path, inputs=inputs)
    except RemissgenError:
        return True
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NAMES), st.lists(st.sampled_from(NAMES), max_size=3), st.booleans())
def test_a_target_is_refused_exactly_when_same_file_says_it_is_an_input(
        tmp_path_factory: pytest.TempPathFactory, target: str, inputs: list[str],
        dangling: bool) -> None:
    folder = tmp_path_factory.mktemp("ut")
    (folder / "fall.yaml").write_text("kommun: x\n")
    (folder / "mall.docx").write_bytes(b"PK")
    os.link(folder / "mall.docx", folder / "ut.docx")  # another name of the template
    (folder / "länk.docx").symlink_to(folder / ("borta.docx" if dangling else "fall.yaml"))
    given_inputs: dict[str, Path | None] = {kind: folder / name for kind, name in
                                            zip(("ärendefil", "mall", "profil"), inputs, strict=False)}
    path = folder / target
    expected = any(output.same_file(path, p) for p in given_inputs.values() if p is not None)
    if expected:
        assert _refused(path, given_inputs)
    elif not path.exists():
        assert not _refused(path, given_inputs)


def test_the_template_under_another_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mall.docx").write_bytes(b"PK")
    os.link(tmp_path / "mall.docx", tmp_path / "ut.docx")
    with pytest.raises(RemissgenError) as found:
        output.save_docx(tmp_path / "ut.docx", b"PK", force=True,
                         inputs={"mall": tmp_path / "mall.docx"})
    assert "skrivs aldrig över" in str(found.value)
    assert (tmp_path / "ut.docx").read_bytes() == b"PK"
