"""The links in mail: confirming an address, and unsubscribing in one click without logging in."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from wiki.auth.models import EmailChoice, User
from wiki.auth.permissions import account_action
from wiki.extensions import csrf, db, utcnow
from wiki.mail.models import mail_enabled, queue_confirmation
from wiki.mail.tokens import LinkExpired, read_confirmation, read_unsubscribe
from wiki.throttling import limit_confirmations

bp = Blueprint("mail", __name__, url_prefix="/mail")


def _member_confirming(token: str) -> tuple[User, str]:
    try:
        found = read_confirmation(token)
    except LinkExpired:
        abort(410, description="This confirmation link has expired. Log in and have another sent from your settings.")
    member = db.session.get(User, found[0]) if found else None
    if member is None:
        abort(404, description="This is not a confirmation link of this wiki. Copy the whole link from the mail.")
    return member, found[1]


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """Confirm an address from the link mailed to it: GET shows a button, POST confirms (no login needed: only the
    address's owner has the link)."""
    member, key = _member_confirming(token)
    if member.email_key != key:
        abort(410, description="This link confirms an address that is no longer the one in your settings.")
    if request.method == "POST":
        if member.email_confirmed_at is None:
            member.email_confirmed_at = utcnow()
            db.session.commit()
        flash(f"Your address {member.email} is confirmed.", "success")
        return redirect(url_for("mail.confirm", token=token), code=303)
    return render_template("mail/confirm.html", member=member)


def _member_unsubscribing(token: str) -> User:
    try:
        member_id = read_unsubscribe(token)
    except LinkExpired:
        abort(410, description="This unsubscribe link has expired. Log in and choose “No email” in your settings.")
    member = db.session.get(User, member_id) if member_id else None
    if member is None:
        abort(404, description="This is not an unsubscribe link of this wiki. Copy the whole link from the mail.")
    return member


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof, and mail programs POST here with nothing else (RFC 8058)
def unsubscribe(token: str):
    """Stop every mail of notifications: GET shows a button, POST sets email_notifications to never."""
    member = _member_unsubscribing(token)
    if request.method == "POST":
        if member.email_notifications != EmailChoice.NEVER:
            member.email_notifications = EmailChoice.NEVER
            db.session.commit()
        return redirect(url_for("mail.unsubscribe", token=token), code=303)
    return render_template("mail/unsubscribe.html", member=member, unsubscribed=member.email_notifications == "never")


@bp.post("/resend")
@account_action
@limit_confirmations
def resend():
    """Send the link that confirms my address again (the last one expired, or mail was not set up yet)."""
    member = current_user._get_current_object()
    if member.email is None:
        flash("Give an email address first.", "info")
    elif member.email_confirmed_at is not None:
        flash("Your address is confirmed already.", "info")
    elif not mail_enabled():
        flash("This wiki sends no mail at present; your address is kept for when it does.", "info")
    else:
        queue_confirmation(member)
        db.session.commit()
        flash(f"A new confirmation link is on its way to {member.email}.", "success")
    return redirect(url_for("members.settings"), code=303)
