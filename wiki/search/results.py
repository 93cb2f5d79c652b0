"""What a search shows, for the page and the API alike: its arguments read, its results titled and linked."""

from dataclasses import dataclass

from flask import abort, request, url_for

from wiki.auth.permissions import may_moderate
from wiki.search.models import SearchKind
from wiki.search.query import MAX_WORDS, Hit, Result, ResultPage, kind_label, parse_query, run_search

QUERY_MAX_CHARS = 10_000  # longer is refused; only the first MAX_WORDS words are searched anyway


def kind_arg() -> str | None:
    kind = request.args.get("kind") or None
    if kind is not None and kind not in SearchKind.ALL:
        abort(400, description="'kind' must be page, definition or comment.")
    return kind


def query_arg() -> str:
    query = request.args.get("q", "")
    if len(query) > QUERY_MAX_CHARS:
        abort(400, description=f"The search is {len(query):,} characters; the limit is {QUERY_MAX_CHARS:,}.")
    return query


def searched(query: str, kind: str | None, page: int) -> ResultPage:
    """The page of results a query asks for; a page past the end of any results is a 404."""
    found = run_search(parse_query(query), kind=kind, page=page, with_hidden=may_moderate())
    if page > 1 and not found.results:
        abort(404, description=f"The search has no page {page}.")
    return found


def hit_title(hit: Hit) -> str:
    if hit.kind == SearchKind.PAGE:
        return hit.page_title
    if hit.kind == SearchKind.DEFINITION:
        return f"Definition of {hit.page_title}, proposed by {hit.author}"
    return f"Comment by {hit.author} on {hit.page_title}"


def hit_url(hit: Hit) -> str:
    if hit.kind == SearchKind.PAGE:
        return url_for("pages.show", slug=hit.slug)
    if hit.kind == SearchKind.DEFINITION:
        return url_for("definitions.show", definition_id=hit.target_id)
    return url_for("discussion.show", comment_id=hit.target_id)


def query_problem(found: ResultPage) -> str | None:
    """What to tell someone whose query could not be run as typed."""
    if found.query.is_empty:
        if found.query.had_words:
            return "Those words are too common to search for: add a more particular one."
        return "Type a word to search for: searches match letters and digits, not punctuation."
    if found.query.was_cut:
        return f"Only the first {MAX_WORDS} words were searched for."
    return None


@dataclass(frozen=True)
class Shown:
    result: Result
    title: str
    url: str
    kind: str


def shown_results(found: ResultPage) -> list[Shown]:
    return [Shown(result, hit_title(result.hit), hit_url(result.hit), kind_label(result.hit.kind))
            for result in found.results]  # fmt: skip


@dataclass(frozen=True)
class Linking:
    hit: Hit
    title: str
    url: str
    kind: str


def shown_links(hits: list[Hit]) -> list[Linking]:
    return [Linking(hit, hit_title(hit), hit_url(hit), kind_label(hit.kind)) for hit in hits]
