"""The record of changes: every state-changing route, sent a request that succeeds, leaves exactly the change rows
it should, written in the same transaction, with who, what, which page and which revision.

The list of cases is checked against app.url_map, so a new write route that records nothing (or is not listed
here with what it should record) fails this test."""

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, as_user, csrf_from, edit_form
from tests.test_routes import OPEN_WRITES, state_changing
from wiki.auth.models import Role, find_user
from wiki.changes import MODERATION_KINDS, Change, ChangeKind
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.discussion.service import post_comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.history.service import save_revision
from wiki.pages.models import Page, find_page

# Writes that change nothing in the wiki's record, and why.
RECORD_NOTHING = {
    "pages.preview": "a preview saves nothing",
    "notify.watch": "a member's own watchlist, not a change to the wiki",
    "notify.unwatch": "a member's own watchlist, not a change to the wiki",
    "notify.mark_read": "a member's own notifications",
    "notify.mark_all_read": "a member's own notifications",
    "auth.change_password": "a member's own secret, not a change to the wiki",
    "mail.resend": "a confirmation mail of a member's own address, not a change to the wiki",
}


@dataclass
class Case:
    endpoint: str
    actor: str
    url: str
    data: dict
    expected: list[tuple[ChangeKind, str, str]]  # kind, target type, target (a name in the world, or "new")
    token_from: str = "/"
    status: tuple[int, ...] = (302, 303)


@pytest.fixture
def world(app, make_user, make_page):
    """A term with a history, definitions by bob and alice, a comment by bob; members, a moderator, an admin."""
    for name, role in (("alice", Role.MEMBER), ("bob", Role.MEMBER), ("mod", Role.MODERATOR), ("root", Role.ADMIN)):
        make_user(name, role=role)
    slug = make_page("IT manager", "Runs IT.\n", "Runs IT and its budget.\n")
    with app.app_context():
        page, bob, alice = find_page(slug), find_user("bob"), find_user("alice")
        bobs = Definition(page=page, author=bob, document=Document())
        db.session.add(bobs)
        for body in ("The glue.\n", "The glue of IT.\n"):
            save_revision(bobs, body, bob, "", bobs.document.head_number or None)
        alices = Definition(page=page, author=alice, document=Document())
        db.session.add(alices)
        save_revision(alices, "A manager.\n", alice)
        comment = post_comment(page, "Budgets first.", bob)
        db.session.commit()
        first_revision = db.session.scalar(
            select(Revision.id).where(Revision.document_id == page.document_id, Revision.number == 1)
        )
        from wiki.notify.models import Notification

        bobs_notification = db.session.scalar(  # alice's definition, on the page bob watches
            select(Notification.id).where(Notification.user_id == bob.id).order_by(Notification.id)
        )
        return {
            "bob_notification": bobs_notification,
            "page": page.id,
            "bobs": bobs.id,
            "alices": alices.id,
            "comment": comment.id,
            "revision": first_revision,
            "bob_user": bob.id,
            "alice_user": alice.id,
        }


def cases(ids: dict) -> list[Case]:
    d, a, c, r = ids["bobs"], ids["alices"], ids["comment"], ids["revision"]
    K = ChangeKind
    return [
        Case("pages.edit", "alice", "/wiki/it-manager/edit",
             {"body": "Runs IT, budget, people.\n", "summary": "people", "base_revision": "2"},
             [(K.PAGE_EDITED, "page", "page")], token_from="/wiki/it-manager/edit"),
        Case("pages.edit", "alice", "/wiki/network-architect/edit",
             {"title": "Network architect", "kind": "term", "body": "Designs networks.\n"},
             [(K.PAGE_CREATED, "page", "new")], token_from="/wiki/network-architect/edit"),
        Case("pages.preview", "alice", "/preview", {"body": "# Hi"}, [], status=(200,)),
        Case("pages.revert", "alice", "/wiki/it-manager/revert/1", {}, [(K.PAGE_REVERTED, "page", "page")]),
        Case("definitions.propose", "alice", "/wiki/it-manager/definitions", {"body": "Leads IT.\n"},
             [(K.DEFINITION_PROPOSED, "definition", "new")]),
        Case("definitions.edit", "bob", f"/definitions/{d}/edit",
             {"body": "The glue of all IT.\n", "base_revision": "2"}, [(K.DEFINITION_EDITED, "definition", "bobs")]),
        Case("definitions.revert", "bob", f"/definitions/{d}/revert/1", {},
             [(K.DEFINITION_REVERTED, "definition", "bobs")]),
        Case("discussion.stance", "alice", f"/definitions/{d}/stance", {"stance": "endorse"},
             [(K.STANCE_TAKEN, "definition", "bobs")]),
        Case("discussion.stance", "alice", f"/definitions/{d}/stance", {"stance": "dispute", "reason": "Too vague."},
             [(K.COMMENT_POSTED, "comment", "new"), (K.STANCE_CHANGED, "definition", "bobs")]),
        Case("discussion.stance", "alice", f"/definitions/{d}/stance", {"stance": "none"},
             [(K.STANCE_REMOVED, "definition", "bobs")]),
        Case("discussion.post_on_page", "alice", "/wiki/it-manager/comments", {"body": "And people."},
             [(K.COMMENT_POSTED, "comment", "new")]),
        Case("discussion.post_on_definition", "alice", f"/definitions/{d}/comments", {"body": "Which glue?"},
             [(K.COMMENT_POSTED, "comment", "new")]),
        Case("discussion.edit", "bob", f"/comments/{c}/edit", {"body": "Budgets first, people second.",
             "base_revision": "1"}, [(K.COMMENT_EDITED, "comment", "comment")]),
        Case("moderation.flag_comment", "alice", f"/comments/{c}/flag", {"reason": "Off topic."},
             [(K.FLAG_RAISED, "comment", "comment")]),
        Case("moderation.flag_definition", "alice", f"/definitions/{d}/flag", {"reason": "Copied."},
             [(K.FLAG_RAISED, "definition", "bobs")]),
        Case("moderation.decide_flags", "mod", f"/moderation/decide/comment/{c}", {"decision": "dismiss"},
             [(K.FLAGS_DISMISSED, "comment", "comment")]),
        Case("moderation.lock_page", "mod", "/wiki/it-manager/lock", {"reason": "war"},
             [(K.PAGE_LOCKED, "page", "page")]),
        Case("moderation.unlock_page", "mod", "/wiki/it-manager/unlock", {}, [(K.PAGE_UNLOCKED, "page", "page")]),
        Case("moderation.lock_definition", "mod", f"/definitions/{d}/lock", {},
             [(K.DEFINITION_LOCKED, "definition", "bobs")]),
        Case("moderation.unlock_definition", "mod", f"/definitions/{d}/unlock", {},
             [(K.DEFINITION_UNLOCKED, "definition", "bobs")]),
        Case("moderation.close_discussion", "mod", "/wiki/it-manager/close-discussion", {},
             [(K.DISCUSSION_CLOSED, "page", "page")]),
        Case("moderation.reopen_discussion", "mod", "/wiki/it-manager/reopen-discussion", {},
             [(K.DISCUSSION_REOPENED, "page", "page")]),
        Case("moderation.hide_revision", "mod", f"/moderation/revisions/{r}/hide", {"reason": "libel"},
             [(K.REVISION_HIDDEN, "revision", "revision")]),
        Case("moderation.unhide_revision", "mod", f"/moderation/revisions/{r}/unhide", {},
             [(K.REVISION_UNHIDDEN, "revision", "revision")]),
        Case("discussion.delete", "bob", f"/comments/{c}/delete", {}, [(K.COMMENT_DELETED, "comment", "comment")]),
        Case("definitions.withdraw", "alice", f"/definitions/{a}/withdraw", {},
             [(K.DEFINITION_WITHDRAWN, "definition", "alices")]),
        Case("moderation.suspend_member", "mod", "/moderation/users/bob/suspend", {"days": "3", "reason": "heat"},
             [(K.MEMBER_SUSPENDED, "user", "bob_user")]),
        Case("moderation.unsuspend_member", "mod", "/moderation/users/bob/unsuspend", {},
             [(K.MEMBER_UNSUSPENDED, "user", "bob_user")]),
        Case("moderation.change_role", "root", "/moderation/users/bob/role", {"role": "moderator"},
             [(K.ROLE_CHANGED, "user", "bob_user")]),
        Case("notify.watch", "alice", "/wiki/it-manager/watch", {}, []),
        Case("notify.unwatch", "alice", "/wiki/it-manager/unwatch", {}, []),
        Case("notify.mark_read", "bob", f"/notifications/{ids['bob_notification']}/read", {}, []),
        Case("notify.mark_all_read", "bob", "/notifications/read", {}, []),
        Case("pages.rename", "alice", "/wiki/it-manager/rename", {"title": "Head of IT", "reason": "clearer"},
             [(K.PAGE_RENAMED, "page", "page")], token_from="/wiki/it-manager/rename"),  # last: the address moves
        Case("members.settings", "alice", "/settings", {"about": "I run *networks*.", "role_held": "Network engineer"},
             [(K.PROFILE_SAVED, "user", "alice_user")], token_from="/settings"),
        Case("mail.resend", "alice", "/mail/resend", {}, [], token_from="/settings"),
        Case("auth.change_password", "alice", "/auth/password",
             {"current": PASSWORD, "password": "a brand new passphrase", "confirm": "a brand new passphrase"}, [],
             token_from="/auth/password"),
    ]  # fmt: skip


def newest_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(Change.id))) or 0


def test_every_write_route_leaves_exactly_its_change_rows(app, world):
    clients = {name: as_user(app, name) for name in ("alice", "bob", "mod", "root")}
    covered = set()
    for case in cases(world):
        before = newest_id(app)
        client = clients[case.actor]
        token = csrf_from(client.get(case.token_from).get_data(as_text=True))
        response = client.post(case.url, data={"csrf_token": token, **case.data})
        assert response.status_code in case.status, (case.endpoint, response.status_code, response.get_data()[:300])
        with app.app_context():
            rows = db.session.scalars(select(Change).where(Change.id > before).order_by(Change.id)).all()
            actor = find_user(case.actor)
            assert [(row.kind, row.target_type) for row in rows] == [(k.value, t) for k, t, _ in case.expected], (
                case.endpoint,
                case.data,
            )
            for row, (kind, _, target) in zip(rows, case.expected, strict=True):
                assert row.user_id == actor.id, case.endpoint
                if target != "new":
                    assert row.target_id == world[target], case.endpoint
                assert row.page_id == (None if row.target_type == "user" else _page_of(row)), case.endpoint
                assert row.is_moderation == (kind in MODERATION_KINDS)
                if kind.value.endswith((".created", ".edited", ".reverted", ".proposed", ".posted")):
                    revision = db.session.get(Revision, row.revision_id)
                    assert revision is not None and revision.author_id == actor.id, case.endpoint
        covered.add(case.endpoint)
    routes = {endpoint for endpoint, *_ in state_changing(app)}
    assert routes - covered == set(), "write routes with no case here: say what change rows they leave"
    assert {case.endpoint for case in cases(world) if not case.expected} == set(RECORD_NOTHING)
    assert set(OPEN_WRITES).isdisjoint(covered)


def _page_of(change: Change) -> int | None:
    """The page a change's target belongs to, worked out from the target itself."""
    if change.target_type == "page":
        return change.target_id
    if change.target_type == "definition":
        return db.session.get(Definition, change.target_id).page_id
    if change.target_type == "comment":
        comment = db.session.get(Comment, change.target_id)
        return comment.page_id or comment.definition.page_id
    revision = db.session.get(Revision, change.target_id)
    return db.session.scalar(select(Page.id).where(Page.document_id == revision.document_id))


def test_a_refused_or_failed_write_records_nothing(app, world):
    """Changes are written in the same transaction as the change: a request that saves nothing records nothing."""
    alice, bob = as_user(app, "alice"), as_user(app, "bob")
    before = newest_id(app)
    form = edit_form(alice, "it-manager")
    assert alice.post("/wiki/it-manager/edit", data={**form, "body": ""}).status_code == 422  # invalid
    same = {**form, "body": "Runs IT and its budget.\n"}
    assert alice.post("/wiki/it-manager/edit", data=same).status_code == 303  # unchanged: no revision
    html = alice.get(f"/definitions/{world['bobs']}").get_data(as_text=True)
    token = csrf_from(html)
    assert alice.post(f"/definitions/{world['bobs']}/edit", data={"csrf_token": token, "body": "x"}).status_code == 403
    stale = {**edit_form(bob, "it-manager"), "body": "Runs nothing.\n", "base_revision": "1"}
    assert bob.post("/wiki/it-manager/edit", data=stale).status_code == 409  # a conflict saves nothing
    assert newest_id(app) == before


def test_the_moderation_log_is_the_record_of_moderators_changes(app, world):
    mod = as_user(app, "mod")
    token = csrf_from(mod.get("/").get_data(as_text=True))
    mod.post("/wiki/it-manager/lock", data={"csrf_token": token, "reason": "edit war"})
    alice = as_user(app, "alice")
    alice.post("/wiki/it-manager/comments", data={"csrf_token": csrf_from(alice.get("/").get_data(as_text=True)),
                                                  "body": "Not a moderation action."})  # fmt: skip
    log = mod.get("/moderation/log").get_data(as_text=True)
    assert "lock page" in log and "edit war" in log and "page IT manager" in log
    assert "post comment" not in log and "Not a moderation action." not in log
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Change).where(Change.is_moderation)) == 1
