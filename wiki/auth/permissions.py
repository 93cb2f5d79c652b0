"""Who may change what: one helper answers, and one aborts with 403."""

from flask import abort
from flask_login import current_user


def may_modify(author_id: int) -> bool:
    """The author and moderators (and admins) may edit or delete a thing."""
    return current_user.is_authenticated and (current_user.id == author_id or current_user.is_moderator)


def require_author_or_moderator(author_id: int, refusal: str) -> None:
    if not may_modify(author_id):
        abort(403, description=refusal)
