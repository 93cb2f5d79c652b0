"""Members' profiles (anyone may read them) and a member's own settings."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from wiki.auth.models import find_user
from wiki.auth.permissions import member_action
from wiki.extensions import db
from wiki.inputs import page_number_arg
from wiki.mail.models import mail_enabled
from wiki.members.forms import SettingsForm
from wiki.members.models import counts_of, save_settings
from wiki.paging import paginate
from wiki.recent.models import contribution_ids, lines
from wiki.throttling import limit_edits

bp = Blueprint("members", __name__)


@bp.get("/users/<username>")
def profile(username: str):
    """A member: when they joined, their role, what they say of themselves, their counts and contributions."""
    member = find_user(username)
    if member is None:
        abort(404, description="There is no member by that name.")
    number = page_number_arg()
    if member.username != username:  # "ALICE": names are matched without regard to case; one address for each
        more = {"page": number} if number > 1 else {}
        return redirect(url_for("members.profile", username=member.username, **more), code=301)
    contributions = contribution_ids(member, current_user)
    listing = paginate(contributions, number, peek=True, noun="list of contributions")
    return render_template(
        "members/profile.html",
        member=member,
        counts=counts_of(member),
        lines=lines(listing.items, current_user),
        page_number=listing.page,
        has_next=listing.has_next,
    )


@bp.route("/settings", methods=["GET", "POST"])
@member_action
@limit_edits
def settings():
    """A member's own settings: what their profile says of them, what they watch, what they are mailed."""
    member = current_user._get_current_object()
    form = SettingsForm(obj=member)
    if form.validate_on_submit():
        address = member.email
        changed = save_settings(member, form.settings())
        try:
            db.session.commit()
        except IntegrityError:  # another member took the address between the check and the save
            db.session.rollback()
            form.email.errors = ["Another member has that address."]
        else:
            flash(_saved(changed, address, member), "success" if changed else "info")
            return redirect(url_for("members.settings"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("members/settings.html", form=form, member=member, mail_enabled=mail_enabled()), status


def _saved(changed: bool, address: str | None, member) -> str:
    if not changed:
        return "Nothing changed."
    if member.email and member.email_confirmed_at is None and member.email != address:
        sent = "a link to confirm it is on its way" if mail_enabled() else "this wiki sends no mail at present"
        return f"Your settings are saved. Your new address waits for confirmation: {sent}."
    return "Your settings are saved."
