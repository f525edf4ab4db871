"""jinja._Bucket reads a cache entry from its bytes (marshal.loads) where Jinja's own bucket
reads it from the file object (marshal.load, one call per string of the code; issue 19).

Both must take the same entries and refuse the same ones: for the code of drawn templates
under drawn checksums, the entry as Jinja writes it, cut short anywhere, with a byte of its
head (magic and checksum) changed or read under another checksum, gives our bucket the code
Jinja's gets, none where Jinja's gets none, and the same error where Jinja's raises one (a
checksum that does not unpickle). (A byte changed inside the code is left out: marshal
trusts its input, and both readers are the same marshal.)
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from remissgen import jinja

_ENV = jinja2.Environment()

TEMPLATES = st.lists(st.sampled_from(
    ["text ", "{{ a }}", "{{ b.c | upper }}", "{% if a %}x{% else %}y{% endif %}",
     "{% for i in a %}{{ loop.index }}{% endfor %}", "å ", "{{ 'ä' ~ a }}", "{# n #}",
     "{% set x = [1, 2.5, 'z'] %}{{ x | join(',') }}"]), max_size=6).map("".join)
CHECKSUMS = st.text(alphabet="0123456789abcdef", min_size=1, max_size=40)


def _entry(source: str, checksum: str) -> bytes:
    bucket = jinja2.bccache.Bucket(_ENV, "key", checksum)
    bucket.code = _ENV.compile(source, raw=False)
    return bucket.bytecode_to_string()


def _read(kind: type[jinja2.bccache.Bucket], data: bytes, checksum: str) -> object:
    bucket = kind(_ENV, "key", checksum)
    try:
        bucket.load_bytecode(io.BytesIO(data))
    except Exception as exc:  # a head that does not unpickle
        return type(exc)
    return bucket.code


@settings(max_examples=300, deadline=None)
@given(TEMPLATES, CHECKSUMS, CHECKSUMS, st.integers(min_value=0), st.integers(0, 255))
def test_an_entry_read_from_bytes_is_what_jinja_reads_from_the_file(
        source: str, checksum: str, other: str, at: int, byte: int) -> None:
    data = _entry(source, checksum)
    code = _read(jinja2.bccache.Bucket, data, checksum)
    assert code is not None
    assert _read(jinja._Bucket, data, checksum) == code
    assert _read(jinja._Bucket, data, other) == (code if other == checksum else None)
    cut = at % (len(data) + 1)
    changed = bytearray(data)
    changed[at % (len(jinja2.bccache.bc_magic) + len(pickle.dumps(checksum, 2)))] = byte
    for broken in (data[:cut], bytes(changed)):
        theirs = _read(jinja2.bccache.Bucket, broken, checksum)
        assert _read(jinja._Bucket, broken, checksum) == theirs


def test_the_code_folder_reads_back_what_it_stored(tmp_path: Path) -> None:
    folder = jinja._CodeFolder(str(tmp_path))
    source = "Hej {{ namn }}!"
    bucket = folder.get_bucket(_ENV, "hälsning", None, source)
    assert isinstance(bucket, jinja._Bucket)
    assert bucket.code is None  # nothing stored yet
    bucket.code = _ENV.compile(source)
    folder.set_bucket(bucket)
    again = folder.get_bucket(_ENV, "hälsning", None, source)
    assert again.code == bucket.code
    assert jinja2.FileSystemBytecodeCache(str(tmp_path)).get_bucket(
        _ENV, "hälsning", None, source).code == bucket.code
    assert folder.get_bucket(_ENV, "hälsning", None, source + " ").code is None  # edited
    template = _ENV.template_class.from_code(_ENV, again.code, _ENV.make_globals(None), None)
    assert template.render(namn="Åsa") == "Hej Åsa!"
