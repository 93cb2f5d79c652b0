"""Renderings kept in this process's memory: whole pages for readers who are not logged in, and discussions
for every kind of viewer (wiki/discussion/thread.py).

Everyone who is not logged in sees the same HTML for a URL, so a rendering can be reused until what it
shows changes. Each cached entry is keyed by a version read from the database on every request (a page's
`view_version`, a discussion's `thread_version`), so a change made through any process or app server is seen
at once; entries also expire after READER_CACHE_SECONDS so that "5 minutes ago" stays roughly true.
Nothing is shared between processes and nothing is written to disk."""

import threading
from collections.abc import Callable, Hashable
from functools import wraps

from cachetools import TTLCache
from flask import current_app, make_response, request, session
from flask_login import current_user


class RenderCache:
    """A size-bounded, time-limited map from keys to rendered text, safe under threaded servers."""

    def __init__(self, max_bytes: int, seconds: float) -> None:
        self._entries: TTLCache = TTLCache(maxsize=max_bytes, ttl=seconds, getsizeof=_size_of)
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            return self._entries.get(key)

    def put(self, key: Hashable, value) -> None:
        if _size_of(value) > self._entries.maxsize:
            return
        with self._lock:
            self._entries[key] = value


def _size_of(value) -> int:
    text = value[0] if isinstance(value, tuple) else value
    return max(len(text), 1)


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


def cached_for_readers(version_of: Callable[..., Hashable | None], query_args: tuple[str, ...] = ()):
    """Serve a view's 200 responses to anonymous readers from memory while `version_of(**view_args)` is unchanged.

    `version_of` must be read before the view reads anything it draws (it is: the wrapper calls it first), so
    a rendering is never stored under a newer version than its contents. It returns None when there is
    nothing to cache (a missing page): the view then answers as usual. `query_args` are the arguments the
    view reads; a request with any other (or a repeated one) is answered afresh, so junk arguments cannot
    fill the cache.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(**view_args):
            args = request.args
            if not serves_anonymous_reader() or any(
                name not in query_args or len(args.getlist(name)) > 1 for name in args
            ):
                return view(**view_args)
            version = version_of(**view_args)
            if version is None:
                return view(**view_args)
            cache = render_cache("responses")
            key = (request.path, tuple(sorted(args.items())), version)
            html = cache.get(key)
            if html is not None:
                return current_app.response_class(html, mimetype="text/html")
            response = make_response(view(**view_args))
            # Never keep a response that started a session (a form token, a message) or is not plain success.
            if response.status_code == 200 and response.mimetype == "text/html" and not session:
                cache.put(key, response.get_data(as_text=True))
            return response

        return wrapper

    return decorator
