"""Moderation through HTTP: roles, locks, hidden revisions, suspensions, flags and their queue, the log."""

import pytest

from tests.conftest import as_user, post_form, save_page
from wiki.auth.models import Role, find_user
from wiki.extensions import db


@pytest.fixture
def moderator(make_user):
    return make_user("mod", role=Role.MODERATOR)


def log_text(app, moderator_name="mod") -> str:
    return as_user(app, moderator_name).get("/moderation/log").get_data(as_text=True)


def test_set_role_command_and_last_admin(app, make_user):
    make_user("alice")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["set-role", "alice", "admin"]).exit_code == 0
    with app.app_context():
        assert find_user("alice").role == Role.ADMIN
    refused = runner.invoke(args=["set-role", "alice", "member"])
    assert refused.exit_code != 0 and "last administrator" in refused.output
    assert runner.invoke(args=["set-role", "nobody", "admin"]).exit_code != 0
    assert runner.invoke(args=["set-role", "alice", "emperor"]).exit_code != 0


def test_admins_promote_and_demote_in_the_ui(app, make_user):
    make_user("root", role=Role.ADMIN)
    make_user("alice")
    admin = as_user(app, "root")
    response = post_form(admin, "/moderation/users/alice/role", {"role": "moderator", "reason": "trusted"})
    assert response.status_code == 303
    with app.app_context():
        assert find_user("alice").role == Role.MODERATOR
    assert "Moderation" in as_user(app, "alice").get("/").get_data(as_text=True)
    assert post_form(admin, "/moderation/users/root/role", {"role": "member"}).status_code == 400
    assert post_form(admin, "/moderation/users/alice/role", {"role": "emperor"}).status_code == 400
    assert "set role moderator" in log_text(app, "root") and "trusted" in log_text(app, "root")


def test_moderation_pages_are_for_moderators(app, client, make_user, moderator):
    make_user("alice")
    member = as_user(app, "alice")
    for url in ("/moderation", "/moderation/log", "/moderation/users"):
        assert member.get(url).status_code == 403
        assert client.get(url).status_code in (302, 303)
        assert as_user(app, "mod").get(url).status_code == 200


def test_a_locked_page_is_edited_only_by_moderators(app, make_page, make_user, moderator):
    make_page("IT manager", "Original.\n")
    make_user("alice")
    mod, member = as_user(app, "mod"), as_user(app, "alice")
    assert post_form(mod, "/wiki/it-manager/lock", {"reason": "edit war"}).status_code == 303
    assert "Locked" in member.get("/wiki/it-manager").get_data(as_text=True)
    refused = member.get("/wiki/it-manager/edit")
    assert refused.status_code == 403 and "locked" in refused.get_data(as_text=True)
    assert post_form(member, "/wiki/it-manager/revert/1", {}).status_code == 403
    assert save_page(mod, "it-manager", "Moderated.\n").status_code == 303
    assert post_form(member, "/wiki/it-manager/comments", {"body": "still discussing"}).status_code == 303
    post_form(mod, "/wiki/it-manager/unlock", {"reason": "calm again"})
    assert save_page(member, "it-manager", "Member again.\n").status_code == 303
    log = log_text(app)
    assert "lock" in log and "edit war" in log and "unlock" in log and "page IT manager" in log


def test_a_locked_definition_is_edited_only_by_moderators(app, make_page, make_user, make_definition, moderator):
    term = make_page("IT manager", kind="term")
    owner = make_user("owner")
    definition = make_definition(term, owner.id, "Mine.")
    mod, proposer = as_user(app, "mod"), as_user(app, "owner")
    post_form(mod, f"/definitions/{definition}/lock", {"reason": "dispute"})
    assert proposer.get(f"/definitions/{definition}/edit").status_code == 403
    assert post_form(proposer, f"/definitions/{definition}/withdraw", {}).status_code == 403
    assert proposer.get(f"/api/v1/definitions/{definition}").json["locked"] is True
    assert mod.get(f"/definitions/{definition}/edit").status_code == 200


def test_hidden_revisions_are_kept_for_moderators_only(app, client, make_page, make_user, moderator):
    make_page("IT manager", "Good text.\n", "Libel about a named person.\n", "Good text again.\n")
    make_user("root", role=Role.ADMIN)
    make_user("alice")
    mod = as_user(app, "mod")
    with app.app_context():
        from wiki.history.service import get_revision
        from wiki.pages.models import find_page

        document = find_page("it-manager").document
        libel, head = get_revision(document, 2).id, get_revision(document, 3).id
    assert post_form(mod, f"/moderation/revisions/{head}/hide", {"reason": "x"}).status_code == 400
    assert post_form(mod, f"/moderation/revisions/{libel}/hide", {"reason": "libel"}).status_code == 303
    for viewer in (client, as_user(app, "alice")):
        assert viewer.get("/wiki/it-manager/revisions/2").status_code == 403
        assert viewer.get("/wiki/it-manager/diff?from=1&to=2").status_code == 403
        history = viewer.get("/wiki/it-manager/history").get_data(as_text=True)
        assert "text hidden" in history and "Libel" not in history
        assert viewer.get("/api/v1/pages/it-manager/revisions/2").status_code == 403
        assert viewer.get("/api/v1/pages/it-manager/revisions").json["revisions"][1]["hidden"] is True
    member = as_user(app, "alice")
    assert post_form(member, "/wiki/it-manager/revert/2", {}).status_code == 403
    for staff in (mod, as_user(app, "root")):
        assert "Libel about a named person." in staff.get("/wiki/it-manager/revisions/2").get_data(as_text=True)
    assert "hide revision" in log_text(app) and "libel" in log_text(app)
    assert post_form(mod, f"/moderation/revisions/{libel}/unhide", {"reason": "court said fine"}).status_code == 303
    assert client.get("/wiki/it-manager/revisions/2").status_code == 200


def test_suspended_members_read_but_do_not_write(app, make_page, make_user, moderator):
    make_page("IT manager")
    make_user("alice")
    member, mod = as_user(app, "alice"), as_user(app, "mod")
    assert post_form(mod, "/moderation/users/alice/suspend", {"days": "3", "reason": "spam"}).status_code == 303
    assert member.get("/wiki/it-manager").status_code == 200
    refused = post_form(member, "/wiki/it-manager/comments", {"body": "more spam"})
    assert refused.status_code == 403 and "suspended until" in refused.get_data(as_text=True)
    assert "spam" in refused.get_data(as_text=True)
    assert member.get("/wiki/it-manager/edit").status_code == 403
    assert post_form(mod, "/moderation/users/alice/unsuspend", {"reason": "served"}).status_code == 303
    assert post_form(member, "/wiki/it-manager/comments", {"body": "sorry"}).status_code == 303
    log = log_text(app)
    assert "suspend 3 days" in log and "unsuspend" in log and "member alice" in log


@pytest.mark.parametrize("days", ["0", "-1", "x", "99999", ""])
def test_suspensions_need_a_sensible_period(app, make_user, moderator, days):
    make_user("alice")
    response = post_form(as_user(app, "mod"), "/moderation/users/alice/suspend", {"days": days, "reason": "r"})
    assert response.status_code == 400
    with app.app_context():
        assert find_user("alice").suspended_until is None


def test_moderators_cannot_suspend_themselves_or_other_moderators(app, make_user, moderator):
    make_user("mod2", role=Role.MODERATOR)
    mod = as_user(app, "mod")
    assert post_form(mod, "/moderation/users/mod/suspend", {"days": "1", "reason": "r"}).status_code == 400
    assert post_form(mod, "/moderation/users/mod2/suspend", {"days": "1", "reason": "r"}).status_code == 403
    make_user("root", role=Role.ADMIN)
    assert (
        post_form(as_user(app, "root"), "/moderation/users/mod2/suspend", {"days": "1", "reason": "r"}).status_code
        == 303
    )


def flag(client, url):
    return post_form(client, url, {"reason": "abusive"})


def test_three_flags_hide_a_comment_until_a_moderator_decides(app, client, make_page, make_user, moderator):
    make_page("IT manager")
    for name in ("author", "a", "b", "c"):
        make_user(name)
    author = as_user(app, "author")
    response = post_form(author, "/wiki/it-manager/comments", {"body": "Nasty words."})
    comment_id = int(response.headers["Location"].rsplit("-", 1)[1])
    assert flag(author, f"/comments/{comment_id}/flag").status_code == 400  # not one's own
    first = as_user(app, "a")
    assert flag(first, f"/comments/{comment_id}/flag").status_code == 303
    assert flag(first, f"/comments/{comment_id}/flag").status_code == 400  # once per member
    assert flag(as_user(app, "b"), f"/comments/{comment_id}/flag").status_code == 303
    assert "Nasty words." in client.get("/wiki/it-manager").get_data(as_text=True)  # two flags: still shown
    assert flag(as_user(app, "c"), f"/comments/{comment_id}/flag").status_code == 303
    page = client.get("/wiki/it-manager").get_data(as_text=True)
    assert "Nasty words." not in page and "hidden while moderators review it" in page
    assert client.get(f"/api/v1/comments/{comment_id}").json["body"] == ""
    mod = as_user(app, "mod")
    queue = mod.get("/moderation").get_data(as_text=True)
    assert f'id="flagged-comment-{comment_id}"' in queue and queue.count("abusive") == 3
    assert "Nasty words." in mod.get("/wiki/it-manager").get_data(as_text=True)
    decided = post_form(
        mod, f"/moderation/decide/comment/{comment_id}", {"decision": "dismiss", "reason": "robust, not abusive"}
    )
    assert decided.status_code == 303
    assert "Nasty words." in client.get("/wiki/it-manager").get_data(as_text=True)
    assert f"flagged-comment-{comment_id}" not in mod.get("/moderation").get_data(as_text=True)
    assert "flags dismissed" in log_text(app) and "robust, not abusive" in log_text(app)


def test_removing_a_flagged_definition_hides_it(app, client, make_page, make_user, make_definition, moderator):
    term = make_page("IT manager", kind="term")
    definition = make_definition(term, make_user("author").id, "Spam definition.")
    make_user("a")
    assert flag(as_user(app, "a"), f"/definitions/{definition}/flag").status_code == 303
    mod = as_user(app, "mod")
    assert (
        post_form(
            mod, f"/moderation/decide/definition/{definition}", {"decision": "remove", "reason": "spam"}
        ).status_code
        == 303
    )
    assert "Spam definition." not in client.get(f"/wiki/{term}").get_data(as_text=True)
    data = client.get(f"/api/v1/definitions/{definition}").json
    assert data["hidden"] is True and data["body"] == ""
    assert post_form(mod, f"/moderation/decide/definition/{definition}", {"decision": "maybe"}).status_code == 400
    assert post_form(mod, "/moderation/decide/page/1", {"decision": "remove"}).status_code == 404


def test_removing_a_flagged_comment_deletes_it(app, client, make_page, make_user, moderator):
    make_page("IT manager")
    make_user("author")
    make_user("a")
    response = post_form(as_user(app, "author"), "/wiki/it-manager/comments", {"body": "Spam comment."})
    comment_id = int(response.headers["Location"].rsplit("-", 1)[1])
    flag(as_user(app, "a"), f"/comments/{comment_id}/flag")
    post_form(as_user(app, "mod"), f"/moderation/decide/comment/{comment_id}", {"decision": "remove", "reason": "spam"})
    assert client.get(f"/api/v1/comments/{comment_id}").json["deleted"] is True
    with app.app_context():
        from wiki.moderation.models import Flag

        assert all(item.resolution is not None for item in db.session.scalars(db.select(Flag)))


def test_hidden_items_stay_hidden_everywhere_but_for_moderators(app, client, make_page, make_user, moderator):
    """A hidden comment or definition is not readable through a reply's permalink, its history, its old
    revisions, diffs or a side-by-side comparison; moderators still read all of them."""
    term = make_page("IT manager", kind="term")
    for name in ("author", "replier", "a", "b", "c"):
        make_user(name)
    author = as_user(app, "author")
    response = post_form(author, "/wiki/it-manager/comments", {"body": "Nasty words."})
    nasty = int(response.headers["Location"].rsplit("-", 1)[1])
    response = post_form(
        as_user(app, "replier"), "/wiki/it-manager/comments", {"body": "Calm down.", "parent_id": nasty}
    )
    reply = int(response.headers["Location"].rsplit("-", 1)[1])
    response = post_form(author, f"/wiki/{term}/definitions", {"body": "Nasty definition."})
    definition = int(response.headers["Location"].rsplit("/", 1)[1])
    post_form(author, f"/wiki/{term}/definitions", {"body": "A fair definition."})
    for name in ("a", "b", "c"):
        member = as_user(app, name)
        assert flag(member, f"/comments/{nasty}/flag").status_code == 303
        assert flag(member, f"/definitions/{definition}/flag").status_code == 303
    mod, reader, member = as_user(app, "mod"), client, as_user(app, "replier")
    urls = [f"/comments/{nasty}/history", f"/comments/{nasty}/revisions/1",
            f"/definitions/{definition}/history", f"/definitions/{definition}/revisions/1",
            f"/wiki/{term}/compare?a={definition}&b={definition + 1}"]  # fmt: skip
    for viewer in (reader, member):
        permalink = viewer.get(f"/comments/{reply}").get_data(as_text=True)
        assert "Calm down." in permalink and "Nasty words." not in permalink
        assert "hidden while moderators review it" in permalink
        for url in urls:
            response = viewer.get(url)
            assert response.status_code == 403 and "Nasty" not in response.get_data(as_text=True), url
    assert "Nasty words." in mod.get(f"/comments/{reply}").get_data(as_text=True)
    for url in urls:
        assert mod.get(url).status_code == 200, url


def test_two_demotions_at_once_leave_an_administrator(app, make_user):
    """Each admin demotes the other at the same moment: one demotion wins, the other is refused."""
    import threading

    from wiki.errors import Refused
    from wiki.moderation.service import set_role

    make_user("root", role=Role.ADMIN)
    make_user("chief", role=Role.ADMIN)
    first_flushed = threading.Event()
    outcomes: dict[str, str] = {}

    def demote(username: str, by: str, wait: threading.Event | None) -> None:
        with app.app_context():
            try:
                if wait is not None:
                    wait.wait(10)
                set_role(find_user(username), Role.MEMBER, find_user(by), "a coup")
                if wait is None:
                    first_flushed.set()
                    threading.Event().wait(0.5)  # hold the transaction open while the other tries
                db.session.commit()
                outcomes[username] = "demoted"
            except Refused as refusal:
                db.session.rollback()
                outcomes[username] = str(refusal)
            finally:
                first_flushed.set()
                db.session.remove()

    threads = [threading.Thread(target=demote, args=("chief", "root", None)),
               threading.Thread(target=demote, args=("root", "chief", first_flushed))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes["chief"] == "demoted"
    assert "last administrator" in outcomes["root"]
    with app.app_context():
        assert find_user("root").role == Role.ADMIN
