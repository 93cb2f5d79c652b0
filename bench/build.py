"""Build the benchmark wikis with bulk inserts whose rows are exactly what the app's save paths store.

The schema comes from the migrations (flask db upgrade). Rows go in with SQLAlchemy Core, in primary-key
order, through the models' own tables (so column types and Python-side defaults apply). Every revision's
html is wiki.rendering.render_markdown of its body; every document's head_number is its number of
revisions, numbered 1..n; comments carry page_id or definition_id, parent_id (always an earlier comment of
the same discussion), author_id, document_id and created_at after their parent's.

    python -m bench.build big   sqlite:////tmp/wiki-bench/big.db
    python -m bench.build small sqlite:////tmp/wiki-bench/small.db
"""

import argparse
import hashlib
import importlib.util
import random
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text

from bench import content
from config import database_url

ROOT = Path(__file__).resolve().parent.parent

# The pages the benchmark reads (their slugs are part of the URLs it measures).
HISTORY_PAGE = "benchmark-page"  # 5 KB, 1,000 revisions, a term with 3 definitions and a 20-comment discussion
SHORT_HISTORY_PAGE = "benchmark-page-10"  # the same shape with 10 revisions
DISCUSSION_200 = "discussion-200"
DISCUSSION_1000 = "discussion-1000"
WATCHED_PAGE = "watched-page"  # an article watched by WATCHERS members: what a comment on it costs the poster
WATCHERS = 1000
NOTIFICATIONS = 60  # the bench user's, of the newest changes on the page it watches
BENCH_USER = "bench-user"
BENCH_PASSWORD = "bench-password-not-a-secret"  # a throwaway account in a throwaway database

# The search benchmark's rare word: on one page only (its common word, "architect", is on nearly every one).
RARE_WORD = "zymurgy"
RARE_WORD_PAGE = 500
MAX_DEPTH = 10  # discussions nest up to 10 levels (depths 0..9)
BODY_BYTES = 5 * 1024
AUTHORS = 300


@dataclass(frozen=True)
class Shape:
    name: str
    pages: int
    comments: int
    history_revisions: int = 1000
    big_discussion: int | None = None


SHAPES = {
    "big": Shape("big", pages=1000, comments=50_000, big_discussion=1000),
    "small": Shape("small", pages=50, comments=500),
}


def cache_key() -> str:
    """Changes whenever the schema, the renderer or this builder changes, so a cached database is rebuilt."""
    digest = hashlib.sha256()
    files = sorted((ROOT / "migrations" / "versions").glob("*.py")) + [
        ROOT / "wiki" / "rendering.py",
        ROOT / "bench" / "build.py",
        ROOT / "bench" / "content.py",
    ]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Rows:
    users: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)
    definitions: list[dict] = field(default_factory=list)
    stances: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    watches: list[dict] = field(default_factory=list)


class Builder:
    def __init__(self, shape: Shape, seed: int = 20240601) -> None:
        from wiki.rendering import render_markdown

        self._render = render_markdown
        self.shape = shape
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.rows = Rows()
        self.ids = {"users": 0, "documents": 0, "revisions": 0, "pages": 0, "definitions": 0, "comments": 0}
        self.html_cache: dict[str, str] = {}
        self.comment_count = 0

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def html(self, body: str) -> str:
        if body not in self.html_cache:
            self.html_cache[body] = str(self._render(body))
        return self.html_cache[body]

    def author(self) -> int:
        return self.rng.randint(1, AUTHORS)

    # Users: seed-like members without a usable password, and one member the benchmark logs in as.

    def users(self) -> None:
        from wiki.auth.models import Role, User, new_session_token

        for number in range(1, AUTHORS + 1):
            name = f"member{number:03d}"
            self.rows.users.append(
                {
                    "id": self.next_id("users"),
                    "username": name,
                    "username_key": name,
                    "password_hash": None,
                    "role": Role.MEMBER,
                    "session_token": new_session_token(),
                    "created_at": self.now - timedelta(days=800),
                }
            )
        self.watcher_ids = []
        for number in range(1, WATCHERS + 1):
            name = f"watcher{number:04d}"
            self.watcher_ids.append(self.next_id("users"))
            self.rows.users.append(
                {
                    "id": self.watcher_ids[-1],
                    "username": name,
                    "username_key": name,
                    "password_hash": None,
                    "role": Role.MEMBER,
                    "session_token": new_session_token(),
                    "created_at": self.now - timedelta(days=800),
                }
            )
        bench = User(BENCH_USER, BENCH_PASSWORD)  # hashed as registration would (Argon2id)
        self.bench_user_id = self.next_id("users")
        self.rows.users.append(
            {
                "id": self.bench_user_id,
                "username": bench.username,
                "username_key": bench.username_key,
                "password_hash": bench.password_hash,
                "role": Role.MEMBER,
                "session_token": bench.session_token,
                "created_at": self.now - timedelta(days=30),
            }
        )

    # Documents: the rows save_revision leaves behind.

    def document(self, bodies: list[str], start: datetime, end: datetime, summaries=None) -> int:
        """A document with one revision per body, numbered 1..n, spread between start and end."""
        document_id = self.next_id("documents")
        step = (end - start) / max(len(bodies), 1)
        last_saved = start + step * max(len(bodies) - 1, 0)
        self.rows.documents.append(
            {"id": document_id, "head_number": len(bodies), "created_at": start, "updated_at": last_saved}
        )
        for index, body in enumerate(bodies):
            number = index + 1
            summary = summaries(number) if summaries else ("" if number == 1 else f"Edit {number}")
            self.rows.revisions.append(
                {
                    "id": self.next_id("revisions"),
                    "document_id": document_id,
                    "number": number,
                    "body": body,
                    "html": self.html(body),
                    "author_id": self.author(),
                    "summary": summary,
                    "size": len(body.encode("utf-8")),
                    "created_at": start + step * index,
                }
            )
        return document_id

    def history(self, first: str, revisions: int) -> list[str]:
        bodies = [first]
        for _ in range(revisions - 1):
            bodies.append(content.edited(self.rng, bodies[-1]))
        return bodies

    def page(self, slug: str, title: str, kind, bodies: list[str], days_ago: float) -> int:
        from wiki.rendering import excerpt

        start = self.now - timedelta(days=days_ago)
        document_id = self.document(bodies, start, self.now - timedelta(days=days_ago / 10))
        page_id = self.next_id("pages")
        self.rows.pages.append(
            {
                "id": page_id,
                "slug": slug,
                "title": title,
                "kind": kind,
                "document_id": document_id,
                "created_at": start,
                "updated_at": self.rows.documents[-1]["updated_at"],  # as save_revision sets it
                "excerpt": excerpt(self.rows.revisions[-1]["html"]),  # and this
            }
        )
        return page_id

    def definition(self, page_id: int, revisions: int, stances: int, days_ago: float) -> int:
        from wiki.definitions.models import DefinitionStatus, StanceKind

        first = content.paragraph(self.rng, self.rng.randint(2, 4))
        start = self.now - timedelta(days=days_ago)
        document_id = self.document(self.history(first, revisions), start, start + timedelta(days=days_ago / 2))
        definition_id = self.next_id("definitions")
        author_id = self.author()
        self.rows.revisions[-revisions]["author_id"] = author_id  # the proposer writes the first revision
        self.rows.definitions.append(
            {
                "id": definition_id,
                "page_id": page_id,
                "author_id": author_id,
                "document_id": document_id,
                "status": DefinitionStatus.ACTIVE,
                "withdrawn_at": None,
                "created_at": start,
            }
        )
        for user_id in self.rng.sample(range(1, AUTHORS + 1), stances):
            at = start + timedelta(days=self.rng.uniform(0, days_ago / 2))
            self.rows.stances.append(
                {
                    "definition_id": definition_id,
                    "user_id": user_id,
                    "kind": StanceKind.ENDORSE if self.rng.random() < 0.65 else StanceKind.DISPUTE,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        return definition_id

    # Discussions: trees up to MAX_DEPTH levels, each comment after its parent.

    def discussion(self, count: int, days_ago: float, page_id: int | None = None, definition_id: int | None = None):
        start = self.now - timedelta(days=days_ago)
        step = (self.now - timedelta(hours=1) - start) / max(count, 1)
        placed: list[tuple[int, int]] = []  # (comment id, depth)
        for index in range(count):
            at = start + step * index
            if index < MAX_DEPTH and count >= 100:
                # Large discussions reach the full depth: the first comments form one chain.
                parent = placed[-1] if placed else None
            elif not placed or self.rng.random() < 0.25:
                parent = None
            else:
                recent = [item for item in placed[-25:] if item[1] < MAX_DEPTH - 1]
                parent = self.rng.choice(recent) if recent else None
            depth = parent[1] + 1 if parent else 0
            body = self.rng.choice(content.COMMENT_BODIES)
            bodies = [body]
            if self.rng.random() < 0.03:  # edited once
                bodies.append(body + "\n\nEdit: clarified.")
            author_id = self.author()
            document_id = self.document(
                bodies, at, at + timedelta(minutes=30), summaries=lambda n: "Posted" if n == 1 else "Edited"
            )
            for revision in self.rows.revisions[-len(bodies) :]:
                revision["author_id"] = author_id
            deleted = self.rng.random() < 0.01
            comment_id = self.next_id("comments")
            self.rows.comments.append(
                {
                    "id": comment_id,
                    "page_id": page_id,
                    "definition_id": definition_id,
                    "parent_id": parent[0] if parent else None,
                    "author_id": author_id,
                    "document_id": document_id,
                    "stance": None,
                    "is_deleted": deleted,
                    "deleted_at": at + timedelta(hours=1) if deleted else None,
                    "deleted_by_id": author_id if deleted else None,
                    "created_at": at,
                }
            )
            placed.append((comment_id, depth))
        self.comment_count += count

    # The wiki.

    def build(self) -> Rows:
        from wiki.pages.models import PageKind

        shape = self.shape
        self.users()
        fixed_comments = 0

        # The two pages whose views are compared: same size, same definitions and discussion, 1,000 vs 10 revisions.
        benchmark_text = content.page_body(random.Random(1), "Benchmark page", BODY_BYTES)
        for slug, revisions in ((HISTORY_PAGE, shape.history_revisions), (SHORT_HISTORY_PAGE, 10)):
            bodies = self.history(benchmark_text, revisions)
            page_id = self.page(slug, slug.replace("-", " ").capitalize(), PageKind.TERM, bodies, 700)
            for _ in range(3):
                definition_id = self.definition(page_id, revisions=2, stances=30, days_ago=600)
                self.discussion(5, 500, definition_id=definition_id)
            self.discussion(20, 600, page_id=page_id)
            fixed_comments += 35

        discussions = [(DISCUSSION_200, 200)]
        if shape.big_discussion:
            discussions.append((DISCUSSION_1000, shape.big_discussion))
        for slug, count in discussions:
            body = content.page_body(self.rng, slug.replace("-", " ").capitalize(), 1500)
            page_id = self.page(slug, f"Discussion with {count} comments", PageKind.ARTICLE, [body], 400)
            self.discussion(count, 390, page_id=page_id)
            fixed_comments += count

        # A page watched by a thousand members, and the bench user's watch of the page it reads.
        body = content.page_body(self.rng, "Watched page", 1500)
        page_id = self.page(WATCHED_PAGE, "A page a thousand members watch", PageKind.ARTICLE, [body], 300)
        self.discussion(20, 290, page_id=page_id)
        fixed_comments += 20
        watched_at = self.now - timedelta(days=100)
        self.rows.watches += [{"user_id": user_id, "page_id": page_id, "created_at": watched_at}
                              for user_id in self.watcher_ids]  # fmt: skip
        history_page_id = self.rows.pages[0]["id"]  # HISTORY_PAGE, built first
        self.rows.watches.append({"user_id": self.bench_user_id, "page_id": history_page_id, "created_at": watched_at})

        # Filler: the rest of the pages (a fifth of them terms with two definitions) and of the comments.
        filler = shape.pages - len(self.rows.pages)
        remaining = shape.comments - fixed_comments
        texts = [content.page_body(self.rng, f"Role {n}", self.rng.randint(1000, 3000)) for n in range(40)]
        for number in range(filler):
            kind = PageKind.TERM if number % 5 == 0 else PageKind.ARTICLE
            title = f"{content.WORDS[number % len(content.WORDS)].capitalize()} role {number}"
            base = texts[number % len(texts)].replace("# Role", f"# {title} / Role", 1)
            if number == RARE_WORD_PAGE:
                base += f"\nOne page of the wiki mentions {RARE_WORD}, and only one.\n"
            bodies = self.history(base, 1 + number % 5)
            days = self.rng.uniform(30, 700)
            page_id = self.page(f"role-{number:04d}", title, kind, bodies, days)
            if kind == PageKind.TERM:
                for _ in range(2):
                    self.definition(page_id, revisions=1 + number % 2, stances=5, days_ago=days * 0.9)
            share = remaining // filler + (1 if number < remaining % filler else 0)
            self.discussion(share, days * 0.9, page_id=page_id)

        assert self.comment_count == shape.comments, (self.comment_count, shape.comments)
        assert len(self.rows.pages) == shape.pages
        return self.rows


def _tables():
    from wiki.auth.models import User
    from wiki.definitions.models import Definition, Stance
    from wiki.discussion.models import Comment
    from wiki.history.models import Document, Revision
    from wiki.notify.models import Watch
    from wiki.pages.models import Page

    # Foreign-key order.
    return [
        ("users", User.__table__),
        ("documents", Document.__table__),
        ("revisions", Revision.__table__),
        ("pages", Page.__table__),
        ("definitions", Definition.__table__),
        ("stances", Stance.__table__),
        ("comments", Comment.__table__),
        ("watches", Watch.__table__),
    ]


def record_past_changes(connection) -> None:
    """The record of changes for the rows built, derived as the migration that created the record derives it
    from an existing wiki's tables (one derivation, not a second copy of it here)."""
    path = next((ROOT / "migrations" / "versions").glob("*_one_record_of_every_change.py"))
    spec = importlib.util.spec_from_file_location("one_record_of_every_change", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    rows = migration._past_changes(connection)
    for offset in range(0, len(rows), 5000):
        connection.execute(insert(migration.changes), rows[offset : offset + 5000])


def notify_bench_user(connection) -> None:
    """The bench user's notifications: the newest changes on the page it watches, as the listener writes them."""
    connection.execute(
        text(
            "INSERT INTO notifications (user_id, change_id, reason, is_read, created_at) "
            "SELECT u.id, c.id, 'watch', false, c.created_at FROM changes c "
            "JOIN pages p ON p.id = c.page_id AND p.slug = :slug JOIN users u ON u.username = :user "
            "ORDER BY c.id DESC LIMIT :count"
        ),
        {"slug": HISTORY_PAGE, "user": BENCH_USER, "count": NOTIFICATIONS},
    )


def make_app(url: str):
    from wiki import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url(url),
            "SECRET_KEY": "bench-build-" + "x" * 32,
            "RATELIMIT_ENABLED": False,
        }
    )


def check_schema(db) -> None:
    """Stop early, and say why, when the models have columns that the migrations do not create."""
    from sqlalchemy import inspect

    inspector = inspect(db.engine)
    missing = [
        f"{name}.{column.name}"
        for name, table in _tables()
        for column in table.columns
        if column.name not in {existing["name"] for existing in inspector.get_columns(name)}
    ]
    if missing:
        sys.exit(f"the models have columns that the migrations do not create: {', '.join(missing)}")


def reset_postgres(url: str) -> None:
    """Create the benchmark database if missing and empty it. Refuses a database not named for benchmarks."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(database_url(url))
    name = parsed.database or ""
    if "bench" not in name:
        sys.exit(f"refusing to wipe PostgreSQL database {name!r}: its name must contain 'bench'")
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    target = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(target, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def build(shape_name: str, url: str) -> dict:
    """Migrate an empty database at `url` and fill it; returns what it built."""
    from flask_migrate import upgrade

    from wiki.extensions import db

    started = time.monotonic()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif url.startswith("postgres"):
        reset_postgres(url)

    app = make_app(url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        check_schema(db)
        rows = Builder(SHAPES[shape_name]).build()
        with db.engine.begin() as connection:
            for name, table in _tables():
                batch = getattr(rows, name)
                for offset in range(0, len(batch), 5000):
                    connection.execute(insert(table), batch[offset : offset + 5000])
            record_past_changes(connection)
            notify_bench_user(connection)
            if connection.dialect.name == "postgresql":
                for name, _table in [*_tables(), ("changes", None), ("notifications", None)]:
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))")
                    )
        # The search index, as the record of changes would have written it entry by entry.
        from wiki.search.index import rebuild_index

        rebuild_index()
        db.session.commit()
        summary = verify(db)
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            # Autovacuum would have analyzed tables this size by now.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("ANALYZE")
        db.engine.dispose()
    if url.startswith("sqlite:///"):
        # Fold the write-ahead log into the file, so the database is one file that can be copied.
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    summary["seconds"] = round(time.monotonic() - started, 1)
    return summary


def verify(db) -> dict:
    """Check the invariants save_revision and post_comment keep, and count what was built."""
    from wiki.discussion.models import Comment
    from wiki.history.models import Document, Revision
    from wiki.pages.models import Page

    session = db.session
    per_document = (
        select(Revision.document_id, func.count().label("n"), func.max(Revision.number).label("top"))
        .group_by(Revision.document_id)
        .subquery()
    )
    broken = session.scalar(
        select(func.count())
        .select_from(Document)
        .join(per_document, per_document.c.document_id == Document.id, isouter=True)
        .where((per_document.c.n != Document.head_number) | (per_document.c.top != Document.head_number))
    )
    assert broken == 0, f"{broken} documents whose head_number is not their revision count"
    parent = Comment.__table__.alias("parent")
    misplaced = session.scalar(
        select(func.count())
        .select_from(Comment.__table__.join(parent, parent.c.id == Comment.parent_id))
        .where(
            (parent.c.id >= Comment.id)
            | (parent.c.created_at > Comment.created_at)
            | (func.coalesce(parent.c.page_id, -1) != func.coalesce(Comment.page_id, -1))
            | (func.coalesce(parent.c.definition_id, -1) != func.coalesce(Comment.definition_id, -1))
        )
    )
    assert misplaced == 0, f"{misplaced} comments whose parent is later or in another discussion"
    history_page = session.scalar(select(Page).where(Page.slug == HISTORY_PAGE))
    return {
        "pages": session.scalar(select(func.count()).select_from(Page)),
        "comments": session.scalar(select(func.count()).select_from(Comment)),
        "revisions": session.scalar(select(func.count()).select_from(Revision)),
        "history_page_revisions": history_page.document.head_number,
        "history_page_bytes": len(history_page.document.head.body.encode()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("url", help="sqlite:///PATH or postgresql://.../NAME (NAME must contain 'bench')")
    args = parser.parse_args()
    print(build(args.shape, args.url))


if __name__ == "__main__":
    main()
