"""GET /api/v1/openapi.json: a valid OpenAPI 3.1 document that describes every route under /api/v1, and that the
routes keep to: schemathesis calls each one, with generated and with real arguments, on a seeded wiki on both
databases, and every answer must be described (status, content type, headers, body)."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import func, select

from config import TestConfig
from tests.conftest import as_user, save_page
from wiki import create_app
from wiki.api.openapi import LIST_PER_PAGE
from wiki.auth.models import Role, User
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.discussion.service import delete_comment
from wiki.extensions import db
from wiki.history.models import Document, Revision
from wiki.moderation.models import Resolution
from wiki.moderation.service import decide, set_revision_hidden
from wiki.pages.models import Page, rename_page

# What each call is checked for. Not positive_data_acceptance: by design (CONTRACT.md) a well-formed filter that
# names nothing, such as ?user=nobody, is a 400 that says so, and a query of only punctuation has nothing to search.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES = 30  # per operation and way of choosing arguments: generated, not valid, real
RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@pytest.fixture
def document_app(tmp_path):
    """An app whose database is never touched: the document does not depend on it."""
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'unused.db'}"))
    yield app
    with app.app_context():
        db.engine.dispose()


def described(document: dict) -> set[tuple[str, str]]:
    return {(path, method.upper()) for path, item in document["paths"].items() for method in item}


def routed(app) -> set[tuple[str, str]]:
    """Every (path, method) under /api/v1, written as OpenAPI writes paths."""
    return {
        (RULE_ARGUMENT.sub(r"{\1}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_the_document_is_valid_openapi_3_1(document_app):
    response = document_app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.json
    validate(document)  # raises on any error, against the 3.1 meta-schema
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/"}]
    assert document_app.config["PER_PAGE"] == LIST_PER_PAGE  # what the descriptions of `page` say


def resolved(document: dict, parameter: dict) -> dict:
    """A parameter, or the one its $ref names among the document's components."""
    if "$ref" not in parameter:
        return parameter
    return document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]


def test_every_route_under_api_v1_is_described_and_nothing_else(document_app):
    document = document_app.test_client().get("/api/v1/openapi.json").json
    assert described(document) == routed(document_app)
    for rule in document_app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            operation = document["paths"][RULE_ARGUMENT.sub(r"{\1}", rule.rule)]["get"]
            parameters = [resolved(document, parameter) for parameter in operation.get("parameters", [])]
            assert {parameter["name"] for parameter in parameters if parameter["in"] == "path"} == rule.arguments


def test_a_route_added_without_a_description_is_found(document_app):
    """The comparison above can fail: a new route under /api/v1 shows up in it."""
    document_app.add_url_rule("/api/v1/undescribed/<int:thing_id>", "undescribed", lambda thing_id: {})
    document = document_app.test_client().get("/api/v1/openapi.json").json
    assert routed(document_app) - described(document) == {("/api/v1/undescribed/{thing_id}", "GET")}


def test_the_document_is_public_and_revalidated_by_its_etag(document_app):
    client = document_app.test_client()
    first = client.get("/api/v1/openapi.json")
    assert first.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get("/api/v1/openapi.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_the_server_is_the_public_url_never_the_host_header(document_app):
    document_app.config["PUBLIC_URL"] = "https://wiki.example.org"
    response = document_app.test_client().get("/api/v1/openapi.json", headers={"Host": "evil.example"})
    assert response.json["servers"] == [{"url": "https://wiki.example.org"}]


def validator(document: dict, name: str) -> Draft202012Validator:
    """A validator for one of the document's schemas, its $refs resolved in the document, formats checked."""
    return Draft202012Validator(
        {**document, "$ref": f"#/components/schemas/{name}"}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def test_the_schemas_hold_real_answers_and_refuse_others(client, make_page, member):
    """The schemas are exact: a field too many, one missing, a time without its zone or a null where there is
    none are each refused; so the schemathesis run below could fail on any of them."""
    make_page("IT manager", "first\n")
    save_page(client, "it-manager", "second\n", summary="again")
    document = client.get("/api/v1/openapi.json").json
    page, revisions = client.get("/api/v1/pages/it-manager").json, client.get("/api/v1/pages/it-manager/revisions").json
    assert validator(document, "Page").is_valid(page)
    assert validator(document, "RevisionList").is_valid(revisions)
    wrong = [
        {**page, "extra": 1},
        {name: value for name, value in page.items() if name != "summary"},
        {**page, "updated_at": page["updated_at"].removesuffix("Z").replace("T", " ")},
        {**page, "summary": None},
        {**page, "kind": "essay"},
    ]
    for body in wrong:
        assert not validator(document, "Page").is_valid(body), body
    nulls = {**revisions["revisions"][0], "summary": None, "size": None}
    assert validator(document, "Revision").is_valid(nulls)  # a hidden revision's
    assert not validator(document, "Revision").is_valid({**nulls, "author": None})


@pytest.fixture
def seeded(app, make_user):
    """The seeded debate, moderated a little: a page renamed (its old slug answers 301), an old revision hidden
    (403), a definition removed (its history 403) and a comment deleted. Returns, for each argument, the values
    that lead to those (drawn half the time) and all the real ones."""
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    moderator = make_user("mod", role=Role.MODERATOR)
    with app.app_context():
        mod = db.session.get(User, moderator.id)
        renamed = db.session.scalar(select(Page).where(Page.slug == "it-manager"))
        rename_page(renamed, "Head of IT", mod, "the usual title")
        hidden = db.session.scalar(  # the first revision of the first page that has more than one
            select(Revision)
            .join(Page, Page.document_id == Revision.document_id)
            .join(Document, Document.id == Page.document_id)
            .where(Revision.number == 1, Document.head_number > 1)
            .order_by(Page.id)
        )
        set_revision_hidden(hidden, mod, True, "a test")
        hidden_on = db.session.scalar(select(Page.slug).where(Page.document_id == hidden.document_id))
        definitions = list(db.session.scalars(select(Definition.id).order_by(Definition.id)))
        decide(db.session.get(Definition, definitions[0]), mod, Resolution.REMOVED, "a test")
        comments = list(db.session.scalars(select(Comment.id).order_by(Comment.id)))
        delete_comment(db.session.get(Comment, comments[0]), mod)
        db.session.commit()
        slugs = list(db.session.scalars(select(Page.slug)))
        usernames = list(db.session.scalars(select(User.username)))
        longest = db.session.scalar(select(func.max(Revision.number)))
    return {
        "slug": (["it-manager", hidden_on], slugs),
        "number": ([1], list(range(1, longest + 1))),
        "definition_id": ([definitions[0]], definitions),
        "comment_id": ([comments[0]], comments),
        "username": (["MOD"], usernames),
        "user": (["mod"], usernames),
        "q": ([], ["infrastructure", "architect manager", '"IT manager"', "career -tracks"]),
        "page": ([], [1, 2, "head-of-it"]),
    }


def _real(values: tuple[list, list]):
    special, every = values
    return st.one_of(st.sampled_from(special), st.sampled_from(every)) if special else st.sampled_from(every)


def _real_arguments(operation, known: dict):
    """Cases with arguments from the seeded wiki: every path argument, and each known query argument or none."""
    path = {parameter.name: _real(known[parameter.name]) for parameter in operation.path_parameters}
    query = {
        parameter.name: st.one_of(st.none(), _real(known[parameter.name]))
        for parameter in operation.query
        if parameter.name in known
    }
    return st.tuples(st.fixed_dictionaries(path), st.fixed_dictionaries(query)).flatmap(
        lambda chosen: operation.as_strategy(
            path_parameters=chosen[0], query={name: value for name, value in chosen[1].items() if value is not None}
        )
    )


def check_cases(operation, cases, viewers, statuses: set[int]) -> None:
    """Call the operation with `EXAMPLES` of the cases, each as one of the viewers, checking every answer."""

    # Schemathesis filters what it draws (a value not valid by the schema, a path it cannot send) more than
    # Hypothesis likes; the run is bounded by max_examples all the same.
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )
    @given(case=cases, headers=viewers)
    def call(case, headers):
        statuses.add(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    call()


def test_every_route_answers_as_described(app, seeded, subtests):
    """No 5xx, and every answer's status, content type, headers and body as the document says, for anonymous
    readers and for a moderator (who sees what is hidden), with arguments generated, not valid and real."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    moderator = as_user(app, "mod").get_cookie("session").value
    viewers = st.sampled_from([{}, {"Cookie": f"session={moderator}"}])
    answered: dict[str, set[int]] = {}  # operation: the statuses its calls with real arguments got
    for result in schema.get_all_operations():
        operation = result.ok()
        ways = {
            "generated": operation.as_strategy(),
            "not valid": operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
            "real": _real_arguments(operation, seeded),
        }
        for way, cases in ways.items():
            statuses = answered.setdefault(operation.label, set()) if way == "real" else set()
            with subtests.test(operation=operation.label, arguments=way):
                check_cases(operation, cases, viewers, statuses)
    # Schemathesis leaves out the route that serves the document; every other one was called, answered 200 with
    # real arguments, and between them the moved page (301) and the hidden things (403) were asked for.
    assert set(answered) == {f"{method} {path}" for path, method in routed(app)} - {"GET /api/v1/openapi.json"}
    assert [label for label, statuses in answered.items() if 200 not in statuses] == []
    assert {301, 403} <= set().union(*answered.values())
