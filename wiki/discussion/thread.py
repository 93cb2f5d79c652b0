"""What a template needs to draw a discussion: the tree as steps, the sort, where to post."""

from flask import request, url_for

from wiki.discussion.models import CommentNode, Owner, Sort, build_tree, load_thread, walk
from wiki.pages.models import Page

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
    sort = sort_arg()
    if roots is None:
        nodes = load_thread(owner)
        roots, total = build_tree(nodes, sort), len(nodes)
    return {
        "steps": walk(roots, COLLAPSE_DEPTH),
        "comment_total": total,
        "sort": sort,
        "post_url": post_url(owner),
        "owner_url": owner_url(owner),
    }
