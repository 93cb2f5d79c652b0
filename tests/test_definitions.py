"""Definitions through HTTP: propose, rank, stances, edit history, withdraw, compare, API."""

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_from, post_form, user_link
from wiki.auth.models import Role
from wiki.definitions.models import Definition, Stance
from wiki.discussion.models import Comment
from wiki.extensions import db


@pytest.fixture
def term(make_page):
    return make_page("IT manager", "The glue of the IT department.\n", kind="term")


def propose(client, slug, body):
    return post_form(client, f"/wiki/{slug}/definitions", {"body": body}, token_from=f"/wiki/{slug}")


def stance(client, definition_id, value, reason=""):
    return post_form(client, f"/definitions/{definition_id}/stance", {"stance": value, "reason": reason})


def counts(client, definition_id):
    data = client.get(f"/api/v1/definitions/{definition_id}").json
    return data["endorsements"], data["disputes"]


def stored_counts(app, definition_id):
    with app.app_context():
        rows = db.session.execute(
            select(Stance.kind, func.count()).where(Stance.definition_id == definition_id).group_by(Stance.kind)
        ).all()
        found = {kind.value: number for kind, number in rows}
        return found.get("endorse", 0), found.get("dispute", 0)


def test_member_proposes_a_definition(client, member, term, app):
    response = propose(client, term, "The **interface** with business sponsors.")
    assert response.status_code == 303
    definition_id = int(re.search(r"/definitions/(\d+)$", response.headers["Location"]).group(1))
    page = client.get(f"/wiki/{term}").get_data(as_text=True)
    assert f'id="definition-{definition_id}"' in page
    assert "<strong>interface</strong>" in page and "Proposed by <strong>" + user_link("alice") + "</strong>" in page
    shown = client.get(f"/definitions/{definition_id}").get_data(as_text=True)
    assert "Discussion" in shown and "This is your definition" in shown  # others take stances on it, not alice


@pytest.mark.parametrize("body, status, message", [("", 422, "cannot be blank"), ("x" * 5001, 422, "limit is 5,000")])
def test_proposal_refusals_keep_the_text(client, member, term, app, body, status, message):
    response = propose(client, term, body)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    if body:
        assert body in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Definition)) == 0


def test_definitions_only_on_terms(client, member, make_page):
    slug = make_page("Career tracks", "An article.\n", kind="article")
    assert propose(client, slug, "Nope").status_code == 400
    assert "Proposed definitions" not in client.get(f"/wiki/{slug}").get_data(as_text=True)


def test_anonymous_cannot_propose(client, term):
    response = post_form(client, f"/wiki/{term}/definitions", {"body": "Anonymous"}, token_from="/auth/login")
    assert response.status_code in (302, 303)
    assert "/auth/login?next=" in response.headers["Location"]


def test_ranking_by_score_then_age_and_leading_only_above_zero(client, app, term, make_user, make_definition, login):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    first = make_definition(term, alice.id, "First proposal.")
    second = make_definition(term, bob.id, "Second proposal.")
    third = make_definition(term, carol.id, "Third proposal.")
    order = [item["id"] for item in client.get(f"/api/v1/pages/{term}/definitions").json["definitions"]]
    assert order == [first, second, third]  # all score 0: older first
    assert "Leading" not in client.get(f"/wiki/{term}").get_data(as_text=True)
    login("bob")  # neither definition is bob's: nobody endorses or disputes their own
    stance(client, third, "endorse")
    stance(client, first, "dispute")
    data = client.get(f"/api/v1/pages/{term}/definitions").json["definitions"]
    assert [item["id"] for item in data] == [third, second, first]
    assert [item["leading"] for item in data] == [True, False, False]
    html = client.get(f"/wiki/{term}").get_data(as_text=True)
    assert html.index(f'id="definition-{third}"') < html.index(f'id="definition-{second}"')
    assert re.search(rf'<article class="definition leading" id="definition-{third}">', html)


def test_stances_can_be_changed_and_removed_and_counts_match(client, app, term, make_user, make_definition, login):
    owner = make_user("owner")
    definition = make_definition(term, owner.id)
    for name in ("alice", "bob"):
        make_user(name)
    login("alice")
    assert stance(client, definition, "endorse").status_code == 303
    assert counts(client, definition) == (1, 0) == stored_counts(app, definition)
    assert stance(client, definition, "endorse").status_code == 303  # again: still one stance
    assert counts(client, definition) == (1, 0) == stored_counts(app, definition)
    stance(client, definition, "dispute")
    assert counts(client, definition) == (0, 1) == stored_counts(app, definition)
    client.post("/auth/logout", data={"csrf_token": csrf_from(client.get("/").get_data(as_text=True))})
    login("bob")
    stance(client, definition, "dispute")
    assert counts(client, definition) == (0, 2) == stored_counts(app, definition)
    stance(client, definition, "none")
    assert counts(client, definition) == (0, 1) == stored_counts(app, definition)
    assert "you dispute" not in client.get(f"/definitions/{definition}").get_data(as_text=True)


def test_a_reason_is_posted_as_a_labelled_comment(client, app, member, term, make_user, make_definition):
    definition = make_definition(term, make_user("owner").id)
    response = stance(client, definition, "dispute", reason="Architects are *peers* of IT managers.")
    assert response.status_code == 303
    comment_id = int(response.headers["Location"].rsplit("#comment-", 1)[1])
    html = client.get(f"/definitions/{definition}").get_data(as_text=True)
    block = html[html.index(f'id="comment-{comment_id}"') :]
    assert "Disputes" in block[:800] and "<em>peers</em>" in block[:1200]
    comments = client.get(f"/api/v1/definitions/{definition}/comments").json["comments"]
    assert comments[0]["stance"] == "dispute"


@pytest.mark.parametrize(
    "value, reason, message",
    [
        ("love", "", "must be endorse, dispute or none"),
        ("", "", "must be endorse, dispute or none"),
        ("none", "a reason without a stance", "goes with an endorsement"),
        ("endorse", "x" * 10_001, "limit is 10,000"),
    ],
)
def test_stance_refusals_save_nothing(client, app, member, term, make_user, make_definition, value, reason, message):
    definition = make_definition(term, make_user("owner").id)
    response = stance(client, definition, value, reason)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored_counts(app, definition) == (0, 0)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Comment)) == 0


def test_proposer_edits_with_history_and_diff(client, app, member, term):
    definition_url = propose(client, term, "Line one.\nLine two.\n").headers["Location"]
    definition_id = int(definition_url.rsplit("/", 1)[1])
    html = client.get(f"/definitions/{definition_id}/edit").get_data(as_text=True)
    response = client.post(
        f"/definitions/{definition_id}/edit",
        data={
            "csrf_token": csrf_from(html),
            "body": "Line one.\nLine 2, better.\n",
            "summary": "clarify",
            "base_revision": "1",
        },
    )
    assert response.status_code == 303
    history = client.get(f"/definitions/{definition_id}/history").get_data(as_text=True)
    assert "clarify" in history and f"/definitions/{definition_id}/revisions/1" in history
    assert "This is an old revision" in client.get(f"/definitions/{definition_id}/revisions/1").get_data(as_text=True)
    diff = client.get(f"/definitions/{definition_id}/diff?from=1&to=2").get_data(as_text=True)
    assert "<ins>2, better</ins>" in diff
    revisions = client.get(f"/api/v1/definitions/{definition_id}/revisions").json["revisions"]
    assert [revision["number"] for revision in revisions] == [2, 1]
    stale = client.post(
        f"/definitions/{definition_id}/edit",
        data={"csrf_token": csrf_from(html), "body": "Line one.\nLine two, mine.\n", "base_revision": "1"},
    )
    assert stale.status_code == 409
    assert "Line two, mine." in stale.get_data(as_text=True)
    assert client.get(f"/api/v1/definitions/{definition_id}").json["revision"] == 2


def test_others_cannot_edit_but_moderators_can(client, app, term, make_user, make_definition, login):
    definition = make_definition(term, make_user("owner").id, "Original.")
    make_user("alice")
    login("alice")
    refused = client.get(f"/definitions/{definition}/edit")
    assert refused.status_code == 403
    assert "propose a definition of your own" in refused.get_data(as_text=True)
    token = csrf_from(client.get("/").get_data(as_text=True))
    posted = client.post(f"/definitions/{definition}/edit", data={"csrf_token": token, "body": "Hijacked."})
    assert posted.status_code == 403
    assert client.post(f"/definitions/{definition}/withdraw", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/definitions/{definition}/revert/1", data={"csrf_token": token}).status_code == 403
    client.post("/auth/logout", data={"csrf_token": token})
    make_user("mod", role=Role.MODERATOR)
    login("mod")
    html = client.get(f"/definitions/{definition}/edit").get_data(as_text=True)
    response = client.post(
        f"/definitions/{definition}/edit",
        data={"csrf_token": csrf_from(html), "body": "Moderated.", "base_revision": "1"},
    )
    assert response.status_code == 303
    assert client.get(f"/api/v1/definitions/{definition}").json["body"] == "Moderated."


def test_withdrawn_definitions_stay_visible_and_closed(client, app, member, term, make_user, make_definition):
    definition_id = int(propose(client, term, "My first try.").headers["Location"].rsplit("/", 1)[1])
    response = post_form(client, f"/definitions/{definition_id}/withdraw", {})
    assert response.status_code == 303
    page = client.get(f"/wiki/{term}").get_data(as_text=True)
    assert f'id="definition-{definition_id}"' in page and "Withdrawn" in page
    assert client.get(f"/api/v1/definitions/{definition_id}").json["status"] == "withdrawn"
    assert client.get(f"/definitions/{definition_id}/history").status_code == 200
    assert stance(client, definition_id, "endorse").status_code == 400
    assert stored_counts(app, definition_id) == (0, 0)


def test_compare_two_definitions(client, app, term, make_user, make_definition, make_page):
    first = make_definition(term, make_user("alice").id, "Talks to business sponsors.\nRuns the IT groups.\n")
    second = make_definition(term, make_user("bob").id, "Talks to business sponsors.\nDrives strategy.\n")
    html = client.get(f"/wiki/{term}/compare?a={first}&b={second}&diff=1").get_data(as_text=True)
    assert "side-by-side" in html
    assert '<mark class="differs">Runs the IT groups</mark>' in html or '<mark class="differs">Runs</mark>' in html
    assert '<mark class="differs">Drives' in html
    other = make_page("Solutions architect", kind="term")
    foreign = make_definition(other, make_user("carol").id, "Elsewhere.")
    assert client.get(f"/wiki/{term}/compare?a={first}&b={foreign}").status_code == 404
    assert client.get(f"/wiki/{term}/compare?a={first}").status_code == 400
    assert client.get(f"/wiki/{term}/compare?a={first}&b=999").status_code == 404


def test_definition_api_fields(client, app, term, make_user, make_definition):
    definition = make_definition(term, make_user("alice").id, "**Bold** claim.")
    data = client.get(f"/api/v1/pages/{term}/definitions").json["definitions"][0]
    assert {"id", "author", "revision", "body", "html", "endorsements", "disputes", "status", "created_at"} <= set(data)
    assert (data["id"], data["author"], data["revision"], data["status"]) == (definition, "alice", 1, "active")
    assert data["html"] == "<p><strong>Bold</strong> claim.</p>\n"
    assert client.get("/api/v1/definitions/999").status_code == 404
