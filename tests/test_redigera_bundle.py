"""The editor's JavaScript is reproducible and offline: lockfile, .npmrc, committed bundle."""

from __future__ import annotations

import json
import re

from .conftest import ROOT

WEB = ROOT / "web"
STATIC = ROOT / "remissgen" / "redigera" / "static"


def test_the_lockfile_names_no_registry() -> None:
    text = (WEB / "package-lock.json").read_text(encoding="utf-8")
    lock = json.loads(text)
    assert lock["lockfileVersion"] >= 3
    assert not re.search(r"https?://", text)
    assert all("resolved" not in entry for entry in lock["packages"].values())
    assert all("integrity" in entry for name, entry in lock["packages"].items() if name)


def test_npmrc_keeps_it_that_way() -> None:
    lines = (WEB / ".npmrc").read_text(encoding="utf-8").split()
    assert "omit-lockfile-registry-resolved=true" in lines


def test_the_libraries_are_dependencies_not_copies() -> None:
    package = json.loads((WEB / "package.json").read_text(encoding="utf-8"))
    for name in ("@codemirror/lang-yaml", "@codemirror/lint", "@codemirror/autocomplete",
                 "codemirror", "docx-preview"):
        assert name in package["dependencies"]
    assert "esbuild" in package["devDependencies"]
    assert package["scripts"]["build"] == "node build.mjs"
    for source in (WEB / "src").glob("*.js"):  # libraries come in by import, never copied
        text = source.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 400, source.name
        assert "Copyright" not in text and "@license" not in text, source.name
    assert "export function addPanel" in (WEB / "src" / "panels.js").read_text(encoding="utf-8")


def test_the_bundle_is_committed_minified_and_its_size_is_in_the_readme() -> None:
    bundle = (STATIC / "redigera.js").read_bytes()
    assert bundle.count(b"\n") < 200  # minified: a few lines (license comments at the end)
    assert b"docx" in bundle and b"cm-editor" in bundle
    size_kb = round(len(bundle) / 1000)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Bunten är {size_kb} kB minifierad" in readme
    assert not re.search(rb"https?://[^\s\"']*(cdn|unpkg|jsdelivr|esm\.sh)", bundle)  # no CDN
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?://", page)
