"""Fixtures: an app per test on SQLite and (with TEST_DATABASE_URL) PostgreSQL, factories, a real login."""

import os
import re
import threading
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from werkzeug.serving import make_server

from config import TestConfig
from wiki import create_app
from wiki.auth.models import Role, User
from wiki.extensions import db
from wiki.history.models import Document
from wiki.history.service import save_revision
from wiki.pages.models import Page, PageKind, slugify

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "correct horse battery"
_postgres_schema_ready = False


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def require_postgres() -> str:
    """The PostgreSQL URL; in CI its absence fails the run, elsewhere it skips with the reason."""
    url = postgres_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set: in CI the PostgreSQL run is required")
        pytest.skip("PostgreSQL run skipped: TEST_DATABASE_URL is not set")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'wiki.db'}"
    return require_postgres()


def _reset_postgres() -> None:
    global _postgres_schema_ready
    if not _postgres_schema_ready:
        db.drop_all()
        db.create_all()
        _postgres_schema_ready = True
        return
    tables = ", ".join(table.name for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


def fresh_schema(app) -> None:
    """An empty schema for this test: truncate PostgreSQL's shared database; SQLite files are per test."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            _reset_postgres()
        else:
            db.create_all()


@pytest.fixture
def app(database_url):
    app = create_app(TestConfig(database_url))
    fresh_schema(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(database_url):
    """Apps with settings of a test's own; their connections are closed afterwards."""
    apps = []

    def make(**settings):
        config = TestConfig(database_url)
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        if not apps and config.SQLALCHEMY_DATABASE_URI == TestConfig(database_url).SQLALCHEMY_DATABASE_URI:
            fresh_schema(app)  # the first app of a test starts from an empty database
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    def make(username: str = "alice", password: str | None = PASSWORD, role: Role = Role.MEMBER) -> User:
        with app.app_context():
            user = User(username, password, role=role)
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


@pytest.fixture
def make_page(app, make_user):
    """Create a page with one revision per body given; returns its slug."""
    authors: dict[str, User] = {}

    def make(title: str = "IT manager", *bodies: str, author: str = "writer", kind: str = "term") -> str:
        bodies = bodies or ("The glue of the IT department.\n",)
        with app.app_context():
            if author not in authors:
                authors[author] = make_user(author)
            user = db.session.get(User, authors[author].id)
            page = Page(slug=slugify(title), title=title, kind=PageKind(kind), document=Document())
            db.session.add(page)
            for body in bodies:
                save_revision(page, body, user, "seeded by test", base=page.document.head_number or None)
            db.session.commit()
            return page.slug

    return make


CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token in the page"
    return match.group(1) or match.group(2)


def csrf_token(client, url: str = "/auth/login") -> str:
    return csrf_from(client.get(url).get_data(as_text=True))


def as_user(app, username: str, password: str = PASSWORD):
    """A new client of `app`, logged in through the real login view."""
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"username": username, "password": password, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


@pytest.fixture
def login(client):
    """Log in through the real login view."""

    def do_login(username: str = "alice", password: str = PASSWORD, the_client=None):
        the_client = the_client or client
        response = the_client.post(
            "/auth/login",
            data={"username": username, "password": password, "csrf_token": csrf_token(the_client)},
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        return response

    return do_login


@pytest.fixture
def member(make_user, login):
    """A logged-in member called alice."""
    user = make_user("alice")
    login("alice")
    return user


def user_link(username: str) -> str:
    """A member's name as pages draw it: a link to their profile (templates/macros/people.html)."""
    return f'<a class="user-link" href="/users/{username}">{username}</a>'


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else ""


def edit_form(client, slug: str) -> dict:
    """What the editor hands a member: csrf token and base revision."""
    html = client.get(f"/wiki/{slug}/edit").get_data(as_text=True)
    return {"csrf_token": csrf_from(html), "base_revision": hidden_value(html, "base_revision")}


def save_page(client, slug: str, body: str, **fields):
    data = {**edit_form(client, slug), "body": body, "summary": "", **fields}
    return client.post(f"/wiki/{slug}/edit", data=data)


@pytest.fixture
def make_definition(app):
    """Propose a definition directly (as the service would); returns its id."""
    from wiki.definitions.models import Definition

    def make(slug: str, author_id: int, *bodies: str) -> int:
        with app.app_context():
            from wiki.pages.models import find_page

            author = db.session.get(User, author_id)
            definition = Definition(page=find_page(slug), author=author, document=Document())
            db.session.add(definition)
            for body in bodies or ("A definition.",):
                save_revision(definition, body, author, "", definition.document.head_number or None)
            db.session.commit()
            return definition.id

    return make


def post_form(client, url: str, data: dict, token_from: str = "/"):
    """POST a form with a CSRF token taken from a page, as a browser would."""
    return client.post(url, data={"csrf_token": csrf_token(client, token_from), **data})


@pytest.fixture
def live_server(app):
    """The app over real HTTP on a free port, one thread per request."""
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(5)


@pytest.fixture
def redis_url():
    """This machine's Redis (database 15, emptied before and after); in CI its absence fails the run."""
    try:
        client = redis.Redis.from_url(REDIS_URL)
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)  # lets fixtures see whether the test failed
    return report
