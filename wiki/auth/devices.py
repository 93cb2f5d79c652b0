"""Device cookies (OWASP's answer to lockouts): a browser that has logged in to an account carries a signed
cookie saying so, and its failed logins are judged on their own, so a stranger's guesses never lock the owner out.

The cookie names no user: it holds a digest of the account name and a random device id, signed with the
SECRET_KEY. It is sent only to /auth/ (login and password change), and lives a year.
"""

import hashlib
import secrets

from flask import current_app, request
from flask.wrappers import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_PREFIX = "device-"
COOKIE_PATH = "/auth"
LIFETIME_SECONDS = 365 * 24 * 3600


def account_digest(username: str) -> str:
    """A fixed-size stand-in for an account name: rate-limit keys and cookies never hold what a client typed."""
    return hashlib.sha256(username.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="device-cookie")


def _cookie_name(account: str) -> str:
    return COOKIE_PREFIX + account[:16]


def remember_device(response: Response, username: str) -> None:
    """After a successful login: mark this browser as one the account's owner uses."""
    account = account_digest(username)
    response.set_cookie(
        _cookie_name(account),
        _serializer().dumps({"account": account, "device": secrets.token_hex(16)}),
        max_age=LIFETIME_SECONDS,
        path=COOKIE_PATH,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def trusted_device(username: str) -> str | None:
    """The device id of this browser's valid cookie for the account, or None for an unknown client."""
    account = account_digest(username)
    cookie = request.cookies.get(_cookie_name(account))
    if not cookie or len(cookie) > 512:
        return None
    try:
        data = _serializer().loads(cookie, max_age=LIFETIME_SECONDS)
    except BadSignature:  # also a SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("account") != account or not isinstance(data.get("device"), str):
        return None
    return data["device"]
