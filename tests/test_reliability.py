"""Reliability under a real gunicorn (several sync workers, one process group) on SQLite and PostgreSQL.

- Concurrent editors: 8 clients save one page for 20 s from fresh and stale bases. Every answer is a saved
  revision, a merge or a 409; revisions run 1..N; each revision is its predecessor with exactly the
  acknowledged editor's line changed, so no acknowledged save is missing or silently overwritten.
- Concurrent commenters: 16 clients post for 20 s. Every acknowledged comment is stored exactly once;
  no 5xx and no "database is locked", in the answers or in gunicorn's log.
- Crash: kill -9 the server's process group during a write load, ten times. Each restart serves within
  5 s, the database is intact, and every acknowledged comment and edit is there.

Each test gets a database of its own, built by `flask db upgrade` as in production.
"""

import contextlib
import html
import os
import random
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import pytest
import requests
from gunicorn.config import KNOWN_SETTINGS
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from config import TestConfig
from tests.conftest import PASSWORD, csrf_from, hidden_value, require_postgres
from wiki import create_app
from wiki.auth.models import User
from wiki.discussion.models import Comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.history.service import save_revision
from wiki.pages.models import Page, PageKind, slugify

pytestmark = pytest.mark.slow  # gunicorn started, loaded and killed: `make test-fast` leaves these out

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv pytest runs in: it has gunicorn and flask
WORKERS = int(os.environ.get("RELIABILITY_WORKERS") or 2)  # sync workers: how many requests run at once
EDITORS = 8
COMMENTERS = 16
DURATION = 20.0  # seconds of load for the editors and the commenters
STALE_SHARE = 0.35  # how often an editor saves from an older base than the one it just opened
KILLS = 10
CRASH_COMMENTERS = 3
RESTART_LIMIT = 5.0  # a restarted server must answer /healthz within this
FIRST_START_LIMIT = 30.0  # the first start of a fresh server (cold caches) only has to happen
REQUEST_TIMEOUT = 30.0
SECRET_KEY = secrets.token_hex(32)
LOCKED = "database is locked"
# Gunicorn 24+ opens a control socket in ~/.gunicorn shared by every server; these servers need none.
NO_CONTROL_SOCKET = ["--no-control-socket"] if any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS) else []
LOG_ALARMS = (LOCKED, "Traceback", "[CRITICAL]", "[ERROR]", "ERROR in ", "WORKER TIMEOUT")


# The database, the in-process app used to set up and inspect it, and the server.


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A fresh, migrated database of this test's own (PostgreSQL: created here, dropped after)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'wiki.db'}"
        migrate(url)
        yield url
        return
    server = make_url(require_postgres()).set(drivername="postgresql")
    admin_dsn = server.render_as_string(hide_password=False)
    name = f"wiki_reliability_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        migrate(url)
        yield url
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(database_url: str) -> dict:
    env = dict(os.environ)  # passes CI and the rest through
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        REQUIRE_SECRET_KEY="1",
        RATELIMIT_ENABLED="false",
        RATELIMIT_STORAGE_URI="memory://",
        SESSION_COOKIE_SECURE="false",
        PROXY_COUNT="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def migrate(database_url: str) -> None:
    result = subprocess.run(
        [str(BIN / "flask"), "--app", "wiki", "db", "upgrade"],
        cwd=ROOT,
        env=server_environment(database_url),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"flask db upgrade failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture
def wiki_app(database):
    """The app in this process, on the test's database: to create members and pages, and to inspect."""
    app = create_app(TestConfig(database))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port_release(port: int, limit: float = 10.0) -> None:
    """After a kill -9 the dying processes may hold the listening socket for a moment."""
    deadline = time.monotonic() + limit
    while True:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
        time.sleep(0.02)


class Gunicorn:
    """`gunicorn -w WORKERS -k sync` in a process group of its own; its output goes to one file per start."""

    def __init__(self, database_url: str, log_dir: Path) -> None:
        self.env = server_environment(database_url)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_dir = log_dir
        self.logs: list[Path] = []
        self.process: subprocess.Popen | None = None

    def start(self, limit: float) -> float:
        """Start and wait for /healthz to answer 200; returns the seconds that took."""
        assert self.process is None, "already running"
        log_path = self.log_dir / f"gunicorn-{len(self.logs)}.log"
        self.logs.append(log_path)
        command = [
            str(BIN / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            *NO_CONTROL_SOCKET,
            "wiki:create_app()",
        ]
        with open(log_path, "wb") as log:
            started = time.monotonic()
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so one killpg reaches master and workers
            )
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()[-4000:]}")
            remaining = limit - (time.monotonic() - started)
            if remaining <= 0:
                raise AssertionError(f"gunicorn did not serve /healthz within {limit} s:\n{self.log_text()[-4000:]}")
            try:
                with requests.get(f"{self.url}/healthz", timeout=max(0.1, min(1.0, remaining))) as response:
                    if response.status_code == 200:
                        return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.05)

    def kill(self) -> None:
        """kill -9 of the whole process group (master and workers at once)."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None
        wait_for_port_release(self.port)

    def stop(self) -> None:
        """A clean stop (SIGTERM, then SIGKILL); always leaves no process of the group behind."""
        if self.process is None:
            return
        process, self.process = self.process, None
        try:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # workers the master left behind, if any
            process.wait(timeout=30)

    def log_text(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs if path.exists())

    def assert_clean_log(self) -> None:
        log = self.log_text()
        alarms = [line for line in log.splitlines() if any(alarm in line for alarm in LOG_ALARMS)]
        assert not alarms, "gunicorn logged trouble:\n" + "\n".join(alarms[:20]) + f"\n\n{log[-4000:]}"


@pytest.fixture
def gunicorn(database, tmp_path, request):
    server = Gunicorn(database, tmp_path)
    try:
        yield server
    finally:
        server.stop()
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            print(f"gunicorn output ({', '.join(map(str, server.logs))}):\n{server.log_text()[-8000:]}")


# Setting up members and pages directly in the database.


def add_members(app, names: list[str]) -> None:
    with app.app_context():
        for name in names:
            db.session.add(User(name, PASSWORD))
        db.session.commit()
        db.session.remove()


def add_page(app, title: str, body: str) -> tuple[str, int]:
    """A page with one revision; returns its slug and id."""
    with app.app_context():
        author = User(f"author-{secrets.token_hex(3)}", None)
        page = Page(slug=slugify(title), title=title, kind=PageKind.ARTICLE, document=Document())
        db.session.add_all([author, page])
        save_revision(page, body, author, "start")
        db.session.commit()
        slug, page_id = page.slug, page.id
        db.session.remove()
        return slug, page_id


# HTTP clients.


@dataclass
class Observations:
    """What the clients saw, shared between their threads."""

    problems: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def problem(self, message: str) -> None:
        with self.lock:
            self.problems.append(message)

    def saw(self, what: str, response: requests.Response) -> None:
        """Count a response; a 5xx or "database is locked" anywhere is a problem."""
        with self.lock:
            self.statuses[(what, response.status_code)] += 1
        if response.status_code >= 500:
            self.problem(f"{what}: {response.status_code} {response.text[:300]!r}")
        if LOCKED in response.text.lower():
            self.problem(f"{what}: {response.status_code} says {LOCKED!r}")


def logged_in(base_url: str, username: str) -> requests.Session:
    session = requests.Session()
    try:
        token = csrf_from(session.get(f"{base_url}/auth/login", timeout=REQUEST_TIMEOUT).text)
        response = session.post(
            f"{base_url}/auth/login",
            data={"username": username, "password": PASSWORD, "csrf_token": token},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        assert response.status_code == 303, f"login of {username}: {response.status_code}"
    except BaseException:
        session.close()
        raise
    return session


def run_clients(count: int, client, observations: Observations) -> None:
    """Run client(index) in `count` threads; an exception in one is recorded as a problem."""

    def guarded(index: int) -> None:
        try:
            client(index)
        except Exception as error:  # noqa: BLE001 - every failure is reported at the end
            observations.problem(f"client {index}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=guarded, args=(index,), daemon=True) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DURATION + 4 * REQUEST_TIMEOUT)
        assert not thread.is_alive(), "a client never finished"


def assert_no_problems(observations: Observations) -> None:
    assert not observations.problems, f"{len(observations.problems)} problems:\n" + "\n".join(
        observations.problems[:30]
    )


# Concurrent editors.

TEXTAREA = re.compile(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', re.S)
SAVED = re.compile(r"Saved revision (\d+)\.")
MERGED = re.compile(r"merged with theirs and saved as revision (\d+)\.")


def editor_line(client: int, text: str) -> str:
    return f"editor {client}: {text}"


def initial_lines() -> list[str]:
    """Each editor owns a line; unchanged separators between them keep their edits from touching."""
    lines = []
    for client in range(EDITORS):
        lines += [editor_line(client, "initial"), f"separator {client}"]
    return lines


def as_body(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@dataclass
class Ack:
    client: int
    line: str
    number: int  # the revision the flash message named
    outcome: str  # saved or merged


def open_editor(session: requests.Session, base_url: str, slug: str, observations: Observations):
    """The editor's csrf token, base revision and text, as a browser gets them."""
    response = session.get(f"{base_url}/wiki/{slug}/edit", timeout=REQUEST_TIMEOUT)
    observations.saw("open editor", response)
    assert response.status_code == 200, f"open editor: {response.status_code}"
    page = response.text
    body = html.unescape(TEXTAREA.search(page).group(1))
    body = body[2:] if body.startswith("\r\n") else body.removeprefix("\n")  # as a browser drops it
    return csrf_from(page), int(hidden_value(page, "base_revision")), body.replace("\r\n", "\n")


def test_concurrent_editors_get_a_revision_a_merge_or_a_409_and_lose_nothing(wiki_app, gunicorn):
    add_members(wiki_app, [f"editor{client}" for client in range(EDITORS)])
    slug, _ = add_page(wiki_app, "Reliability of editing", as_body(initial_lines()))
    gunicorn.start(FIRST_START_LIMIT)
    observations = Observations()
    acks: list[Ack] = []
    refused: list[str] = []  # lines sent in saves answered 409
    deadline = time.monotonic() + DURATION

    def editor(client: int) -> None:
        rng = random.Random(f"editor-{client}")
        seen: dict[int, str] = {}  # base revision -> its text, as opened by this editor
        with logged_in(gunicorn.url, f"editor{client}") as session:
            attempt = 0
            while time.monotonic() < deadline:
                attempt += 1
                token, base, body = open_editor(session, gunicorn.url, slug, observations)
                seen[base] = body
                older = sorted(number for number in seen if number < base)[-8:]
                if older and rng.random() < STALE_SHARE:
                    base = rng.choice(older)  # as if the editor had been open for a while
                    body = seen[base]
                lines = body.split("\n")
                if not lines[2 * client].startswith(editor_line(client, "")):
                    observations.problem(f"editor {client} found its line garbled in revision {base}: {body!r}")
                    return
                mine = editor_line(client, f"attempt {attempt} {secrets.token_hex(4)}")
                lines[2 * client] = mine
                response = session.post(
                    f"{gunicorn.url}/wiki/{slug}/edit",
                    data={
                        "csrf_token": token,
                        "base_revision": str(base),
                        "body": "\n".join(lines),
                        "summary": f"editor {client} attempt {attempt}",
                    },
                    allow_redirects=False,
                    timeout=REQUEST_TIMEOUT,
                )
                observations.saw("save", response)
                if response.status_code == 409:
                    with observations.lock:
                        refused.append(mine)
                    continue
                if response.status_code >= 500:
                    continue  # already a problem
                if response.status_code != 303 or not response.headers["Location"].endswith(f"/wiki/{slug}"):
                    observations.problem(f"save: {response.status_code} {response.headers.get('Location')}")
                    continue
                shown = session.get(urljoin(response.url, response.headers["Location"]), timeout=REQUEST_TIMEOUT)
                observations.saw("show after save", shown)
                saved, merged = SAVED.search(shown.text), MERGED.search(shown.text)
                if not (saved or merged):
                    observations.problem(f"a 303 for a save that says neither saved nor merged ({mine})")
                    continue
                ack = Ack(client, mine, int((saved or merged).group(1)), "saved" if saved else "merged")
                with observations.lock:
                    acks.append(ack)

    run_clients(EDITORS, editor, observations)
    gunicorn.stop()

    with wiki_app.app_context():
        document = select(Page.document_id).where(Page.slug == slug).scalar_subquery()
        stored = db.session.execute(
            select(Revision.number, Revision.body).where(Revision.document_id == document).order_by(Revision.number)
        ).all()
        head_number = db.session.scalar(select(Document.head_number).where(Document.id == document))
        db.session.remove()

    outcomes = Counter(ack.outcome for ack in acks)
    outcomes["conflict"] = len(refused)
    print(f"editors: {len(stored)} revisions; {dict(outcomes)}; statuses {dict(observations.statuses)}")
    assert_no_problems(observations)
    gunicorn.assert_clean_log()
    # The run exercised every answer: plain saves, merges of stale bases, and refusals.
    assert outcomes["saved"] > 0 and outcomes["merged"] > 0 and outcomes["conflict"] > 0, outcomes
    # The chain: 1..N without gaps or duplicates, and the head is N.
    numbers = [number for number, _ in stored]
    assert numbers == list(range(1, len(stored) + 1))
    assert head_number == len(stored)
    # Every revision after the first is exactly one acknowledged save, and every acknowledged save is one.
    by_number = {ack.number: ack for ack in acks}
    assert len(by_number) == len(acks), "two saves were told the same revision number"
    assert sorted(by_number) == numbers[1:], "acknowledged saves and stored revisions differ"
    # Each revision is its predecessor with only its editor's line changed: nothing lost, nothing overwritten.
    expected = initial_lines()
    assert stored[0].body == as_body(expected)
    for number, body in stored[1:]:
        ack = by_number[number]
        expected[2 * ack.client] = ack.line
        assert body == as_body(expected), f"revision {number} ({ack.outcome} by editor {ack.client})"
    # Nothing answered 409 was saved.
    everything = "\n".join(body for _, body in stored)
    assert not [line for line in refused if line in everything]


# Concurrent commenters.

COMMENT_LOCATION = "/wiki/{slug}#comment-(\\d+)$"


def test_concurrent_commenters_every_acknowledged_comment_is_stored_once(wiki_app, gunicorn):
    add_members(wiki_app, [f"commenter{client}" for client in range(COMMENTERS)])
    slug, page_id = add_page(wiki_app, "Reliability of comments", "Discuss.\n")
    gunicorn.start(FIRST_START_LIMIT)
    observations = Observations()
    acknowledged: list[tuple[int, str]] = []  # (comment id, text)
    location = re.compile(COMMENT_LOCATION.format(slug=re.escape(slug)))
    deadline = time.monotonic() + DURATION

    def commenter(client: int) -> None:
        with logged_in(gunicorn.url, f"commenter{client}") as session:
            response = session.get(f"{gunicorn.url}/wiki/{slug}", timeout=REQUEST_TIMEOUT)
            observations.saw("show", response)
            token = csrf_from(response.text)
            attempt = 0
            while time.monotonic() < deadline:
                attempt += 1
                body = f"Comment {attempt} from commenter {client} ({secrets.token_hex(4)})."
                response = session.post(
                    f"{gunicorn.url}/wiki/{slug}/comments",
                    data={"csrf_token": token, "body": body},
                    allow_redirects=False,
                    timeout=REQUEST_TIMEOUT,
                )
                observations.saw("comment", response)
                match = location.search(response.headers.get("Location", ""))
                if response.status_code != 303 or not match:
                    observations.problem(f"comment: {response.status_code} {response.headers.get('Location')}")
                    continue
                with observations.lock:
                    acknowledged.append((int(match.group(1)), body))

    run_clients(COMMENTERS, commenter, observations)
    gunicorn.stop()

    with wiki_app.app_context():
        rows = db.session.execute(
            select(Comment.id, Revision.number, Revision.body)
            .outerjoin(Revision, Revision.document_id == Comment.document_id)
            .where(Comment.page_id == page_id)
        ).all()
        db.session.remove()

    print(f"commenters: {len(acknowledged)} acknowledged, {len(rows)} stored; statuses {dict(observations.statuses)}")
    assert_no_problems(observations)
    gunicorn.assert_clean_log()
    assert len(acknowledged) >= COMMENTERS, "the load hardly ran"
    ids = Counter(comment_id for comment_id, _ in acknowledged)
    assert max(ids.values()) == 1, "two posts were told the same comment id"
    # Each stored comment has exactly its first revision; its text is what was acknowledged for that id.
    assert all(number == 1 for _, number, _ in rows), "a comment without exactly one revision"
    stored = {comment_id: body for comment_id, _, body in rows}
    assert len(stored) == len(rows)
    assert stored == dict(acknowledged), "stored comments differ from the acknowledged ones"
    assert max(Counter(stored.values()).values()) == 1, "a comment was stored twice"


# kill -9 during a write load.


class WriteLoad:
    """Members posting comments and one saving the page, in threads, until the server is killed."""

    def __init__(self, server: Gunicorn, slug: str, sessions: list[requests.Session]) -> None:
        self.server, self.slug, self.sessions = server, slug, sessions
        page = f"{server.url}/wiki/{slug}"
        self.tokens = [csrf_from(session.get(page, timeout=REQUEST_TIMEOUT).text) for session in sessions]
        self.location = re.compile(COMMENT_LOCATION.format(slug=re.escape(slug)))
        self.comments: dict[int, str] = {}  # acknowledged comment id -> its text
        self.edits: list[str] = []  # bodies of acknowledged saves
        self.cycle = 0
        self.observations = Observations()
        self.acked_now = 0
        self.killed = threading.Event()

    def run_and_kill(self, cycle: int, rng: random.Random) -> None:
        """Start the writers, wait until writes flow, kill -9 the server at a random moment, collect."""
        self.cycle, self.observations, self.acked_now = cycle, Observations(), 0
        self.killed = threading.Event()
        writers = [self.comment] * (len(self.sessions) - 1) + [self.edit]
        threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n, writer in enumerate(writers)]
        for thread in threads:
            thread.start()
        try:
            busy_by = time.monotonic() + 15
            while self.acked_now < 3 and time.monotonic() < busy_by and not self.observations.problems:
                time.sleep(0.01)
            assert_no_problems(self.observations)
            assert self.acked_now >= 3, f"writes did not go through before kill {cycle + 1}"
            time.sleep(rng.uniform(0, 0.5))
        finally:
            self.killed.set()
            self.server.kill()
            for thread in threads:
                thread.join(REQUEST_TIMEOUT + 5)
        assert_no_problems(self.observations)

    def _unexpected(self, what: str, response: requests.Response) -> None:
        if not self.killed.is_set():
            self.observations.saw(what, response)
            self.observations.problem(f"{what}: {response.status_code}")

    def comment(self, client: int) -> None:
        while not self.killed.is_set():
            body = f"Crash {self.cycle} comment by writer {client} ({secrets.token_hex(4)})."
            try:
                response = self.sessions[client].post(
                    f"{self.server.url}/wiki/{self.slug}/comments",
                    data={"csrf_token": self.tokens[client], "body": body},
                    allow_redirects=False,
                    timeout=REQUEST_TIMEOUT,
                )
            except requests.RequestException as error:
                if not self.killed.is_set():
                    self.observations.problem(f"comment before the kill: {error}")
                return
            match = self.location.search(response.headers.get("Location", ""))
            if response.status_code != 303 or match is None:
                self._unexpected("comment", response)
                continue
            with self.observations.lock:
                self.comments[int(match.group(1))] = body
                self.acked_now += 1

    def edit(self, client: int) -> None:
        while not self.killed.is_set():
            body = f"Saved before crash {self.cycle} ({secrets.token_hex(4)}).\n"
            try:
                token, base, _ = open_editor(self.sessions[client], self.server.url, self.slug, self.observations)
                response = self.sessions[client].post(
                    f"{self.server.url}/wiki/{self.slug}/edit",
                    data={"csrf_token": token, "base_revision": str(base), "body": body, "summary": ""},
                    allow_redirects=False,
                    timeout=REQUEST_TIMEOUT,
                )
            except (requests.RequestException, AssertionError) as error:
                if not self.killed.is_set():
                    self.observations.problem(f"save before the kill: {error}")
                return
            if response.status_code != 303:
                self._unexpected("save", response)
                continue
            with self.observations.lock:
                self.edits.append(body)
                self.acked_now += 1


def assert_intact(wiki_app, database: str) -> None:
    """SQLite: integrity and foreign keys check out. PostgreSQL: it answers."""
    if database.startswith("sqlite"):
        path = make_url(database).database
        with contextlib.closing(sqlite3.connect(path, timeout=10)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    else:
        with wiki_app.app_context():
            assert db.session.scalar(text("SELECT 1")) == 1
            db.session.remove()


def assert_acknowledged_writes_present(wiki_app, load: WriteLoad, page_id: int, after: str) -> int:
    """Every acknowledged comment and save is stored; returns how many comments are stored."""
    with wiki_app.app_context():
        stored = dict(
            db.session.execute(
                select(Comment.id, Revision.body)
                .join(Revision, Revision.document_id == Comment.document_id)
                .where(Comment.page_id == page_id, Revision.number == 1)
            ).all()
        )
        comment_count = db.session.scalar(select(func.count()).select_from(Comment))
        document = select(Page.document_id).where(Page.id == page_id).scalar_subquery()
        revisions = db.session.execute(
            select(Revision.number, Revision.body).where(Revision.document_id == document).order_by(Revision.number)
        ).all()
        head_number = db.session.scalar(select(Document.head_number).where(Document.id == document))
        db.session.remove()
    lost = {number: body for number, body in load.comments.items() if stored.get(number) != body}
    assert not lost, f"{after}, acknowledged comments are missing or changed: {lost}"
    assert comment_count == len(stored), f"{after}, a comment is stored without its text"
    numbers = [number for number, _ in revisions]
    assert numbers == list(range(1, len(numbers) + 1)) and head_number == len(numbers), f"{after}: {numbers}"
    bodies = {body for _, body in revisions}
    assert not [body for body in load.edits if body not in bodies], f"{after}, an acknowledged save is missing"
    return len(stored)


def test_kill_9_during_writes_loses_no_acknowledged_write(wiki_app, gunicorn, database):
    names = [f"writer{client}" for client in range(CRASH_COMMENTERS + 1)]
    add_members(wiki_app, names)
    slug, page_id = add_page(wiki_app, "Reliability under crashes", "Before any crash.\n")
    gunicorn.start(FIRST_START_LIMIT)
    rng = random.Random(f"crash-{database.split(':')[0]}")
    restarts: list[float] = []
    with contextlib.ExitStack() as sessions:
        load = WriteLoad(gunicorn, slug, [sessions.enter_context(logged_in(gunicorn.url, name)) for name in names])
        for cycle in range(KILLS):
            load.run_and_kill(cycle, rng)
            restarts.append(gunicorn.start(RESTART_LIMIT))
            assert_intact(wiki_app, database)
            stored = assert_acknowledged_writes_present(wiki_app, load, page_id, f"after kill {cycle + 1}")
    print(
        f"crash: {KILLS} kills; {len(load.comments)} comments and {len(load.edits)} saves acknowledged, "
        f"{stored - len(load.comments)} comments stored but never acknowledged (cut off by a kill); "
        f"restarts took {', '.join(f'{seconds:.2f}' for seconds in restarts)} s"
    )
    assert len(restarts) == KILLS and max(restarts) <= RESTART_LIMIT
    gunicorn.stop()
    gunicorn.assert_clean_log()
