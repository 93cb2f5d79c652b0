"""Watchlists and notifications through HTTP, on both databases: watching, watching what one writes (and the
setting that stops it), each reason of notification exactly once per event and never for oneself, the unread
count, marking read, and constant queries."""

import re

import pytest
from sqlalchemy import event, select

from tests.conftest import as_user, csrf_from, post_form, save_page
from wiki.auth.models import Role, find_user
from wiki.extensions import db
from wiki.notify.models import Notification, Watch


def comment_on(client, url: str, body: str, **fields) -> int:
    response = post_form(client, url, {"body": body, **fields})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return int(response.headers["Location"].rsplit("-", 1)[1])


def told(app, username: str) -> list[tuple[str, str]]:
    """(reason, kind of change) of each of a member's notifications, oldest first."""
    with app.app_context():
        user = find_user(username)
        rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))
        return [(row.reason, row.change.kind) for row in rows]


def watchers(app, slug: str) -> set[str]:
    """Who watches a page, but the fixture's "writer" (who wrote it, and so watches it)."""
    with app.app_context():
        from wiki.pages.models import find_page

        page = find_page(slug)
        rows = db.session.scalars(select(Watch).where(Watch.page_id == page.id))
        return {watch.user.username for watch in rows} - {"writer"}


@pytest.fixture
def members(app, make_user, make_page):
    for name in ("alice", "bob", "carol"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    make_page("IT manager", "The glue.\n")
    return {name: as_user(app, name) for name in ("alice", "bob", "carol", "mod")}


def test_watch_and_unwatch_a_page(app, client, members):
    alice = members["alice"]
    html = alice.get("/wiki/it-manager").get_data(as_text=True)
    assert "Watch this page" in html
    assert post_form(alice, "/wiki/it-manager/watch", {}).status_code == 303
    assert post_form(alice, "/wiki/it-manager/watch", {}).status_code == 303  # twice is still one watch
    assert watchers(app, "it-manager") == {"alice"}
    assert "Stop watching" in alice.get("/wiki/it-manager").get_data(as_text=True)
    page = alice.get("/watchlist").get_data(as_text=True)
    assert 'href="/wiki/it-manager"' in page and "Pages you watch" in page
    assert post_form(alice, "/wiki/it-manager/unwatch", {}).status_code == 303
    assert watchers(app, "it-manager") == set()
    assert "Watch this page" not in client.get("/wiki/it-manager").get_data(as_text=True)  # readers have no button
    assert client.post("/wiki/it-manager/watch").status_code in (302, 303, 400)
    assert post_form(alice, "/wiki/nowhere/watch", {}).status_code == 404
    no_token = alice.post("/wiki/it-manager/watch")
    assert no_token.status_code == 400 and watchers(app, "it-manager") == set()


def test_members_watch_what_they_write_unless_they_say_not(app, members):
    bob, carol = members["bob"], members["carol"]
    assert save_page(bob, "it-manager", "The glue of IT.\n").status_code == 303
    comment_on(carol, "/wiki/it-manager/comments", "I agree.")
    assert watchers(app, "it-manager") == {"bob", "carol"}
    html = carol.get("/settings").get_data(as_text=True)
    settings = {"csrf_token": csrf_from(html), "about": "", "role_held": ""}  # the box unticked: not sent
    assert carol.post("/settings", data=settings).status_code == 303
    assert save_page(carol, "engineering-manager", "Leads engineers.\n", title="Engineering manager",
                     kind="term").status_code == 303  # fmt: skip
    assert watchers(app, "engineering-manager") == set()


def test_each_event_is_told_once_to_each_member_and_never_to_its_author(app, members):
    alice, bob, carol = members["alice"], members["bob"], members["carol"]
    for client in (alice, bob, carol):
        post_form(client, "/wiki/it-manager/watch", {})
    first = comment_on(alice, "/wiki/it-manager/comments", "Budgets first.")
    assert told(app, "alice") == []
    assert told(app, "bob") == told(app, "carol") == [("watch", "comment.posted")]
    comment_on(bob, "/wiki/it-manager/comments", "No, people first, @carol?", parent_id=str(first))
    # alice: a reply to her comment on a page she watches is one notification, not two; carol: mentioned
    assert told(app, "alice") == [("reply", "comment.posted")]
    assert told(app, "carol")[-1] == ("mention", "comment.posted") and len(told(app, "carol")) == 2
    assert save_page(carol, "it-manager", "The glue, and the budget.\n").status_code == 303
    assert told(app, "alice")[-1] == ("watch", "page.edited") and told(app, "bob")[-1] == ("watch", "page.edited")
    assert told(app, "carol")[-1] == ("mention", "comment.posted")  # not for her own edit
    assert told(app, "mod") == []  # not watching: nothing


def test_stances_and_moderators_edits_reach_the_proposer(app, members, make_definition):
    alice, bob, mod = members["alice"], members["bob"], members["mod"]
    with app.app_context():
        alice_id = find_user("alice").id
    definition = make_definition("it-manager", alice_id, "The interface with the business.")
    post_form(alice, "/wiki/it-manager/watch", {})
    response = post_form(bob, f"/definitions/{definition}/stance", {"stance": "dispute", "reason": "Too vague."})
    assert response.status_code == 303
    # the stance, with its reason, once: not the reason's comment as well
    assert told(app, "alice") == [("stance", "stance.taken")]
    page = alice.get("/notifications").get_data(as_text=True)
    assert "Too vague." in page and "bob" in page and f'href="/definitions/{definition}"' in page
    token = csrf_from(mod.get(f"/definitions/{definition}/edit").get_data(as_text=True))
    body = "The interface with the business sponsors."
    edited = mod.post(f"/definitions/{definition}/edit", data={"csrf_token": token, "body": body, "base_revision": "1"})
    assert edited.status_code == 303
    assert told(app, "alice")[-1] == ("edited", "definition.edited")


def test_the_unread_count_and_marking_read(app, members):
    alice, bob = members["alice"], members["bob"]
    post_form(alice, "/wiki/it-manager/watch", {})
    assert "Notifications" in alice.get("/").get_data(as_text=True)
    assert 'class="count"' not in alice.get("/").get_data(as_text=True)
    for number in range(3):
        comment_on(bob, "/wiki/it-manager/comments", f"Point {number}.")
    header = alice.get("/").get_data(as_text=True)
    assert re.search(r'<span class="count"[^>]*>3</span>', header)
    listing = alice.get("/notifications").get_data(as_text=True)
    assert listing.count('class="notification unread"') == 3
    first = int(re.findall(r'id="notification-(\d+)"', listing)[-1])
    assert post_form(alice, f"/notifications/{first}/read", {}).status_code == 303
    assert re.search(r'<span class="count"[^>]*>2</span>', alice.get("/").get_data(as_text=True))
    assert post_form(bob, f"/notifications/{first}/read", {}).status_code == 404  # not bob's
    assert post_form(alice, "/notifications/read", {}).status_code == 303
    assert 'class="count"' not in alice.get("/").get_data(as_text=True)
    assert alice.get("/notifications").get_data(as_text=True).count('class="notification unread"') == 0
    assert alice.get("/notifications?page=9").status_code == 404
    assert post_form(alice, "/notifications/99999999999/read", {}).status_code == 404


def test_the_count_says_99_plus_past_99(app, members):
    alice = members["alice"]
    post_form(alice, "/wiki/it-manager/watch", {})
    with app.app_context():
        from wiki.discussion.service import post_comment
        from wiki.pages.models import find_page

        page, author = find_page("it-manager"), find_user("bob")
        for number in range(101):
            post_comment(page, f"Point {number}.", author)
        db.session.commit()
    assert '99+' in alice.get("/").get_data(as_text=True)


def test_a_page_of_notifications_takes_a_constant_number_of_queries(app, members):
    alice, bob = members["alice"], members["bob"]
    post_form(alice, "/wiki/it-manager/watch", {})

    def queries_for_the_list() -> int:
        with app.app_context():
            engine = db.engine
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert alice.get("/notifications").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    comment_on(bob, "/wiki/it-manager/comments", "One.")
    few = queries_for_the_list()
    for number in range(12):
        comment_on(bob, "/wiki/it-manager/comments", f"More {number}.")
    assert queries_for_the_list() == few


def test_the_watchlist_lists_changes_on_watched_pages_only(app, make_page, members):
    make_page("Architect", "Designs.\n")
    alice, bob = members["alice"], members["bob"]
    post_form(alice, "/wiki/it-manager/watch", {})
    comment_on(bob, "/wiki/it-manager/comments", "On the watched page.")
    comment_on(bob, "/wiki/architect/comments", "On another page.")
    html = alice.get("/watchlist").get_data(as_text=True)
    assert html.count('class="change kind-comment"') == 1 and "IT manager" in html
    assert alice.get("/watchlist?page=x").status_code == 400


def test_a_stances_reason_is_shown_only_while_its_comment_may_be_read(app, client, members, make_definition):
    alice, bob = members["alice"], members["bob"]
    with app.app_context():
        alice_id = find_user("alice").id
    definition = make_definition("it-manager", alice_id, "The interface with the business.")
    post_form(bob, f"/definitions/{definition}/stance", {"stance": "dispute", "reason": "SECRET 555-0100, @alice"})
    assert told(app, "alice") == [("stance", "stance.taken")]  # once, though the reason mentions her
    assert "SECRET 555-0100" in alice.get("/notifications").get_data(as_text=True)
    assert "SECRET 555-0100" in client.get("/recent").get_data(as_text=True)
    with app.app_context():
        from wiki.discussion.models import Comment

        reason = db.session.scalar(select(Comment.id).where(Comment.definition_id == definition))
    assert post_form(bob, f"/comments/{reason}/delete", {}).status_code == 303
    assert "SECRET 555-0100" not in alice.get("/notifications").get_data(as_text=True)
    assert "SECRET 555-0100" not in client.get("/recent").get_data(as_text=True)
    assert "SECRET 555-0100" not in client.get("/api/v1/changes").get_data(as_text=True)
