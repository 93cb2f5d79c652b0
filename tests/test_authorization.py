"""Authorization gaps: suspensions both ways, hidden revisions as merge bases, hidden definitions in the API,
what a lock on a term closes, closing a discussion, and what members' pages and sessions promise."""

from datetime import timedelta

import pytest

from tests.conftest import PASSWORD, as_user, csrf_token, post_form
from wiki.auth.models import Role, find_user
from wiki.extensions import db
from wiki.history.models import Revision


@pytest.fixture
def moderator(make_user):
    return make_user("mod", role=Role.MODERATOR)


def test_only_an_admin_lifts_a_moderators_suspension(app, make_user, moderator):
    make_user("root", role=Role.ADMIN)
    make_user("other-mod", role=Role.MODERATOR)
    admin = as_user(app, "root")
    assert post_form(admin, "/moderation/users/other-mod/suspend", {"days": "3", "reason": "cooling off"}).status_code
    refused = post_form(as_user(app, "mod"), "/moderation/users/other-mod/unsuspend", {"reason": "a favour"})
    assert refused.status_code == 403 and "Only administrators" in refused.get_data(as_text=True)
    with app.app_context():
        assert find_user("other-mod").is_suspended
    assert post_form(admin, "/moderation/users/other-mod/unsuspend", {"reason": "done"}).status_code == 303
    with app.app_context():
        assert not find_user("other-mod").is_suspended


def test_a_moderator_still_lifts_a_members_suspension(app, make_user, moderator):
    make_user("alice")
    mod = as_user(app, "mod")
    assert post_form(mod, "/moderation/users/alice/suspend", {"days": "1", "reason": "spam"}).status_code == 303
    assert post_form(mod, "/moderation/users/alice/unsuspend", {"reason": "sorry"}).status_code == 303


PUBLIC = "Public line.\nSecond line.\n"
SECRET = "SECRET text, longer.\nSecond line.\n"


@pytest.fixture
def hidden_revision(app, make_page, make_user, moderator):
    """A page whose revision 2 (the secret) a moderator hid after it was reverted."""
    slug = make_page("IT manager", PUBLIC, SECRET)
    make_user("alice")
    mod = as_user(app, "mod")
    assert post_form(mod, f"/wiki/{slug}/revert/1", {}).status_code == 303
    with app.app_context():
        revision_id = db.session.scalar(db.select(Revision.id).where(Revision.number == 2))
    assert post_form(mod, f"/moderation/revisions/{revision_id}/hide", {"reason": "private"}).status_code == 303
    return slug


def stale_save(client, slug: str, body: str, base: int):
    token = csrf_token(client, f"/wiki/{slug}/edit")
    return client.post(f"/wiki/{slug}/edit", data={"csrf_token": token, "body": body, "base_revision": str(base)})


def test_a_hidden_revision_cannot_be_a_merge_base_for_members(app, hidden_revision):
    """Before: basing a save on hidden revision 2 answered "nothing changed" for a right guess of its text and
    409 for a wrong one, an oracle for the hidden text. Now every guess gets the same refusal."""
    member = as_user(app, "alice")
    guesses = (SECRET, "WRONG guess.\nSecond line.\n")
    answers = [stale_save(member, hidden_revision, guess, base=2) for guess in guesses]
    for response in answers:
        assert response.status_code == 422
        assert "whose text a moderator has hidden" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.max(Revision.number))) == 3  # nothing saved
    # A moderator may still start from it.
    merged = stale_save(as_user(app, "mod"), hidden_revision, SECRET.replace("Second line", "Changed"), base=2)
    assert merged.status_code == 303


def test_a_hidden_revisions_size_is_not_shown_to_members(app, client, hidden_revision):
    member = as_user(app, "alice")
    for viewer in (client, member):
        html = viewer.get(f"/wiki/{hidden_revision}/history").get_data(as_text=True)
        row = html.split('href="/wiki/it-manager/revisions/2"', 1)[1].split("</tr>", 1)[0]
        assert " B</td>" not in row  # no size
        next_row = html.split('href="/wiki/it-manager/revisions/3"', 1)[1].split("</tr>", 1)[0]
        assert "grew" not in next_row and "shrank" not in next_row  # no change from the hidden size
        sizes = {
            entry["number"]: entry["size"]
            for entry in viewer.get("/api/v1/pages/it-manager/revisions").json["revisions"]
        }
        assert sizes[2] is None and sizes[1] == sizes[3] == len(PUBLIC)
    mod_html = as_user(app, "mod").get(f"/wiki/{hidden_revision}/history").get_data(as_text=True)
    assert f"{len(SECRET)} B" in mod_html.split('href="/wiki/it-manager/revisions/2"', 1)[1].split("</tr>", 1)[0]


def test_a_hidden_definitions_revisions_are_hidden_in_the_api(
    app, client, make_page, make_user, make_definition, moderator
):
    slug = make_page("IT manager")
    author = make_user("author")
    definition = make_definition(slug, author.id, "Nasty definition.", "Still nasty.")
    mod = as_user(app, "mod")
    assert post_form(mod, f"/moderation/decide/definition/{definition}", {"decision": "remove"}).status_code == 303
    make_user("alice")
    for viewer in (client, as_user(app, "alice")):
        response = viewer.get(f"/api/v1/definitions/{definition}/revisions")
        assert response.status_code == 403 and response.json["error"]["status"] == 403
        assert viewer.get(f"/definitions/{definition}/history").status_code == 403  # as in HTML
    listing = mod.get(f"/api/v1/definitions/{definition}/revisions")
    assert listing.status_code == 200 and len(listing.json["revisions"]) == 2


def test_a_locked_term_takes_no_new_definitions_but_its_discussion_stays_open(app, make_page, make_user, moderator):
    slug = make_page("IT manager")
    make_user("alice")
    mod, member = as_user(app, "mod"), as_user(app, "alice")
    assert post_form(mod, f"/wiki/{slug}/lock", {"reason": "settled"}).status_code == 303
    refused = post_form(member, f"/wiki/{slug}/definitions", {"body": "My definition."})
    assert refused.status_code == 403 and "takes no new definitions" in refused.get_data(as_text=True)
    page = member.get(f"/wiki/{slug}").get_data(as_text=True)
    assert "takes no new definitions" in page and 'class="propose-form"' not in page
    assert post_form(mod, f"/wiki/{slug}/definitions", {"body": "A moderator's definition."}).status_code == 303
    assert post_form(member, f"/wiki/{slug}/comments", {"body": "Still talking."}).status_code == 303


def test_a_moderator_closes_and_reopens_a_discussion(app, client, make_page, make_user, make_definition, moderator):
    slug = make_page("IT manager")
    make_user("alice")
    definition = make_definition(slug, make_user("bob").id, "A definition.")  # alice takes stances on bob's
    mod, member = as_user(app, "mod"), as_user(app, "alice")
    first = post_form(member, f"/wiki/{slug}/comments", {"body": "Before closing."})
    comment_id = first.headers["Location"].rsplit("-", 1)[1]
    assert "Before closing." in client.get(f"/wiki/{slug}").get_data(as_text=True)  # kept for readers
    assert post_form(mod, f"/wiki/{slug}/close-discussion", {"reason": "going in circles"}).status_code == 303
    for url, data in [
        (f"/wiki/{slug}/comments", {"body": "After closing."}),
        (f"/wiki/{slug}/comments", {"body": "A reply.", "parent_id": comment_id}),
        (f"/definitions/{definition}/comments", {"body": "On the definition."}),
    ]:
        refused = post_form(member, url, data)
        assert refused.status_code == 403 and "closed this discussion" in refused.get_data(as_text=True), url
    reason = post_form(member, f"/definitions/{definition}/stance", {"stance": "dispute", "reason": "Because."})
    assert reason.status_code == 400 and "without a reason" in reason.get_data(as_text=True)
    assert post_form(member, f"/definitions/{definition}/stance", {"stance": "dispute"}).status_code == 303
    assert post_form(mod, f"/wiki/{slug}/comments", {"body": "Closing note."}).status_code == 303
    for viewer in (client, member):
        html = viewer.get(f"/wiki/{slug}").get_data(as_text=True)
        assert "closed this discussion" in html and "Closing note." in html
        assert 'id="comment-form"' not in html and "Post reply" not in html
    assert "close discussion" in mod.get("/moderation/log").get_data(as_text=True)
    assert post_form(mod, f"/wiki/{slug}/reopen-discussion", {"reason": "new facts"}).status_code == 303
    assert post_form(member, f"/wiki/{slug}/comments", {"body": "After reopening."}).status_code == 303
    assert "closed this discussion" not in client.get(f"/wiki/{slug}").get_data(as_text=True)
    assert "reopen discussion" in mod.get("/moderation/log").get_data(as_text=True)


def test_members_pages_are_private_and_not_stored(app, client, make_page, make_user):
    slug = make_page("IT manager")
    make_user("alice")
    member = as_user(app, "alice")
    for url in ("/", f"/wiki/{slug}", f"/wiki/{slug}/history", "/api/v1/pages", f"/wiki/{slug}/edit"):
        assert member.get(url).headers["Cache-Control"] == "private, no-store", url
    assert "no-store" not in client.get(f"/wiki/{slug}").headers.get("Cache-Control", "")


def test_sessions_end_after_the_configured_days_without_a_visit(make_app, monkeypatch):
    app = make_app(PERMANENT_SESSION_LIFETIME=timedelta(days=14))
    with app.app_context():
        from wiki.auth.models import User

        db.session.add(User("alice", PASSWORD))
        db.session.commit()
    member = as_user(app, "alice")
    cookie = member.get_cookie("session")
    assert cookie.expires is not None  # a lasting cookie, renewed by each visit...
    import itsdangerous.timed

    now = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: now(self) + 13 * 86400)
    assert "Log out" in member.get("/").get_data(as_text=True)  # ...13 days later still logged in (and renewed)
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: now(self) + 28 * 86400)
    assert "Log out" not in member.get("/").get_data(as_text=True)  # 15 days after the last visit: ended
