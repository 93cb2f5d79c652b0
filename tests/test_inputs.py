"""Input that is not what it seems: numbers too big or not ASCII, NUL characters, usernames with a trailing newline,
query arguments that would steer url_for, and absolute URLs built from a client's Host header."""

from pathlib import Path

import pytest

from tests.conftest import PASSWORD, as_user, csrf_from, csrf_token
from wiki.auth.models import Role, User, find_user, is_valid_username
from wiki.extensions import db

HUGE = "99999999999999999999999"
BLNS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt").read_text(encoding="utf-8")
BLNS_LINES = [line for line in BLNS.split("\n") if line and not line.startswith("#")]


@pytest.fixture
def wiki(app, make_page, make_user, make_definition):
    """A term with a definition and a comment, and a moderator to look at everything."""
    slug = make_page("IT manager", "one\n", "two\n")
    moderator = make_user("mod", role=Role.MODERATOR)
    make_definition(slug, moderator.id, "A definition.")
    client = as_user(app, "mod")
    client.post(f"/wiki/{slug}/comments", data={"csrf_token": csrf_token(client, f"/wiki/{slug}"), "body": "Hi."})
    return client


STAND_IN = 424242


def number_urls(app):
    """For every route with numbers in its path: its method and one URL per number, that number a stand-in."""
    for rule in app.url_map.iter_rules():
        numbers = [name for name, converter in rule._converters.items() if converter.regex == "[0-9]+"]
        for number in numbers:
            args = {name: 1 for name in numbers} | {number: STAND_IN}
            args |= {name: "comment" if name == "target_type" else "it-manager" for name in rule.arguments - set(args)}
            yield ("GET" if "GET" in rule.methods else "POST"), rule.build(args, append_unknown=False)[1]


@pytest.mark.parametrize("bad", [HUGE, "2147483648", "0", "²", "٣", "-1", "1.0"])
def test_a_number_in_a_path_that_the_database_cannot_hold_is_a_404(app, wiki, bad):
    urls = list(number_urls(app))
    assert len(urls) >= 20
    token = csrf_token(wiki, "/")
    for method, url in urls:
        broken = url.replace(str(STAND_IN), bad)
        response = wiki.open(broken, method=method, data={"csrf_token": token})
        assert response.status_code == 404, f"{method} {broken}: {response.status_code}"


@pytest.mark.parametrize(
    "url",
    [
        "/?page=" + "9" * 30,
        "/?page=²",
        "/?page=٣",
        "/?page=0",
        "/?page=",
        "/wiki/it-manager/history?page=" + HUGE,
        "/wiki/it-manager/diff?from=²&to=1",
        "/wiki/it-manager/diff?from=1&to=" + HUGE,
        "/definitions/1/diff?from=1&to=" + HUGE,
        "/comments/1/diff?from=٣&to=1",
        "/wiki/it-manager/compare?a=" + HUGE + "&b=1",
        "/wiki/it-manager/compare?a=1&b=²",
        "/api/v1/pages?page=" + HUGE,
        "/api/v1/pages/it-manager/revisions?page=²",
        "/moderation/log?page=" + HUGE,
        "/moderation/users?page=²",
    ],
)
def test_a_query_argument_that_is_not_a_valid_number_is_a_400(wiki, url):
    response = wiki.get(url)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("field, value", [("parent_id", HUGE), ("parent_id", "²"), ("parent_id", "٣")])
def test_a_form_number_that_the_database_cannot_hold_is_refused(wiki, field, value):
    token = csrf_token(wiki, "/wiki/it-manager")
    response = wiki.post("/wiki/it-manager/comments", data={"csrf_token": token, "body": "Reply.", field: value})
    assert response.status_code == 400
    assert "Reply." in response.get_data(as_text=True)  # the text is kept


@pytest.mark.parametrize("value", [HUGE, "²", "-1"])
def test_a_base_revision_that_is_not_a_revision_number_is_refused(wiki, value):
    form = {"csrf_token": csrf_token(wiki, "/wiki/it-manager/edit"), "body": "three\n", "base_revision": value}
    response = wiki.post("/wiki/it-manager/edit", data=form)
    assert response.status_code == 422
    assert "three" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("GET", "/wiki/it%00manager", None),
        ("GET", "/?page=1%00", None),
        ("GET", "/moderation/users?q=a%00b", None),
        ("POST", "/wiki/it-manager/comments", {"body": "a\x00b"}),
        ("POST", "/auth/login", {"username": "mod\x00", "password": PASSWORD}),
    ],
)
def test_a_nul_character_anywhere_is_a_400_on_both_databases(wiki, method, url, data):
    if data is not None:
        data = {**data, "csrf_token": csrf_token(wiki, "/")}
    response = wiki.open(url, method=method, data=data)
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_redirects_keep_only_the_arguments_the_view_knows(app, wiki):
    headers = {"Host": "evil.example"}  # a forged Host, which url_for(_external=True) would have used
    client = app.test_client()
    token = csrf_from(client.get("/auth/login", headers=headers).get_data(as_text=True))
    login = {"username": "mod", "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=login, headers=headers).status_code == 303
    response = client.get("/wiki/IT%20Manager/edit?_external=1&_scheme=https&slug=x&title=IT+Manager", headers=headers)
    assert response.status_code == 308
    location = response.headers["Location"]
    assert location.startswith("/wiki/it-manager/edit?")
    assert "evil" not in location and "_external" not in location and "slug" not in location
    assert "title=IT+Manager" in location


def test_the_api_next_link_never_comes_from_the_host_header(make_app, make_page):
    app = make_app()
    with app.app_context():
        db.session.add(User("writer", PASSWORD))
        db.session.commit()
    client = app.test_client()
    for n in range(51):
        _create_page_directly(app, f"Page {n}")
    relative = client.get("/api/v1/pages", headers={"Host": "evil.example"}).json["next"]
    assert relative == "/api/v1/pages?page=2"
    public = make_app(PUBLIC_URL="https://wiki.example.org").test_client()
    assert public.get("/api/v1/pages", headers={"Host": "evil.example"}).json["next"] == (
        "https://wiki.example.org/api/v1/pages?page=2"
    )


def _create_page_directly(app, title: str) -> None:
    from wiki.history.models import Document
    from wiki.history.service import save_revision
    from wiki.pages.models import Page, slugify

    with app.app_context():
        page = Page(slug=slugify(title), title=title, document=Document())
        db.session.add(page)
        save_revision(page, "Text.", find_user("writer"))
        db.session.commit()


@pytest.mark.parametrize("username", ["adm\n", "alice\n", "\nalice", "bob\r\n", "ca\u0308rl", "abc\u200b"])
def test_usernames_are_matched_whole(client, app, username):
    response = client.post(
        "/auth/register",
        data={"username": username, "password": PASSWORD, "confirm": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 422
    assert "3 to 32 letters" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


def test_no_line_of_the_naughty_strings_registers_a_broken_username(client, app):
    accepted = []
    token = csrf_token(client, "/auth/register")
    for line in BLNS_LINES:
        response = client.post(
            "/auth/register",
            data={"username": line, "password": PASSWORD, "confirm": PASSWORD, "csrf_token": token},
        )
        assert response.status_code in (303, 422), (line, response.status_code)
        if response.status_code == 303:
            accepted.append(line)
            token = csrf_token(client, "/auth/register")  # logging in starts a new session
    assert accepted, "some lines are plain words, and those register"
    with app.app_context():
        stored = db.session.scalars(db.select(User.username)).all()
    assert sorted(stored) == sorted(accepted)
    assert all(is_valid_username(name) for name in stored)


def test_commands_match_usernames_whole(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["create-admin", "adm\n"], input=f"{PASSWORD}\n{PASSWORD}\n").exit_code != 0
    assert runner.invoke(args=["set-role", "adm\n", "admin"]).exit_code != 0
    with app.app_context():
        assert find_user("adm\n") is None


def test_check_usernames_reports_rows_that_break_the_rule(app):
    runner = app.test_cli_runner()
    with app.app_context():
        db.session.add(User("fine-name", PASSWORD))
        db.session.commit()
    clean = runner.invoke(args=["check-usernames"])
    assert clean.exit_code == 0 and "Every username follows the rule" in clean.output
    with app.app_context():
        db.session.add_all([User("adm\n", PASSWORD), User("x", PASSWORD)])  # made before the rule held
        db.session.commit()
    report = runner.invoke(args=["check-usernames"])
    assert report.exit_code == 1
    assert "'adm\\n'" in report.output and "'x'" in report.output and "fine-name" not in report.output


def test_a_legacy_username_can_still_log_in(app):
    with app.app_context():
        db.session.add(User("ab", PASSWORD))  # too short for today's rule, but it exists
        db.session.commit()
    client = app.test_client()
    html = client.get("/auth/login").get_data(as_text=True)
    response = client.post("/auth/login", data={"username": "ab", "password": PASSWORD, "csrf_token": csrf_from(html)})
    assert response.status_code == 303
