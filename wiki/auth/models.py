"""User accounts and password hashing."""

import enum
import hmac
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from wiki.extensions import UTCDateTime, db, login_manager, string_enum, utcnow

USERNAME_PATTERN = r"^[A-Za-z0-9_-]{3,32}$"
_hasher = PasswordHasher()  # Argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def new_session_token() -> str:
    return secrets.token_hex(32)


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32))
    # Lower-cased username, so "Alice" and "alice" cannot both register.
    username_key: Mapped[str] = mapped_column(String(32), unique=True)
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

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def find_user(username: str) -> User | None:
    """Look a user up by name, without regard to case."""
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


@login_manager.user_loader
def load_user(login_id: str) -> User | None:
    """The user of a session, only while the session's token is still the user's current one."""
    user_id, _, token = login_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user
