"""Running a search: the words of any query taken safely, the same ranked search on SQLite FTS5 and PostgreSQL,
and short snippets with the matched words marked.

No text a user types reaches either database's query syntax: a query is read as words (letters and digits) and
"quoted phrases", and the database is handed only those, quoted (FTS5) or through plainto/phraseto_tsquery
(PostgreSQL). So `NEAR`, `OR`, `-`, `*`, brackets and stray quotes are just characters, and nothing can fail.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from sqlalchemy import Boolean, String, bindparam, case, select, text

from wiki.auth.models import User
from wiki.extensions import db
from wiki.pages.models import Page
from wiki.search.models import SearchEntry, SearchKind, SearchLink

MAX_WORDS = 16  # words and phrase words together; a longer query is cut, and told so
MAX_WORD_CHARS = 64
PER_PAGE = 20
# A search scores at most this many of its matches, the newest, and the pages whose title matches (on SQLite the
# newest this many of those): the cost of a common word stays bounded however large the wiki grows (scoring is
# what costs, about 10 µs a match; finding the matches is cheap).
RANKED_MAX = 2000
BACKLINKS_MAX = 1000  # what links here is listed whole, up to this many
SNIPPET_CHARS = 220
# Searching for the first words of a 10 KB query costs no more than for a short one.
_WORD = re.compile(r"[^\W_]+")

# PostgreSQL's English stop words (Snowball's list): it leaves them out of every tsvector and tsquery, so they
# are left out here for both databases, and a query behaves the same on each.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above below to from up down in out
    on off over under again further then once here there when where why how all any both each few more most
    other some such no nor not only own same so than too very s t can will just don should now""".split()
)


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    was_cut: bool  # words past MAX_WORDS were left out
    had_words: bool  # the query held any word at all (before common ones were left out)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.phrases

    @property
    def all_words(self) -> list[str]:
        return [*self.words, *(word for phrase in self.phrases for word in phrase)]


def parse_query(query: str) -> ParsedQuery:
    """Words and "quoted phrases" (an unclosed quote is just a character), lower case, common words left out."""
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    budget = MAX_WORDS
    had_words = was_cut = False
    parts = query.split('"')
    for index, part in enumerate(parts):
        quoted = index % 2 == 1 and index < len(parts) - 1
        found = []
        for match in _WORD.finditer(part):
            had_words = True
            word = match.group().lower()[:MAX_WORD_CHARS]
            if word in STOP_WORDS:
                continue
            if budget == 0:
                was_cut = True
                break
            budget -= 1
            found.append(word)
        if quoted and len(found) > 1:
            phrases.append(tuple(found))
        else:
            words.extend(word for word in found if word not in words)
        if was_cut:
            break
    return ParsedQuery(tuple(words), tuple(phrases), was_cut, had_words)


@dataclass(frozen=True)
class Hit:
    entry_id: int
    kind: str
    target_id: int
    slug: str
    page_title: str
    author: str
    is_hidden: bool


@dataclass(frozen=True)
class Snippet:
    """Plain text in parts; every odd part is a matched word, which the page marks."""

    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class Result:
    hit: Hit
    snippet: Snippet


@dataclass(frozen=True)
class ResultPage:
    query: ParsedQuery
    results: list[Result]
    page: int
    has_next: bool


def _fts5_match(query: ParsedQuery) -> str:
    """An FTS5 query of quoted strings only: each word and each phrase a string, all of them required."""
    strings = [f'"{word}"' for word in query.words] + [f'"{" ".join(phrase)}"' for phrase in query.phrases]
    return " ".join(strings)


_SELECTED = (
    "e.id AS entry_id, e.kind, e.target_id, e.is_hidden, p.slug, p.title AS page_title, u.username AS author"
)
_FILTERS = "(:kind IS NULL OR e.kind = :kind) AND (:with_hidden OR NOT e.is_hidden)"
_TYPED = (bindparam("kind", type_=String), bindparam("with_hidden", type_=Boolean))  # PostgreSQL asks, for NULL


def _sqlite_search():
    # bm25 is better when lower; a title match weighs ten times a body match. Only the newest RANKED_MAX matches
    # and every title match are ranked (walking the matches to find the newest is cheap; scoring them is not).
    return text(
        f"SELECT {_SELECTED}, bm25(search_fts, 10.0, 1.0) AS score FROM search_fts "
        "JOIN search_entries e ON e.id = search_fts.rowid JOIN pages p ON p.id = e.page_id "
        "JOIN users u ON u.id = e.author_id "
        f"WHERE search_fts MATCH :match AND {_FILTERS} "
        "AND (search_fts.rowid >= coalesce((SELECT rowid FROM search_fts WHERE search_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :ranked_max), 0) "
        "OR search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :title_match "
        "ORDER BY rowid DESC LIMIT :ranked_max)) "
        "ORDER BY score, e.id LIMIT :limit OFFSET :offset"
    ).bindparams(*_TYPED)


def _postgresql_search(phrases: int):
    phrase_queries = [f"phraseto_tsquery('english', :phrase{n})" for n in range(phrases)]
    parts = ["plainto_tsquery('english', :words)", *phrase_queries]
    tsquery = " && ".join(parts)
    # As on SQLite: the newest RANKED_MAX matches and every title match are ranked.
    return text(
        f"SELECT {_SELECTED}, ts_rank(e.document, q.query) AS score FROM search_entries e "
        f"CROSS JOIN (SELECT {tsquery} AS query) q JOIN pages p ON p.id = e.page_id "
        "JOIN users u ON u.id = e.author_id "
        f"WHERE e.document @@ q.query AND {_FILTERS} "
        "AND (e.id >= coalesce((SELECT id FROM search_entries WHERE document @@ q.query "
        "ORDER BY id DESC OFFSET :ranked_max LIMIT 1), 0) "
        "OR (e.kind = 'page' AND to_tsvector('english', translate(e.title, '<>', '  ')) @@ q.query)) "
        "ORDER BY score DESC, e.id LIMIT :limit OFFSET :offset"
    ).bindparams(*_TYPED)


def run_search(query: ParsedQuery, *, kind: str | None, page: int, with_hidden: bool) -> ResultPage:
    """One page of hits, best first; `with_hidden` for moderators. One query for the hits, one for their text."""
    if query.is_empty:
        return ResultPage(query, [], page, False)
    parameters = {"kind": kind, "with_hidden": with_hidden, "limit": PER_PAGE + 1, "offset": (page - 1) * PER_PAGE,
                  "ranked_max": RANKED_MAX - 1}  # fmt: skip
    if db.session.get_bind().dialect.name == "postgresql":
        statement = _postgresql_search(len(query.phrases))
        parameters["words"] = " ".join(query.words)
        parameters |= {f"phrase{n}": " ".join(phrase) for n, phrase in enumerate(query.phrases)}
    else:
        statement = _sqlite_search()
        parameters["match"] = _fts5_match(query)
        parameters["title_match"] = f"{{title}} : ({parameters['match']})"
    rows = db.session.execute(statement, parameters).all()
    hits = [Hit(row.entry_id, row.kind, row.target_id, row.slug, row.page_title, row.author, bool(row.is_hidden))
            for row in rows[:PER_PAGE]]  # fmt: skip
    bodies = dict(
        db.session.execute(
            select(SearchEntry.id, SearchEntry.body).where(SearchEntry.id.in_([hit.entry_id for hit in hits]))
        ).all()
    ) if hits else {}  # fmt: skip
    pattern = highlighter(tuple(query.all_words))
    results = [Result(hit, snippet(bodies.get(hit.entry_id, ""), pattern)) for hit in hits]
    return ResultPage(query, results, page, len(rows) > PER_PAGE)


_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=256)
def highlighter(words: tuple[str, ...]) -> re.Pattern:
    """Words that share a query word's stem ("managers", "managing" for "manager"), as the indexes match them."""
    stems = sorted({_stemmer.stemWord(word) for word in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)


def snippet(body: str, pattern: re.Pattern, length: int = SNIPPET_CHARS) -> Snippet:
    """About `length` characters of `body` around its first matched word, matched words apart. One regex scan up
    to the first match, then only the window: linear in the text, whatever it holds."""
    first = pattern.search(body)
    start = 0 if first is None else max(0, first.start() - length // 4)
    if start:
        space = body.find(" ", start, first.start())
        start = space + 1 if space >= 0 else start
    end = min(len(body), start + length)
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    window = body[start:end]
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(window):
        parts += [window[position : match.start()], match.group()]
        position = match.end()
    parts.append(window[position:])
    if start:
        parts[0] = "…" + parts[0]
    if end < len(body):
        parts[-1] += "…"
    return Snippet(tuple(parts))


def backlinks(slugs: set[str], *, with_hidden: bool) -> list[Hit]:
    """What links to any of `slugs` (a page's address and its old ones): pages first, then definitions, then
    comments, each in page order. A page holds at most a few hundred links: the list comes whole."""
    kind_order = case({SearchKind.PAGE: 0, SearchKind.DEFINITION: 1}, value=SearchEntry.kind, else_=2)
    query = (
        select(SearchEntry.id, SearchEntry.kind, SearchEntry.target_id, SearchEntry.is_hidden, Page.slug,
               Page.title, User.username)
        .join(SearchLink, SearchLink.entry_id == SearchEntry.id)
        .join(Page, Page.id == SearchEntry.page_id)
        .join(User, User.id == SearchEntry.author_id)
        .where(SearchLink.target_slug.in_(sorted(slugs)))
        .order_by(kind_order, Page.title, SearchEntry.target_id)
        .limit(BACKLINKS_MAX)
    )  # fmt: skip
    if not with_hidden:
        query = query.where(SearchEntry.is_hidden.is_(False))
    rows = db.session.execute(query)
    hits = {row[0]: Hit(row[0], row[1], row[2], row[4], row[5], row[6], bool(row[3])) for row in rows}
    return list(hits.values())  # one line for a text that links to two of the slugs


def kind_label(kind: str) -> str:
    return {SearchKind.PAGE: "Page", SearchKind.DEFINITION: "Definition", SearchKind.COMMENT: "Comment"}[kind]
