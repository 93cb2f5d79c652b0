"""`make bench-hostile`: hostile inputs within the limits, each request timed against a 1 s budget.

No request, whatever its input within the limits, may hold a worker for more than about a second. This builds a
wiki whose pages, definitions and comments hold hostile texts right up to their size limits (through the app's own
functions, so the stored revisions exist whatever validation later says), serves it with gunicorn as production
does (bench.run.gunicorn: `wiki:create_app()`, 2 sync workers), sends every case over real HTTP `--repeat` times
and prints the worst time of each against the budget.

    python -m bench.hostile [--repeat 3] [--only SUBSTRING] [--list] [--strict]

Environment: BENCH_DIR (default /tmp/wiki-bench-hostile) holds the SQLite database (rebuilt every run), the
results (hostile.json) and the server log (hostile-gunicorn.log). BENCH_STRICT=1 is --strict: a failed case
fails the command.
"""

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from urllib.parse import urlencode

import requests

from bench import build, run
from bench.build import BENCH_PASSWORD, BENCH_USER
from config import Config
from wiki.definitions.forms import DEFINITION_MAX_CHARS
from wiki.discussion.forms import COMMENT_MAX_CHARS

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 1.0
TIMEOUT_S = 60  # the client gives up here; the case then fails with ">60 s"
# Far above the client's timeout, so a slow case is measured rather than killed. After a client timeout the
# server is restarted (see Server), and the short graceful timeout makes that restart quick.
GUNICORN_ARGS = "--timeout 120 --graceful-timeout 5"

KB = 1024
PAGE_BYTES = Config.BODY_MAX_BYTES  # UTF-8 bytes
DEFINITION_CHARS = DEFINITION_MAX_CHARS
COMMENT_CHARS = COMMENT_MAX_CHARS

TIMED_OUT = "timeout"
RESET = "reset"  # the server closed the connection before the client finished sending (an early refusal)
ANONYMOUS, MEMBER, BOTH, VISITOR = "anonymous", "member", "both", "visitor"

FORM_PAGE = "hostile-form-page"  # a small article: the member's form token comes from its editor
TERM_PAGE = "hostile-term"  # definitions are proposed here
DISCUSSION_PAGE = "hostile-discussion"  # comments are posted here


# Hostile texts. All ASCII except the realistic article, so characters and bytes agree.


def fill(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` UTF-8 bytes (a character cut in half is dropped)."""
    text = unit * (size // len(unit.encode()) + 1)
    return text.encode()[:size].decode(errors="ignore")


def change_words(text: str, count: int = 5, word: str = "c") -> str:
    """`text` with `count` of its space-separated words, spread evenly, replaced by `word`."""
    words = text.split(" ")
    step = max(len(words) // (count + 1), 1)
    for index in list(range(step, len(words), step))[:count]:
        words[index] = word
    return " ".join(words)


def few_changed(text: str) -> tuple[str, str]:
    return text, change_words(text)


def letter_lines(count: int) -> list[str]:
    """One single-letter word per line: 100,000 lines fit in 200,000 bytes."""
    return [chr(ord("a") + index % 26) for index in range(count)]


def replace_every(lines: list[str], every: int, mark: str, start: int = 0, stop: int | None = None) -> list[str]:
    changed = list(lines)
    for index in range(start, len(lines) if stop is None else stop, every):
        changed[index] = mark
    return changed


def joined(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def random_words(seed: int, letters: str, size: int, words_per_line: int | None) -> str:
    """Pseudo-random words made of `letters`, one line or `words_per_line` words a line, `size` bytes."""
    rng = random.Random(seed)
    words, length = [], 0
    while length < size:
        words.append("".join(rng.choices(letters, k=rng.randint(1, 7))))
        length += len(words[-1]) + 1
    if words_per_line is None:
        text = " ".join(words)
    else:
        text = "\n".join(" ".join(words[i : i + words_per_line]) for i in range(0, len(words), words_per_line))
    return text[:size]


def disjoint(size: int, words_per_line: int | None) -> tuple[str, str]:
    """Two texts with no word and no line in common."""
    return (
        random_words(1, "abcdefghijklm", size, words_per_line),
        random_words(2, "nopqrstuvwxyz", size, words_per_line),
    )


@cache
def article(size: int) -> str:
    """The seeded wiki's articles, one after another and repeated, cut to `size` bytes."""
    from wiki.seed.content import PAGES

    text = "\n\n".join(f"# {page.title}\n\n{page.revisions[-1].body.strip()}" for page in PAGES) + "\n\n"
    return fill(text, size)


def edited_article(size: int) -> tuple[str, str]:
    """The article and a copy with five paragraphs reworded (the second half of their words reversed)."""
    paragraphs = article(size).split("\n\n")
    edited = list(paragraphs)
    for index in range(len(paragraphs) // 6, len(paragraphs), len(paragraphs) // 6)[:5]:
        words = edited[index].split(" ")
        half = len(words) // 2
        edited[index] = " ".join(words[:half] + words[half:][::-1])
    return article(size), "\n\n".join(edited)


def word_lines() -> tuple[str, str]:
    lines = letter_lines(100_000)
    return joined(lines), joined(replace_every(lines, 10, "X"))


def conflicting_lines() -> tuple[str, str, str]:
    """Base, theirs, mine: 100,000 lines, every 10th changed by both sides (10,000 overlapping changes)."""
    lines = letter_lines(100_000)
    return joined(lines), joined(replace_every(lines, 10, "T")), joined(replace_every(lines, 10, "M"))


def conflicting_line() -> tuple[str, str, str]:
    """Base, theirs, mine: one 200 KB 'a b' line whose words both sides change in different places."""
    base = fill("a b ", PAGE_BYTES)
    return base, change_words(base, 5, "c"), change_words(base, 7, "d")


def merging_lines() -> tuple[str, str, str]:
    """Base, theirs, mine: 100,000 lines, theirs change the first half, mine the second: a clean merge."""
    lines = letter_lines(100_000)
    half = len(lines) // 2
    return joined(lines), joined(replace_every(lines, 10, "T", stop=half)), joined(replace_every(lines, 10, "M", half))


def table(size: int) -> str:
    """A table 2,000 columns wide (fewer when the header and delimiter rows would not fit), rows to `size`."""
    columns = min(2000, (size // 3 - 2) // 2)
    header, delimiter, row = ("|" + f"{cell}|" * columns + "\n" for cell in "a-b")
    return (header + delimiter + row * (size // len(row))).encode()[:size].decode()


# Texts whose diffs are read: (key, what they are, revision texts oldest first).
PAGE_DIFFS = [
    ("ab-2k", "'a b' line 2 KB, few words changed", lambda: few_changed(fill("a b ", 2 * KB))),
    ("ab-200k", "'a b' line 200 KB, few words changed", lambda: few_changed(fill("a b ", PAGE_BYTES))),
    ("ab-ba", "'a b a b…' vs 'b a b a…', 200 KB", lambda: (fill("a b ", PAGE_BYTES), fill("b a ", PAGE_BYTES))),
    ("word", "one word repeated, 200 KB line, few changed", lambda: few_changed(fill("word ", PAGE_BYTES))),
    ("word-lines", "word per line x 100,000, every 10th changed", word_lines),
    ("disjoint-line", "nothing in common, 200 KB one line each", lambda: disjoint(PAGE_BYTES, None)),
    ("disjoint-lines", "nothing in common, 200 KB short lines", lambda: disjoint(PAGE_BYTES, 10)),
    ("a-b-lines", "100,000 lines 'a' vs 100,000 lines 'b'", lambda: (fill("a\n", 200_000), fill("b\n", 200_000))),
    ("article", "realistic 200 KB article, 5 paragraphs edited", lambda: edited_article(PAGE_BYTES)),
]

# Definitions and comments: the same kinds of pair at their own limits (a size in characters).
SMALL_DIFFS = [
    ("ab-ba", "'a b a b…' vs 'b a b a…'", lambda size: (fill("a b ", size), fill("b a ", size))),
    ("word", "one word repeated, few changed", lambda size: few_changed(fill("word ", size))),
    ("disjoint-line", "nothing in common, one line each", lambda size: disjoint(size, None)),
    ("disjoint-lines", "nothing in common, short lines", lambda size: disjoint(size, 10)),
]

# Two definitions of the term side by side: (key, what they are, their two texts).
COMPARES = [
    ("ab-ba", "'a b a b…' vs 'b a b a…'", lambda: (fill("a b ", DEFINITION_CHARS), fill("b a ", DEFINITION_CHARS))),
    ("disjoint-line", "nothing in common, one line each", lambda: disjoint(DEFINITION_CHARS, None)),
    ("disjoint-lines", "nothing in common, short lines", lambda: disjoint(DEFINITION_CHARS, 10)),
]

# Stale saves of a page whose head is revision 2: (key, what happens, expected statuses, base/theirs/mine).
STALE_EDITS = [
    ("conflict-lines", "409: 100,000 lines, every 10th changed by both", (409, 413, 422), conflicting_lines),
    ("conflict-line", "409: one 200 KB 'a b' line changed by both", (409, 413, 422), conflicting_line),
    ("merge-lines", "clean merge: 100,000 lines, halves changed", (303, 413, 422), merging_lines),
]

# Markdown that is costly to parse, sanitize or draw: (key, what it is, the text at a size limit).
MARKDOWN = [
    ("lt", "'<' to 97.5% of the limit", lambda size: "<" * (size * 195 // 200)),
    ("amp", "'&' x the limit", lambda size: "&" * size),
    ("emphasis", "'**_' repeated", lambda size: fill("**_", size)),
    ("table", "table up to 2,000 columns wide", table),
    ("brackets", "'[' x the limit", lambda size: "[" * size),
    ("images", "'![' repeated", lambda size: fill("![", size)),
    ("links", "'[a](' repeated", lambda size: fill("[a](", size)),
    ("paragraphs", "'a\\n\\n' repeated", lambda size: fill("a\n\n", size)),
    ("quotes", "'> ' nested 10,000 deep, one line", lambda size: fill("> ", min(20_000, size - 1)) + "a"),
    ("list", "'- ' nested, one line", lambda size: fill("- ", size - 1) + "a"),
    ("backticks", "'`' x the limit", lambda size: "`" * size),
    ("article", "realistic article", article),
]


# The cases.


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str  # {names} come from the built wiki's ids; {unique} differs for every request
    who: str = ANONYMOUS  # anonymous, member, both (anonymous first), or visitor (anonymous with a form token)
    form: Callable[[], dict] | None = None  # POST fields; members and visitors add their csrf_token
    expect: tuple = (200,)
    chunked: bool = False  # send the form with Transfer-Encoding: chunked
    # End the body with the request's {unique} token: each worker keeps its last renderings (wiki/rendering.py),
    # and an attacker would not send the same text twice.
    fresh_body: bool = False


REFUSALS = (302, 303, 400, 404, 405)
SIZE_LABELS = {PAGE_BYTES: "200 KB", DEFINITION_CHARS: "5,000 chars", COMMENT_CHARS: "10,000 chars"}


def read_cases() -> list[Case]:
    """Diffs, histories, old revisions and comparisons of the hostile texts, for readers and members."""
    cases = []
    for key, label, _texts in PAGE_DIFFS:
        slug = f"hostile-diff-{key}"
        cases += [
            Case(f"page diff: {label}", "GET", f"/wiki/{slug}/diff?from=1&to=2", BOTH),
            Case(f"page history: {label}", "GET", f"/wiki/{slug}/history", BOTH),
            Case(f"page revision 2: {label}", "GET", f"/wiki/{slug}/revisions/2", BOTH),
        ]
    for owner, size in (("definition", DEFINITION_CHARS), ("comment", COMMENT_CHARS)):
        for key, label, _texts in SMALL_DIFFS:
            path = f"/{owner}s/{{{owner}_{key}}}/diff?from=1&to=2"
            cases.append(Case(f"{owner} diff: {label}, {SIZE_LABELS[size]}", "GET", path, BOTH))
    for key, label, _texts in COMPARES:
        path = f"/wiki/{TERM_PAGE}/compare?a={{compare_{key}_a}}&b={{compare_{key}_b}}"
        cases.append(Case(f"compare definitions: {label}, 5,000 chars", "GET", path, BOTH))
    return cases


def stale_form(texts: Callable[[], tuple[str, str, str]]) -> dict:
    """The editor as it was opened on revision 1, saved with my text: the head has moved on to revision 2."""
    return {"body": texts()[2], "summary": "hostile", "base_revision": "1"}


def with_tail(text: str, tail: str) -> str:
    """`text` with its last characters replaced by `tail`: as long, or shorter in bytes."""
    return text[: -len(tail)] + tail


def body_form(make: Callable[[int], str], size: int) -> dict:
    return {"body": make(size)}


def at_the_cap(make: Callable[[int], str]) -> str:
    """The longest text of a family (within the size limit) that the renderer still renders: the worst rendering a
    member can ask for, where the 200 KB texts are refused at once."""
    from wiki.rendering import rendering_refusal

    low, high = 1, PAGE_BYTES
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if rendering_refusal(make(middle)) is None else (low, middle - 1)
    return make(low)


def at_the_cap_form(make: Callable[[int], str], page: bool = False) -> dict:
    fields = {"body": at_the_cap(make)}
    return {"title": "Hostile page at the cap", "kind": "article", "summary": "cap", **fields} if page else fields


def new_page_form(make: Callable[[int], str]) -> dict:
    return {"title": "Hostile new page", "kind": "article", "body": make(PAGE_BYTES), "summary": "new"}


def edit_cases() -> list[Case]:
    """Stale saves that conflict (the 409 page) or merge, with 200 KB texts."""
    return [
        Case(
            f"stale save {label}", "POST", f"/wiki/hostile-edit-{key}/edit", MEMBER, partial(stale_form, texts), expect
        )
        for key, label, expect, texts in STALE_EDITS
    ]


def rendering_cases() -> list[Case]:
    """Every hostile Markdown text through the preview, a new page, a proposed definition and a comment."""
    cases = []
    for key, label, make in MARKDOWN:
        targets = [
            (f"preview: {label}, 200 KB", "/preview", partial(body_form, make, PAGE_BYTES), (200, 413, 422)),
            (f"preview: {label}, the most still rendered", "/preview", partial(at_the_cap_form, make), (200,)),
            (f"new page: {label}, the most still rendered", f"/wiki/hostile-cap-{key}-{{unique}}/edit",
             partial(at_the_cap_form, make, page=True), (303,)),
            (f"new page: {label}, 200 KB", f"/wiki/hostile-new-{key}-{{unique}}/edit", partial(new_page_form, make),
             (303, 413, 422)),
            (f"propose definition: {label}, 5,000 chars", f"/wiki/{TERM_PAGE}/definitions",
             partial(body_form, make, DEFINITION_CHARS), (303, 422)),
            (f"post comment: {label}, 10,000 chars", f"/wiki/{DISCUSSION_PAGE}/comments",
             partial(body_form, make, COMMENT_CHARS), (303, 400)),
        ]  # fmt: skip
        cases += [
            Case(name, "POST", path, MEMBER, form, expect, fresh_body=True) for name, path, form, expect in targets
        ]
    return cases


def big_form(field_bytes: int) -> dict:
    return {"body": "a" * field_bytes, "reason": "a" * field_bytes}


def login_form(username: str) -> dict:
    return {"username": username, "password": "not-the-password-of-anyone"}


def anonymous_post_cases() -> list[Case]:
    """Big forms without a session or a token, under the 1 MiB request limit and over it, plain and chunked."""
    sizes = [
        ("600 KB (body + reason, 300 KB each)", 300 * KB, REFUSALS),
        ("1.5 MiB (over the limit)", 768 * KB, (413, RESET, *REFUSALS)),
    ]
    cases = []
    targets = [("a missing URL", "/no/such/url"), ("a page editor", f"/wiki/{FORM_PAGE}/edit"), ("preview", "/preview")]
    for target, path in targets:
        for size_label, field_bytes, expect in sizes:
            for chunked in (False, True):
                name = f"anonymous POST to {target}: {size_label}{', chunked' if chunked else ''}"
                cases.append(Case(name, "POST", path, ANONYMOUS, partial(big_form, field_bytes), expect, chunked))
    return cases


def login_cases() -> list[Case]:
    """Failed logins through the real form: the two first times should not tell members from strangers."""
    logins = [
        ("wrong password, existing member", BENCH_USER),
        ("unknown username", "no-such-member"),
        ("450 KB username", "a" * 450 * KB),
    ]
    return [
        Case(f"login: {label}", "POST", "/auth/login", VISITOR, partial(login_form, username), (422,))
        for label, username in logins
    ]


def odd_url_cases() -> list[Case]:
    return [
        Case("odd URL: comment id of 23 digits", "GET", "/comments/" + "9" * 23, expect=(404,)),
        Case("odd URL: revision number of 23 digits", "GET", f"/wiki/{FORM_PAGE}/revisions/" + "9" * 23, expect=(404,)),
        Case("odd URL: ?page= of 30 digits", "GET", "/?page=" + "9" * 30, expect=(200, 400, 404)),
        Case("odd URL: ?page=²", "GET", "/?page=²", expect=(200, 400, 404)),
    ]


def all_cases() -> list[Case]:
    return read_cases() + edit_cases() + rendering_cases() + anonymous_post_cases() + login_cases() + odd_url_cases()


def request_line(case: Case, ids: dict | None = None) -> str:
    path = case.path.format(unique="{unique}", **ids) if ids else case.path
    return f"{case.method} {path}"


# The wiki: migrated, then filled through the app's own functions.


def hostile_dir() -> Path:
    path = Path(os.environ.get("BENCH_DIR") or "/tmp/wiki-bench-hostile")
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_wiki(path: Path) -> dict[str, int]:
    """A fresh SQLite wiki at `path` holding every hostile text; returns the ids the cases' URLs name."""
    from flask_migrate import upgrade

    from wiki.auth.models import User
    from wiki.extensions import db
    from wiki.pages.models import PageKind

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    app = build.make_app(f"sqlite:///{path}")
    ids: dict[str, int] = {}
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        build.check_schema(db)
        member = User(BENCH_USER, BENCH_PASSWORD)  # hashed as registration would
        db.session.add(member)
        add_page(FORM_PAGE, PageKind.ARTICLE, ["A small page whose editor gives the member a form token."], member)
        term = add_page(TERM_PAGE, PageKind.TERM, ["A term whose definitions are hostile."], member)
        discussion = add_page(DISCUSSION_PAGE, PageKind.ARTICLE, ["A page whose comments are hostile."], member)
        for key, _label, texts in PAGE_DIFFS:
            add_page(f"hostile-diff-{key}", PageKind.ARTICLE, texts(), member)
        for key, _label, _expect, texts in STALE_EDITS:
            add_page(f"hostile-edit-{key}", PageKind.ARTICLE, texts()[:2], member)  # base, then theirs
        for key, _label, texts in SMALL_DIFFS:
            ids[f"definition_{key}"] = add_definition(term, texts(DEFINITION_CHARS), member)
            ids[f"comment_{key}"] = add_comment(discussion, texts(COMMENT_CHARS), member)
        for key, _label, texts in COMPARES:
            first, second = texts()
            ids[f"compare_{key}_a"] = add_definition(term, [first], member)
            ids[f"compare_{key}_b"] = add_definition(term, [second], member)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return ids


def add_page(slug: str, kind, bodies, author):
    from wiki.extensions import db
    from wiki.history.models import Document
    from wiki.pages.models import Page

    page = Page(slug=slug, title=slug.replace("-", " ").capitalize(), kind=kind, document=Document())
    db.session.add(page)
    save_revisions(page, bodies, author)
    return page


def add_definition(term, bodies, author) -> int:
    from wiki.definitions.models import Definition
    from wiki.extensions import db
    from wiki.history.models import Document

    definition = Definition(page=term, author=author, document=Document())
    db.session.add(definition)
    save_revisions(definition, bodies, author)
    return definition.id


def add_comment(owner, bodies, author) -> int:
    from wiki.discussion.service import post_comment

    comment = post_comment(owner, bodies[0], author)
    save_revisions(comment, bodies[1:], author, first_number=2)
    return comment.id


def save_revisions(owner, bodies, author, first_number: int = 1) -> None:
    """Revisions first_number, first_number + 1, … straight through save_revision, whatever the forms allow; a text
    the renderer now refuses is stored as one saved before it had a limit (such revisions exist, and their diffs
    must be cheap too)."""
    from markupsafe import escape

    from wiki.extensions import db
    from wiki.history.models import Revision
    from wiki.history.service import save_revision
    from wiki.rendering import rendering_refusal

    document = owner.document
    for number, body in enumerate(bodies, start=first_number):
        if rendering_refusal(body) is not None:
            document.head_number = number
            db.session.add(
                Revision(document=document, number=number, body=body, html=f"<pre>{escape(body)}</pre>",
                         author=author, summary=f"Hostile revision {number}", size=len(body.encode()))
            )  # fmt: skip
            db.session.flush()
            continue
        result = save_revision(owner, body, author, f"Hostile revision {number}", base=number - 1 or None)
        if result.outcome != "created" or result.revision.number != number:
            raise RuntimeError(f"revision {number} was not saved ({result.outcome})")


# The server and its clients.


class Server:
    """The wiki under bench.run.gunicorn, restarted after a request the client gave up on: its worker may still be
    busy with it, and would slow every case after it."""

    def __init__(self, env: dict, log_path: Path) -> None:
        self.env = env  # one SECRET_KEY for every start, so the member's session outlives a restart
        self.log_path = log_path
        self.base = ""
        self._stack = ExitStack()

    def __enter__(self) -> "Server":
        self._stack = ExitStack()
        self.base = self._stack.enter_context(run.gunicorn("wiki:create_app()", self.env, self.log_path))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def restart(self) -> None:
        run.log("  restarting the server: a worker may still be busy with the request the client gave up on")
        self._stack.close()
        self.__enter__()


@dataclass(frozen=True)
class Client:
    """Who sends a request: the same Cookie header and form token every time (see send)."""

    who: str
    cookie: str = ""
    token: str = ""


def cookie_header(session: requests.Session) -> str:
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())


def member(base: str) -> Client:
    """The bench member, logged in through the real form, with a form token from an editor.

    bench.run.log_in does the same for wrk but checks a page of the large wiki and returns no session to reuse.
    """
    session = requests.Session()
    session.headers["User-Agent"] = run.USER_AGENT
    token = run.csrf_token(session.get(f"{base}/auth/login").text)
    response = session.post(
        f"{base}/auth/login",
        data={"username": BENCH_USER, "password": BENCH_PASSWORD, "csrf_token": token},
        allow_redirects=False,
    )
    run.expect(response, 303)
    editor = session.get(f"{base}/wiki/{FORM_PAGE}/edit")
    run.expect(editor, 200)
    return Client(MEMBER, cookie_header(session), run.csrf_token(editor.text))


def visitor(base: str) -> Client:
    """Not logged in, but holding the login form's token, so a login attempt reaches the password check."""
    session = requests.Session()
    session.headers["User-Agent"] = run.USER_AGENT
    token = run.csrf_token(session.get(f"{base}/auth/login").text)
    return Client(VISITOR, cookie_header(session), token)


# Measuring.


@dataclass
class Attempt:
    who: str
    status: str
    seconds: float


@dataclass
class Row:
    name: str
    request: str
    who: str
    expect: list
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def statuses(self) -> list[str]:
        return sorted({attempt.status for attempt in self.attempts})

    @property
    def worst(self) -> float:
        return max(attempt.seconds for attempt in self.attempts)

    @property
    def timed_out(self) -> bool:
        return TIMED_OUT in self.statuses

    @property
    def unexpected(self) -> list[str]:
        return [status for status in self.statuses if status not in map(str, self.expect)]

    @property
    def note(self) -> str:
        if self.timed_out:
            return f"no answer within {TIMEOUT_S} s"
        notes = [f"{self.worst / BUDGET_S:.0f}x the budget"] if self.worst > BUDGET_S else []
        if self.unexpected:
            notes.append(f"unexpected {'/'.join(self.unexpected)} (expected {'/'.join(map(str, self.expect))})")
        return "; ".join(notes)

    @property
    def passed(self) -> bool:
        return not self.timed_out and self.worst <= BUDGET_S and not self.unexpected


def form_data(case: Case, client: Client, unique: str) -> bytes | Iterator[bytes] | None:
    if case.form is None:
        return None
    fields = case.form() | ({"csrf_token": client.token} if client.token else {})
    if case.fresh_body:
        fields["body"] = with_tail(fields["body"], unique)
    data = urlencode(fields).encode()
    if case.chunked:
        return (data[offset : offset + 64 * KB] for offset in range(0, len(data), 64 * KB))  # requests sends chunked
    return data


def send(case: Case, client: Client, base: str, ids: dict) -> Attempt:
    """One request, timed from the first byte sent to the last byte of the answer read.

    Every request starts from the client's saved cookie (a member's is the one just after login), as a browser's
    does once it has shown the flashed message; so sessions do not grow with every save."""
    headers = {"User-Agent": run.USER_AGENT}
    if client.cookie:
        headers["Cookie"] = client.cookie
    if case.form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    unique = secrets.token_hex(4)
    url = base + case.path.format(unique=unique, **ids)
    data = form_data(case, client, unique)
    started = time.perf_counter()
    try:
        response = requests.request(
            case.method, url, data=data, headers=headers, timeout=TIMEOUT_S, allow_redirects=False
        )
        status = str(response.status_code)
    except requests.Timeout:
        status = TIMED_OUT
    except requests.ConnectionError:
        status = RESET
    return Attempt(client.who, status, time.perf_counter() - started)


def run_case(case: Case, server: Server, clients: dict[str, Client], ids: dict, repeat: int) -> Row:
    """Send the case `repeat` times for each of its clients; after a client timeout, stop and restart the server."""
    row = Row(case.name, request_line(case, ids), case.who, list(case.expect))
    who = [ANONYMOUS, MEMBER] if case.who == BOTH else [case.who]
    for name in who:
        for _ in range(repeat):
            attempt = send(case, clients[name], server.base, ids)
            row.attempts.append(attempt)
            if attempt.status == TIMED_OUT:
                server.restart()
                return row  # its worst is known: more attempts would only cost another minute each
    return row


# Reporting.


def seconds_text(row: Row) -> str:
    return f">{TIMEOUT_S} s" if row.timed_out else f"{row.worst:.3f} s"


class Table:
    """Rows printed as they finish, in columns sized for every case's name and request."""

    def __init__(self, cases: list[Case], ids: dict) -> None:
        self.name_width = max(len(case.name) for case in cases)
        self.request_width = min(max(len(request_line(case, ids)) for case in cases), 70)

    def line(self, name, request, who, statuses, worst, budget, result, note="") -> str:
        if len(request) > self.request_width:
            request = request[: self.request_width - 1] + "…"
        return (
            f"{name:<{self.name_width}}  {request:<{self.request_width}}  {who:<9}  {statuses:<12}  "
            f"{worst:>9}  {budget:>7}  {result:<4}  {note}"
        ).rstrip()

    def header(self) -> str:
        return self.line("case", "request", "as", "status", "worst", "budget", "result")

    def row(self, row: Row) -> str:
        return self.line(
            row.name,
            row.request,
            row.who,
            "/".join(row.statuses),
            seconds_text(row),
            f"{BUDGET_S:.3f} s",
            "PASS" if row.passed else "FAIL",
            row.note,
        )


def summary(rows: list[Row], wall_seconds: float) -> str:
    failed = [row for row in rows if not row.passed]
    slow = sum(1 for row in failed if row.worst > BUDGET_S and not row.timed_out)
    timed_out = sum(1 for row in failed if row.timed_out)
    unexpected = sum(1 for row in failed if row.unexpected)
    worst = max(rows, key=lambda row: row.worst)
    return (
        f"{len(rows)} cases: {len(rows) - len(failed)} passed, {len(failed)} failed "
        f"({slow} over the {BUDGET_S:.0f} s budget, {timed_out} timed out after {TIMEOUT_S} s, "
        f"{unexpected} with an unexpected status); worst {seconds_text(worst)} ({worst.name}); "
        f"run took {wall_seconds / 60:.1f} min"
    )


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "wiki", "templates", "migrations", "config.py"],
                           cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    return (head.stdout.strip() or "unknown") + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def report(rows: list[Row], args, load_before: str, wall_seconds: float) -> dict:
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "settings": {
            "repeat": args.repeat,
            "budget_s": BUDGET_S,
            "client_timeout_s": TIMEOUT_S,
            "workers": run.WORKERS,
            "gunicorn": GUNICORN_ARGS,
            "only": args.only,
        },
        "load_average": {"before": load_before, "after": run.load_average()},
        "wall_seconds": round(wall_seconds),
        "summary": summary(rows, wall_seconds),
        "results": [
            {
                **{key: value for key, value in asdict(row).items() if key != "attempts"},
                "statuses": row.statuses,
                "worst_s": round(row.worst, 4),
                "timed_out": row.timed_out,
                "passed": row.passed,
                "note": row.note,
                "attempts": [{**asdict(a), "seconds": round(a.seconds, 4)} for a in row.attempts],
            }
            for row in rows
        ],
    }


# The run.


def selected(cases: list[Case], only: str | None) -> list[Case]:
    if not only:
        return cases
    return [case for case in cases if only.lower() in f"{case.name} {request_line(case)}".lower()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="requests per case and client (default 3)")
    parser.add_argument("--only", metavar="SUBSTRING", help="run the cases whose name or request contains this")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--strict", action="store_true", help="exit non-zero if a case fails (or BENCH_STRICT=1)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    cases = selected(all_cases(), args.only)
    if not cases:
        parser.error(f"no case matches {args.only!r}")
    if args.list:
        for case in cases:
            print(f"{case.name}  |  {request_line(case)}  |  as {case.who}")
        return

    started = time.monotonic()
    load_before = run.load_average()
    if os.getloadavg()[0] > 0.5:
        run.log(f"warning: the machine is busy before the run (load average {load_before}); times will be high")
    directory = hostile_dir()
    database = directory / "hostile.db"
    run.log(f"building the hostile wiki in {database}")
    ids = build_wiki(database)
    env = {**run.wiki_env(f"sqlite:///{database}"), "GUNICORN_CMD_ARGS": GUNICORN_ARGS}
    log_path = directory / "hostile-gunicorn.log"
    run.log(f"serving it with gunicorn ({run.WORKERS} sync workers, {GUNICORN_ARGS}); log in {log_path}")
    rows = []
    printer = Table(cases, ids)
    with Server(env, log_path) as server:
        clients = {ANONYMOUS: Client(ANONYMOUS), MEMBER: member(server.base), VISITOR: visitor(server.base)}
        print(printer.header(), flush=True)
        for case in cases:
            rows.append(run_case(case, server, clients, ids, args.repeat))
            print(printer.row(rows[-1]), flush=True)
    wall_seconds = time.monotonic() - started
    print(summary(rows, wall_seconds), flush=True)
    results = directory / "hostile.json"
    results.write_text(json.dumps(report(rows, args, load_before, wall_seconds), indent=2, ensure_ascii=False) + "\n")
    run.log(f"results written to {results}")
    strict = args.strict or os.environ.get("BENCH_STRICT") == "1"
    if strict and not all(row.passed for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
