"""The OpenAPI 3.1 description of /api/v1, as plain data: every route, what it takes and what it answers.

Fixed bodies say `additionalProperties: false` and list every field as required, so a field added, renamed or
dropped in wiki/api/views.py without this description fails tests/test_openapi.py, which also runs schemathesis
against it. The values the code chooses from (kinds, roles, stances) are read from the code itself."""

from wiki.auth.models import USERNAME_MAX_CHARS, Role
from wiki.changes import FAMILIES, ChangeKind
from wiki.definitions.models import DefinitionStatus, StanceKind
from wiki.inputs import MAX_DATABASE_INT
from wiki.pages.models import SLUG_MAX_CHARS, PageKind
from wiki.recent.models import KIND_CHOICES
from wiki.search.models import SearchKind
from wiki.search.query import PER_PAGE as SEARCH_PER_PAGE
from wiki.search.results import QUERY_MAX_CHARS

OPENAPI_VERSION = "3.1.0"
LIST_PER_PAGE = 50  # CONTRACT.md: every list but search gives 50 a page (Config.PER_PAGE)


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _schema(name: str) -> dict:
    return _ref("schemas", name)


def _fixed(properties: dict, optional: tuple[str, ...] = ()) -> dict:
    """An object with exactly these properties, all of them present but the `optional` ones."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _nullable(schema: dict) -> dict:
    """The schema, or null (OpenAPI 3.1 writes it as a list of types)."""
    return {**schema, "type": [schema["type"], "null"]}


def _enum(values) -> dict:
    return {"type": "string", "enum": sorted(str(value) for value in values)}


TEXT = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_INT}
TIME = {"type": "string", "format": "date-time", "description": "ISO 8601 in UTC."}
URL = {"type": "string", "format": "uri-reference", "description": "Absolute from PUBLIC_URL, else a path."}
NEXT = {**_nullable(URL), "description": "The URL of the next page of the list, or null on the last."}
USERNAME = {"type": "string", "description": "A member's username."}
SLUG = {"type": "string", "description": "A page's address: /wiki/<slug>."}

SCHEMAS = {
    "Error": _fixed(
        {
            "error": _fixed(
                {
                    "status": {"type": "integer", "description": "The response's status code."},
                    "message": {**TEXT, "minLength": 1, "description": "What went wrong, for a reader."},
                }
            )
        }
    ),
    "PageSummary": _fixed(
        {
            "slug": SLUG,
            "title": TEXT,
            "kind": _enum(PageKind),
            "revision": {**ID, "description": "The number of the page's current revision."},
            "updated_at": TIME,
        }
    ),
    "PageList": _fixed({"pages": _array(_schema("PageSummary")), "next": NEXT}),
    "Page": _fixed(
        {
            "slug": SLUG,
            "title": TEXT,
            "kind": _enum(PageKind),
            "revision": {**ID, "description": "The revision's number in the page's history (1, 2, 3…)."},
            "body": {**TEXT, "description": "The revision's Markdown."},
            "html": {**TEXT, "description": "The revision's Markdown rendered and sanitized."},
            "author": {**USERNAME, "description": "Who saved the revision."},
            "summary": TEXT,
            "updated_at": {**TIME, "description": "When the revision was saved (ISO 8601, UTC)."},
        }
    ),
    "Revision": _fixed(
        {
            "number": ID,
            "author": USERNAME,
            "summary": {**_nullable(TEXT), "description": "Null when a moderator has hidden the revision."},
            "hidden": {"type": "boolean"},
            "created_at": TIME,
            "size": {**_nullable(COUNT), "description": "Bytes of text; null when the revision is hidden."},
        }
    ),
    "RevisionList": _fixed({"revisions": _array(_schema("Revision")), "next": NEXT}),
    "Definition": _fixed(
        {
            "id": ID,
            "page": {**SLUG, "description": "The slug of the term it defines."},
            "author": USERNAME,
            "revision": ID,
            "body": {**TEXT, "description": "Markdown; empty while hidden from the viewer."},
            "html": {**TEXT, "description": "Rendered; empty while hidden from the viewer."},
            "hidden": {"type": "boolean"},
            "locked": {"type": "boolean"},
            "endorsements": COUNT,
            "disputes": COUNT,
            "score": {"type": "integer", "description": "Endorsements minus disputes."},
            "leading": {"type": "boolean", "description": "The term's top definition, scored above zero."},
            "status": _enum(DefinitionStatus),
            "created_at": TIME,
            "updated_at": TIME,
        }
    ),
    "DefinitionList": _fixed({"definitions": _array(_schema("Definition"))}),
    "Comment": _fixed(
        {
            "id": ID,
            "parent_id": {**_nullable(ID), "description": "The comment it replies to; null at the top."},
            "author": {**_nullable(USERNAME), "description": "Null once deleted."},
            "body": {**TEXT, "description": "Markdown; empty once deleted or while hidden from the viewer."},
            "html": {**TEXT, "description": "Rendered; empty once deleted or while hidden from the viewer."},
            "stance": {"type": ["string", "null"], "enum": [*sorted(kind.value for kind in StanceKind), None]},
            "created_at": TIME,
            "edited": {"type": "boolean"},
            "deleted": {"type": "boolean"},
            "hidden": {"type": "boolean"},
            "replies": _array(_schema("Comment")),
        }
    ),
    "CommentTree": _fixed({"comments": _array(_schema("Comment"))}),
    "SearchResults": _fixed(
        {
            "results": _array(
                _fixed(
                    {
                        "kind": _enum(SearchKind.ALL),
                        "title": TEXT,
                        "url": URL,
                        "snippet": {**TEXT, "description": "Plain text around the words found."},
                        "page": {**SLUG, "description": "The page the result is, or is on."},
                    }
                )
            ),
            "next": NEXT,
            "notice": {**TEXT, "description": "Present when the query could not be run exactly as typed."},
        },
        optional=("notice",),
    ),
    "Backlinks": _fixed(
        {
            "links": _array(
                _fixed(
                    {
                        "kind": _enum(SearchKind.ALL),
                        "title": TEXT,
                        "url": URL,
                        "page": {**SLUG, "description": "The page that links, or that the linking text is on."},
                    }
                )
            )
        }
    ),
    "Change": _fixed(
        {
            "id": ID,
            "kind": _enum(ChangeKind),
            "user": {**_nullable(USERNAME), "description": "Who made it; null for the command line."},
            "page": {**_nullable(SLUG), "description": "The page it belongs to; null for a member's change."},
            "title": _nullable(TEXT),
            "url": {**_nullable(URL), "description": "Its diff where there is one, else what changed."},
            "summary": {**_nullable(TEXT), "description": "Null where the viewer may not read it."},
            "created_at": TIME,
        }
    ),
    "ChangeList": _fixed({"changes": _array(_schema("Change")), "next": NEXT}),
    "Member": _fixed(
        {
            "username": USERNAME,
            "role": _enum(Role),
            "joined": TIME,
            "about": {**TEXT, "description": "Markdown the member wrote about themselves."},
            "about_html": TEXT,
            "role_held": {**TEXT, "description": "The IT role they hold, in their words."},
            "counts": _fixed({"edits": COUNT, "definitions": COUNT, "comments": COUNT, "stances": COUNT}),
            "contributions": _array(_schema("Change")),
            "next": NEXT,
        }
    ),
}


def _error(status: int, description: str) -> dict:
    """An error response: the Error body, its `status` the response's own."""
    status_is = {
        "type": "object",
        "properties": {"error": {"type": "object", "properties": {"status": {"const": status}}}},
    }
    return {
        "description": description,
        "content": {"application/json": {"schema": {"allOf": [_schema("Error"), status_is]}}},
    }


RESPONSES = {
    "BadRequest": _error(
        400, "A query argument that is not valid (the message says which), or a NUL character in the request."
    ),
    "Forbidden": _error(403, "A moderator has hidden it from this viewer."),
    "NotFound": _error(404, "Nothing at this address, or a list has no such page."),
    "Moved": {
        **_error(301, "The page was renamed: the same route at its new address, the query kept."),
        "headers": {"Location": {"required": True, "schema": {"type": "string"}, "description": "The new address."}},
    },
}


def _path_parameter(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def _page_number(per_page: int) -> dict:
    return {
        "name": "page",
        "in": "query",
        "description": f"Which page of the list, {per_page} a page; a page past the end is a 404.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_INT, "default": 1},
    }


PARAMETERS = {
    "Slug": _path_parameter(
        "slug",
        {"type": "string", "minLength": 1, "maxLength": SLUG_MAX_CHARS},
        "A page's slug; an old one answers 301.",
    ),
    "RevisionNumber": _path_parameter("number", ID, "A revision's number in its document (1, 2, 3…)."),
    "DefinitionId": _path_parameter("definition_id", ID, "A definition's id."),
    "CommentId": _path_parameter("comment_id", ID, "A comment's id."),
    "Username": _path_parameter(
        "username",
        {"type": "string", "minLength": 1, "maxLength": USERNAME_MAX_CHARS},
        "A member's username, matched without regard to case.",
    ),
    "Page": _page_number(LIST_PER_PAGE),
}


ERROR_STATUSES = {"Moved": 301, "BadRequest": 400, "Forbidden": 403, "NotFound": 404}


def _operation(operation_id: str, summary: str, body: str, errors: tuple[str, ...], parameters: list) -> dict:
    """A GET that answers `body` (a schema's name) with 200, or one of `errors` (names of RESPONSES)."""
    responses = {"200": {"description": summary, "content": {"application/json": {"schema": _schema(body)}}}}
    for name in errors:
        responses[str(ERROR_STATUSES[name])] = _ref("responses", name)
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": parameters, "responses": responses}}


SLUG_PARAMETER, PAGE_PARAMETER = _ref("parameters", "Slug"), _ref("parameters", "Page")
DEFINITION_PARAMETER, COMMENT_PARAMETER = _ref("parameters", "DefinitionId"), _ref("parameters", "CommentId")
ON_A_PAGE = ("Moved", "BadRequest", "NotFound")  # what every route under /pages/{slug} may answer besides 200

CHANGE_FILTERS = [
    {
        "name": "kind",
        "in": "query",
        "description": f"A family ({', '.join(FAMILIES)}) or one kind of change such as page.edited; flags and "
        "moderation are shown to moderators only. Empty filters nothing.",
        "schema": {"type": "string", "enum": ["", *sorted(KIND_CHOICES)]},
    },
    {
        "name": "user",
        "in": "query",
        "description": "Only this member's changes (any case); an unknown member is a 400. Empty filters nothing.",
        "schema": {"type": "string"},
    },
    {
        "name": "page",
        "in": "query",
        "description": f"The page of the list ({LIST_PER_PAGE} a page) when it is digits; otherwise the slug of "
        "the page to show the changes of (an unknown page is a 400). Empty filters nothing.",
        "schema": {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_INT},
                {"type": "string", "pattern": "^$|[^0-9]"},
            ]
        },
    },
    {
        "name": "slug",
        "in": "query",
        "description": "The page to show the changes of, also when its slug is all digits; an unknown page is a 400.",
        "schema": {"type": "string"},
    },
    {
        "name": "hide_mine",
        "in": "query",
        "description": "1 leaves out the logged-in member's own changes.",
        "schema": {"type": "string", "enum": ["", "0", "1"]},
    },
]

SEARCH_PARAMETERS = [
    {
        "name": "q",
        "in": "query",
        "required": True,
        "description": f"The words to find (up to {QUERY_MAX_CHARS:,} characters); "
        '"quoted words" are a phrase. Nothing to search for is a 400.',
        "schema": {"type": "string", "minLength": 1, "maxLength": QUERY_MAX_CHARS},
    },
    {
        "name": "kind",
        "in": "query",
        "description": "Only results of this kind. Empty means any.",
        "schema": {"type": "string", "enum": ["", *SearchKind.ALL]},
    },
    _page_number(SEARCH_PER_PAGE),
]

PATHS = {
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "openapi",
            "summary": "This description of the API.",
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document; the same for everyone, with an ETag.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["openapi", "info", "paths"],
                                "properties": {"openapi": {"const": OPENAPI_VERSION}},
                            }
                        }
                    },
                },
                "304": {"description": "Not modified since the ETag sent in If-None-Match."},
                "400": _ref("responses", "BadRequest"),
            },
        }
    },
    "/api/v1/pages": _operation(
        "pages", "Pages, most recently changed first.", "PageList", ("BadRequest", "NotFound"), [PAGE_PARAMETER]
    ),
    "/api/v1/pages/{slug}": _operation(
        "page", "The current revision of a page.", "Page", (*ON_A_PAGE, "Forbidden"), [SLUG_PARAMETER]
    ),
    "/api/v1/pages/{slug}/revisions": _operation(
        "revisions",
        "A page's revisions, newest first.",
        "RevisionList",
        ON_A_PAGE,
        [SLUG_PARAMETER, PAGE_PARAMETER],
    ),
    "/api/v1/pages/{slug}/revisions/{number}": _operation(
        "revision",
        "One revision of a page, with the fields of the page itself.",
        "Page",
        (*ON_A_PAGE, "Forbidden"),
        [SLUG_PARAMETER, _ref("parameters", "RevisionNumber")],
    ),
    "/api/v1/pages/{slug}/definitions": _operation(
        "page_definitions",
        "A term's definitions in page order (score, then age).",
        "DefinitionList",
        ON_A_PAGE,
        [SLUG_PARAMETER],
    ),
    "/api/v1/pages/{slug}/comments": _operation(
        "page_comments", "A page's whole discussion as trees of replies.", "CommentTree", ON_A_PAGE, [SLUG_PARAMETER]
    ),
    "/api/v1/pages/{slug}/backlinks": _operation(
        "backlinks",
        "What links to a page: pages, definitions and comments whose current text has a [[link]] to it.",
        "Backlinks",
        ON_A_PAGE,
        [SLUG_PARAMETER],
    ),
    "/api/v1/definitions/{definition_id}": _operation(
        "definition",
        "One definition with its standing.",
        "Definition",
        ("BadRequest", "NotFound"),
        [DEFINITION_PARAMETER],
    ),
    "/api/v1/definitions/{definition_id}/revisions": _operation(
        "definition_revisions",
        "A definition's revisions, newest first.",
        "RevisionList",
        ("BadRequest", "Forbidden", "NotFound"),
        [DEFINITION_PARAMETER, PAGE_PARAMETER],
    ),
    "/api/v1/definitions/{definition_id}/comments": _operation(
        "definition_comments",
        "A definition's whole discussion as trees of replies.",
        "CommentTree",
        ("BadRequest", "NotFound"),
        [DEFINITION_PARAMETER],
    ),
    "/api/v1/comments/{comment_id}": _operation(
        "comment", "One comment with all its replies.", "Comment", ("BadRequest", "NotFound"), [COMMENT_PARAMETER]
    ),
    "/api/v1/search": _operation(
        "search",
        "Pages, definitions and comments whose current text holds the words of q, best first.",
        "SearchResults",
        ("BadRequest", "NotFound"),
        SEARCH_PARAMETERS,
    ),
    "/api/v1/changes": _operation(
        "changes",
        "Every change the viewer may see, newest first, with the filters of /recent.",
        "ChangeList",
        ("BadRequest", "NotFound"),
        CHANGE_FILTERS,
    ),
    "/api/v1/users/{username}": _operation(
        "user",
        "A member's profile with their contributions, newest first.",
        "Member",
        ("BadRequest", "NotFound"),
        [_ref("parameters", "Username"), PAGE_PARAMETER],
    ),
}


def openapi_document(public_url: str) -> dict:
    """The whole description, its server the configured PUBLIC_URL (or this site, relatively)."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Rolewiki API",
            "version": "1",
            "description": "Read-only JSON: pages and their revisions, definitions, comments, search, links, "
            'changes and members. Errors are JSON too: {"error": {"status", "message"}}. Times are ISO '
            f"8601 in UTC; lists give {LIST_PER_PAGE} a page (search {SEARCH_PER_PAGE}) with the URL of the next "
            "in `next`; comment trees come whole.",
        },
        "servers": [{"url": public_url or "/"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "responses": RESPONSES, "parameters": PARAMETERS},
    }
