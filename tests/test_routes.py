"""Audit of app.url_map: every state-changing route needs a login and an authorization check."""

from datetime import timedelta

import pytest

from tests.conftest import csrf_token
from wiki.auth.models import Role, find_user
from wiki.extensions import db, utcnow

# Routes that change state without a login, and why that is right.
OPEN_WRITES = {
    "auth.login": "logging in is how one gets a session",
    "auth.register": "registering creates the account",
    "auth.logout": "ending a session needs no session",
    "mail.confirm": "the signed link mailed to the address is the proof: it confirms that address of that member",
    "mail.unsubscribe": "one click from a mail, without logging in (RFC 8058): the signed link is the proof",
}
# Write routes whose GET needs no login, and why. Every other write route that answers GET (an editor, a page
# that asks "are you sure?" before the write) guards the GET like the write.
OPEN_GETS = {
    "discussion.post_on_page": "a GET of where comments are posted (a browser back from logging in to post) "
    "is sent to the discussion",
    "discussion.post_on_definition": "the same for a definition's discussion",
}
ASKS_FIRST = {"pages.revert", "definitions.revert", "discussion.delete"}  # GET asks, POST does it
LEVELS = {"account", "member", "moderator", "admin"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SAMPLE_ARGS = {
    "slug": "it-manager",
    "definition_id": 1,
    "comment_id": 1,
    "number": 1,
    "revision_id": 1,
    "username": "alice",
    "target_type": "comment",
    "target_id": 1,
    "notification_id": 1,
}


def state_changing(app):
    for rule in app.url_map.iter_rules():
        methods = sorted(rule.methods & WRITE_METHODS)
        if methods and rule.endpoint not in OPEN_WRITES:
            url = rule.build({name: SAMPLE_ARGS[name] for name in rule.arguments}, append_unknown=False)[1]
            yield rule.endpoint, url, methods, app.view_functions[rule.endpoint]


def writes_that_answer_get(app):
    for rule in app.url_map.iter_rules():
        if rule.methods & WRITE_METHODS and "GET" in rule.methods and rule.endpoint not in OPEN_WRITES:
            url = rule.build({name: SAMPLE_ARGS[name] for name in rule.arguments}, append_unknown=False)[1]
            yield rule.endpoint, url, app.view_functions[rule.endpoint]


def test_every_state_changing_view_declares_its_authorization(app):
    undeclared = [
        endpoint for endpoint, _, _, view in state_changing(app) if getattr(view, "authorization", None) not in LEVELS
    ]
    assert undeclared == []
    assert len(list(state_changing(app))) >= 25


def send(client, url, method, token):
    return client.open(url, method=method, data={"csrf_token": token, "body": "x", "stance": "endorse", "reason": "r"})


def test_every_state_changing_route_requires_login(app, client, make_page):
    make_page("IT manager")
    token = csrf_token(client)
    for _, url, methods, _ in state_changing(app):
        for method in methods:
            response = send(client, url, method, token)
            assert response.status_code in (302, 303), f"{method} {url} answered {response.status_code} anonymously"
            assert response.headers["Location"].startswith("/auth/login?next="), url


def test_members_are_refused_moderator_and_admin_routes(app, client, make_user, login, make_page):
    make_page("IT manager")
    make_user("alice")
    login("alice")
    token = csrf_token(client, "/")
    for endpoint, url, methods, view in state_changing(app):
        if view.authorization in {"moderator", "admin"}:
            for method in methods:
                assert send(client, url, method, token).status_code == 403, endpoint


def test_suspended_members_can_read_but_not_write(app, client, make_user, login, make_page):
    make_page("IT manager")
    make_user("alice", role=Role.ADMIN)
    with app.app_context():
        member = find_user("alice")
        member.suspended_until = utcnow() + timedelta(days=2)
        member.suspension_reason = "cooling off"
        db.session.commit()
    login("alice")
    assert client.get("/wiki/it-manager").status_code == 200
    token = csrf_token(client, "/")
    for endpoint, url, methods, view in state_changing(app):
        if view.authorization != "account":
            for method in methods:
                response = send(client, url, method, token)
                assert response.status_code == 403, endpoint
    assert "cooling off" in response.get_data(as_text=True)


def test_no_get_rule_of_its_own_beside_a_write_rule(app):
    """A GET and a POST rule at one URL make a POST whose number the converter refuses a 405, not a 404
    (Werkzeug counts the other rule's method): a write route that answers GET does it in the same rule."""
    write_urls = {rule.rule for rule in app.url_map.iter_rules() if rule.methods & WRITE_METHODS}
    rules = app.url_map.iter_rules()
    assert [rule.endpoint for rule in rules if rule.rule in write_urls and not rule.methods & WRITE_METHODS] == []


def test_a_write_routes_get_is_guarded_like_the_write(app, client, make_user, login, make_page, make_definition):
    slug = make_page("IT manager")
    make_definition(slug, make_user("bob").id)
    found = {endpoint: url for endpoint, url, _ in writes_that_answer_get(app)}
    assert ASKS_FIRST | set(OPEN_GETS) <= set(found)
    for endpoint, url in found.items():
        location = client.get(url).headers.get("Location", "")
        if endpoint in OPEN_GETS:
            assert location.endswith("#discussion"), endpoint
        else:
            assert location.startswith("/auth/login?next="), f"GET {url} answered anonymously"
    make_user("alice")
    with app.app_context():
        member = find_user("alice")
        member.suspended_until = utcnow() + timedelta(days=2)
        db.session.commit()
    login("alice")
    for endpoint, url, view in writes_that_answer_get(app):
        if endpoint not in OPEN_GETS and view.authorization != "account":
            assert client.get(url).status_code == 403, endpoint


@pytest.mark.parametrize("endpoint", sorted(OPEN_WRITES))
def test_open_writes_are_real_routes(app, endpoint):
    assert endpoint in app.view_functions
