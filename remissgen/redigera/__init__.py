"""remissgen redigera: a local web editor with the case file on the left, the document beside it.

`server` is the ASGI application (its security rules run before any route), `session` the
one case file it serves, `api` the text-in, problems-and-bytes-out calls it uses. The page
and its bundle live in `static/`; their sources and build script in the repository's `web/`.
"""
