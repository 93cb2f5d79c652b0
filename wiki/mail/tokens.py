"""The signed links in mail: a confirmation names the member and the address it confirms and expires soon; an
unsubscribe link names the member and works for a year, without logging in (the signature is its proof)."""

from flask import current_app
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from wiki.auth.models import User
from wiki.inputs import MAX_DATABASE_INT

CONFIRM_SALT = "mail-confirm-address"
UNSUBSCRIBE_SALT = "mail-unsubscribe"
TOKEN_MAX_CHARS = 500  # far longer than any token signed here: a longer one is refused unread


class LinkExpired(Exception):
    """A well-signed link past its age."""


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def confirmation_token(member: User) -> str:
    return _serializer(CONFIRM_SALT).dumps([member.id, member.email_key])


def unsubscribe_token(member: User) -> str:
    return _serializer(UNSUBSCRIBE_SALT).dumps([member.id])


def read_confirmation(token: str) -> tuple[int, str] | None:
    """The member id and address key a confirmation link names; None if it is not one of ours; LinkExpired if old."""
    payload = _read(token, CONFIRM_SALT, current_app.config["EMAIL_CONFIRM_MAX_AGE"].total_seconds())
    if payload is None or len(payload) != 2 or not _is_id(payload[0]) or not isinstance(payload[1], str):
        return None
    return payload[0], payload[1]


def read_unsubscribe(token: str) -> int | None:
    """The member id an unsubscribe link names; None if it is not one of ours; LinkExpired if old."""
    payload = _read(token, UNSUBSCRIBE_SALT, current_app.config["UNSUBSCRIBE_MAX_AGE"].total_seconds())
    if payload is None or len(payload) != 1 or not _is_id(payload[0]):
        return None
    return payload[0]


def _read(token: str, salt: str, max_age: float) -> list | None:
    if len(token) > TOKEN_MAX_CHARS:
        return None
    try:
        payload = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired:  # raised only once the signature is found good: our own link, but old
        raise LinkExpired from None
    except BadData:
        return None
    return payload if isinstance(payload, list) else None


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_DATABASE_INT
