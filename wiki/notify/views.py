"""Watching pages, the watchlist, and a member's notifications."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import delete, select, update

from wiki.auth.permissions import account_action, member_action
from wiki.changes import Change, on_change
from wiki.extensions import db, utcnow
from wiki.inputs import page_number_arg
from wiki.notify.models import (
    UNREAD_SHOWN_MAX,
    Notification,
    Watch,
    is_watching,
    notifications_of,
    unread_count,
    watched_pages,
)
from wiki.notify.service import add_ignoring_duplicates, notify_change
from wiki.pages.models import get_page_or_404
from wiki.paging import paginate
from wiki.recent.models import Filters, change_ids, lines

bp = Blueprint("notify", __name__)
bp.record_once(lambda state: on_change(state.app, notify_change))


@bp.app_template_global()
def unread_notifications() -> str:
    """What the header says of the viewer's unread notifications: "", "3" or "99+"."""
    if not current_user.is_authenticated:
        return ""
    count = unread_count(current_user.id)
    return "" if count == 0 else f"{UNREAD_SHOWN_MAX}+" if count > UNREAD_SHOWN_MAX else str(count)


@bp.app_template_global()
def watching(page_id: int) -> bool:
    return current_user.is_authenticated and is_watching(current_user.id, page_id)


@bp.post("/wiki/<slug>/watch")
@member_action
def watch(slug: str):
    """Hear of every change to a page, its definitions and its discussion."""
    page = get_page_or_404(slug, with_text=False)
    row = {"user_id": current_user.id, "page_id": page.id, "created_at": utcnow()}
    add_ignoring_duplicates(Watch, [row])
    db.session.commit()
    flash(f"You are watching “{page.title}”: its changes, definitions and comments will reach your notifications.",
          "success")  # fmt: skip
    return redirect(url_for("pages.show", slug=page.slug), code=303)


@bp.post("/wiki/<slug>/unwatch")
@member_action
def unwatch(slug: str):
    page = get_page_or_404(slug, with_text=False)
    db.session.execute(delete(Watch).where(Watch.user_id == current_user.id, Watch.page_id == page.id))
    db.session.commit()
    flash(f"You no longer watch “{page.title}”.", "info")
    return redirect(url_for("pages.show", slug=page.slug), code=303)


@bp.get("/watchlist")
@login_required
def watchlist():
    """Recent changes on the pages I watch, newest first, and the list of those pages."""
    watched_ids = select(Watch.page_id).where(Watch.user_id == current_user.id)
    ids = change_ids(Filters(), current_user).where(Change.page_id.in_(watched_ids))
    listing = paginate(ids, page_number_arg(), peek=True, noun="watchlist")
    return render_template(
        "notify/watchlist.html",
        lines=lines(listing.items, current_user),
        pages=db.session.execute(watched_pages(current_user.id)).all(),
        page_number=listing.page,
        has_next=listing.has_next,
    )


@bp.get("/notifications")
@login_required
def notifications():
    """My notifications, newest first, each with what happened and a link to it."""
    listing = paginate(notifications_of(current_user.id), page_number_arg(), count=False, noun="list of notifications")
    shown = {line.id: line for line in lines([item.change_id for item in listing.items], current_user)}
    return render_template(
        "notify/notifications.html",
        items=[(item, shown[item.change_id]) for item in listing.items if item.change_id in shown],
        page_number=listing.page,
        has_next=listing.has_next,
    )


@bp.post("/notifications/<int:notification_id>/read")
@account_action
def mark_read(notification_id: int):
    found = db.session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == current_user.id)
    )
    if found is None:
        abort(404, description=f"You have no notification {notification_id}.")
    found.is_read = True
    db.session.commit()
    return redirect(url_for("notify.notifications"), code=303)


@bp.post("/notifications/read")
@account_action
def mark_all_read():
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == current_user.id, Notification.is_read.is_(False))
        .values(is_read=True)
    )
    db.session.commit()
    flash("Every notification is marked read.", "success")
    return redirect(url_for("notify.notifications"), code=303)
