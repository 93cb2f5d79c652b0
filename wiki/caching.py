"""The speed layer: what is kept, under what key, and why it cannot be stale.

Every key is either an immutable id or a version read from the record of changes (wiki/changes.py), the one
way this wiki knows what changed. Change ids follow commit order, and every change of a page's text,
definitions, stances, discussions, locks or hiding is recorded against the page, so the newest change id of a
page changes whenever anything its views draw does. Nothing is bumped or expired by hand.

- "responses": whole pages for readers who are not logged in (`cached_for_readers`), keyed by the view, its
  canonical arguments and the newest change id of what it shows. The same version makes the ETag (with the
  code's build id) and Last-Modified, so browsers and reverse proxies revalidate with a 304.
- "threads": the parts of a discussion (wiki/discussion/thread.py), keyed by the newest change id of its page.
  Its comments are rendered where no token or viewer is reachable; each viewer's controls are drawn per request.
- "comments": each comment's element in a thread, keyed by its current revision id and the states moderation can
  change (deleted, hidden) with whether the viewer may see hidden text: a new comment renders only itself.
- "diffs": the diff of two revisions, keyed by their ids: revisions never change.

Relative times ("5 minutes ago") are written by the browser from <time datetime> (static/js/times.js), so a
kept rendering stays true for as long as its version does; READER_CACHE_SECONDS only bounds memory's tenure.
Each cache is per process and bounded in bytes (READER_CACHE_MAX_BYTES); nothing is written to disk.
"""

import hashlib
import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from cachetools import TTLCache
from flask import current_app, make_response, request, session
from flask_login import current_user
from werkzeug.http import is_resource_modified

from wiki.auth.models import USERNAME_MAX_CHARS, USERNAME_RULE
from wiki.changes import FAMILIES, ChangeKind, Version
from wiki.inputs import parse_number

_KINDS = frozenset(FAMILIES) | {kind.value for kind in ChangeKind}
_SLUG_MAX_CHARS = 120  # wiki/pages/models.py's SLUG_MAX_CHARS (a core module cannot import it)


def _username(value: str) -> str | None:
    """Names match without regard to case, so "Alice" and "alice" are one key; an empty filter is no filter."""
    if value == "":
        return ""
    return value.lower() if len(value) <= USERNAME_MAX_CHARS and USERNAME_RULE.fullmatch(value) else None


# The query arguments a cached view may read, each with what it means: equivalent spellings ("07", "7") give one
# key, and a value that means nothing to the view is answered afresh, not kept. The filters of recent changes
# take "" (a field of the filter form left empty) as no filter; the page filter is kept only as `slug`, since
# `page` is the page number in every list (`page=<slug>` is answered afresh).
QUERY_ARGUMENTS: dict[str, Callable[[str], Hashable | None]] = {
    "page": parse_number,
    "from": parse_number,
    "to": parse_number,
    "sort": lambda value: value if value in ("oldest", "newest") else None,
    # A search, as it is run: space made one, and short (a long query is answered afresh, not kept).
    "q": lambda value: " ".join(value.split()) if len(value) <= 200 else None,
    "kind": lambda value: value if value in _KINDS or value == "" else None,
    "user": _username,
    "slug": lambda value: value if len(value) <= _SLUG_MAX_CHARS else None,
    "hide_mine": lambda value: {"": False, "0": False, "1": True}.get(value),
}
# What is kept: pages and feeds (an error page or a redirect never is).
KEPT_MIMETYPES = frozenset({"text/html", "application/atom+xml"})
# Anonymous reads may be kept by browsers and shared caches, but must be checked with the server each time.
PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate"


class RenderCache:
    """A map from keys to renderings, bounded by the bytes it holds (keys included) and by time; thread-safe."""

    def __init__(self, max_bytes: int, seconds: float) -> None:
        self._entries: TTLCache = TTLCache(maxsize=max_bytes, ttl=seconds, getsizeof=lambda entry: entry[0])
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            entry = self._entries.get(key)
        return None if entry is None else entry[1]

    def put(self, key: Hashable, value) -> None:
        size = bytes_held(key) + bytes_held(value)
        if size > self._entries.maxsize:
            return
        with self._lock:
            self._entries[key] = (size, value)


def bytes_held(thing) -> int:
    """The memory a key or value takes: strings and bytes as Python stores them, tuples part by part (keys and
    values are flat tuples of our own making, so this never goes deep)."""
    if isinstance(thing, tuple | list):
        return sys.getsizeof(thing) + sum(bytes_held(part) for part in thing)
    if isinstance(thing, CachedResponse):
        return bytes_held(thing.body) + bytes_held(thing.headers)
    return sys.getsizeof(thing)


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    headers: tuple[tuple[str, str], ...]  # as the view set them; after_request handlers add theirs each time


def render_cache(name: str) -> RenderCache:
    """This app's cache called `name` (one per app, so apps on different databases never share one)."""
    caches = current_app.extensions.setdefault("render_caches", {})
    if name not in caches:
        with _creating:
            caches.setdefault(
                name,
                RenderCache(
                    current_app.config["READER_CACHE_MAX_BYTES"],
                    current_app.config["READER_CACHE_SECONDS"] or 1,
                ),
            )
    return caches[name]


_creating = threading.Lock()


def keeping() -> bool:
    return current_app.config["READER_CACHE_SECONDS"] > 0


def kept(cache_name: str, key: Hashable, make: Callable[[], object]):
    """`make()`'s result, kept under `key` (which must name everything it depends on)."""
    if not keeping():
        return make()
    cache = render_cache(cache_name)
    value = cache.get(key)
    if value is None:
        value = make()
        cache.put(key, value)
    return value


def build_id() -> str:
    """A digest of the code, templates and static files, so an ETag changes with a new release."""
    found = current_app.extensions.get("build_id")
    if found is None:
        root = Path(current_app.root_path).parent
        digest = hashlib.sha256()
        for folder in ("wiki", "templates", "static"):
            for path in sorted((root / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    digest.update(str(path.relative_to(root)).encode())
                    digest.update(path.read_bytes())
        found = current_app.extensions["build_id"] = digest.hexdigest()[:16]
    return found


def serves_anonymous_reader() -> bool:
    """A reader whose page holds nothing personal: not logged in, no messages waiting, no form token."""
    return request.method in ("GET", "HEAD") and not current_user.is_authenticated and not session


def _canonical_arguments(allowed: tuple[str, ...]) -> tuple | None:
    """The query as the view understands it, or None when it has anything else (unknown, repeated or junk)."""
    canonical = []
    for name in request.args:
        values = request.args.getlist(name)
        value = QUERY_ARGUMENTS[name](values[0]) if name in allowed and len(values) == 1 else None
        if value is None:
            return None
        canonical.append((name, value))
    return tuple(sorted(canonical))


def _entity_tag(key: tuple) -> str:
    return hashlib.sha256(repr((build_id(), key)).encode()).hexdigest()[:32]


def _public(response, etag: str, version: Version):
    response.set_etag(etag, weak=True)
    response.last_modified = version.changed_at
    response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.vary.add("Cookie")  # a member's request (with a session cookie) gets their own page
    return response


def cached_for_readers(version_of: Callable[..., Version | None], query_args: tuple[str, ...] = ()):
    """Serve a view's 200 responses to anonymous readers from memory while `version_of(**view_args)` is unchanged,
    with an ETag and Last-Modified from that version, answering a matching conditional request with 304.

    `version_of` must be read before the view reads anything it draws (it is: the wrapper calls it first), so
    a rendering is never stored under a newer version than its contents. It returns None when there is
    nothing to cache (a missing page): the view then answers as usual. The key is the endpoint, the view's
    arguments as the converters made them (so "/definitions/007" and "/definitions/7" share one) and
    `query_args` read through QUERY_ARGUMENTS; a request with any other argument is answered afresh, so junk
    URLs cannot fill the cache.
    """
    unknown = set(query_args) - QUERY_ARGUMENTS.keys()
    if unknown:
        raise ValueError(f"no canonical form for query arguments {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def wrapper(**view_args):
            arguments = _canonical_arguments(query_args) if serves_anonymous_reader() else None
            if arguments is None:
                return view(**view_args)
            version = version_of(**view_args)
            if version is None:
                return view(**view_args)
            key = (request.endpoint, tuple(sorted(view_args.items())), arguments, version.change_id)
            etag = _entity_tag(key)
            if not is_resource_modified(request.environ, etag=etag, last_modified=version.changed_at):
                return _public(current_app.response_class(status=304), etag, version)
            cache = render_cache("responses") if keeping() else None
            held = cache.get(key) if cache else None
            if held is not None:
                return _public(current_app.response_class(held.body, headers=list(held.headers)), etag, version)
            response = make_response(view(**view_args))
            # Never keep a response that started a session (a form token, a message) or is not plain success.
            if response.status_code == 200 and response.mimetype in KEPT_MIMETYPES and not session:
                if cache:
                    headers = tuple(
                        (name, value)
                        for name, value in response.headers
                        if name not in ("Content-Length", "Set-Cookie")
                    )
                    cache.put(key, CachedResponse(response.get_data(), headers))
                _public(response, etag, version)
            return response

        return wrapper

    return decorator
