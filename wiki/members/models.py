"""What a profile shows (read from the record of changes) and the one way a member's settings are saved."""

from dataclasses import dataclass

from sqlalchemy import func, select

from wiki.auth.models import EmailChoice, User
from wiki.changes import FAMILIES, Change, ChangeKind, Subject, record_change
from wiki.extensions import db
from wiki.mail.models import queue_confirmation
from wiki.rendering import render_markdown


@dataclass(frozen=True)
class Settings:
    """Everything the settings form sets (a new setting is a field here, in the form and in save_settings)."""

    about: str  # Markdown
    role_held: str
    watch_contributions: bool = True  # watch the pages one creates, edits, defines or comments on
    email: str = ""  # "" for none
    email_notifications: EmailChoice = EmailChoice.EACH


def settings_of(member: User) -> Settings:
    return Settings(member.about, member.role_held, member.watch_contributions, member.email or "",
                    member.email_notifications)  # fmt: skip


def save_settings(member: User, settings: Settings) -> bool:
    """Apply a member's settings, rendering the about text once; a save that changes anything is recorded as one
    change (which says nothing of the address). A new address is sent a link to confirm it. Returns whether
    anything changed."""
    if settings == settings_of(member):
        return False
    if settings.about != member.about:
        # Rendered before anything is written: from the first write to the commit, other writers wait.
        member.about_html = str(render_markdown(settings.about)) if settings.about else ""
        member.about = settings.about
    member.role_held = settings.role_held
    member.watch_contributions = settings.watch_contributions
    member.email_notifications = settings.email_notifications
    if member.set_email(settings.email):
        queue_confirmation(member)
    record_change(ChangeKind.PROFILE_SAVED, member, Subject("user", member.id, None, f"profile of {member.username}"))
    return True


@dataclass(frozen=True)
class Counts:
    edits: int  # page revisions: created, edited, reverted
    definitions: int  # proposed
    comments: int  # posted
    stances: int  # held now: taken less removed


def counts_of(member: User) -> Counts:
    """A member's contributions counted by kind from the record of changes: one query, read from the (user, kind)
    index alone."""
    by_kind = dict(
        db.session.execute(
            select(Change.kind, func.count()).where(Change.user_id == member.id).group_by(Change.kind)
        ).all()
    )
    return Counts(
        edits=sum(by_kind.get(kind, 0) for kind in FAMILIES["page"]),
        definitions=by_kind.get(ChangeKind.DEFINITION_PROPOSED.value, 0),
        comments=by_kind.get(ChangeKind.COMMENT_POSTED.value, 0),
        stances=by_kind.get(ChangeKind.STANCE_TAKEN.value, 0) - by_kind.get(ChangeKind.STANCE_REMOVED.value, 0),
    )
