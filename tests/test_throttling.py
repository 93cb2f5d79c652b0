"""Write limits per member (stricter for new accounts), shared through Redis by several app servers."""

from datetime import timedelta

from tests.conftest import PASSWORD, csrf_token
from wiki.auth.models import User
from wiki.extensions import db, utcnow
from wiki.history.models import Document
from wiki.history.service import save_revision
from wiki.pages.models import Page, PageKind


def prepare(app, member_age_days: float) -> None:
    with app.app_context():
        db.create_all()
        user = User("alice", PASSWORD)
        user.created_at = utcnow() - timedelta(days=member_age_days)
        db.session.add(user)
        page = Page(slug="it-manager", title="IT manager", kind=PageKind.TERM, document=Document())
        db.session.add(page)
        save_revision(page, "Body", user)
        db.session.commit()


def logged_in(app):
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 303
    return client


def post_comments(client, count: int) -> list[int]:
    token = csrf_token(client, "/wiki/it-manager")
    return [
        client.post("/wiki/it-manager/comments", data={"csrf_token": token, "body": f"comment {n}"}).status_code
        for n in range(count)
    ]


LIMITS = {"RATELIMIT_ENABLED": True, "RATELIMIT_COMMENT_NEW": "2 per hour", "RATELIMIT_COMMENT": "4 per hour"}


def test_new_members_get_stricter_comment_limits(make_app):
    app = make_app(**LIMITS)
    prepare(app, member_age_days=0.5)
    statuses = post_comments(logged_in(app), 3)
    assert statuses == [303, 303, 429]


def test_established_members_get_the_normal_limit(make_app):
    app = make_app(**LIMITS)
    prepare(app, member_age_days=30)
    assert post_comments(logged_in(app), 5) == [303, 303, 303, 303, 429]


def test_edits_share_one_counter_across_routes(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_EDIT="2 per hour")
    prepare(app, member_age_days=30)
    client = logged_in(app)
    token = csrf_token(client, "/wiki/it-manager/edit")
    first = client.post("/wiki/it-manager/edit", data={"csrf_token": token, "body": "one", "base_revision": "1"})
    second = client.post("/wiki/it-manager/definitions", data={"csrf_token": token, "body": "a definition"})
    third = client.post("/wiki/it-manager/revert/1", data={"csrf_token": token})
    assert [first.status_code, second.status_code, third.status_code] == [303, 303, 429]
    assert "Retry-After" in third.headers


def test_limits_are_shared_through_redis_by_several_servers(make_app, redis_url):
    settings = {**LIMITS, "RATELIMIT_STORAGE_URI": redis_url}
    first_server = make_app(**settings)
    prepare(first_server, member_age_days=0.5)
    second_server = make_app(**settings)
    assert post_comments(logged_in(first_server), 2) == [303, 303]
    assert post_comments(logged_in(second_server), 1) == [429]
