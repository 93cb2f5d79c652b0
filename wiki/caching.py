"""Renderings kept in this process's memory: whole pages for readers who are not logged in, and discussions
for every kind of viewer (wiki/discussion/thread.py).

Everyone who is not logged in sees the same HTML for a URL, so a rendering can be reused until what it
shows changes. Each cached entry is keyed by a version read from the database on every request (a page's
`view_version`, a discussion's `thread_version`), so a change made through any process or app server is seen
at once; entries also expire after READER_CACHE_SECONDS so that "5 minutes ago" stays roughly true.
Nothing is shared between processes and nothing is written to disk."""

import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps

from cachetools import TTLCache
from flask import current_app, make_response, request, session
from flask_login import current_user

from wiki.inputs import parse_number

# The query arguments a cached view may read, each with what it means: equivalent spellings ("07", "7") give one
# key, and a value that means nothing to the view is answered afresh, not kept.
QUERY_ARGUMENTS: dict[str, Callable[[str], Hashable | None]] = {
    "page": parse_number,
    "from": parse_number,
    "to": parse_number,
    "sort": lambda value: value if value in ("oldest", "newest") else None,
}


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
                    current_app.config["READER_CACHE_SECONDS"],
                ),
            )
    return caches[name]


_creating = threading.Lock()


def serves_anonymous_reader() -> bool:
    """A reader whose page holds nothing personal: not logged in, no messages waiting, no form token."""
    return (
        request.method in ("GET", "HEAD")
        and current_app.config["READER_CACHE_SECONDS"] > 0
        and not current_user.is_authenticated
        and not session
    )


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


def cached_for_readers(version_of: Callable[..., Hashable | None], query_args: tuple[str, ...] = ()):
    """Serve a view's 200 responses to anonymous readers from memory while `version_of(**view_args)` is unchanged.

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
            cache = render_cache("responses")
            key = (request.endpoint, tuple(sorted(view_args.items())), arguments, version)
            kept = cache.get(key)
            if kept is not None:
                return current_app.response_class(kept.body, headers=list(kept.headers))
            response = make_response(view(**view_args))
            # Never keep a response that started a session (a form token, a message) or is not plain success.
            if response.status_code == 200 and response.mimetype == "text/html" and not session:
                headers = tuple(
                    (name, value) for name, value in response.headers if name not in ("Content-Length", "Set-Cookie")
                )
                cache.put(key, CachedResponse(response.get_data(), headers))
            return response

        return wrapper

    return decorator
