"""The sender: claims due mails, writes each (a composer per kind says what it says), delivers it over SMTP and
records the outcome. Run by flask --app wiki send-mail, never inside a request."""

import secrets
import smtplib
import ssl
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app, render_template, url_for

from wiki.extensions import db, utcnow
from wiki.mail.models import (
    SUBJECT_MAX_CHARS,
    MailKind,
    Outbox,
    claim,
    mark_dropped,
    mark_failed,
    mark_sent,
    release,
)
from wiki.mail.tokens import confirmation_token, unsubscribe_token

SUBJECT_PREFIX = "[Rolewiki] "


@dataclass(frozen=True)
class Letter:
    """What one mail says, to whom; `after_sent` runs in the transaction that records it sent."""

    to: str
    subject: str
    body: str
    after_sent: Callable[[], None] | None = None


@dataclass(frozen=True)
class Dropped:
    """A mail no longer to be sent, and why (kept on the row)."""

    why: str


Composer = Callable[[Outbox], Letter | Dropped]


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    dropped: int = 0


def absolute_url(path: str) -> str:
    """A link for mail: PUBLIC_URL and the path; never a request's Host header (there is no request)."""
    return current_app.config["PUBLIC_URL"] + path


def mail_links():
    """What url_for needs outside a request: a request context that is never served (hosts come from PUBLIC_URL)."""
    return current_app.test_request_context()


def configuration_problems() -> list[str]:
    """What stops this wiki from sending mail, said so that it can be fixed."""
    config = current_app.config
    problems = []
    if not config["PUBLIC_URL"]:
        problems.append("PUBLIC_URL is not set: links in mail must be absolute (https://wiki.example.org).")
    if "@" not in parseaddr(config["MAIL_FROM"])[1]:
        problems.append("MAIL_FROM is not set to an address (Rolewiki <wiki@example.org>).")
    return problems


def one_line(text: str) -> str:
    """Text fit for a header: control characters (line breaks included) become spaces."""
    return "".join(" " if unicodedata.category(character) in ("Cc", "Zl", "Zp") else character for character in text)


def compose_confirmation(row: Outbox) -> Letter | Dropped:
    """The link that confirms an address, to that address, while it is still the member's and unconfirmed."""
    member = row.user
    if member.email is None or member.email.lower() != (row.address or "").lower():
        return Dropped("the member has changed the address since")
    if member.email_confirmed_at is not None:
        return Dropped("the address is confirmed already")
    link = absolute_url(url_for("mail.confirm", token=confirmation_token(member)))
    hours = int(current_app.config["EMAIL_CONFIRM_MAX_AGE"].total_seconds() // 3600)
    body = render_template("mail/confirmation.txt", member=member, link=link, hours=hours)
    return Letter(member.email, "Confirm your email address", body)


def compose_digest(row: Outbox) -> Letter | Dropped:
    """A digest was written when it was built; it goes to the member's confirmed address, if they still want it."""
    member = row.user
    if member.mail_address is None:
        return Dropped("the member has no confirmed address now")
    if member.email_notifications == "never":
        return Dropped("the member chose no mail")
    return Letter(member.mail_address, row.subject, row.body)


def message_of(letter: Letter, row: Outbox) -> EmailMessage:
    """The mail itself: plain text only, so nothing a member wrote can be markup; a one-click unsubscribe link in the
    text and in List-Unsubscribe (RFC 8058), so mail programs offer it too."""
    config = current_app.config
    unsubscribe = absolute_url(url_for("mail.unsubscribe", token=unsubscribe_token(row.user)))
    footer = render_template(
        "mail/_footer.txt",
        unsubscribe=unsubscribe,
        settings=absolute_url(url_for("members.settings")),
        confirmation=row.kind == MailKind.CONFIRMATION,
    )
    message = EmailMessage()
    message["Subject"] = one_line(SUBJECT_PREFIX + letter.subject)[:SUBJECT_MAX_CHARS]
    message["From"] = config["MAIL_FROM"]
    message["To"] = letter.to
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(f"outbox-{row.id}", domain=parseaddr(config["MAIL_FROM"])[1].rpartition("@")[2])
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to it
    # Quoted-printable: 7-bit safe whatever the text holds, and no line too long for SMTP.
    message.set_content(letter.body.rstrip("\n") + "\n\n" + footer, cte="quoted-printable")
    return message


class Postman:
    """One SMTP connection for a run of the sender, opened when first needed and again after an error."""

    def __init__(self) -> None:
        self.smtp: smtplib.SMTP | None = None
        self.unreachable = False  # the server could not be reached: the run stops, and its mail waits

    def send(self, message: EmailMessage, to: str) -> None:
        if self.smtp is None:
            try:
                self.smtp = self._connect()
            except (smtplib.SMTPException, OSError):
                self.unreachable = True
                raise
        try:
            self.smtp.send_message(message, from_addr=parseaddr(current_app.config["MAIL_FROM"])[1], to_addrs=[to])
        except Exception:
            self.close()  # its state is unknown: the next mail starts afresh
            raise

    def _connect(self) -> smtplib.SMTP:
        config = current_app.config
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT_SECONDS"])
        try:
            if config["MAIL_USE_TLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        except Exception:
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def deliver_pending(composers: Mapping[str, Composer]) -> Delivery:
    """Send every mail that is due, a claimed batch at a time, until none is left; each outcome is committed as it
    happens, so a crash loses nothing (a mail sent but not yet recorded goes again after its lease)."""
    config = current_app.config
    sender = secrets.token_hex(8)
    lease = timedelta(seconds=config["MAIL_LEASE_SECONDS"])
    # Stop using a claim while one more exchange could still end inside the lease.
    usable_seconds = config["MAIL_LEASE_SECONDS"] - 2 * config["MAIL_TIMEOUT_SECONDS"]
    delivery, postman = Delivery(), Postman()
    try:
        with mail_links():
            while rows := claim(sender, config["MAIL_BATCH"], lease):
                db.session.commit()
                claimed_at = time.monotonic()
                for index, row in enumerate(rows):
                    if postman.unreachable or time.monotonic() - claimed_at > usable_seconds:
                        release(rows[index:], sender)
                        db.session.commit()
                        break
                    _deliver(row, composers[row.kind], sender, postman, delivery)
                if postman.unreachable:
                    break
    finally:
        postman.close()
    return delivery


def _deliver(row: Outbox, compose: Composer, sender: str, postman: Postman, delivery: Delivery) -> None:
    try:
        letter = compose(row)
    except Exception as error:  # a mail that cannot be written waits (and is logged); the others still go
        current_app.logger.exception("mail %s could not be written", row.id)
        db.session.rollback()
        mark_failed(row, sender, f"writing it failed: {type(error).__name__}: {error}")
        delivery.failed += 1
    else:
        _send(row, letter, sender, postman, delivery)
    db.session.commit()


def _send(row: Outbox, letter: Letter | Dropped, sender: str, postman: Postman, delivery: Delivery) -> None:
    if isinstance(letter, Dropped):
        mark_dropped(row, sender, letter.why)
        delivery.dropped += 1
    else:
        try:
            postman.send(message_of(letter, row), letter.to)
        except (smtplib.SMTPException, OSError) as error:
            db.session.rollback()  # anything the composer read or wrote is let go
            mark_failed(row, sender, f"{type(error).__name__}: {error}")
            delivery.failed += 1
        else:
            mark_sent(row, sender)
            if letter.after_sent is not None:
                letter.after_sent()
            delivery.sent += 1
