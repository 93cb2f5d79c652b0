"""Search through HTTP, on both databases: ranking, stemming, the index in step with every kind of change, kinds and
pages of results, snippets, and any query at all answered without a 5xx."""

import re
from pathlib import Path

import pytest

from tests.conftest import as_user, csrf_from, post_form, save_page
from wiki.auth.models import Role
from wiki.extensions import db
from wiki.search.index import rebuild_index
from wiki.search.models import SearchEntry

BLNS_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt"
BLNS = [line for line in BLNS_PATH.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")]


def results(client, query: str, **arguments) -> list[dict]:
    response = client.get("/api/v1/search", query_string={"q": query, **arguments})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["results"]


def urls(client, query: str, **arguments) -> list[str]:
    return [hit["url"] for hit in results(client, query, **arguments)]


def comment_on(client, slug: str, body: str, **fields) -> int:
    response = post_form(client, f"/wiki/{slug}/comments", {"body": body, **fields})
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("-", 1)[1])


@pytest.fixture
def moderator(make_user):
    return make_user("mod", role=Role.MODERATOR)


def test_a_title_match_ranks_above_a_passing_mention(app, client, make_page, make_user):
    make_page("Budget planning", "Who pays for what. In passing, an architect is sometimes asked to help.\n")
    make_page("Infrastructure architect", "Designs the systems that the business runs on.\n")
    make_page("Service desk", "Answers the phone.\n")
    make_user("alice")
    comment_on(as_user(app, "alice"), "service-desk", "Ask an architect, I was told.")
    found = results(client, "architect")
    assert [hit["url"] for hit in found][0] == "/wiki/infrastructure-architect"
    assert {hit["url"] for hit in found} >= {"/wiki/budget-planning", "/wiki/infrastructure-architect"}
    assert "/wiki/service-desk" not in {hit["url"] for hit in found}  # the page does not say it; its comment does
    assert any(hit["kind"] == "comment" and hit["page"] == "service-desk" for hit in found)


def test_stemming_finds_other_forms_of_a_word(client, make_page):
    make_page("Roles", "Architects design. Managers are managing budgets.\n")
    for query in ("architect", "architects", "manager", "managers", "managing", "ARCHITECT"):
        assert urls(client, query) == ["/wiki/roles"], query


def test_all_words_are_required_and_phrases_keep_their_order(client, make_page):
    make_page("Tracks", "Careers follow two tracks, not one.\n")
    make_page("Other", "One track, and two reasons.\n")
    assert set(urls(client, "two tracks")) == {"/wiki/tracks", "/wiki/other"}
    assert urls(client, '"two tracks"') == ["/wiki/tracks"]
    assert urls(client, "tracks careers") == ["/wiki/tracks"]
    assert urls(client, "tracks nowhere") == []


def test_snippets_mark_the_matched_words(client, make_page):
    filler = "Words before the match. " * 40
    make_page("Long page", f"{filler}Here the <architects> meet & argue. {filler}\n")
    hit = results(client, "architect")[0]
    assert "architects" in hit["snippet"] and "<architects>" in hit["snippet"]  # plain text, as written
    assert len(hit["snippet"]) < 300 and hit["snippet"].startswith("…")
    html = client.get("/search", query_string={"q": "architect"}).get_data(as_text=True)
    assert "<mark>architects</mark>&gt; meet &amp; argue" in html
    assert 'class="kind kind-page"' in html and 'href="/wiki/long-page"' in html


def test_the_index_follows_edits_deletes_and_hiding(app, client, make_page, make_user, moderator):
    make_page("IT manager", "Runs the department.\n")
    make_user("alice")
    make_user("bob")
    make_user("carol")
    alice = as_user(app, "alice")
    assert save_page(alice, "it-manager", "Leads the glue team.\n").status_code == 303
    assert urls(client, "department") == []
    assert urls(client, "glue") == ["/wiki/it-manager"]

    comment = comment_on(alice, "it-manager", "A heated quibble.")
    assert urls(client, "quibble") == [f"/comments/{comment}"]
    edited = post_form(alice, f"/comments/{comment}/edit", {"body": "A mild remark.", **_base(app, comment)})
    assert edited.status_code == 303
    assert urls(client, "quibble") == [] and urls(client, "remark") == [f"/comments/{comment}"]

    for name in ("bob", "carol", "mod"):  # three flags hide it from everyone but moderators
        assert post_form(as_user(app, name), f"/comments/{comment}/flag", {"reason": "rude"}).status_code == 303
    assert urls(client, "remark") == []
    assert urls(as_user(app, "alice"), "remark") == []
    mod = as_user(app, "mod")
    assert urls(mod, "remark") == [f"/comments/{comment}"]
    assert "hidden" in mod.get("/search?q=remark").get_data(as_text=True)
    decided = post_form(mod, f"/moderation/decide/comment/{comment}", {"decision": "dismiss", "reason": "fine"})
    assert decided.status_code == 303
    assert urls(client, "remark") == [f"/comments/{comment}"]

    assert post_form(alice, f"/comments/{comment}/delete", {}).status_code == 303
    assert urls(client, "remark") == [] and urls(mod, "remark") == []


def _base(app, comment_id: int) -> dict:
    with app.app_context():
        from wiki.discussion.models import Comment

        return {"base_revision": str(db.session.get(Comment, comment_id).document.head_number)}


def test_definitions_are_found_and_removed_ones_are_not(app, client, make_page, make_user, make_definition, moderator):
    make_page("IT manager", kind="term")
    definition = make_definition("it-manager", make_user("author").id, "The interface with business sponsors.")
    found = results(client, "sponsors")
    assert [hit["url"] for hit in found] == [f"/definitions/{definition}"]
    assert found[0]["kind"] == "definition" and "IT manager" in found[0]["title"]
    assert urls(client, "sponsors", kind="page") == []
    make_user("a")
    post_form(as_user(app, "a"), f"/definitions/{definition}/flag", {"reason": "spam"})
    mod = as_user(app, "mod")
    post_form(mod, f"/moderation/decide/definition/{definition}", {"decision": "remove", "reason": "spam"})
    assert urls(client, "sponsors") == []
    assert urls(mod, "sponsors") == [f"/definitions/{definition}"]


def test_kinds_filter_and_results_come_a_page_at_a_time(app, client, make_page, make_user):
    make_page("Helpdesk", "The helpdesk answers.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    for number in range(23):
        comment_on(alice, "helpdesk", f"Helpdesk story number {number}.")
    first = client.get("/api/v1/search", query_string={"q": "helpdesk"}).json
    assert len(first["results"]) == 20 and first["next"]
    assert first["results"][0]["kind"] == "page"  # its title says it
    second = client.get(first["next"]).json
    assert len(second["results"]) == 4 and second["next"] is None
    assert {hit["url"] for hit in first["results"]}.isdisjoint(hit["url"] for hit in second["results"])
    assert client.get("/api/v1/search?q=helpdesk&page=3").status_code == 404
    assert all(hit["kind"] == "comment" for hit in results(client, "helpdesk", kind="comment"))
    assert len(results(client, "helpdesk", kind="page")) == 1
    html = client.get("/search?q=helpdesk").get_data(as_text=True)
    assert "More results" in html and "page=2" in html


def test_an_exact_title_offers_the_page(client, make_page):
    make_page("IT manager", "Mentions nothing else.\n")
    html = client.get("/search?q=IT+Manager").get_data(as_text=True)
    assert "Go to the page" in html and 'href="/wiki/it-manager"' in html
    assert "Go to the page" not in client.get("/search?q=manager").get_data(as_text=True)


def test_every_page_has_the_search_box(client, make_page):
    make_page("IT manager")
    for url in ("/", "/wiki/it-manager", "/wiki/it-manager/history", "/auth/login", "/search"):
        html = client.get(url).get_data(as_text=True)
        assert 'action="/search"' in html and 'name="q"' in html, url


def test_readers_get_kept_results_that_follow_every_change(app, client, make_page, make_user):
    make_page("Helpdesk", "The helpdesk answers.\n")
    first = client.get("/search?q=escalation")
    assert first.status_code == 200 and first.headers["ETag"] and "Nothing matches" in first.get_data(as_text=True)
    assert client.get("/search?q=escalation", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    make_user("alice")
    comment = comment_on(as_user(app, "alice"), "helpdesk", "Escalation paths matter.")
    again = client.get("/search?q=escalation", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and f"/comments/{comment}" in again.get_data(as_text=True)


def test_rebuilding_the_index_gives_what_the_changes_wrote(app, client, make_page, make_user):
    make_page("IT manager", "Runs the department.\n", "Runs the whole department.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    kept = comment_on(alice, "it-manager", "Departments vary.")
    gone = comment_on(alice, "it-manager", "Departed words.")
    post_form(alice, f"/comments/{gone}/delete", {})

    def entries():
        with app.app_context():
            rows = db.session.execute(
                db.select(SearchEntry.kind, SearchEntry.target_id, SearchEntry.revision_id, SearchEntry.body,
                          SearchEntry.title, SearchEntry.is_hidden).order_by(SearchEntry.kind, SearchEntry.target_id)
            ).all()  # fmt: skip
            return [tuple(row) for row in rows]

    written = entries()
    assert len(written) == 2
    with app.app_context():
        assert rebuild_index() == 2
        db.session.commit()
    assert entries() == written
    assert sorted(urls(client, "department")) == sorted(["/wiki/it-manager", f"/comments/{kept}"])  # not "Departed"


HOSTILE_QUERIES = [
    '"',
    '"""',
    '"two tracks',
    "two tracks\"",
    "*",
    "arch*",
    "NEAR(architect manager)",
    "architect NEAR manager",
    "-manager",
    "architect -manager",
    "architect OR manager",
    "OR",
    "AND NOT",
    "(architect",
    "architect)",
    "((((",
    "{title}: architect",
    "title:architect",
    "^architect",
    "architect:*",
    "!architect & manager | x",
    "'",
    "\\",
    "%",
    "_",
    "a" * 5000,
    "architect " * 1000,
    "x" * 10_000,
    "\x01\x02\x07\x1b[31m",
    "\u202e\u200b\ufeff",
    "🏗️ architect 👷",
    "ünïcödé árchitect",
    "Ω≈ç√∫˜µ≤≥÷",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda query: repr(query[:20]))
def test_hostile_queries_are_answered(client, make_page, query):
    make_page("Infrastructure architect", "An architect works with the manager.\n")
    for url in ("/search", "/api/v1/search"):
        response = client.get(url, query_string={"q": query})
        assert response.status_code in (200, 400), (url, response.status_code)
        if url == "/search":
            assert response.status_code == 200 and "Search" in response.get_data(as_text=True)


def test_a_query_that_cannot_be_run_says_why(client, make_page):
    make_page("IT manager")
    html = client.get("/search?q=the+of+and").get_data(as_text=True)
    assert "too common" in html
    assert "Type a word" in client.get("/search?q=%2A%2B%28").get_data(as_text=True)
    assert "first 16 words" in client.get("/search", query_string={"q": " ".join(f"w{n}" for n in range(30))}).text
    assert client.get("/api/v1/search?q=%22%2A").json["error"]["message"].startswith("Type a word")
    assert client.get("/api/v1/search").status_code == 400
    assert client.get("/search?q=x&kind=user").status_code == 400
    assert client.get("/search?q=x&page=0").status_code == 400
    assert client.get("/search", query_string={"q": "x" * 10_001}).status_code == 400


def test_every_naughty_string_is_a_safe_query(client, make_page):
    make_page("Infrastructure architect", "An architect works with the manager.\n")
    for line in BLNS:
        for url in ("/search", "/api/v1/search"):
            response = client.get(url, query_string={"q": line})
            assert response.status_code < 500, (line, url)
        assert "<script>alert" not in client.get("/search", query_string={"q": line}).get_data(as_text=True), line


def test_the_indexes_exist_in_each_database(app):
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").scalar()
            assert "fts5" in sql and "porter" in sql
        else:
            definition = connection.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_entries_document'"
            ).scalar()
            assert re.search(r"USING gin \(document\)", definition)


def test_the_search_index_command_rebuilds_the_index(app, client, make_page):
    make_page("IT manager", "Runs the department.\n")
    with app.app_context():
        db.session.execute(db.delete(SearchEntry))
        db.session.commit()
    assert urls(client, "department") == []
    result = app.test_cli_runner().invoke(args=["search-index"])
    assert result.exit_code == 0 and "Indexed 1 " in result.output
    assert urls(client, "department") == ["/wiki/it-manager"]


def test_a_common_word_scores_only_the_newest_matches_and_the_titles(app, client, make_page, make_user, monkeypatch):
    from wiki.search import query

    monkeypatch.setattr(query, "RANKED_MAX", 5)  # as if the wiki held thousands of matches
    make_page("Escalation", "How to escalate.\n")  # the oldest match, by its title
    make_page("Notes", "Escalation in passing.\n")  # an old match in the text only
    make_user("alice")
    alice = as_user(app, "alice")
    newest = [comment_on(alice, "notes", f"Escalation story {number}.") for number in range(8)]
    found = urls(client, "escalation")
    assert found[0] == "/wiki/escalation"
    assert set(found[1:]) == {f"/comments/{comment}" for comment in newest[-5:]}


def test_a_definition_is_credited_to_its_proposer_after_a_moderators_edit(app, client, make_page, make_user,
                                                                          make_definition):  # fmt: skip
    make_page("IT manager", kind="term")
    definition = make_definition("it-manager", make_user("author").id, "The interface with sponsors.")
    make_user("mod", role=Role.MODERATOR)
    mod = as_user(app, "mod")
    token = csrf_from(mod.get(f"/definitions/{definition}/edit").get_data(as_text=True))
    data = {"csrf_token": token, "body": "The interface with business sponsors.", "base_revision": "1"}
    assert mod.post(f"/definitions/{definition}/edit", data=data).status_code == 303
    assert results(client, "sponsors")[0]["title"] == "Definition of IT manager, proposed by author"
    with app.app_context():
        rebuild_index()
        db.session.commit()
    assert results(client, "sponsors")[0]["title"] == "Definition of IT manager, proposed by author"
