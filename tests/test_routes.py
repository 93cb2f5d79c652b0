"""Every state-changing route needs a logged-in member; the few that do not are named here with a reason."""

import pytest

from tests.conftest import csrf_token

# Routes that change state without a login, and why that is right.
OPEN_WRITES = {
    "auth.login": "logging in is how one gets a session",
    "auth.register": "registering creates the account",
    "auth.logout": "ending a session needs no session",
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SAMPLE_ARGS = {"slug": "it-manager", "definition_id": 1, "comment_id": 1, "number": 1}


def state_changing_rules(app):
    for rule in app.url_map.iter_rules():
        methods = rule.methods & WRITE_METHODS
        if methods and rule.endpoint not in OPEN_WRITES:
            yield rule, sorted(methods)


def test_there_are_state_changing_routes_to_check(app):
    endpoints = {rule.endpoint for rule, _ in state_changing_rules(app)}
    assert {"pages.edit", "pages.revert", "definitions.stance", "discussion.delete"} <= endpoints


def test_every_state_changing_route_requires_login(app, client, make_page):
    make_page("IT manager")
    token = csrf_token(client)
    checked = 0
    for rule, methods in state_changing_rules(app):
        url = rule.build({name: SAMPLE_ARGS[name] for name in rule.arguments}, append_unknown=False)[1]
        for method in methods:
            response = client.open(url, method=method, data={"csrf_token": token, "body": "x", "stance": "endorse"})
            assert response.status_code in (302, 303), f"{method} {url} answered {response.status_code} anonymously"
            assert response.headers["Location"].startswith("/auth/login?next="), url
            checked += 1
    assert checked >= 12


@pytest.mark.parametrize("endpoint", sorted(OPEN_WRITES))
def test_open_writes_are_only_the_named_ones(app, endpoint):
    assert endpoint in app.view_functions
