"""What a newcomer trips over: endorsing one's own definition, one-click deletes and reverts, a refused comment
that reloads far from its form, a comparison that looks like a correction, a conflict that looks like a deletion."""

import re
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from tests.conftest import as_user, csrf_from, csrf_token, edit_form, post_form, save_page, user_link
from wiki.auth.models import Role
from wiki.definitions.models import Stance, StanceKind, set_stance
from wiki.discussion.models import Comment
from wiki.extensions import db
from wiki.history.models import Revision
from wiki.pages.models import find_page


@pytest.fixture
def term(make_page):
    return make_page("IT manager", "The glue of the IT department.\n", kind="term")


def text(response) -> str:
    return response.get_data(as_text=True)


def stance_count(app, definition_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Stance).where(Stance.definition_id == definition_id))


def comment(client, slug: str, body: str, parent_id: int | None = None):
    data = {"body": body} | ({"parent_id": str(parent_id)} if parent_id else {})
    return post_form(client, f"/wiki/{slug}/comments", data, token_from=f"/wiki/{slug}")


def posted_id(response) -> int:
    assert response.status_code == 303, text(response)
    return int(re.search(r"#comment-(\d+)$", response.headers["Location"]).group(1))


def revision_count(app, slug: str) -> int:
    with app.app_context():
        return find_page(slug).document.head_number


def assert_login_redirect(response, path: str) -> None:
    assert response.status_code in (302, 303)
    assert unquote(response.headers["Location"]).startswith(f"/auth/login?next={path}")


# 1. One's own definition: no endorsing, no disputing.


@pytest.mark.parametrize("value", ["endorse", "dispute"])
def test_a_proposer_cannot_take_a_stance_on_their_own_definition(app, term, make_user, make_definition, value):
    definition = make_definition(term, make_user("alice").id, "Runs the IT groups.")
    alice = as_user(app, "alice")
    response = post_form(alice, f"/definitions/{definition}/stance", {"stance": value, "reason": "I agree with me"})
    assert response.status_code == 400
    assert "This is your own definition: you cannot endorse or dispute it." in text(response)
    assert stance_count(app, definition) == 0
    with app.app_context():  # nor does the reason go into the discussion
        assert db.session.scalar(select(func.count()).select_from(Comment)) == 0


def test_others_still_endorse_and_dispute(app, term, make_user, make_definition):
    definition = make_definition(term, make_user("alice").id, "Runs the IT groups.")
    make_user("bob")
    bob = as_user(app, "bob")
    page = text(bob.get(f"/definitions/{definition}"))
    assert 'name="stance" type="radio" value="endorse"' in page or 'value="endorse"' in page
    assert "This is your definition" not in page
    assert post_form(bob, f"/definitions/{definition}/stance", {"stance": "dispute"}).status_code == 303
    assert stance_count(app, definition) == 1


def test_the_proposer_sees_a_note_instead_of_the_stance_controls(app, term, make_user, make_definition):
    definition = make_definition(term, make_user("alice").id, "Runs the IT groups.")
    page = text(as_user(app, "alice").get(f"/definitions/{definition}"))
    assert "This is your definition" in page
    assert 'value="endorse"' not in page and 'value="dispute"' not in page
    assert "Record my stance" not in page


def test_a_stance_on_ones_own_definition_from_before_the_rule_can_be_taken_back(app, term, make_user, make_definition):
    alice = make_user("alice")
    definition = make_definition(term, alice.id, "Runs the IT groups.")
    with app.app_context():
        from wiki.auth.models import User
        from wiki.definitions.models import Definition

        set_stance(db.session.get(Definition, definition), db.session.get(User, alice.id), StanceKind.ENDORSE)
        db.session.commit()
    client = as_user(app, "alice")
    page = text(client.get(f"/definitions/{definition}"))
    assert "take that stance back" in page and 'name="stance" value="none"' in page
    assert post_form(client, f"/definitions/{definition}/stance", {"stance": "none"}).status_code == 303
    assert stance_count(app, definition) == 0


def test_the_seed_gives_no_proposer_a_stance_on_their_own_definition():
    from wiki.seed.debate import DEFINITIONS

    own = [(seed.page, seed.author) for seed in DEFINITIONS for s in seed.stances if s.member == seed.author]
    assert own == []


# 2. Deleting a comment and reverting ask first, without JavaScript.


@pytest.fixture
def alices_comment(app, make_page, make_user):
    slug = make_page("Career tracks", "An article.\n", kind="article")
    make_user("alice")
    alice = as_user(app, "alice")
    return slug, alice, posted_id(comment(alice, slug, "A **hasty** remark."))


def is_deleted(app, comment_id: int) -> bool:
    with app.app_context():
        return db.session.get(Comment, comment_id).is_deleted


def test_delete_asks_first_and_the_comment_links_to_the_question(app, alices_comment):
    slug, alice, comment_id = alices_comment
    thread = text(alice.get(f"/wiki/{slug}"))
    assert f'href="/comments/{comment_id}/delete"' in thread
    assert f'action="/comments/{comment_id}/delete"' not in thread  # no one-click form any more
    response = alice.get(f"/comments/{comment_id}/delete")
    assert response.status_code == 200
    page = text(response)
    assert "Delete this comment?" in page and "<strong>hasty</strong>" in page
    assert f'<form method="post" action="/comments/{comment_id}/delete"' in page
    assert csrf_from(page)
    assert f'href="/wiki/{slug}#comment-{comment_id}">Cancel</a>' in page
    assert not is_deleted(app, comment_id)  # asking changes nothing
    confirmed = alice.post(f"/comments/{comment_id}/delete", data={"csrf_token": csrf_from(page)})
    assert confirmed.status_code == 303 and confirmed.headers["Location"].endswith(f"#comment-{comment_id}")
    assert is_deleted(app, comment_id)
    again = alice.get(f"/comments/{comment_id}/delete")  # already deleted: back to the discussion
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/wiki/{slug}#comment-{comment_id}")


def test_the_delete_post_still_acts_at_once(app, alices_comment):
    _, alice, comment_id = alices_comment
    assert post_form(alice, f"/comments/{comment_id}/delete", {}).status_code == 303
    assert is_deleted(app, comment_id)


def test_asking_to_delete_is_refused_as_deleting_is(app, client, alices_comment, make_user):
    _, _, comment_id = alices_comment
    assert_login_redirect(client.get(f"/comments/{comment_id}/delete"), f"/comments/{comment_id}/delete")
    make_user("bob")
    refused = as_user(app, "bob").get(f"/comments/{comment_id}/delete")
    assert refused.status_code == 403 and "Only the author of a comment" in text(refused)
    make_user("mod", role=Role.MODERATOR)
    assert as_user(app, "mod").get(f"/comments/{comment_id}/delete").status_code == 200
    assert client.get("/comments/999/delete").status_code in (302, 303)  # anonymous: the login first
    assert as_user(app, "bob").get("/comments/999/delete").status_code == 404
    assert not is_deleted(app, comment_id)


def test_revert_asks_first_and_history_pages_link_to_the_question(app, make_page, make_user):
    slug = make_page("IT manager", "First **wording**.\n", "Second wording.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    for url in (f"/wiki/{slug}/revisions/1", f"/wiki/{slug}/diff?from=1&to=2"):
        html = text(alice.get(url))
        assert f'href="/wiki/{slug}/revert/1"' in html, url
        assert f'action="/wiki/{slug}/revert/1"' not in html, url
    response = alice.get(f"/wiki/{slug}/revert/1")
    assert response.status_code == 200
    page = text(response)
    assert "Revert the page to revision 1?" in page and "<strong>wording</strong>" in page
    assert f'href="/wiki/{slug}/diff?from=1&amp;to=2"' in page
    assert f'<form method="post" action="/wiki/{slug}/revert/1"' in page and csrf_from(page)
    assert f'href="/wiki/{slug}/revisions/1">Cancel</a>' in page
    assert revision_count(app, slug) == 2  # asking saves nothing
    confirmed = alice.post(f"/wiki/{slug}/revert/1", data={"csrf_token": csrf_from(page)})
    assert confirmed.status_code == 303 and confirmed.headers["Location"] == f"/wiki/{slug}"
    assert revision_count(app, slug) == 3
    current = text(alice.get(f"/wiki/{slug}/revert/3"))  # the current revision: nothing to do, no button
    assert "reverting would save nothing" in current and f'action="/wiki/{slug}/revert/3"' not in current


def test_asking_to_revert_a_page_is_refused_as_reverting_is(app, client, make_page, make_user):
    slug = make_page("IT manager", "One.\n", "Two.\n", "Three.\n")
    assert_login_redirect(client.get(f"/wiki/{slug}/revert/1"), f"/wiki/{slug}/revert/1")
    make_user("alice")
    alice = as_user(app, "alice")
    assert alice.get(f"/wiki/{slug}/revert/9").status_code == 404
    for method in ("GET", "POST"):  # a number no database holds: 404 for both methods, never a 405
        assert alice.open(f"/wiki/{slug}/revert/2147483648", method=method).status_code == 404, method
    assert alice.get("/wiki/nowhere/revert/1").status_code == 404
    with app.app_context():
        db.session.scalar(select(Revision).where(Revision.number == 2)).is_hidden = True
        db.session.commit()
    hidden = alice.get(f"/wiki/{slug}/revert/2")
    assert hidden.status_code == 403 and "Two." not in text(hidden)
    assert post_form(alice, f"/wiki/{slug}/revert/2", {}).status_code == 403  # as the POST
    with app.app_context():
        find_page(slug).is_locked = True
        db.session.commit()
    assert alice.get(f"/wiki/{slug}/revert/1").status_code == 403
    assert post_form(alice, f"/wiki/{slug}/revert/1", {}).status_code == 403
    make_user("mod", role=Role.MODERATOR)
    mod = as_user(app, "mod")
    assert mod.get(f"/wiki/{slug}/revert/1").status_code == 200
    assert "Two." in text(mod.get(f"/wiki/{slug}/revert/2"))  # moderators see hidden text


def test_asking_to_revert_a_definition_is_for_its_proposer_and_moderators(
    app, client, term, make_user, make_definition
):
    definition = make_definition(term, make_user("alice").id, "First wording.", "Second wording.")
    url = f"/definitions/{definition}/revert/1"
    assert_login_redirect(client.get(url), url)
    make_user("bob")
    refused = as_user(app, "bob").get(url)
    assert refused.status_code == 403 and "propose a definition of your own" in text(refused)
    alice = as_user(app, "alice")
    for page_url in (f"/definitions/{definition}/revisions/1", f"/definitions/{definition}/diff?from=1&to=2"):
        assert f'href="{url}"' in text(alice.get(page_url)), page_url
    response = alice.get(url)
    assert response.status_code == 200
    page = text(response)
    assert "Revert the definition to revision 1?" in page and "First wording." in page
    assert f'<form method="post" action="{url}"' in page
    assert f'href="/definitions/{definition}/revisions/1">Cancel</a>' in page
    assert alice.post(url, data={"csrf_token": csrf_from(page)}).status_code == 303
    assert alice.get(f"/api/v1/definitions/{definition}").json["body"] == "First wording."
    make_user("mod", role=Role.MODERATOR)
    assert as_user(app, "mod").get(url).status_code == 200


# 3. A refused comment or reply lands on its form.


def test_the_comment_forms_bring_the_browser_back_to_the_form(app, make_page, make_user):
    slug = make_page("Career tracks", "An article.\n", kind="article")
    make_user("alice")
    alice = as_user(app, "alice")
    first = posted_id(comment(alice, slug, "First."))
    page = text(alice.get(f"/wiki/{slug}"))
    assert f'action="/wiki/{slug}/comments#comment-form" class="comment-form" id="comment-form"' in page
    assert f'action="/wiki/{slug}/comments#comment-form" class="reply-form"' in page
    assert "autofocus" not in page  # nothing to fix: the page opens at the top
    refused = comment(alice, slug, "   ")
    assert refused.status_code == 400
    html = text(refused)
    assert "cannot be blank" in html
    assert re.search(r'<textarea id="comment-body" name="body"[^>]* autofocus', html)
    assert first  # the discussion is still drawn around the form


def test_a_refused_reply_comes_back_in_the_main_form_in_reply_mode(app, make_page, make_user):
    slug = make_page("Career tracks", "An article.\n", kind="article")
    make_user("alice")
    alice = as_user(app, "alice")
    parent = posted_id(comment(alice, slug, "Parent."))
    long_reply = "My long reply. " + "x" * 10_000
    refused = comment(alice, slug, long_reply, parent)
    assert refused.status_code == 400
    html = text(refused)
    form = html.split('id="comment-form"', 1)[1].split("</form>", 1)[0]
    assert f"Replying to comment #{parent}." in form
    assert f'name="parent_id" value="{parent}"' in form
    assert "limit is 10,000" in form and long_reply in form
    assert re.search(r'<textarea id="comment-body" name="body"[^>]* autofocus', form)
    posted = alice.post(
        f"/wiki/{slug}/comments", data={"csrf_token": csrf_from(html), "body": "Shorter.", "parent_id": str(parent)}
    )
    reply = posted_id(posted)
    with app.app_context():
        assert db.session.get(Comment, reply).parent_id == parent


def test_the_comment_urls_answer_a_get_with_the_discussion(app, client, term, make_user, make_definition):
    definition = make_definition(term, make_user("alice").id)
    response = client.get(f"/wiki/{term}/comments")
    assert response.status_code == 303 and response.headers["Location"] == f"/wiki/{term}#discussion"
    response = client.get(f"/definitions/{definition}/comments")
    assert response.status_code == 303 and response.headers["Location"] == f"/definitions/{definition}#discussion"
    assert client.get("/wiki/nowhere/comments").status_code == 404
    assert client.get("/definitions/999/comments").status_code == 404


def test_logging_in_to_comment_ends_at_the_discussion(app, client, term, make_user):
    """Posting while logged out sends one to log in with next=<the post URL>; after it, a GET lands there."""
    make_user("alice")
    sent = post_form(client, f"/wiki/{term}/comments", {"body": "hi"}, token_from="/auth/login")
    next_url = sent.headers["Location"]
    assert unquote(next_url).startswith(f"/auth/login?next=/wiki/{term}/comments")
    logged_in = client.post(
        next_url,
        data={"username": "alice", "password": "correct horse battery", "csrf_token": csrf_token(client, next_url)},
    )
    assert logged_in.status_code == 303 and logged_in.headers["Location"] == f"/wiki/{term}/comments"
    landed = client.get(logged_in.headers["Location"])
    assert landed.status_code == 303 and landed.headers["Location"] == f"/wiki/{term}#discussion"


# 4. Comparing two definitions reads them as equals.


@pytest.fixture
def two_definitions(term, make_user, make_definition):
    first = make_definition(term, make_user("alice").id, "Talks to **sponsors**.\nRuns the IT groups.\n")
    second = make_definition(term, make_user("bob").id, "Talks to **sponsors**.\nDrives strategy.\n")
    return term, first, second


def test_compare_shows_both_definitions_as_they_read(client, two_definitions):
    term, first, second = two_definitions
    response = client.get(f"/wiki/{term}/compare?a={first}&b={second}")
    assert response.status_code == 200
    html = text(response)
    assert html.count("<strong>sponsors</strong>") == 2  # rendered, not source
    assert f"Definition {first}" in html and f"Definition {second}" in html
    assert "Proposed by <strong>" + user_link("alice") + "</strong>" in html
    assert "Proposed by <strong>" + user_link("bob") + "</strong>" in html
    assert html.count("score 0") == 2
    assert "<del>" not in html and "<ins>" not in html and "side-by-side" not in html
    assert f'href="/wiki/{term}/compare?a={first}&amp;b={second}&amp;diff=1#differences"' in html


def test_compare_shows_the_differences_on_request_in_neutral_terms(client, two_definitions):
    term, first, second = two_definitions
    html = text(client.get(f"/wiki/{term}/compare?a={first}&b={second}&diff=1"))
    assert html.count("<strong>sponsors</strong>") == 2  # the texts stay above the differences
    table = html.split('<table class="diff side-by-side compare">', 1)[1].split("</table>", 1)[0]
    assert f'<th scope="col" class="side-a">Definition {first}</th>' in table
    assert f'<th scope="col" class="side-b">Definition {second}</th>' in table
    assert '<mark class="differs">' in table and "Drives strategy" in table and "Runs the IT groups" in table
    for loaded in ("<del>", "<ins>", "delete", "insert"):
        assert loaded not in table, loaded
    assert f'href="/wiki/{term}/compare?a={first}&amp;b={second}">Hide the differences' in html


# 5. An edit conflict shows two versions, neither of them wrong.


def test_a_conflict_labels_the_two_versions_neutrally(app, make_page, make_user):
    slug = make_page("IT manager", "alpha\nbeta\ngamma\n")
    make_user("alice")
    make_user("bob")
    alice, bob = as_user(app, "alice"), as_user(app, "bob")
    started = edit_form(alice, slug)
    assert save_page(bob, slug, "alpha\nTHEIRS\ngamma\n", summary="bob's take").status_code == 303
    response = alice.post(f"/wiki/{slug}/edit", data={**started, "body": "alpha\nMINE\ngamma\n", "summary": ""})
    assert response.status_code == 409
    html = text(response)
    conflict = html.split('<div class="conflict"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="side-a">Saved meanwhile by bob (revision 2)</th>' in conflict
    assert '<th scope="col" class="side-b">Your text (not saved yet)</th>' in conflict
    assert '<mark class="differs">THEIRS</mark>' in conflict and '<mark class="differs">MINE</mark>' in conflict
    for loaded in ("<del>", "<ins>", "Theirs", "delete", "insert"):
        assert loaded not in conflict, loaded
    assert "alpha\nMINE\ngamma\n" in html  # the text is still in the editor


def test_revision_diffs_still_mark_old_and_new(app, make_page, make_user):
    slug = make_page("IT manager", "alpha\nbeta\n", "alpha\nBETA\n")
    html = text(app.test_client().get(f"/wiki/{slug}/diff?from=1&to=2"))
    assert "<del>beta</del>" in html and "<ins>BETA</ins>" in html
