"""Atom 1.0 feeds, written by feedgen: recent changes, a page's history, a page's discussion.

Feeds show what a reader who is not logged in sees, whoever asks, so one rendering serves everyone and can be kept.
Their links are absolute and start with PUBLIC_URL, never with the request's Host header (a client chooses that);
without PUBLIC_URL they start with FALLBACK_BASE_URL. feedgen writes text escaped (lxml); a comment's HTML, which
the renderer sanitized when it was saved, goes in as content of type html, escaped as text too.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator
from flask import current_app, url_for
from flask_login import AnonymousUserMixin

from wiki.extensions import db, utcnow
from wiki.history.service import history_page
from wiki.pages.models import Page
from wiki.recent.models import Filters, change_ids, lines, readable_comments

FALLBACK_BASE_URL = "http://localhost"
COMMAND_LINE = "the command line"  # who made a change that no member made (set-role from a shell)
HIDDEN = "(hidden by a moderator)"
# What XML 1.0 cannot hold (most control characters, lone surrogates, U+FFFE/U+FFFF): lxml refuses the whole
# document over one of them, and old titles, summaries or texts may hold some.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def absolute(path: str) -> str:
    return (current_app.config["PUBLIC_URL"] or FALLBACK_BASE_URL) + path


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: `path` is the site path it links to and `entry_id` (a path too) names it for good."""

    entry_id: str
    title: str
    path: str
    author: str
    updated: datetime
    summary: str | None = None
    html: str | None = None  # sanitized HTML from the renderer, as the entry's content
    published: datetime | None = None


def atom(title: str, self_path: str, alternate_path: str, entries: list[Entry]) -> bytes:
    """A feed of `entries` (in the order given), identified by its own URL and updated with its newest entry."""
    feed = FeedGenerator()
    feed.id(absolute(self_path))
    feed.title(xml_text(title))
    feed.link(href=absolute(alternate_path), rel="alternate", type="text/html")
    feed.link(href=absolute(self_path), rel="self", type="application/atom+xml")
    feed.author(name="Rolewiki")  # Atom wants an author for the feed when an entry might lack one
    feed.updated(max((entry.updated for entry in entries), default=None) or utcnow())
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(absolute(entry.entry_id))
        item.title(xml_text(entry.title))
        item.link(href=absolute(entry.path), rel="alternate", type="text/html")
        item.author(name=xml_text(entry.author))
        item.updated(entry.updated)
        if entry.published is not None:
            item.published(entry.published)
        if entry.summary is not None:
            item.summary(xml_text(entry.summary))
        if entry.html is not None:
            item.content(xml_text(entry.html), type="html")
    return feed.atom_str(pretty=False)


def atom_response(body: bytes):
    return current_app.response_class(body, mimetype="application/atom+xml")


def recent_feed(filters: Filters) -> bytes:
    """The newest changes readers may see (PER_PAGE of them), narrowed by `filters`."""
    reader = AnonymousUserMixin()
    ids = db.session.scalars(change_ids(filters, reader).limit(current_app.config["PER_PAGE"])).all()
    entries = [
        Entry(
            entry_id=url_for("recent.index", _anchor=f"change-{line.id}"),
            title=f"{line.page_title}: {line.action} by {line.username or COMMAND_LINE}"
            if line.page_title
            else f"{line.action} by {line.username or COMMAND_LINE}",
            path=line.url or url_for("recent.index"),
            author=line.username or COMMAND_LINE,
            updated=line.created_at,
            summary=HIDDEN if line.summary is None else line.summary,
        )
        for line in lines(ids, reader)
    ]
    return atom("Recent changes — Rolewiki", url_for("recent.feed", **filters.query_args()),
                url_for("recent.index", **filters.query_args()), entries)  # fmt: skip


def history_feed(page: Page) -> bytes:
    """A page's newest revisions (PER_PAGE of them), each linking to its diff (the first, to itself)."""
    history = history_page(page.document, 1, show_hidden=False)
    entries = []
    for item in history.entries:
        revision = item.revision
        number = revision.number
        if not item.visible:
            path = url_for("pages.history", slug=page.slug)
        elif number > 1:
            path = url_for("pages.diff", slug=page.slug, **{"from": number - 1, "to": number})
        else:
            path = url_for("pages.revision", slug=page.slug, number=number)
        summary = (revision.summary or "") if item.visible else HIDDEN
        entries.append(
            Entry(
                entry_id=url_for("pages.revision", slug=page.slug, number=number),
                title=f"Revision {number} by {item.author}" + (f": {summary}" if summary else ""),
                path=path,
                author=item.author,
                updated=revision.created_at,
                summary=summary,
            )
        )
    return atom(f"History of {page.title} — Rolewiki", url_for("recent.history_feed", slug=page.slug),
                url_for("pages.history", slug=page.slug), entries)  # fmt: skip


def discussion_feed(page: Page) -> bytes:
    """The newest comments (PER_PAGE of them) on a page and on its definitions that readers may read."""
    entries = [
        Entry(
            entry_id=url_for("discussion.show", comment_id=row.id),
            title=f"{row.username} on {page.title}"
            if row.definition_author is None
            else f"{row.username} on {row.definition_author}’s definition of {page.title}",
            path=url_for("discussion.show", comment_id=row.id),
            author=row.username,
            updated=row.edited_at,
            published=row.created_at,
            html=row.html,
        )
        for row in readable_comments(page, current_app.config["PER_PAGE"])
    ]
    return atom(f"Discussion of {page.title} — Rolewiki", url_for("recent.discussion_feed", slug=page.slug),
                url_for("pages.show", slug=page.slug, _anchor="discussion"), entries)  # fmt: skip
