"""Accounts through HTTP: register, log in, log out, CSRF, cookies, password rules, the admin command."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, csrf_token
from wiki.auth.models import Role, User, find_user
from wiki.extensions import db


def register(client, username="alice", password=PASSWORD, confirm=None, next_url=None):
    url = "/auth/register" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        data={
            "username": username,
            "password": password,
            "confirm": password if confirm is None else confirm,
            "csrf_token": csrf_token(client, "/auth/register"),
        },
    )


def logged_in_as(client) -> str | None:
    html = client.get("/").get_data(as_text=True)
    if "Log out" not in html:
        return None
    return re.search(r'class="whoami"[^>]*>([^<]+)<', html).group(1).strip()


def test_register_creates_a_member_and_logs_in(client, app):
    response = register(client, "Warren-Brown")
    assert response.status_code == 303
    assert logged_in_as(client) == "Warren-Brown"
    with app.app_context():
        user = find_user("warren-brown")
        assert user.role == Role.MEMBER
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    "username, password, confirm, message",
    [
        ("ab", PASSWORD, None, "3 to 32"),
        ("a" * 33, PASSWORD, None, "3 to 32"),
        ("has space", PASSWORD, None, "3 to 32"),
        ("<script>", PASSWORD, None, "3 to 32"),
        ("ünïcode", PASSWORD, None, "3 to 32"),
        ("", PASSWORD, None, "Choose a username"),
        ("alice", "short pass", None, "12 to 128"),
        ("alice", "x" * 129, None, "12 to 128"),
        ("alice", PASSWORD, "something else", "passwords differ"),
        ("alice", "", "", "Choose a password"),
    ],
)
def test_register_refusals_keep_the_form(client, app, username, password, confirm, message):
    response = register(client, username, password, confirm)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    if username:
        assert f'value="{username.replace("<", "&lt;").replace(">", "&gt;")}"' in html
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_username_is_unique_without_regard_to_case(client, make_user, app):
    make_user("Alice")
    response = register(client, "aLiCe")
    assert response.status_code == 422
    assert "taken" in response.get_data(as_text=True)


def test_password_length_counts_characters_not_bytes(client, app):
    assert register(client, "emoji", "🔑" * 11).status_code == 422  # 44 bytes, 11 characters
    assert register(client, "emoji", "🔑" * 12).status_code == 303
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    assert logged_in_as(client) is None
    long_password = "ü" * 128  # 256 bytes: accepted whole, nothing truncated
    assert register(client, "longpass", long_password).status_code == 303
    with app.app_context():
        user = find_user("longpass")
        assert user.check_password(long_password)
        assert not user.check_password("ü" * 127)


def test_login_and_logout(client, make_user):
    make_user("alice")
    response = client.post(
        "/auth/login", data={"username": "ALICE", "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 303
    assert logged_in_as(client) == "alice"
    assert client.get("/auth/logout").status_code == 405  # logout is a POST
    assert logged_in_as(client) == "alice"
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 303
    assert logged_in_as(client) is None


@pytest.mark.parametrize("username, password", [("alice", "wrong password!"), ("nobody", PASSWORD), ("", "")])
def test_login_refusals(client, make_user, username, password):
    make_user("alice")
    response = client.post(
        "/auth/login", data={"username": username, "password": password, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 422
    assert logged_in_as(client) is None
    if username:
        assert f'value="{username}"' in response.get_data(as_text=True)


def test_seed_members_have_no_usable_password(client, app):
    with app.app_context():
        db.session.add(User("Beth-Patton", password=None))
        db.session.commit()
    for attempt in ("", "None", "!", PASSWORD):
        response = client.post(
            "/auth/login", data={"username": "Beth-Patton", "password": attempt, "csrf_token": csrf_token(client)}
        )
        assert response.status_code == 422


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("/wiki/it-manager/edit", "/wiki/it-manager/edit"),
        ("/wiki/it-manager?x=1", "/wiki/it-manager?x=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("http:/evil.example", "/"),
    ],
)
def test_login_follows_next_only_to_this_site(client, make_user, next_url, expected):
    make_user("alice")
    response = client.post(
        "/auth/login",
        query_string={"next": next_url},
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == expected


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_posts_without_a_valid_csrf_token_are_400_and_change_nothing(client, app, token):
    data = {"username": "mallory", "password": PASSWORD, "confirm": PASSWORD}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    with app.app_context():
        assert find_user("mallory") is None


def test_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    make_user("alice")
    response = client.post(
        "/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_configured(make_app, make_user):
    app = make_app(SESSION_COOKIE_SECURE=True)
    with app.app_context():
        db.session.add(User("alice", PASSWORD))
        db.session.commit()
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("off", False), ("", False)])
def test_environment_sets_secure_cookies(monkeypatch, value, expected):
    from config import Config

    monkeypatch.setenv("SESSION_COOKIE_SECURE", value)
    assert Config().SESSION_COOKIE_SECURE is expected


def test_password_hashes_upgrade_on_login(client, app, make_user):
    from argon2 import PasswordHasher

    make_user("alice")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with app.app_context():
        user = find_user("alice")
        user.password_hash = weak
        db.session.commit()
    client.post("/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)})
    with app.app_context():
        assert find_user("alice").password_hash != weak


def test_create_admin_command_asks_for_the_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "root-admin"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = find_user("root-admin")
        assert admin.role == Role.ADMIN
        assert admin.check_password(PASSWORD)
    refused = runner.invoke(args=["create-admin", "x"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert refused.exit_code != 0
    short = runner.invoke(args=["create-admin", "someone"], input="short\nshort\n")
    assert short.exit_code != 0


def failed_login(client, username="alice", address="10.0.0.1"):
    return client.post(
        "/auth/login",
        data={"username": username, "password": "wrong password", "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def throttled_app(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        db.create_all()
        db.session.add(User("alice", PASSWORD))
        db.session.commit()
    return app


def test_five_failures_soft_lock_the_account_from_that_address(throttled_app):
    client = throttled_app.test_client()
    assert [failed_login(client).status_code for _ in range(5)] == [422] * 5
    locked = failed_login(client)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
    assert "Too many failed logins" in locked.get_data(as_text=True)
    # Even the right password waits out the lock from that address...
    right = client.post(
        "/auth/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert right.status_code == 429
    # ...but the owner logging in from elsewhere is not locked out, and other accounts are untouched.
    assert failed_login(client, address="10.0.0.2").status_code == 422
    assert failed_login(client, username="bob").status_code == 422


def test_successful_logins_do_not_count(throttled_app):
    client = throttled_app.test_client()
    for _ in range(7):
        response = client.post(
            "/auth/login",
            data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
        assert response.status_code == 303


def test_an_account_takes_at_most_100_failures_an_hour_from_any_addresses(throttled_app):
    client = throttled_app.test_client()
    statuses = [failed_login(client, address=f"10.1.{n // 250}.{n % 250}").status_code for n in range(101)]
    assert statuses[:100] == [422] * 100
    assert statuses[100] == 429


def test_forwarded_for_is_ignored_unless_a_proxy_is_configured(make_app):
    from wiki.throttling import client_address

    direct = make_app()
    with direct.test_request_context(headers={"X-Forwarded-For": "6.6.6.6"}, environ_base={"REMOTE_ADDR": "10.0.0.9"}):
        assert client_address() == "10.0.0.9"
    proxied = make_app(PROXY_COUNT=1)
    client = proxied.test_client()
    seen = {}

    @proxied.get("/probe-address")
    def probe():
        seen["address"] = client_address()
        return "ok"

    client.get("/probe-address", headers={"X-Forwarded-For": "6.6.6.6"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert seen["address"] == "6.6.6.6"


@pytest.mark.parametrize("password", ["qwerty123456", "1qaz2wsx3edc", "  Q1W2E3R4T5Y6  "])
def test_common_passwords_are_refused(client, app, password):
    response = register(client, "alice", password)
    assert response.status_code == 422
    assert "most common" in response.get_data(as_text=True)
    with app.app_context():
        assert find_user("alice") is None


def test_the_common_password_list_is_shipped_and_long():
    from wiki.auth.passwords import common_passwords, is_common

    assert len(common_passwords()) > 5000
    assert is_common("qwerty123456") and is_common("1Q2W3E4R5T6Y")
    assert not is_common("correct horse battery")


def test_logout_ends_every_copy_of_the_session(app, make_user):
    make_user("alice")
    browser = app.test_client()
    browser.post("/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(browser)})
    stolen = app.test_client()
    stolen.set_cookie("session", browser.get_cookie("session").value)
    assert logged_in_as(stolen) == "alice"
    browser.post("/auth/logout", data={"csrf_token": csrf_token(browser, "/")})
    assert logged_in_as(stolen) is None


def test_password_change_ends_other_sessions_and_keeps_this_one(app, make_user):
    make_user("alice")
    here, elsewhere = app.test_client(), app.test_client()
    for browser in (here, elsewhere):
        browser.post("/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(browser)})
    new_password = "a brand new passphrase"
    refused = here.post(
        "/auth/password",
        data={
            "current": "wrong one",
            "password": new_password,
            "confirm": new_password,
            "csrf_token": csrf_token(here, "/auth/password"),
        },
    )
    assert refused.status_code == 422 and "not your current password" in refused.get_data(as_text=True)
    changed = here.post(
        "/auth/password",
        data={
            "current": PASSWORD,
            "password": new_password,
            "confirm": new_password,
            "csrf_token": csrf_token(here, "/auth/password"),
        },
    )
    assert changed.status_code == 303
    assert logged_in_as(here) == "alice"
    assert logged_in_as(elsewhere) is None
    with app.app_context():
        assert find_user("alice").check_password(new_password)


def test_login_starts_a_fresh_session(app, make_user):
    make_user("alice")
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["planted"] = "by an attacker"
    browser.post("/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(browser)})
    with browser.session_transaction() as session:
        assert "planted" not in session
