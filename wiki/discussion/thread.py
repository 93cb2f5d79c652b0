"""What a template needs to draw a discussion: the tree as steps, the sort, where to post.

Readers who are not logged in all see the same thread, so its rendered HTML is kept (wiki/caching.py),
keyed by the owner's thread_version (bumped with every change). Members see their own reply and edit
controls, rendered fresh.
"""

from flask import render_template, request, url_for
from flask_login import current_user

from wiki.caching import render_cache
from wiki.discussion.models import CommentNode, Owner, Sort, build_tree, load_thread, walk
from wiki.pages.models import Page
from wiki.rendering import rendered_fragment

# Replies deeper than this continue on the comment's own page; the data has no depth limit.
COLLAPSE_DEPTH = 10


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


def thread_context(owner: Owner, roots: list[CommentNode] | None = None, total: int | None = None) -> dict:
    """The whole discussion of a page or definition (or, given roots, part of it)."""
    context = {"sort": sort_arg(), "post_url": post_url(owner), "owner_url": owner_url(owner), "thread_html": None}
    if roots is None and not current_user.is_authenticated:
        return context | _cached_thread(owner, context)
    if roots is None:
        nodes = load_thread(owner)
        roots, total = build_tree(nodes, context["sort"]), len(nodes)
    return context | {"steps": walk(roots, COLLAPSE_DEPTH), "comment_total": total}


def _cached_thread(owner: Owner, context: dict) -> dict:
    key = (type(owner).__name__, owner.id, owner.thread_version, context["sort"])
    cache = render_cache("threads")
    cached = cache.get(key)
    if cached is None:
        nodes = load_thread(owner)
        steps = walk(build_tree(nodes, context["sort"]), COLLAPSE_DEPTH)
        cached = (render_template("discussion/_thread_body.html", **(context | {"steps": steps})), len(nodes))
        cache.put(key, cached)
    html, total = cached
    return {"thread_html": rendered_fragment(html), "comment_total": total, "steps": None}
