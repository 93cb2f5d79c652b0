"""Commands: flask --app wiki seed | create-admin USERNAME."""

import re

import click
from flask import Flask
from flask.cli import with_appcontext
from werkzeug.exceptions import HTTPException

from wiki.auth.forms import PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS
from wiki.auth.models import USERNAME_PATTERN, Role, User, find_user
from wiki.extensions import db
from wiki.moderation.service import set_role
from wiki.pages.models import count_pages
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
    if not re.match(USERNAME_PATTERN, username):
        raise click.BadParameter("use 3 to 32 letters, digits, '_' or '-'", param_hint="USERNAME")
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
    user = find_user(username)
    if user is None:
        raise click.BadParameter(f"there is no member called {username}", param_hint="USERNAME")
    try:
        set_role(user, Role(role), by=None)
    except HTTPException as refusal:
        raise click.ClickException(refusal.description) from None
    db.session.commit()
    click.echo(f"{user.username} is now {role}.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(set_role_command)
