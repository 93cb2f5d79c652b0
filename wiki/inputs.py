"""What a request may carry: numbers the database can hold, no NUL characters, and a body counted as it is read.

Numbers from URLs, query strings and forms are ASCII digits only, and only what the database can hold.

str.isdigit() says yes to "²", which int() then refuses; int() reads other scripts' digits ("٣") and any length;
and a 30-digit id overflows PostgreSQL's integer columns. Every route, argument and form field reads its numbers
through this module, so each of those is a clean 404 (in a path) or 400/422 (in a query or form), never a 500.

PostgreSQL cannot store NUL in text (SQLite can), so a NUL anywhere in a request is refused before any view
runs, and both databases behave alike.

A chunked body has no Content-Length to check, so ChunkedBodyLimit reads it up to the limit and counts it."""

import io
import re
from urllib.parse import urlsplit

from flask import abort, request, url_for
from werkzeug.routing import IntegerConverter
from wtforms.validators import ValidationError

# PostgreSQL's integer; ids and revision numbers are integer columns on both databases.
MAX_DATABASE_INT = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_number(raw: str | None) -> int | None:
    """A positive whole number the database can hold, or None."""
    if raw is None or not _DIGITS.fullmatch(raw):
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_DATABASE_INT else None


class DatabaseIntConverter(IntegerConverter):
    """`<int:…>` in every route: ASCII digits, 1 up to the largest id the database holds; anything else
    does not match the route, so it is a 404."""

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_DATABASE_INT)
        super().__init__(map, *args, **kwargs)


def number_arg(name: str, default: int | None = None, *, noun: str = "a positive whole number") -> int:
    """A query argument that must be a number: missing gives `default` (or a 400 without one); bad is a 400."""
    raw = request.args.get(name)
    if raw is None and default is not None:
        return default
    number = parse_number(raw)
    if number is None:
        abort(400, description=f"'{name}' must be {noun} (1 to {MAX_DATABASE_INT:,}).")
    return number


def page_number_arg() -> int:
    """The ?page=N argument of every list; anything but a positive whole number is a 400."""
    return number_arg("page", 1)


class WholeNumber:
    """A form validator for a field that holds an id or a revision number (an empty field is left to Optional)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _form, field) -> None:
        if field.data and parse_number(field.data) is None:
            raise ValidationError(self.message)


def refuse_nul_characters() -> None:
    """Before every request: a NUL in the path, the query or a form field is a 400."""
    pairs = list(request.args.items(multi=True))
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.mimetype in FORM_TYPES:
        pairs.extend(request.form.items(multi=True))
    if "\x00" in request.path or any("\x00" in name or "\x00" in value for name, value in pairs):
        abort(400, description="The request contains a NUL character, which the wiki does not store.")


FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class ChunkedBodyLimit:
    """WSGI middleware: a body sent without a Content-Length (chunked) is read here, up to the limit and one byte
    more, and handed on as an ordinary body with its length. So the size guard counts what was read: over the
    limit is the usual 413, never a form silently cut at the limit."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        if not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            body = _read_up_to(environ["wsgi.input"], self.max_bytes + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))  # over max_bytes when too long: Werkzeug answers 413
            environ.pop("HTTP_TRANSFER_ENCODING", None)  # else Werkzeug ignores the length
        return self.app(environ, start_response)


def _read_up_to(stream, size: int) -> bytes:
    """`size` bytes, or all there are: a de-chunking stream hands out one chunk a read."""
    parts, left = [], size
    while left > 0:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def safe_next(target: str | None) -> str:
    """Follow ?next= only to a path on this site; anything else goes home."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and not any(ord(c) < 32 for c in target):
            return target
    return url_for("pages.home")
