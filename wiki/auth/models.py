"""User accounts and password hashing."""

import enum
import hmac
import re
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from markupsafe import Markup
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from wiki.auth.addresses import EMAIL_MAX_CHARS, address_key
from wiki.extensions import UTCDateTime, db, login_manager, string_enum, utcnow
from wiki.inputs import parse_number
from wiki.rendering import stored_html

# Matched whole (re.fullmatch): with "^…$", "adm\n" would pass, since "$" also matches before a final newline.
USERNAME_MAX_CHARS = 32
USERNAME_RULE = re.compile(rf"[A-Za-z0-9_-]{{3,{USERNAME_MAX_CHARS}}}")
USERNAME_RULE_TEXT = "3 to 32 letters (A–Z), digits, '_' or '-'"
ABOUT_MAX_CHARS = 2000
ROLE_HELD_MAX_CHARS = 100
_hasher = PasswordHasher()  # Argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def new_session_token() -> str:
    return secrets.token_hex(32)


def sees_hidden(viewer) -> bool:
    """Moderators and administrators read what moderation hid; nobody else does (`viewer`: a User or Flask-Login's
    anonymous user)."""
    return bool(viewer.is_authenticated and viewer.is_moderator)


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class EmailChoice(enum.StrEnum):
    """What a member is mailed of their notifications."""

    NEVER = "never"
    EACH = "each"  # a mail for each notification
    DAILY = "daily"  # one digest a day


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX_CHARS))
    # Lower-cased username, so "Alice" and "alice" cannot both register.
    username_key: Mapped[str] = mapped_column(String(USERNAME_MAX_CHARS), unique=True)
    # None means no usable password (seed members cannot log in).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        string_enum(Role, "user_role"),
        default=Role.MEMBER,
    )
    # Part of the login id kept in the session cookie; a new token ends every session at once.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # A suspended member can read but not write until this moment.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    # What members say of themselves on their profile: Markdown as written, and as rendered once when saved.
    about: Mapped[str] = mapped_column(Text, default="")
    about_html: Mapped[str] = mapped_column(Text, default="")
    role_held: Mapped[str] = mapped_column(String(ROLE_HELD_MAX_CHARS), default="")  # free text: "Network architect"
    # Members watch the pages they create, edit, define or comment on, unless they turn that off.
    watch_contributions: Mapped[bool] = mapped_column(default=True)
    # An address, as given; no mail but its confirmation goes to it until email_confirmed_at is set. Its
    # lower-cased key is unique, so no two members share one address, whatever its case.
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX_CHARS))
    email_key: Mapped[str | None] = mapped_column(String(EMAIL_MAX_CHARS), unique=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_notifications: Mapped[EmailChoice] = mapped_column(
        string_enum(EmailChoice, "email_notifications"), default=EmailChoice.EACH
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __init__(
        self, username: str, password: str | None = None, role: Role = Role.MEMBER, *, password_hash: str | None = None
    ) -> None:
        super().__init__(username=username, username_key=username.lower(), role=role)
        self.session_token = new_session_token()
        if password_hash is not None:
            self.password_hash = password_hash
        else:
            self.set_password(password)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def end_all_sessions(self) -> None:
        """Rotate the session token, so every copy of an old session cookie stops working."""
        self.session_token = new_session_token()

    def set_password(self, password: str | None) -> None:
        self.password_hash = hash_password(password) if password is not None else None

    def check_password(self, password: str) -> bool:
        if self.password_hash is None:
            return False
        try:
            _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.password_hash = _hasher.hash(password)
        return True

    def set_email(self, address: str) -> bool:
        """Give the member this address ("" for none); a different one must be confirmed again. Returns whether
        the address is new, and so needs a confirmation."""
        key = address_key(address) if address else None
        if key == self.email_key:
            self.email = address or None  # the same address in another case keeps its confirmation
            return False
        self.email, self.email_key, self.email_confirmed_at = address or None, key, None
        return key is not None

    @property
    def mail_address(self) -> str | None:
        """Where mail other than a confirmation may go: a confirmed address, or nowhere."""
        return self.email if self.email and self.email_confirmed_at is not None else None

    @property
    def about_content(self) -> Markup:
        return stored_html(self.about_html)

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


# The hash of a random password nobody knows, with the hasher's own parameters (a test checks they still match):
# checked when there is no member to check, it costs what a member's check costs, and nothing the first time.
STAND_IN_HASH = "$argon2id$v=19$m=65536,t=3,p=4$8qZ/dC2oewo8XrrRnR5Wmw$D1VsiNejG6dhnEOebKZMpwVQXybjiD2hp8zyFdHip2k"


def authenticate(username: str, password: str) -> User | None:
    """The user with this name and password, or None. One password hash is checked either way, so how long
    the answer takes does not tell whether the name belongs to anyone."""
    user = find_user(username)
    if user is None or user.password_hash is None:
        try:
            _hasher.verify(STAND_IN_HASH, password)
        except VerificationError:
            pass
        return None
    return user if user.check_password(password) else None


def email_in_use(address: str, *, besides: int | None = None) -> bool:
    """Whether another member (not `besides`) has this address, in any case."""
    if not address or len(address) > EMAIL_MAX_CHARS:
        return False
    query = select(User.id).where(User.email_key == address_key(address))
    if besides is not None:
        query = query.where(User.id != besides)
    return db.session.scalar(query) is not None


def is_valid_username(username: str) -> bool:
    return USERNAME_RULE.fullmatch(username) is not None


def find_user(username: str) -> User | None:
    """Look a user up by name, without regard to case. A name longer than any stored one never reaches the
    database (a 450 KB "name"); names from before the rule was matched whole are still found."""
    if not username or len(username) > USERNAME_MAX_CHARS:
        return None
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


@login_manager.user_loader
def load_user(login_id: str) -> User | None:
    """The user of a session, only while the session's token is still the user's current one."""
    user_id, _, token = login_id.partition(":")
    user_number = parse_number(user_id)
    if user_number is None or not token:
        return None
    user = db.session.get(User, user_number)
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user
