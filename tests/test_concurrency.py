"""The conflict rule under truly concurrent saves: real HTTP, one thread per client, one database."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
import requests
from sqlalchemy import select

from tests.conftest import PASSWORD, csrf_from, hidden_value
from wiki.extensions import db
from wiki.history.models import Revision
from wiki.pages.models import find_page

CLIENTS = 8


@pytest.fixture
def server(live_server):
    return live_server


def logged_in_session(base_url: str, username: str) -> requests.Session:
    session = requests.Session()
    token = csrf_from(session.get(f"{base_url}/auth/login").text)
    response = session.post(
        f"{base_url}/auth/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
    )
    assert response.status_code == 303
    return session


def race(server, make_user, bodies: list[str]) -> list[int]:
    """Every client opens the editor on the same base, then all save at once."""
    sessions = []
    for number in range(len(bodies)):
        make_user(f"editor{number}")
        sessions.append(logged_in_session(server, f"editor{number}"))
    forms = []
    for session in sessions:
        html = session.get(f"{server}/wiki/it-manager/edit").text
        forms.append({"csrf_token": csrf_from(html), "base_revision": hidden_value(html, "base_revision")})
    assert {form["base_revision"] for form in forms} == {"1"}
    start = threading.Barrier(len(bodies))

    def save(index: int) -> int:
        start.wait()
        response = sessions[index].post(
            f"{server}/wiki/it-manager/edit",
            data={**forms[index], "body": bodies[index], "summary": f"editor {index}"},
            allow_redirects=False,
        )
        return response.status_code

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(save, range(len(bodies))))


def revisions(app) -> list[Revision]:
    with app.app_context():
        page = find_page("it-manager")
        return db.session.scalars(
            select(Revision).where(Revision.document_id == page.document_id).order_by(Revision.number)
        ).all()


def test_concurrent_saves_of_the_same_line_save_one_and_refuse_the_rest(app, server, make_page, make_user):
    make_page("IT manager", "intro\nthe contested line\noutro\n")
    bodies = [f"intro\nversion by editor {n}\noutro\n" for n in range(CLIENTS)]
    statuses = race(server, make_user, bodies)
    assert sorted(statuses) == [303] + [409] * (CLIENTS - 1)
    saved = revisions(app)
    assert [revision.number for revision in saved] == [1, 2]
    assert saved[1].body == bodies[statuses.index(303)]


def test_concurrent_saves_of_different_lines_are_all_merged(app, server, make_page, make_user):
    original = [f"line {n}" for n in range(CLIENTS * 2)]
    make_page("IT manager", "\n".join(original) + "\n")
    bodies = []
    for n in range(CLIENTS):
        mine = list(original)
        mine[n * 2] = f"line {n * 2} edited by editor {n}"  # every other line, so no two edits touch
        bodies.append("\n".join(mine) + "\n")
    statuses = race(server, make_user, bodies)
    assert statuses == [303] * CLIENTS
    saved = revisions(app)
    assert [revision.number for revision in saved] == list(range(1, CLIENTS + 2))  # no gaps, no duplicates
    final = saved[-1].body
    for n in range(CLIENTS):
        assert f"line {n * 2} edited by editor {n}" in final
    assert len(final.splitlines()) == len(original)


@pytest.fixture
def renders(app, monkeypatch):
    """Every Markdown rendering, with whether its transaction had written anything yet (held a write lock)."""
    from sqlalchemy import event

    from wiki import rendering
    from wiki.database import WRITE_STATEMENTS

    with app.app_context():
        engine = db.engine
    wrote = threading.local()

    def note_write(connection, cursor, statement, *args):
        if statement.lstrip().upper().startswith(WRITE_STATEMENTS[:4]):
            wrote.value = True

    def end(connection):
        wrote.value = False

    event.listen(engine, "before_cursor_execute", note_write)
    event.listen(engine, "commit", end)
    event.listen(engine, "rollback", end)
    seen: list[tuple[str, bool]] = []
    original = rendering._markdown.render

    def spy(source, *args, **kwargs):
        seen.append((source, getattr(wrote, "value", False)))
        return original(source, *args, **kwargs)

    monkeypatch.setattr(rendering._markdown, "render", spy)
    yield seen
    for name, listener in (("before_cursor_execute", note_write), ("commit", end), ("rollback", end)):
        event.remove(engine, name, listener)


def test_saves_render_markdown_before_their_first_write(client, member, make_page, renders):
    """Rendering is slow: it happens in the view, after validation, but before the transaction's first write,
    so never under a lock."""
    from tests.conftest import post_form, save_page

    make_page("IT manager", "Start.\n", kind="term")
    renders.clear()
    edit, note, proposal = "An edit.\n", "A comment.", "A definition."
    assert save_page(client, "it-manager", edit).status_code == 303
    assert post_form(client, "/wiki/it-manager/comments", {"body": note}, "/wiki/it-manager").status_code == 303
    assert post_form(client, "/wiki/it-manager/definitions", {"body": proposal}).status_code == 303
    rendered = dict(renders)
    for text in (edit, note, proposal):
        assert rendered[text] is False, text


def test_only_a_request_allowed_to_save_renders_markdown(app, client, make_user, make_page, renders):
    """Before, every POST rendered its body and reason fields before anything was checked: an anonymous 300 KB
    POST to any URL held a worker for seconds."""
    from tests.conftest import as_user, csrf_token

    make_page("IT manager", "Start.\n", kind="term")
    make_user("alice")
    renders.clear()
    body = {"body": "**rendered?**", "reason": "*rendered?*", "title": ""}
    anonymous_token = csrf_token(client)
    assert client.post("/no/such/url", data=body).status_code == 404
    assert client.post("/wiki/it-manager/edit", data=body).status_code == 400  # no CSRF token
    assert client.post("/wiki/it-manager/edit", data={**body, "csrf_token": anonymous_token}).status_code == 302
    member = as_user(app, "alice")
    assert member.post("/preview", data=body).status_code == 400  # no CSRF token
    token = csrf_token(member, "/wiki/it-manager/edit")
    blank = member.post("/wiki/new-page/edit", data={**body, "csrf_token": token})  # no title: refused
    assert blank.status_code == 422
    assert renders == []
    assert member.post("/preview", data={**body, "csrf_token": token}).status_code == 200
    assert [source for source, _ in renders] == ["**rendered?**"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # SQLite's locking; PostgreSQL locks rows
def test_sqlite_takes_the_write_lock_only_for_writing(app, client, make_user, make_page, login):
    """Reads (the member, the page, the form) run without the write lock; BEGIN IMMEDIATE comes just before
    the first write, so writers hold the lock briefly and queue on busy_timeout instead of failing."""
    from sqlalchemy import event

    from tests.conftest import csrf_token

    make_user("alice")
    make_page("IT manager")
    statements: list[str] = []  # what SQLite itself ran, as its trace callback reports it

    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(lambda sql: statements.append(" ".join(sql.split()[:2]).upper()))

    with app.app_context():
        db.engine.dispose()
        event.listen(db.engine, "connect", trace)
    login("alice")
    assert not any("IMMEDIATE" in sql for sql in statements), statements  # a login only reads
    token = csrf_token(client, "/wiki/it-manager")
    statements.clear()
    response = client.post("/wiki/it-manager/comments", data={"body": "A note.", "csrf_token": token})
    assert response.status_code == 303
    writes = [n for n, sql in enumerate(statements) if sql.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    lock = statements.index("BEGIN IMMEDIATE")
    assert statements[: lock + 1][-2:] == ["COMMIT", "BEGIN IMMEDIATE"] and lock == writes[0] - 1, statements
    assert statements[0] == "BEGIN" and any(sql.startswith("SELECT") for sql in statements[:lock])
    assert statements.count("BEGIN IMMEDIATE") == 1 and statements[-1] == "COMMIT", statements


def test_a_savepoint_after_reads_keeps_its_writes(app, make_user):
    """On SQLite the write lock is taken by ending the read-only part of a transaction; a SAVEPOINT must come
    after that, or the COMMIT would end it too."""
    from wiki.auth.models import User, find_user

    make_user("alice")
    with app.app_context():
        assert find_user("alice") is not None  # a read first
        with db.session.begin_nested():
            db.session.add(User("bob", PASSWORD))
        db.session.commit()
    with app.app_context():
        assert find_user("bob") is not None


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # SQLite runs one writer at a time
def test_a_comment_and_a_save_of_the_same_page_do_not_deadlock(app, make_page, make_user):
    """PostgreSQL: a comment post and a save of its page's text, at once. The save holds the document's row (FOR NO
    KEY UPDATE, so rows that merely reference it are not kept waiting) and then waits its turn to record its change
    behind the comment, which took the turn first: no deadlock, and the changes' ids follow their commits."""
    from sqlalchemy import select, text

    from wiki.auth.models import User
    from wiki.changes import Change
    from wiki.discussion.service import post_comment
    from wiki.history.service import save_revision

    slug = make_page("IT manager", "First.\n")
    writer_id = make_user("alice").id
    commented, saving = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def comment() -> None:
        with app.app_context():
            try:
                db.session.execute(text("SET LOCAL lock_timeout = '5s'"))  # a deadlock fails, not hangs
                post_comment(find_page(slug), "A comment.", db.session.get(User, writer_id))
                commented.set()
                saving.wait(10)
                threading.Event().wait(0.3)  # the save is now waiting on the document or on its turn
                db.session.commit()
            except BaseException as error:
                errors.append(error)
            finally:
                commented.set()
                db.session.remove()

    def save() -> None:
        commented.wait(10)
        with app.app_context():
            try:
                db.session.execute(text("SET LOCAL lock_timeout = '5s'"))
                page = find_page(slug)
                saving.set()
                save_revision(page, "Second.\n", db.session.get(User, writer_id), "", base=1)
                db.session.commit()
            except BaseException as error:
                errors.append(error)
            finally:
                saving.set()
                db.session.remove()

    threads = [threading.Thread(target=comment), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    with app.app_context():
        page = find_page(slug)
        assert page.document.head_number == 2
        kinds = db.session.scalars(select(Change.kind).where(Change.page_id == page.id).order_by(Change.id)).all()
        assert kinds == ["page.created", "comment.posted", "page.edited"]


def test_creating_a_slug_that_others_keep_creating_and_removing_is_sound(app, client, member):
    """Someone else creates the same slug just before each of our first two tries, and it is gone again (deleted,
    or renamed later) by the time we look for it: the retry must try again, not fail with a 500."""
    from sqlalchemy import event, text
    from sqlalchemy.orm import Session

    with app.app_context():
        engine = db.engine
    html = client.get("/wiki/race/edit").get_data(as_text=True)
    form = {"csrf_token": csrf_from(html), "title": "Race", "kind": "article", "body": "Ours.\n"}
    rival = engine.connect()  # another request's transaction, on its own connection
    created: list[int] = []

    def rival_creates_first(connection, cursor, statement, *args):
        # Just after our request looked for the page and found none, before it inserts its own.
        if connection is not rival and "WHERE pages.slug =" in statement and len(created) < 2:
            document_id = rival.execute(
                text("INSERT INTO documents (head_number, created_at, updated_at) VALUES (0, :now, :now) RETURNING id"),
                {"now": datetime.now()},
            ).scalar_one()
            rival.execute(
                text("INSERT INTO pages (slug, title, kind, document_id, is_locked, discussion_closed, excerpt,"
                     " updated_at, created_at) VALUES ('race', 'Race', 'article', :d, false, false, '', :now, :now)"),
                {"d": document_id, "now": datetime.now()},
            )  # fmt: skip
            rival.commit()
            created.append(document_id)

    def rival_gives_up(session):
        if created:
            rival.execute(text("DELETE FROM pages WHERE slug = 'race'"))
            rival.commit()

    event.listen(engine, "after_cursor_execute", rival_creates_first)
    event.listen(Session, "after_rollback", rival_gives_up)  # once our request has let go of its locks
    try:
        response = client.post("/wiki/race/edit", data=form)
    finally:
        event.remove(engine, "after_cursor_execute", rival_creates_first)
        event.remove(Session, "after_rollback", rival_gives_up)
        rival.close()
    assert len(created) == 2  # both first tries collided
    assert response.status_code == 303
    with app.app_context():
        page = find_page("race")
        assert page is not None and page.document.head.body == "Ours.\n"


def chunked(body: bytes):
    """A request body sent in chunks, with no Content-Length, as requests does for a generator."""
    for start in range(0, len(body), 64 * 1024):
        yield body[start : start + 64 * 1024]


def test_the_size_guard_counts_what_a_chunked_body_holds(app, live_server, make_user, make_page, renders):
    """Over real HTTP (the server de-chunks): past MAX_CONTENT_LENGTH is a 413, not a form cut at the limit."""
    make_page("IT manager")
    make_user("alice")
    session = logged_in_session(live_server, "alice")
    token = csrf_from(session.get(f"{live_server}/wiki/it-manager").text)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    renders.clear()
    huge = f"csrf_token={token}&body=".encode() + b"a" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    for url in ("/wiki/it-manager/comments", "/preview", "/no/such/url", "/wiki/it-manager/edit"):
        response = session.post(f"{live_server}{url}", data=chunked(huge), headers=form)
        assert response.status_code == 413, url
    assert renders == []
    small = f"csrf_token={token}&body=Sent+in+chunks.".encode()
    response = session.post(f"{live_server}/wiki/it-manager/comments", data=chunked(small), headers=form,
                            allow_redirects=False)  # fmt: skip
    assert response.status_code == 303
    assert "Sent in chunks." in session.get(f"{live_server}/wiki/it-manager").text
