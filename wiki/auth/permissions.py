"""Who may do what. Every state-changing view wears one of these decorators, which log in, check and mark it."""

from functools import wraps

from flask import abort, current_app
from flask_login import current_user


def is_author(author_id: int) -> bool:
    """The member looking wrote (or proposed) the thing."""
    return current_user.is_authenticated and current_user.id == author_id


def may_modify(author_id: int) -> bool:
    """The author and moderators (and admins) may edit or delete a thing."""
    return is_author(author_id) or may_moderate()


def may_moderate() -> bool:
    return current_user.is_authenticated and current_user.is_moderator


def require_author_or_moderator(author_id: int, refusal: str) -> None:
    if not may_modify(author_id):
        abort(403, description=refusal)


def require_unlocked(is_locked: bool, noun: str) -> None:
    if is_locked and not may_moderate():
        abort(403, description=f"This {noun} is locked by a moderator; only moderators edit it until it is unlocked.")


def require_visible(item, noun: str) -> None:
    """Refuse (403) what the viewer may not read: an item's model says who may (`visible_to`)."""
    if not item.visible_to(current_user):
        abort(403, description=f"This {noun} is hidden while moderators review it.")


def _guard(level: str, check):
    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            check()
            return view(*args, **kwargs)

        guarded.authorization = level  # read by the test that audits every state-changing route
        return guarded

    return decorator


def _not_suspended() -> None:
    if current_user.is_suspended:
        reason = f" Reason: {current_user.suspension_reason}" if current_user.suspension_reason else ""
        abort(
            403,
            description=f"Your account is suspended until {current_user.suspended_until:%Y-%m-%d %H:%M} UTC.{reason} "
            "You can still read everything.",
        )


def _moderator() -> None:
    _not_suspended()
    if not current_user.is_moderator:
        abort(403, description="Only moderators can do that.")


def _admin() -> None:
    _not_suspended()
    if not current_user.is_admin:
        abort(403, description="Only administrators can do that.")


account_action = _guard("account", lambda: None)  # one's own account: allowed even while suspended
member_action = _guard("member", _not_suspended)
moderator_action = _guard("moderator", _moderator)
admin_action = _guard("admin", _admin)
