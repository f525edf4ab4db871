"""The per-user cache of compiled Jinja code: a new process reads what an earlier one
compiled, and never runs code compiled from another text, filter set or Jinja."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from remissgen import jinja

from .conftest import SEED_CASE


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> jinja2.FileSystemBytecodeCache:
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path), pattern="__remissgen_%s.cache")
    monkeypatch.setattr(jinja, "_code_cache", lambda: cache)
    return cache


def _entries(store: jinja2.FileSystemBytecodeCache) -> list[str]:
    return sorted(n for n in os.listdir(store.directory) if n.startswith("__remissgen_"))


def _refuse_compiling(monkeypatch: pytest.MonkeyPatch,
                      env: jinja2.Environment) -> None:
    def compile_(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled, not read from the cache")

    monkeypatch.setattr(env, "compile", compile_)


def test_code_compiled_once_is_read_back_instead_of_compiled_again(
        store: jinja2.FileSystemBytecodeCache, monkeypatch: pytest.MonkeyPatch) -> None:
    env = jinja.text_sandbox()
    source = "Nämnden {{ namn }} föreslår {{ förslag | lista }}."
    first = jinja.template(env, source).render(namn="Sociala", förslag=["A", "B"])
    assert len(_entries(store)) == 1
    _refuse_compiling(monkeypatch, env)
    again = jinja.template(env, source).render(namn="Sociala", förslag=["A", "B"])
    assert again == first == "Nämnden Sociala föreslår A och B."


def test_another_text_is_compiled_never_served_the_old_code(
        store: jinja2.FileSystemBytecodeCache) -> None:
    env = jinja.text_sandbox()
    assert jinja.template(env, "A {{ x }}").render(x=1) == "A 1"
    assert jinja.template(env, "B {{ x }}").render(x=1) == "B 1"
    assert len(_entries(store)) == 2


def test_a_filter_called_another_way_gives_another_entry() -> None:
    plain, other = jinja.environment(), jinja.environment()
    assert jinja._signature(plain) == jinja._signature(jinja.environment())
    other.filters["lista"] = jinja2.pass_eval_context(lambda ctx, v: str(v))
    assert jinja._signature(plain) != jinja._signature(other)
    assert jinja._signature(jinja.text_sandbox()) != jinja._signature(jinja.word_sandbox())


def test_a_damaged_entry_is_compiled_anew(store: jinja2.FileSystemBytecodeCache,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    env = jinja.text_sandbox()
    jinja.template(env, "Hej {{ namn }}!")
    for name in _entries(store):
        Path(store.directory, name).write_bytes(b"j2 not code at all")
    assert jinja.template(env, "Hej {{ namn }}!").render(namn="du") == "Hej du!"


def test_without_a_cache_folder_or_when_writing_fails_everything_is_compiled(
        store: jinja2.FileSystemBytecodeCache, monkeypatch: pytest.MonkeyPatch) -> None:
    env = jinja.text_sandbox()

    def full_disk(bucket: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "dump_bytecode", full_disk)
    assert jinja.template(env, "Ett {{ x }}").render(x="fel") == "Ett fel"
    assert _entries(store) == []
    monkeypatch.setattr(jinja, "_code_cache", lambda: None)
    assert jinja.template(env, "Två {{ x }}").render(x="fel") == "Två fel"


def test_the_cache_folder_keeps_a_bounded_number_of_entries(
        store: jinja2.FileSystemBytecodeCache, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja, "CODE_FILES", 6)
    monkeypatch.setattr(jinja, "_PRUNE_EVERY", 1)
    theirs = Path(store.directory, "__jinja2_fraser.cache")  # Jinja's own: never removed
    theirs.write_bytes(b"x")
    env = jinja.text_sandbox()
    for i in range(20):
        assert jinja.template(env, f"Text {i}: {{{{ x }}}}").render(x=i) == f"Text {i}: {i}"
        assert len(_entries(store)) <= 6 + 1
    assert theirs.exists()


def test_a_second_build_in_a_new_process_reads_the_cache_and_writes_the_same_document(
        tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    documents = []
    for run in ("första", "andra"):
        out = tmp_path / f"{run}.docx"
        done = subprocess.run([sys.executable, "-m", "remissgen", "bygg", str(SEED_CASE),
                               "-o", str(out)], capture_output=True, text=True, env=env,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        documents.append(out.read_bytes())
        cached = [p.name for p in temp.glob("_jinja2-cache-*/__remissgen_*.cache")]
        assert cached, "the first build left its compiled texts and placeholders"
    assert documents[0] == documents[1]
