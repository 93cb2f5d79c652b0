"""Read-only JSON: pages and their revisions, definitions, comments, changes and members, and the OpenAPI document
that describes them all (wiki.api.openapi). Errors are JSON too (see wiki.errors)."""

import sys
from dataclasses import asdict

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from flask_login import current_user

from wiki.api.openapi import openapi_document
from wiki.auth.models import find_user
from wiki.auth.permissions import may_moderate, require_visible
from wiki.caching import PUBLIC_CACHE_CONTROL
from wiki.definitions.models import RankedDefinition, definitions_of, get_definition_or_404, ranked_one
from wiki.discussion.models import CommentNode, build_tree, get_comment_or_404, load_thread, walk
from wiki.history.models import Revision
from wiki.history.service import HistoryEntry, get_revision_or_404, history_page
from wiki.inputs import page_number_arg
from wiki.members.models import counts_of
from wiki.pages.models import Page, by_recent_change, get_page_or_404, recently_changed, slugs_of
from wiki.paging import paginate
from wiki.recent.models import Line, change_ids, contribution_ids, lines, page_number_and_filters
from wiki.search.query import backlinks as links_to
from wiki.search.results import kind_arg, query_arg, query_problem, searched, shown_links, shown_results
from wiki.templating import iso_time

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.after_request
def redirect_as_json(response: Response) -> Response:
    """A 301 (a renamed page's old slug) with a JSON body in the shape of the API's errors."""
    # redirect_if_moved answers every route alike, with Werkzeug's HTML "Redirecting..." page; under /api every
    # answer is JSON.
    if response.status_code == 301:
        message = f"This has moved to {response.headers['Location']}."
        response.set_data(current_app.json.dumps({"error": {"status": 301, "message": message}}))
        response.mimetype = "application/json"
    return response


@bp.get("/openapi.json")
def openapi():
    """This API described (OpenAPI 3.1): the same for every reader, revalidated by its ETag."""
    response = jsonify(openapi_document(current_app.config["PUBLIC_URL"]))
    response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.add_etag()
    return response.make_conditional(request)


def public_url(path: str) -> str:
    """An absolute URL from the configured PUBLIC_URL, or the path alone: never from the request's Host header,
    which a client chooses."""
    base = current_app.config["PUBLIC_URL"]
    return f"{base}{path}" if base else path


def _next_url(endpoint: str, page_number: int, has_next: bool, **args) -> str | None:
    return public_url(url_for(endpoint, page=page_number + 1, **args)) if has_next else None


def page_json(page: Page, revision: Revision) -> dict:
    if not revision.visible_to(current_user):
        abort(403, description="A moderator has hidden the text of this revision.")
    return {
        "slug": page.slug,
        "title": page.title,
        "kind": page.kind.value,
        "revision": revision.number,
        "body": revision.body,
        "html": revision.html,
        "author": revision.author.username,
        "summary": revision.summary,
        "updated_at": iso_time(revision.created_at),
    }


def revision_json(entry: HistoryEntry) -> dict:
    revision = entry.revision
    return {
        "number": revision.number,
        "author": entry.author,
        "summary": revision.summary if entry.visible else None,
        "hidden": revision.is_hidden,
        "created_at": iso_time(revision.created_at),
        "size": entry.size,
    }


@bp.get("/pages")
def pages():
    """Pages, most recently changed first, 50 a page."""
    listing = paginate(by_recent_change(), page_number_arg(), noun="list of pages")
    return {
        "pages": [
            {
                "slug": row.slug,
                "title": row.title,
                "kind": row.kind.value,
                "revision": row.number,
                "updated_at": iso_time(row.created_at),
            }
            for row in recently_changed(listing.items)
        ],
        "next": _next_url("api.pages", listing.page, listing.has_next),
    }


@bp.get("/pages/<slug>")
def page(slug: str):
    """The current revision of a page."""
    found = get_page_or_404(slug)
    return page_json(found, found.document.head)


@bp.get("/pages/<slug>/revisions")
def revisions(slug: str):
    """A page's revisions, newest first, 50 a page."""
    found = get_page_or_404(slug)
    page_number = page_number_arg()
    listing = history_page(found.document, page_number, show_hidden=may_moderate())
    return {
        "revisions": [revision_json(entry) for entry in listing.entries],
        "next": _next_url("api.revisions", page_number, listing.has_next, slug=slug),
    }


@bp.get("/pages/<slug>/revisions/<int:number>")
def revision(slug: str, number: int):
    """One revision of a page, with the same fields as the page itself."""
    found = get_page_or_404(slug)
    return page_json(found, get_revision_or_404(found.document, number))


def definition_json(item: RankedDefinition) -> dict:
    definition = item.definition
    concealed = not definition.visible_to(current_user)
    return {
        "id": definition.id,
        "page": definition.page.slug,
        "author": definition.author.username,
        "revision": item.revision.number,
        "body": "" if concealed else item.revision.body,
        "html": "" if concealed else item.revision.html,
        "hidden": definition.is_hidden,
        "locked": definition.is_locked,
        "endorsements": item.endorsements,
        "disputes": item.disputes,
        "score": item.score,
        "leading": item.is_leading,
        "status": definition.status.value,
        "created_at": iso_time(definition.created_at),
        "updated_at": iso_time(item.revision.created_at),
    }


def comment_fields(node: CommentNode) -> dict:
    """A comment's own fields (its replies are added by comments_json); a deleted one keeps its place but not
    its text."""
    comment = node.comment
    concealed = not comment.visible_to(current_user)
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author": None if comment.is_deleted else comment.author.username,
        "body": "" if concealed else node.revision.body,
        "html": "" if concealed else node.revision.html,
        "stance": comment.stance.value if comment.stance and not comment.is_deleted else None,
        "created_at": iso_time(comment.created_at),
        "edited": node.edited,
        "deleted": comment.is_deleted,
        "hidden": comment.is_hidden,
    }


def comments_json(roots: list[CommentNode]) -> str:
    """Comment trees as a JSON array, each comment with its "replies", written by walking the trees rather than by
    recursion: members can nest replies deeper than Python's (and its JSON encoder's) recursion limit."""
    parts: list[str] = []
    empty = [True]  # for each array being written: nothing in it yet
    for step in walk(roots, max_depth=sys.maxsize):
        if step.kind == "open":
            parts.append("" if empty[-1] else ",")
            empty[-1] = False
            parts.append(current_app.json.dumps(comment_fields(step.node))[:-1] + ',"replies":[')
            empty.append(True)
        elif step.kind == "close":
            empty.pop()
            parts.append("]}")
    return "[" + "".join(parts) + "]"


def _json_response(text: str) -> Response:
    return current_app.response_class(text, mimetype="application/json")


@bp.get("/pages/<slug>/definitions")
def page_definitions(slug: str):
    """A term's definitions in page order (score, then age)."""
    found = get_page_or_404(slug)
    return {"definitions": [definition_json(item) for item in definitions_of(found)]}


@bp.get("/definitions/<int:definition_id>")
def definition(definition_id: int):
    return definition_json(ranked_one(get_definition_or_404(definition_id)))


@bp.get("/definitions/<int:definition_id>/revisions")
def definition_revisions(definition_id: int):
    found = get_definition_or_404(definition_id)
    require_visible(found, "definition")
    page_number = page_number_arg()
    listing = history_page(found.document, page_number, show_hidden=may_moderate())
    return {
        "revisions": [revision_json(entry) for entry in listing.entries],
        "next": _next_url("api.definition_revisions", page_number, listing.has_next, definition_id=definition_id),
    }


@bp.get("/pages/<slug>/comments")
def page_comments(slug: str):
    """A page's whole discussion as a tree."""
    roots = build_tree(load_thread(get_page_or_404(slug)))
    return _json_response('{"comments":' + comments_json(roots) + "}")


@bp.get("/definitions/<int:definition_id>/comments")
def definition_comments(definition_id: int):
    """A definition's whole discussion as a tree."""
    roots = build_tree(load_thread(get_definition_or_404(definition_id)))
    return _json_response('{"comments":' + comments_json(roots) + "}")


@bp.get("/comments/<int:comment_id>")
def comment(comment_id: int):
    """One comment with all its replies."""
    found = get_comment_or_404(comment_id)
    nodes = load_thread(found.owner)
    build_tree(nodes)
    return _json_response(comments_json([nodes[found.id]])[1:-1])


@bp.get("/search")
def search():
    """Pages, definitions and comments whose current text holds the words of `q`, best first, 20 a page."""
    query, kind, page_number = query_arg(), kind_arg(), page_number_arg()
    if not query.strip():
        abort(400, description="Say what to search for in 'q'.")
    found = searched(query, kind, page_number)
    problem = query_problem(found)
    if found.query.is_empty:
        abort(400, description=problem)
    body = {
        "results": [
            {
                "kind": item.result.hit.kind,
                "title": item.title,
                "url": public_url(item.url),
                "snippet": item.result.snippet.text,
                "page": item.result.hit.slug,
            }
            for item in shown_results(found)
        ],
        "next": _next_url("api.search", page_number, found.has_next, q=query, kind=kind),
    }
    if problem:
        body["notice"] = problem
    return body


@bp.get("/pages/<slug>/backlinks")
def backlinks(slug: str):
    """What links to a page: pages, definitions and comments whose current text has a [[link]] to it."""
    page = get_page_or_404(slug, with_text=False)
    shown = shown_links(links_to(slugs_of(page), with_hidden=may_moderate()))
    return {
        "links": [
            {"kind": item.hit.kind, "title": item.title, "url": public_url(item.url), "page": item.hit.slug}
            for item in shown
        ]
    }


def change_json(line: Line) -> dict:
    """A change as /api/v1/changes lists it; `summary` is null where the viewer may not read it."""
    return {
        "id": line.id,
        "kind": line.kind,
        "user": line.username,
        "page": line.page_slug,
        "title": line.page_title,
        "url": public_url(line.url) if line.url else None,
        "summary": line.summary,
        "created_at": iso_time(line.created_at),
    }


@bp.get("/changes")
def changes():
    """Every change the viewer may see, newest first, 50 a page, with the filters of /recent."""
    number, filters = page_number_and_filters(request.args)
    listing = paginate(change_ids(filters, current_user), number, peek=True, noun="list of changes")
    return {
        "changes": [change_json(line) for line in lines(listing.items, current_user)],
        "next": _next_url("api.changes", number, listing.has_next, **filters.query_args()),
    }


@bp.get("/users/<username>")
def user(username: str):
    """A member's profile with their contributions, newest first, 50 a page."""
    member = find_user(username)
    if member is None:
        abort(404, description="There is no member by that name.")
    number = page_number_arg()
    listing = paginate(contribution_ids(member, current_user), number, peek=True, noun="list of contributions")
    return {
        "username": member.username,
        "role": member.role.value,
        "joined": iso_time(member.created_at),
        "about": member.about,
        "about_html": member.about_html,
        "role_held": member.role_held,
        "counts": asdict(counts_of(member)),
        "contributions": [change_json(line) for line in lines(listing.items, current_user)],
        "next": _next_url("api.user", number, listing.has_next, username=member.username),
    }
