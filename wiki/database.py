"""Per-connection database settings, so SQLite and PostgreSQL behave alike under concurrent writers."""

from sqlalchemy import Engine, event

# Statements that need the write lock; and SAVEPOINT, which the COMMIT that takes the lock would end.
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "SAVEPOINT")


def engine_options(database_uri: str) -> dict:
    if database_uri.startswith("postgresql"):
        return {"pool_pre_ping": True}
    return {}


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _writes(statement: str, context) -> bool:
    """Whether a statement needs the write lock: SQLAlchemy knows for the statements it compiled (a
    WITH ... INSERT included); plain SQL text is judged by its first word."""
    if context is not None and (context.isinsert or context.isupdate or context.isdelete or context.isddl):
        return True
    return statement.lstrip()[:9].upper().startswith(WRITE_STATEMENTS)


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
        # Reads take no lock in WAL mode, so a transaction starts as a plain (deferred) one.
        connection.exec_driver_sql("BEGIN")
        connection.info["reading_only"] = True

    @event.listens_for(engine, "before_cursor_execute")
    def take_write_lock(connection, cursor, statement, _parameters, context, _executemany) -> None:
        # Before its first write, a transaction ends its read-only part and takes the write lock with
        # BEGIN IMMEDIATE, which queues on busy_timeout. Upgrading the read transaction instead could fail
        # at once with "database is locked" (its snapshot may be stale); and taking the lock at the request's
        # first query would hold it through loading the member, the page and the form. What was read
        # before is then as fresh as under PostgreSQL's READ COMMITTED, which the code already expects:
        # saves advance the head by compare-and-set, and uniqueness is the database's constraints' job.
        if connection.info.get("reading_only") and _writes(statement, context):
            connection.info["reading_only"] = False
            cursor.execute("COMMIT")
            cursor.execute("BEGIN IMMEDIATE")
