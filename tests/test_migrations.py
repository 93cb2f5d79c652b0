"""Migrations own the schema: upgrade from empty gives the models' schema, and downgrade empties it."""

import uuid

import psycopg
import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from config import TestConfig
from tests.conftest import require_postgres
from wiki import create_app
from wiki.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """A database with nothing in it, not even the test schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = require_postgres()
    name = f"wiki_migrations_{uuid.uuid4().hex[:12]}"
    server = make_url(url).set(drivername="postgresql")
    admin_dsn = server.render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_from_empty_matches_the_models_and_downgrade_empties(empty_database):
    app = create_app(TestConfig(empty_database))
    runner = app.test_cli_runner()
    upgrade = runner.invoke(args=["db", "upgrade"])
    assert upgrade.exit_code == 0, upgrade.output
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert {"users", "documents", "revisions", "pages", "alembic_version"} <= tables
    check = runner.invoke(args=["db", "check"])
    assert check.exit_code == 0, check.output
    downgrade = runner.invoke(args=["db", "downgrade", "base"])
    assert downgrade.exit_code == 0, downgrade.output
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


FIRST_REVISION = "73267bd631d3"


def test_upgrading_a_wiki_that_has_content_keeps_it(empty_database):
    app = create_app(TestConfig(empty_database))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", FIRST_REVISION]).exit_code == 0
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, username, username_key, role, created_at) "
                    "VALUES (1, 'Old-Timer', 'old-timer', 'member', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(text("INSERT INTO documents (id, head_number, created_at) VALUES (1, 2, '2026-01-01')"))
            for number, saved in ((1, "2026-01-02 00:00:00"), (2, "2026-01-03 00:00:00")):
                connection.execute(
                    text(
                        "INSERT INTO revisions (document_id, number, body, html, author_id, summary, size, created_at) "
                        "VALUES (1, :number, :body, :html, 1, '', 4, :saved)"
                    ),
                    {"number": number, "body": f"v{number}", "html": f"<p>v{number}</p>", "saved": saved},
                )
            connection.execute(
                text(
                    "INSERT INTO pages (id, slug, title, kind, document_id, created_at) "
                    "VALUES (1, 'it-manager', 'IT manager', 'term', 1, '2026-01-01')"
                )
            )
    upgrade = runner.invoke(args=["db", "upgrade"])
    assert upgrade.exit_code == 0, upgrade.output
    assert runner.invoke(args=["db", "check"]).exit_code == 0
    client = app.test_client()
    assert client.get("/api/v1/pages/it-manager").json["body"] == "v2"
    assert client.get("/api/v1/pages").json["pages"][0]["updated_at"].startswith("2026-01-03")
    with app.app_context():
        token = db.session.scalar(text("SELECT session_token FROM users WHERE id = 1"))
        assert token and len(token) == 64
        assert str(db.session.scalar(text("SELECT updated_at FROM pages WHERE id = 1"))).startswith("2026-01-03")
        db.session.remove()
        db.engine.dispose()
