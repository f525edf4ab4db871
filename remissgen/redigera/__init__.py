"""remissgen redigera: a local web editor with the case file on the left, the document beside it.

`server` is the ASGI application (its security rules run before any route), `session` the
one case file it serves, through remissgen's public API (`load_text`, `build`, `review`). The page
and its bundle live in `static/`; their sources and build script in the repository's `web/`.
"""
