"""Commands: flask --app wiki seed | create-admin USERNAME | set-role USERNAME ROLE | check-usernames | search-index |
send-mail | send-digests."""

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from wiki.auth.forms import PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS
from wiki.auth.models import USERNAME_RULE_TEXT, Role, User, find_user, is_valid_username
from wiki.errors import Refused
from wiki.extensions import db
from wiki.mail.models import mail_enabled
from wiki.mail.sender import configuration_problems, deliver_pending, mail_links
from wiki.moderation.service import set_role
from wiki.notify.mailing import COMPOSERS, build_digests
from wiki.pages.models import count_pages
from wiki.search.index import rebuild_index
from wiki.seed.content import MEMBERS, PAGES
from wiki.seed.debate import DEFINITIONS, DISCUSSIONS
from wiki.seed.loader import seed_wiki


@click.command("seed")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Seed only a wiki that has no pages yet.")
def seed_command(if_empty: bool) -> None:
    """Fill the wiki with the seeded debate (safe to run again: adds only what is missing)."""
    if if_empty and count_pages() > 0:
        click.echo("The wiki already has content; not seeding.")
        return
    counts = seed_wiki(MEMBERS, PAGES, DEFINITIONS, DISCUSSIONS)
    db.session.commit()
    click.echo(
        f"Seeded {counts.members} members, {counts.pages} pages, "
        f"{counts.definitions} definitions and {counts.comments} comments."
    )


@click.command("create-admin")
@with_appcontext
@click.argument("username")
@click.password_option("--password", prompt="Password", confirmation_prompt=True, help="Asked for when omitted.")
def create_admin_command(username: str, password: str) -> None:
    """Create an administrator, or make an existing user one and set their password."""
    _check_username(username)
    if not PASSWORD_MIN_CHARS <= len(password) <= PASSWORD_MAX_CHARS:
        raise click.BadParameter(f"use {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters", param_hint="password")
    user = find_user(username)
    if user is None:
        user = User(username, password, role=Role.ADMIN)
        db.session.add(user)
    else:
        user.role = Role.ADMIN
        user.set_password(password)
    db.session.commit()
    click.echo(f"{user.username} is an administrator.")


@click.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice([role.value for role in Role]))
@with_appcontext
def set_role_command(username: str, role: str) -> None:
    """Promote or demote a member: member, moderator or admin."""
    _check_username(username)
    user = find_user(username)
    if user is None:
        raise click.BadParameter(f"there is no member called {username}", param_hint="USERNAME")
    try:
        set_role(user, Role(role), by=None)
    except Refused as refusal:
        raise click.ClickException(str(refusal)) from None
    db.session.commit()
    click.echo(f"{user.username} is now {role}.")


@click.command("check-usernames")
@with_appcontext
def check_usernames_command() -> None:
    """List accounts whose username breaks the rule (created before it was matched whole); exit 1 if any."""
    rows = db.session.execute(select(User.id, User.username).order_by(User.id).execution_options(yield_per=1000))
    broken = [(user_id, username) for user_id, username in rows if not is_valid_username(username)]
    for user_id, username in broken:
        click.echo(f"user {user_id}: {username!r}")
    if broken:
        click.echo(f"{len(broken)} username(s) break the rule: {USERNAME_RULE_TEXT}.", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"Every username follows the rule: {USERNAME_RULE_TEXT}.")


@click.command("search-index")
@with_appcontext
def search_index_command() -> None:
    """Write every search entry and link afresh from what the database holds (a repair, or a bulk-loaded wiki)."""
    count = rebuild_index()
    db.session.commit()
    click.echo(f"Indexed {count} pages, definitions and comments.")


@click.command("send-mail")
@with_appcontext
def send_mail_command() -> None:
    """Deliver the mail that is due (from cron or a timer; several servers may run it at once)."""
    if not mail_enabled():
        click.echo("This wiki sends no mail: MAIL_SERVER is not set.")
        return
    problems = configuration_problems()
    if problems:  # nothing is claimed: the mail waits, whole, for the setting
        raise click.ClickException(" ".join(problems))
    delivery = deliver_pending(COMPOSERS)
    click.echo(f"Sent {delivery.sent}, failed {delivery.failed} (to be tried again), dropped {delivery.dropped}.")


@click.command("send-digests")
@with_appcontext
def send_digests_command() -> None:
    """Write the daily digests into the outbox (send-mail delivers them); run once a day."""
    if not mail_enabled():
        click.echo("This wiki sends no mail: MAIL_SERVER is not set.")
        return
    problems = configuration_problems()
    if problems:  # a digest's links are written into it
        raise click.ClickException(" ".join(problems))
    with mail_links():
        written = build_digests()
    click.echo(f"Wrote {written} digest{'s' if written != 1 else ''}; send-mail delivers them.")


def _check_username(username: str) -> None:
    if not is_valid_username(username):
        raise click.BadParameter(f"use {USERNAME_RULE_TEXT}", param_hint="USERNAME")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(set_role_command)
    app.cli.add_command(check_usernames_command)
    app.cli.add_command(search_index_command)
    app.cli.add_command(send_mail_command)
    app.cli.add_command(send_digests_command)
