"""What a template needs to draw a discussion: the rendered thread, the sort, where to post.

A thread is put together from parts: the comments, the same for every viewer but for what moderators may see,
and each viewer's controls (reply, edit, delete, flag). The comments are rendered in the fragment environment,
which has no csrf_token, current_user, request or session (a template there that reached for one would fail),
and kept (wiki/caching.py) as a list of HTML strings and Controls: plain data about a comment. The controls are
drawn for each request from that data by an ordinary template. Nothing kept can hold one viewer's token or
controls, and nothing is filled in by replacing strings.
"""

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import Environment, StrictUndefined
from jinja2.defaults import DEFAULT_NAMESPACE
from markupsafe import Markup

from wiki.auth.permissions import may_moderate
from wiki.caching import kept
from wiki.changes import TITLES, Version, newest_change
from wiki.discussion.models import OF_PAGE_ID, CommentNode, Owner, Sort, build_tree, is_closed, load_thread, walk
from wiki.pages.models import Page
from wiki.rendering import rendered_fragment

# Replies deeper than this continue on the comment's own page; the data has no depth limit.
COLLAPSE_DEPTH = 10


@dataclass(frozen=True)
class Controls:
    """Where a comment's controls go, and what drawing them needs to know."""

    comment_id: int
    author_id: int
    author_name: str


def sort_arg() -> Sort:
    return "newest" if request.args.get("sort") == "newest" else "oldest"


def post_url(owner: Owner) -> str:
    if isinstance(owner, Page):
        return url_for("discussion.post_on_page", slug=owner.slug)
    return url_for("discussion.post_on_definition", definition_id=owner.id)


def owner_url(owner: Owner) -> str:
    if isinstance(owner, Page):
        return url_for("pages.show", slug=owner.slug)
    return url_for("definitions.show", definition_id=owner.id)


def viewer_kind() -> str:
    if not current_user.is_authenticated:
        return "reader"
    return "moderator" if may_moderate() else "member"


def fragment_environment() -> Environment:
    """The app's templates and filters with no globals but url_for: what is rendered here can be kept and shown
    to anyone."""
    environment = current_app.extensions.get("fragment_environment")
    if environment is None:
        environment = Environment(
            loader=current_app.jinja_env.loader,
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=current_app.jinja_env.auto_reload,
        )
        environment.filters.update(current_app.jinja_env.filters)
        environment.globals = {**DEFAULT_NAMESPACE, "url_for": url_for}
        current_app.extensions["fragment_environment"] = environment
    return environment


def thread_context(owner: Owner, roots: list[CommentNode] | None = None, total: int | None = None) -> dict:
    """The whole discussion of a page or definition (its parts kept), or, given roots, part of it."""
    context = {
        "sort": sort_arg(),
        "post_url": post_url(owner),
        "owner_url": owner_url(owner),
        "discussion_closed": is_closed(owner),
    }
    kind = viewer_kind()
    if roots is None:
        parts, total = _kept_parts(owner, context["sort"], kind == "moderator")
    else:
        parts = _parts(walk(roots, COLLAPSE_DEPTH), kind == "moderator")
    return context | {"thread_html": _assemble(parts, context, kind), "comment_total": total}


def _parts(steps: list, show_hidden: bool) -> tuple:
    module = fragment_environment().get_template("discussion/_thread_parts.html").module
    parts: list = [str(module.start())]
    titles = newest_change(TITLES)
    for step in steps:
        comment = step.node.comment
        if step.kind == "open":
            parts.append(_comment_part(module, step.node, step.depth, show_hidden, titles))
            if not comment.is_deleted:
                parts.append(Controls(comment.id, comment.author_id, comment.author.username))
            parts.append(str(module.replies()))
        elif step.kind == "more":
            parts.append(str(module.more(step.node)))
        else:
            parts.append(str(module.closing()))
    parts.append(str(module.end(not steps)))
    return tuple(parts)


def _comment_part(module, node: CommentNode, depth: int, show_hidden: bool, titles: Version | None) -> str:
    """One comment's element, kept under what it is drawn from: the comment's current revision (immutable), the
    states moderation can change, the viewer's right to see hidden text, its indentation, and the newest change
    to the wiki's titles (its [[links]] are drawn missing or not). After a new comment, a thread is put together
    again from the others' kept elements."""
    comment = node.comment
    titles_id = titles.change_id if titles else 0
    key = (comment.id, node.revision.id, comment.is_deleted, comment.is_hidden, show_hidden, min(depth, 6), titles_id)
    return kept("comments", key, lambda: str(module.opening(node, depth, show_hidden)))


def _kept_parts(owner: Owner, sort: Sort, show_hidden: bool) -> tuple[tuple, int]:
    """The parts of a whole thread, kept under the newest change of the page it is on (which covers every
    comment of the page and of its definitions), so they are put together afresh after any change."""

    def make() -> tuple[tuple, int]:
        nodes = load_thread(owner)
        return _parts(walk(build_tree(nodes, sort), COLLAPSE_DEPTH), show_hidden), len(nodes)

    page_id = owner.id if isinstance(owner, Page) else owner.page_id
    version = newest_change(OF_PAGE_ID, page_id=page_id)
    if version is None:
        return make()
    return kept("threads", (type(owner).__name__, owner.id, version.change_id, sort, show_hidden), make)


def _assemble(parts: tuple, context: dict, kind: str) -> Markup:
    """The kept parts with this viewer's controls drawn in (readers have none)."""
    if kind == "reader":
        return rendered_fragment("".join(part for part in parts if isinstance(part, str)))
    controls = current_app.jinja_env.get_template("discussion/_controls.html").module.controls
    viewer = Viewer(kind, current_user.id, generate_csrf(), context["post_url"], context["discussion_closed"],
                    request.path)  # fmt: skip
    return rendered_fragment("".join(part if isinstance(part, str) else str(controls(part, viewer)) for part in parts))


@dataclass(frozen=True)
class Viewer:
    """What every comment's controls share within one request."""

    kind: str
    id: int
    token: str
    post_url: str
    closed: bool
    path: str
