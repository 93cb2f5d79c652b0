"""What a template needs to draw a discussion: the rendered thread, the sort, where to post.

Every viewer of one kind (a reader who is not logged in, a member, a moderator) sees the same thread but for
a few controls, so its rendering is kept per kind (wiki/caching.py), keyed by the owner's thread_version
(bumped with every change). What differs between members is left in the rendering as slots: the CSRF token,
and per comment the edit and delete controls (the author's, and a moderator's) or the flag form (everyone
else's). `_fill_slots` puts the viewer's in for each request, with plain string work.
"""

import re
import secrets

from flask import render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from wiki.auth.permissions import may_moderate
from wiki.caching import render_cache
from wiki.discussion.models import CommentNode, Owner, Sort, build_tree, is_closed, load_thread, walk
from wiki.pages.models import Page
from wiki.rendering import rendered_fragment

# Replies deeper than this continue on the comment's own page; the data has no depth limit.
COLLAPSE_DEPTH = 10
# Slots in kept renderings are HTML comments, which no user text can produce: Markdown escapes raw HTML,
# the sanitizer strips comments, and names and slugs are escaped.
CSRF_SLOT = "<!--csrf-token-input-->"
ACTIONS_SLOT = re.compile(r"<!--viewer-actions:(\d+):(\d+)-->")
# The controls are rendered once with this id and copied for each comment. Random per process, so that no
# slug or text on the page can contain it.
STAND_IN_ID = 10**17 + secrets.randbelow(9 * 10**17)


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


def thread_context(owner: Owner, roots: list[CommentNode] | None = None, total: int | None = None) -> dict:
    """The whole discussion of a page or definition (kept per viewer kind), or, given roots, part of it."""
    context = {
        "sort": sort_arg(),
        "post_url": post_url(owner),
        "owner_url": owner_url(owner),
        "discussion_closed": is_closed(owner),
    }
    kind = viewer_kind()
    if roots is None:
        html, total = _kept_thread(owner, context, kind)
    else:
        html = _render_thread(context, walk(roots, COLLAPSE_DEPTH), kind)
    return context | {"thread_html": rendered_fragment(_fill_slots(html, kind)), "comment_total": total}


def _render_thread(context: dict, steps: list, kind: str) -> str:
    return render_template(
        "discussion/_thread_body.html", **context, steps=steps, viewer_kind=kind, csrf_slot=rendered_fragment(CSRF_SLOT)
    )


def _kept_thread(owner: Owner, context: dict, kind: str) -> tuple[str, int]:
    key = (type(owner).__name__, owner.id, owner.thread_version, context["sort"], kind, context["discussion_closed"])
    cache = render_cache("threads")
    kept = cache.get(key)
    if kept is None:
        nodes = load_thread(owner)
        kept = (_render_thread(context, walk(build_tree(nodes, context["sort"]), COLLAPSE_DEPTH), kind), len(nodes))
        cache.put(key, kept)
    return kept


def _fill_slots(html: str, kind: str) -> str:
    if kind == "reader":
        return html  # a reader's thread has no slots
    token_input = f'<input type="hidden" name="csrf_token" value="{escape(generate_csrf())}">'
    if ACTIONS_SLOT.search(html) is None:  # no comments: no controls to render
        return html.replace(CSRF_SLOT, token_input)
    viewer_id = current_user.id
    stand_in = str(STAND_IN_ID)
    own, others = (
        render_template("discussion/_viewer_actions.html", part=part, comment_id=STAND_IN_ID)
        for part in ("own", "others")
    )

    def actions(match: re.Match) -> str:
        comment_id, author_id = match.group(1), int(match.group(2))
        parts = []
        if kind == "moderator" or author_id == viewer_id:
            parts.append(own.replace(stand_in, comment_id))
        if author_id != viewer_id:
            parts.append(others.replace(stand_in, comment_id))
        return "".join(parts)

    return ACTIONS_SLOT.sub(actions, html).replace(CSRF_SLOT, token_input)
