"""Mail, against a real SMTP server (aiosmtpd on a loopback port) and both databases: confirming an address, a
mail for each notification with the change in it, daily digests, one-click unsubscribing without a login, nobody
mailed who chose no mail, has not confirmed, or did it themselves; retries with backoff, leases, and two senders at
once on PostgreSQL never sending one mail twice. Commands run through app.test_cli_runner(), pages through HTTP."""

import re
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event, func, select, update

from config import TestConfig
from tests.conftest import PASSWORD, as_user, csrf_from, csrf_token, fresh_schema, post_form, save_page
from wiki import create_app
from wiki.auth.models import EmailChoice, User, find_user
from wiki.extensions import db, utcnow
from wiki.mail.models import MailKind, MailStatus, Outbox, claim
from wiki.mail.sender import deliver_pending
from wiki.notify.mailing import COMPOSERS
from wiki.notify.models import Notification, Watch
from wiki.pages.models import find_page

PUBLIC = "https://wiki.example.org"
BLNS = (Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt").read_text(encoding="utf-8")
BLNS_LINES = [line for line in BLNS.split("\n") if line and not line.startswith("#")]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")

    def link(self, path: str) -> str:
        """The first link in the text to PUBLIC + path…, as a path the test client can open."""
        match = re.search(rf"{re.escape(PUBLIC + path)}\S*", self.text)
        assert match, (path, self.text)
        return match.group(0)[len(PUBLIC) :]


class Inbox:
    """What the SMTP server took in; it refuses the next `refuse` mails with 451, as a busy server would."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.attempts = 0
        self.refuse = 0
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def smtp_server():
    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def inbox(smtp_server):
    smtp_server.received.clear()
    smtp_server.attempts = smtp_server.refuse = 0
    return smtp_server


def mail_config(database_url: str, port: int) -> TestConfig:
    config = TestConfig(database_url)
    config.MAIL_SERVER, config.MAIL_PORT, config.MAIL_USE_TLS = "127.0.0.1", port, False
    config.MAIL_FROM, config.PUBLIC_URL = "Rolewiki <wiki@example.org>", PUBLIC
    return config


@pytest.fixture
def app(database_url, inbox):
    """The wiki with mail set up (this module's conftest factories build on it)."""
    app = create_app(mail_config(database_url, inbox.port))
    fresh_schema(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def run(app, command: str) -> str:
    result = app.test_cli_runner().invoke(args=[command])
    assert result.exit_code == 0, result.output
    return result.output


def with_address(app, username: str, email: str, choice: str = "each", *, confirmed: bool = True) -> None:
    """Give an existing member an address (confirmed, unless told) and a choice, as if done in the settings."""
    with app.app_context():
        member = find_user(username)
        member.set_email(email)
        member.email_confirmed_at = utcnow() if confirmed else None
        member.email_notifications = EmailChoice(choice)
        db.session.commit()


def comment(client, slug: str, body: str, **fields) -> int:
    response = post_form(client, f"/wiki/{slug}/comments", {"body": body, **fields})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return int(response.headers["Location"].rsplit("-", 1)[1])


def outbox(app, **where) -> list[Outbox]:
    with app.app_context():
        query = select(Outbox).filter_by(**where).order_by(Outbox.id)
        rows = db.session.scalars(query).all()
        db.session.expunge_all()
        return rows


def settings_form(client) -> dict:
    html = client.get("/settings").get_data(as_text=True)
    return {"csrf_token": csrf_from(html), "about": "", "role_held": "", "watch_contributions": "y"}


@pytest.fixture
def wiki(app, make_user, make_page):
    """A page, alice and bob logged in, both watching it with confirmed addresses and a mail for each notification."""
    make_page("IT manager", "Runs IT.\nKeeps the budget.\n")
    for name in ("alice", "bob"):
        make_user(name)
        with_address(app, name, f"{name}@example.org")
    clients = {name: as_user(app, name) for name in ("alice", "bob")}
    for client in clients.values():
        assert post_form(client, "/wiki/it-manager/watch", {}).status_code == 303
    return clients


def test_registering_with_an_address_sends_a_link_that_must_be_followed_first(app, inbox, make_page, make_user):
    make_page("IT manager", "Runs IT.\n")
    make_user("bob")
    client = app.test_client()
    response = client.post("/auth/register", data={
        "csrf_token": csrf_token(client, "/auth/register"), "username": "alice", "password": PASSWORD,
        "confirm": PASSWORD, "email": "  Alice@Example.org ",
    })  # fmt: skip
    assert response.status_code == 303
    assert [row.kind for row in outbox(app)] == [MailKind.CONFIRMATION]
    assert inbox.received == []  # nothing leaves inside a request
    assert post_form(client, "/wiki/it-manager/watch", {}).status_code == 303
    bob = as_user(app, "bob")
    comment(bob, "it-manager", "Before alice confirms.")
    assert outbox(app, kind=MailKind.NOTIFICATION) == []  # an unconfirmed address is sent nothing else
    assert "Sent 1," in run(app, "send-mail")
    [confirmation] = inbox.received
    assert confirmation.recipients == ["Alice@Example.org"] and confirmation.sender == "wiki@example.org"
    assert "Confirm your email address" in confirmation.message["Subject"]
    assert confirmation.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # every mail has it
    link = confirmation.link("/mail/confirm/")
    stranger = app.test_client()  # the link works without logging in: only the address's owner has it
    page = stranger.get(link)
    assert page.status_code == 200 and "Confirm this address" in page.get_data(as_text=True)
    assert stranger.post(link).status_code == 400  # the button's form carries a CSRF token like any other
    with app.app_context():
        assert find_user("alice").email_confirmed_at is None
    assert stranger.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))}).status_code == 303
    with app.app_context():
        assert find_user("alice").email_confirmed_at is not None
    assert run(app, "send-mail").startswith("Sent 0,")  # the comment before confirming is not mailed after
    posted = comment(bob, "it-manager", "After alice confirms.")
    run(app, "send-mail")
    [told] = inbox.received[1:]
    assert told.recipients == ["Alice@Example.org"]
    assert "After alice confirms." in told.text and f"{PUBLIC}/comments/{posted}" in told.text


def test_a_mail_for_each_notification_shows_the_comment_and_unsubscribes_in_one_click(app, inbox, wiki):
    bob = wiki["bob"]
    text = "Budgets <b>first</b> & people\nsecond."
    posted = comment(bob, "it-manager", text)
    with app.app_context():
        alices = select(Notification).where(Notification.user_id == find_user("alice").id)
        assert db.session.scalars(alices).one().mailed_at is None
    assert "Sent 1," in run(app, "send-mail")
    [mail] = inbox.received
    assert mail.recipients == ["alice@example.org"]  # not bob: nothing for one's own actions
    message = mail.message
    assert message.get_content_type() == "text/plain" and not message.is_multipart()
    assert "bob commented on “IT manager”" in message["Subject"]
    assert text in mail.text  # the comment itself, as plain text: nothing in it is markup
    assert f"{PUBLIC}/comments/{posted}" in mail.text
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{PUBLIC}/mail/unsubscribe/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in mail.text
    with app.app_context():
        assert db.session.scalars(alices).one().mailed_at is not None  # no digest repeats it
    link = unsubscribe[1 + len(PUBLIC) : -1]
    stranger = app.test_client()
    page = stranger.get(link)
    assert page.status_code == 200 and "<button" in page.get_data(as_text=True)
    assert stranger.post(link + "x").status_code == 404  # a forged token does nothing
    # What a mail program sends (RFC 8058): no cookie, no CSRF token; the signed link is the proof.
    response = stranger.post(link, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    assert "gets no mail" in stranger.get(link).get_data(as_text=True)
    with app.app_context():
        assert find_user("alice").email_notifications == EmailChoice.NEVER
    comment(bob, "it-manager", "Nobody is mailed of this.")
    assert run(app, "send-mail").startswith("Sent 0,")
    assert len(inbox.received) == 1


def test_what_is_deleted_before_the_mail_goes_is_not_in_it(app, inbox, wiki):
    bob = wiki["bob"]
    posted = comment(bob, "it-manager", "Regretted at once.")
    assert post_form(bob, f"/comments/{posted}/delete", {}).status_code == 303
    run(app, "send-mail")
    [mail] = inbox.to("alice@example.org")
    assert "Regretted at once." not in mail.text and "not shown: deleted" in mail.text


def test_an_edit_is_mailed_as_a_bounded_diff_and_a_stance_with_its_reason(app, inbox, wiki, make_definition):
    bob = wiki["bob"]
    assert save_page(bob, "it-manager", "Runs IT.\nKeeps the budget and the people.\n").status_code == 303
    run(app, "send-mail")
    [edit] = inbox.to("alice@example.org")
    assert "- Keeps the budget." in edit.text and "+ Keeps the budget and the people." in edit.text
    assert "  Runs IT." in edit.text
    assert f"{PUBLIC}/wiki/it-manager/diff?from=1&to=2" in edit.text
    huge = (
        "x" * 3000
        + "\n"
        + "".join(f"Line {number} of a long rewrite, with a few more words.\n" for number in range(2500))
    )
    assert save_page(bob, "it-manager", huge).status_code == 303
    run(app, "send-mail")
    rewrite = inbox.to("alice@example.org")[-1]
    assert len(rewrite.text) < 12_000 and len(rewrite.text.splitlines()) < 100  # 3,000 long lines, bounded
    assert "+ xxx" in rewrite.text and "x" * 400 not in rewrite.text  # a long line is cut too
    assert "+ Line 0 of a long rewrite" in rewrite.text and ("goes on" in rewrite.text or "cut short" in rewrite.text)
    with app.app_context():
        alice_id = find_user("alice").id
    definition = make_definition("it-manager", alice_id, "The interface with the business.")
    response = post_form(bob, f"/definitions/{definition}/stance", {"stance": "dispute", "reason": "Too vague."})
    assert response.status_code == 303
    run(app, "send-mail")
    stance = inbox.to("alice@example.org")[-1]
    assert "bob disputes your definition of “IT manager”" in stance.message["Subject"]
    assert "Reason: Too vague." in stance.text


def test_daily_digests_gather_what_was_not_mailed_and_mark_it(app, inbox, wiki):
    bob = wiki["bob"]
    with_address(app, "alice", "alice@example.org", "daily")
    for number in range(3):
        comment(bob, "it-manager", f"Point {number}.")
    assert run(app, "send-mail").startswith("Sent 0,")  # a digest member gets no mail of their own per comment
    assert "Wrote 1 digest;" in run(app, "send-digests")
    assert "Wrote 0 digests;" in run(app, "send-digests")  # what a digest holds is marked: never twice
    run(app, "send-mail")
    [digest] = inbox.received
    assert digest.recipients == ["alice@example.org"] and "3 notifications" in digest.message["Subject"]
    assert all(f"Point {number}." in digest.text for number in range(3))
    assert digest.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with app.app_context():
        alice_id = find_user("alice").id
        unmailed = select(func.count()).where(Notification.user_id == alice_id, Notification.mailed_at.is_(None))
        assert db.session.scalar(unmailed) == 0
    comment(bob, "it-manager", "Point 3.")
    run(app, "send-digests")
    run(app, "send-mail")
    assert "Point 3." in inbox.received[-1].text and "Point 0." not in inbox.received[-1].text
    assert len(inbox.received) == 2


def test_nobody_is_mailed_who_chose_never_or_has_not_confirmed(app, inbox, wiki, make_user):
    bob = wiki["bob"]
    for name, choice, confirmed in (("carol", "never", True), ("dave", "each", False), ("erin", "daily", False)):
        make_user(name)
        with_address(app, name, f"{name}@example.org", choice, confirmed=confirmed)
        assert post_form(as_user(app, name), "/wiki/it-manager/watch", {}).status_code == 303
    comment(bob, "it-manager", "Who hears of this?")
    run(app, "send-digests")
    run(app, "send-mail")
    assert [mail.recipients for mail in inbox.received] == [["alice@example.org"]]
    # A member who switches to never after a mail was queued is not sent it.
    comment(bob, "it-manager", "And this?")
    alice = wiki["alice"]
    choice = {**settings_form(alice), "email": "alice@example.org", "email_notifications": "never"}
    assert alice.post("/settings", data=choice).status_code == 303
    assert "dropped 1" in run(app, "send-mail")
    assert len(inbox.received) == 1


def test_a_changed_address_is_confirmed_again_before_it_is_mailed(app, inbox, wiki):
    alice, bob = wiki["alice"], wiki["bob"]
    form = {**settings_form(alice), "email": "alice@work.example.org", "email_notifications": "each"}
    response = alice.post("/settings", data=form)
    assert response.status_code == 303
    assert "waits for confirmation" in alice.get("/settings").get_data(as_text=True)
    comment(bob, "it-manager", "While alice's new address waits.")
    run(app, "send-mail")
    [confirmation] = inbox.received  # only the link, to the new address
    assert confirmation.recipients == ["alice@work.example.org"]
    old_link = confirmation.link("/mail/confirm/")
    # A second change: the first link no longer confirms anything, and the first confirmation is not sent twice.
    form["email"] = "alice@home.example.org"
    assert alice.post("/settings", data=form).status_code == 303
    assert post_form(alice, "/mail/resend", {}, token_from="/settings").status_code == 303
    run(app, "send-mail")
    assert [mail.recipients for mail in inbox.received[1:]] == [["alice@home.example.org"]]
    assert app.test_client().get(old_link).status_code == 410
    new_link = inbox.received[1].link("/mail/confirm/")
    assert app.test_client().get(new_link).status_code == 200
    app.config["EMAIL_CONFIRM_MAX_AGE"] = timedelta(seconds=-1)  # every link is now past its age
    assert app.test_client().get(new_link).status_code == 410
    assert app.test_client().get("/mail/confirm/not-a-token").status_code == 404
    with app.app_context():
        assert find_user("alice").email_confirmed_at is None


@pytest.mark.parametrize("address, message", [
    ("not an address", "not an email address"),
    ("alice@", "not an email address"),
    ("al\nice@example.org", "not an email address"),
    ("a@b", "not an email address"),
    ("x" * 65 + "@example.org", "before the @"),
    ("a@" + "b" * 300 + ".org", "at most 254"),
    ("BOB@Example.ORG", "Another member"),
])  # fmt: skip
def test_addresses_are_checked_with_the_text_kept(app, make_user, address, message):
    make_user("alice")
    with app.app_context():
        db.session.add(User("bob", None))
        db.session.commit()
    with_address(app, "bob", "bob@example.org")
    alice = as_user(app, "alice")
    response = alice.post("/settings", data={**settings_form(alice), "email": address})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    if "\n" not in address:
        assert f'value="{address}"' in html
    client = app.test_client()
    registered = client.post("/auth/register", data={
        "csrf_token": csrf_token(client, "/auth/register"), "username": "newcomer", "password": PASSWORD,
        "confirm": PASSWORD, "email": address,
    })  # fmt: skip
    assert registered.status_code == 422 and message in registered.get_data(as_text=True)


def test_odd_strings_as_addresses_are_refused_or_accepted_never_a_500(app, wiki):
    alice = wiki["alice"]
    token = settings_form(alice)
    for line in BLNS_LINES:
        status = alice.post("/settings", data={**token, "email": line, "email_notifications": "each"}).status_code
        assert status in (303, 422), (line, status)
    assert alice.post("/settings", data={**token, "email_notifications": "weekly"}).status_code == 422


def test_a_refused_delivery_is_kept_and_retried_after_its_backoff(app, inbox, wiki):
    bob = wiki["bob"]
    inbox.refuse = 1
    comment(bob, "it-manager", "Delivered at the second try.")
    assert "failed 1" in run(app, "send-mail")
    [row] = outbox(app, kind=MailKind.NOTIFICATION)
    assert row.status == MailStatus.PENDING and row.attempts == 1 and "451" in row.last_error
    assert row.next_attempt_at > utcnow() + timedelta(seconds=30) and row.claimed_by is None
    assert inbox.received == [] and inbox.attempts == 1
    assert run(app, "send-mail").startswith("Sent 0,")
    assert inbox.attempts == 1  # not tried again before its time
    with app.app_context():
        db.session.execute(update(Outbox).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert "Sent 1," in run(app, "send-mail")
    [row] = outbox(app, kind=MailKind.NOTIFICATION)
    assert row.status == MailStatus.SENT and row.attempts == 2 and row.sent_at is not None
    assert len(inbox.received) == 1 and "Delivered at the second try." in inbox.received[0].text
    assert run(app, "send-mail").startswith("Sent 0,")


def test_an_unreachable_server_stops_the_run_and_the_mail_waits(app, inbox, wiki, make_user):
    make_user("carol")
    with_address(app, "carol", "carol@example.org")
    assert post_form(as_user(app, "carol"), "/wiki/it-manager/watch", {}).status_code == 303
    comment(wiki["bob"], "it-manager", "For alice and carol.")
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    assert "failed 1" in run(app, "send-mail")  # the first mail tried; the other not, with the server away
    rows = outbox(app, kind=MailKind.NOTIFICATION)
    assert [row.attempts for row in rows] == [1, 0] and "ConnectionRefused" in rows[0].last_error
    assert all(row.status == MailStatus.PENDING and row.claimed_by is None for row in rows)
    app.config["MAIL_PORT"] = inbox.port
    with app.app_context():
        db.session.execute(update(Outbox).values(next_attempt_at=utcnow()))
        db.session.commit()
    assert "Sent 2," in run(app, "send-mail")
    assert sorted(mail.recipients[0] for mail in inbox.received) == ["alice@example.org", "carol@example.org"]


def test_a_sender_that_died_holds_its_mail_only_until_its_lease_ends(app, inbox, wiki):
    comment(wiki["bob"], "it-manager", "Claimed by a sender that died.")
    with app.app_context():
        db.session.execute(update(Outbox).values(claimed_by="dead", claimed_until=utcnow() + timedelta(minutes=5)))
        db.session.commit()
    assert run(app, "send-mail").startswith("Sent 0,")
    with app.app_context():
        db.session.execute(update(Outbox).values(claimed_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert "Sent 1," in run(app, "send-mail")
    assert len(inbox.received) == 1


def test_without_a_mail_server_nothing_is_queued_and_nothing_fails(app, inbox, wiki):
    app.config["MAIL_SERVER"] = ""
    alice, bob = wiki["alice"], wiki["bob"]
    comment(bob, "it-manager", "Nobody is mailed.")
    form = {**settings_form(alice), "email": "alice@new.example.org", "email_notifications": "each"}
    assert alice.post("/settings", data=form).status_code == 303
    assert "sends no mail" in alice.get("/settings").get_data(as_text=True)
    assert post_form(alice, "/mail/resend", {}, token_from="/settings").status_code == 303
    assert outbox(app) == []
    assert "sends no mail" in run(app, "send-mail") and "sends no mail" in run(app, "send-digests")
    assert inbox.received == [] and inbox.attempts == 0


def test_send_mail_refuses_to_write_links_without_public_url(app, inbox, wiki):
    comment(wiki["bob"], "it-manager", "Waits for PUBLIC_URL.")
    app.config["PUBLIC_URL"] = ""
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1 and "PUBLIC_URL" in result.output
    [row] = outbox(app)
    assert row.status == MailStatus.PENDING and row.attempts == 0 and inbox.attempts == 0


def test_a_post_on_a_page_many_watch_costs_one_statement_for_its_mail(app, inbox, wiki):
    bob = wiki["bob"]
    token = csrf_token(bob, "/")

    def statements_of_a_post() -> list[str]:
        with app.app_context():
            engine = db.engine
        seen = []
        listener = lambda _connection, _cursor, statement, *_: seen.append(statement)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            response = bob.post("/wiki/it-manager/comments", data={"csrf_token": token, "body": "Counted."})
            assert response.status_code == 303
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return seen

    few = statements_of_a_post()
    with app.app_context():
        page = find_page("it-manager")
        for number in range(40):
            member = User(f"watcher{number}", None)
            member.set_email(f"watcher{number}@example.org")
            member.email_confirmed_at = utcnow()
            db.session.add(member)
            db.session.add(Watch(user=member, page=page))
        db.session.commit()
    many = statements_of_a_post()
    assert len(many) == len(few)
    assert sum(statement.lstrip().startswith(("INSERT INTO outbox", "WITH")) or "INTO outbox" in statement
               for statement in many) == 1  # fmt: skip
    assert len(outbox(app, kind=MailKind.NOTIFICATION)) == 1 + 41  # alice's, then alice's and the 40 watchers'


def test_two_senders_at_once_on_postgresql_never_send_one_mail_twice(app, inbox, make_user, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite's single writer claims one sender at a time")
    with app.app_context():
        for number in range(40):
            member = User(f"member{number}", None)
            member.set_email(f"member{number}@example.org")
            db.session.add(member)
            db.session.flush()
            db.session.add(Outbox(user_id=member.id, kind=MailKind.CONFIRMATION, address=member.email))
        db.session.commit()
    # Two connections claim at the same moment; the first holds its rows uncommitted: the second takes others at once.
    first_claimed, second_claimed, held, second_done = [], [], threading.Event(), threading.Event()

    def first():
        with app.app_context():
            first_claimed.extend(row.id for row in claim("first", 25, timedelta(minutes=5)))
            held.set()
            assert second_done.wait(10)
            db.session.rollback()  # give them back for the senders below

    def second():
        with app.app_context():
            assert held.wait(10)
            db.session.execute(select(func.set_config("lock_timeout", "2s", True)))
            second_claimed.extend(row.id for row in claim("second", 25, timedelta(minutes=5)))
            db.session.rollback()
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(first_claimed) == 25 and len(second_claimed) == 15 and not set(first_claimed) & set(second_claimed)
    # Two whole senders at once, in small batches so their claims interleave.
    app.config["MAIL_BATCH"] = 3
    deliveries = []

    def sender():
        with app.app_context():
            deliveries.append(deliver_pending(COMPOSERS))

    senders = [threading.Thread(target=sender) for _ in range(2)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join(60)
    recipients = [mail.recipients[0] for mail in inbox.received]
    assert len(recipients) == 40 and len(set(recipients)) == 40
    assert sum(delivery.sent for delivery in deliveries) == 40
    assert all(row.status == MailStatus.SENT and row.attempts == 1 for row in outbox(app))
