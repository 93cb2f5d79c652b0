"""Register, log in, log out."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError, OperationalError

from wiki.auth.addresses import clean_address
from wiki.auth.devices import remember_device
from wiki.auth.forms import PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, LoginForm, PasswordChangeForm, RegisterForm
from wiki.auth.models import User, authenticate, find_user, hash_password, is_valid_username
from wiki.auth.permissions import account_action
from wiki.extensions import db
from wiki.inputs import safe_next
from wiki.mail.models import queue_confirmation
from wiki.throttling import limit_register, note_failed_guess, throttle_guesses

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/register", methods=["GET", "POST"])
@limit_register
def register():
    """Create an account (with an address to confirm, if one is given) and log in."""
    form = RegisterForm()
    # Hash before validating, which queries the database (hashing is slow, and no transaction should wait on it);
    # but only a plausible account, so a junk request costs no hash.
    plausible = (
        form.is_submitted()
        and is_valid_username(form.username.data or "")
        and PASSWORD_MIN_CHARS <= len(form.password.data or "") <= PASSWORD_MAX_CHARS
    )
    password_hash = hash_password(form.password.data) if plausible else None
    if form.validate_on_submit():
        user = User(form.username.data, password_hash=password_hash)
        user.set_email(clean_address(form.email.data))
        db.session.add(user)
        try:
            queue_confirmation(user)  # flushes the new member, so a taken name can fail here too
            db.session.commit()
        except IntegrityError:  # someone took the name (or the address) between the check and the insert
            db.session.rollback()
            if find_user(form.username.data) is not None:
                form.username.errors = ["That username is taken."]
            else:
                form.email.errors = ["Another member has that address."]
        else:
            welcome = f"Welcome, {user.username}. You can now edit pages."
            return _logged_in(user, welcome, safe_next(request.args.get("next")))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@throttle_guesses
def login():
    """Log in with a username and password."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is not None:
            try:
                db.session.commit()  # keeps a rehashed password, if the hash was upgraded
            except OperationalError:  # another writer got in first; the upgrade can wait for the next login
                db.session.rollback()
            return _logged_in(user, f"Logged in as {user.username}.", safe_next(request.args.get("next")))
        note_failed_guess()
        form.password.errors = ["Wrong username or password."]
    status = 422 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


def _logged_in(user: User, message: str, next_url: str):
    """A fresh session for the user (it ends after PERMANENT_SESSION_LIFETIME without a visit), and a device
    cookie that marks this browser as one the owner uses (wiki/auth/devices.py)."""
    session.clear()
    login_user(user)
    session.permanent = True
    flash(message, "success")
    response = redirect(next_url, code=303)
    remember_device(response, user.username)
    return response


@bp.post("/logout")
def logout():
    """Log out everywhere: the session token rotates, so copies of the cookie stop working too."""
    if current_user.is_authenticated:
        current_user.end_all_sessions()
        db.session.commit()
    logout_user()
    session.clear()
    flash("Logged out.", "info")
    return redirect(url_for("pages.home"), code=303)


@bp.route("/password", methods=["GET", "POST"])
@account_action
@throttle_guesses
def change_password():
    """Change the password; every other session of this account ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            note_failed_guess()
            form.current.errors = ["That is not your current password."]
        else:
            user = current_user._get_current_object()
            user.set_password(form.password.data)
            user.end_all_sessions()
            db.session.commit()
            # This session continues under the new token.
            return _logged_in(
                user, "Password changed. Other sessions of your account are logged out.", url_for("pages.home")
            )
    status = 422 if form.is_submitted() else 200
    return render_template("auth/password.html", form=form), status
