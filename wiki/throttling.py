"""Rate limits: who is counted (keys) and how much they may do (limits from config).

Password guesses (the login form, and the current password on the password-change form) are throttled without
letting anyone lock the owner out: a browser with a valid device cookie for the account (wiki/auth/devices.py)
is judged only by its own failures; every other client counts per address, per account and address, and
against one budget the account keeps for unknown devices. Keys hold digests, never what a client typed.
"""

from datetime import timedelta

from flask import current_app, g, request
from flask_login import current_user

from wiki.auth.devices import account_digest, trusted_device
from wiki.extensions import limiter, utcnow

GUESSES_FROM_ADDRESS_AT_ACCOUNT = (
    "Too many failed logins for this account from your address. Wait a few minutes; the lock lifts by itself. "
    "A device that has logged in to this account before is not affected."
)
GUESSES_FROM_ADDRESS = (
    "Too many failed logins from your address, whatever the account. Wait a few minutes and try again."
)
GUESSES_FROM_UNKNOWN_DEVICES = (
    "Too many failed logins for this account from devices that have not logged in to it before. "
    "Log in from a device you have used before, or wait: the lock lifts by itself."
)
GUESSES_FROM_THIS_DEVICE = (
    "Too many failed logins for this account from this device. Wait a few minutes; the lock lifts by itself."
)


def client_address() -> str:
    # remote_addr comes from X-Forwarded-For only when PROXY_COUNT tells create_app to trust a proxy.
    return request.remote_addr or "unknown"


def _guessed_account() -> str:
    """Whose password is being tried: the login form names the account; the password form is the member's own."""
    if "username" in request.form or not current_user.is_authenticated:
        return request.form.get("username") or ""
    return current_user.username_key


def _device() -> str | None:
    if "device" not in g:
        g.device = trusted_device(_guessed_account())
    return g.device


def from_known_device() -> bool:
    return _device() is not None


def from_unknown_device() -> bool:
    return _device() is None


def guess_address_at_account_key() -> str:
    return f"{account_digest(_guessed_account())}:{client_address()}"


def guess_address_key() -> str:
    return client_address()


def guess_account_key() -> str:
    return account_digest(_guessed_account())


def guess_device_key() -> str:
    return _device() or "none"


def note_failed_guess() -> None:
    """A view calls this when a password was wrong; only then do the guess limits count the request."""
    g.password_guess_failed = True


def _guess_failed(_response) -> bool:
    return g.get("password_guess_failed", False)


def member_key() -> str:
    return f"member:{current_user.get_id().split(':', 1)[0]}" if current_user.is_authenticated else client_address()


def _is_new_member() -> bool:
    age = timedelta(days=current_app.config["NEW_MEMBER_DAYS"])
    return current_user.is_authenticated and utcnow() - current_user.created_at < age


def _config(name: str):
    return lambda: current_app.config[name]


def _by_seniority(name: str):
    return lambda: current_app.config[f"{name}_NEW" if _is_new_member() else name]


def _guess_limit(setting: str, scope: str, key_func, *, from_known_devices: bool, message: str):
    """A limit on failed guesses, for clients with (or without) a device cookie for the account."""
    return limiter.shared_limit(
        _config(setting),
        f"password-guesses-{scope}",
        key_func=key_func,
        methods=["POST"],
        deduct_when=_guess_failed,
        exempt_when=from_unknown_device if from_known_devices else from_known_device,
        error_message=message,
    )


# Decorators for views. Guesses count only failures, shared by the login and password forms; writes count
# every attempt.
_guess_limits = [
    _guess_limit(
        "RATELIMIT_LOGIN_PER_CLIENT", "client", guess_address_at_account_key,
        from_known_devices=False, message=GUESSES_FROM_ADDRESS_AT_ACCOUNT,
    ),
    _guess_limit(
        "RATELIMIT_LOGIN_PER_ADDRESS", "address", guess_address_key,
        from_known_devices=False, message=GUESSES_FROM_ADDRESS,
    ),
    _guess_limit(
        "RATELIMIT_LOGIN_UNKNOWN_DEVICES", "account", guess_account_key,
        from_known_devices=False, message=GUESSES_FROM_UNKNOWN_DEVICES,
    ),
    _guess_limit(
        "RATELIMIT_LOGIN_PER_DEVICE", "device", guess_device_key,
        from_known_devices=True, message=GUESSES_FROM_THIS_DEVICE,
    ),
]  # fmt: skip
limit_register = limiter.limit(_config("RATELIMIT_REGISTER"), key_func=client_address, methods=["POST"])
# One counter per member across every route that edits, and one across every route that comments.
limit_edits = limiter.shared_limit(_by_seniority("RATELIMIT_EDIT"), "edits", key_func=member_key, methods=["POST"])
limit_comments = limiter.shared_limit(
    _by_seniority("RATELIMIT_COMMENT"), "comments", key_func=member_key, methods=["POST"]
)
limit_previews = limiter.limit(_config("RATELIMIT_PREVIEW"), key_func=member_key, methods=["POST"])
# Each confirmation mail goes to an address a member typed: a member cannot have many sent to somebody else.
limit_confirmations = limiter.limit(_config("RATELIMIT_CONFIRMATION"), key_func=member_key, methods=["POST"])


def throttle_guesses(view):
    """For a view that checks a password: limits on failed guesses, as above."""
    for decorator in reversed(_guess_limits):
        view = decorator(view)
    return view
