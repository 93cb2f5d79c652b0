"""Rate limits: who is counted (keys) and how much they may do (limits from config)."""

from datetime import timedelta

from flask import Response, current_app, request
from flask_login import current_user

from wiki.extensions import limiter, utcnow

LOCKED_OUT = (
    "Too many failed logins for this account from your address. "
    "Wait a few minutes and try again; the lock lifts by itself."
)


def client_address() -> str:
    # remote_addr comes from X-Forwarded-For only when PROXY_COUNT tells create_app to trust a proxy.
    return request.remote_addr or "unknown"


def _login_account() -> str:
    return (request.form.get("username") or "").strip().lower()


def login_client_key() -> str:
    return f"login:{_login_account()}:{client_address()}"


def login_address_key() -> str:
    return f"login-address:{client_address()}"


def login_account_key() -> str:
    # Whatever address a client claims, one account gets at most this many failures an hour.
    return f"login-account:{_login_account()}"


def member_key() -> str:
    return f"member:{current_user.get_id().split(':', 1)[0]}" if current_user.is_authenticated else client_address()


def _is_new_member() -> bool:
    age = timedelta(days=current_app.config["NEW_MEMBER_DAYS"])
    return current_user.is_authenticated and utcnow() - current_user.created_at < age


def login_failed(response: Response) -> bool:
    return response.status_code != 303


def _config(name: str):
    return lambda: current_app.config[name]


def _by_seniority(name: str):
    return lambda: current_app.config[f"{name}_NEW" if _is_new_member() else name]


# Decorators for views. Login counts only failures; writes count every attempt.
limit_login = [
    limiter.limit(_config(setting), key_func=key, methods=["POST"], deduct_when=login_failed, error_message=LOCKED_OUT)
    for setting, key in (
        ("RATELIMIT_LOGIN_PER_CLIENT", login_client_key),
        ("RATELIMIT_LOGIN_PER_ADDRESS", login_address_key),
        ("RATELIMIT_LOGIN_PER_ACCOUNT", login_account_key),
    )
]
limit_register = limiter.limit(_config("RATELIMIT_REGISTER"), key_func=client_address, methods=["POST"])
# One counter per member across every route that edits, and one across every route that comments.
limit_edits = limiter.shared_limit(_by_seniority("RATELIMIT_EDIT"), "edits", key_func=member_key, methods=["POST"])
limit_comments = limiter.shared_limit(
    _by_seniority("RATELIMIT_COMMENT"), "comments", key_func=member_key, methods=["POST"]
)
limit_previews = limiter.limit(_config("RATELIMIT_PREVIEW"), key_func=member_key, methods=["POST"])


def throttle_login(view):
    for decorator in reversed(limit_login):
        view = decorator(view)
    return view
