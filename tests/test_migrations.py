"""Migrations own the schema: upgrade from empty gives the models' schema, and downgrade empties it."""

import uuid

import psycopg
import pytest
from sqlalchemy import inspect
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
