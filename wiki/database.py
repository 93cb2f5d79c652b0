"""Per-connection database settings, so SQLite and PostgreSQL behave alike under concurrent writers."""

from flask import has_request_context, request
from sqlalchemy import Engine, event

from wiki.history.service import normalize_text
from wiki.rendering import render_markdown

MAX_PRERENDER_BYTES = 300 * 1024  # larger bodies are refused by validation anyway

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Posts that only read unless something rare happens (a login rehashing an old password): they must not
# hold SQLite's write lock through slow work such as verifying a password.
READ_MOSTLY_ENDPOINTS = frozenset({"auth.login"})
# Form fields whose Markdown a write request may save.
MARKDOWN_FIELDS = ("body", "reason")


def engine_options(database_uri: str) -> dict:
    if database_uri.startswith("postgresql"):
        return {"pool_pre_ping": True}
    return {}


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _writes_expected() -> bool:
    if not has_request_context():
        return True
    return request.method not in SAFE_METHODS and request.endpoint not in READ_MOSTLY_ENDPOINTS


def render_before_writing() -> None:
    """Render a write request's Markdown before any query opens its transaction (and takes the write lock);
    save_revision then finds it in render_markdown's memory."""
    if request.method in SAFE_METHODS or request.content_length and request.content_length > MAX_PRERENDER_BYTES:
        return
    for name in MARKDOWN_FIELDS:
        text = request.form.get(name)
        if text and text.strip():
            render_markdown(normalize_text(text))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writers can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        # A write request takes the write lock up front: two writers queue on busy_timeout
        # instead of one failing with "database is locked" when it upgrades a read lock.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writes_expected() else "BEGIN")
