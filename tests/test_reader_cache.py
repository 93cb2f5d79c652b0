"""Readers who are not logged in get kept renderings (wiki/caching.py), and never a stale one.

Each test first proves the cache is really serving (a change made behind the app's back, in raw SQL that
bumps nothing, stays unseen), then that every change made through the app reaches the reader at once.
"""

import pytest
from sqlalchemy import text

from tests.conftest import as_user, csrf_token, post_form, save_page
from wiki.auth.models import Role
from wiki.caching import PUBLIC_CACHE_CONTROL
from wiki.changes import Version
from wiki.extensions import db, utcnow

PAGE_VIEWS = ["/", "/wiki/it-manager", "/wiki/it-manager?sort=newest", "/wiki/it-manager/history",
              "/wiki/it-manager/diff?from=1&to=2", "/wiki/it-manager/revisions/1"]  # fmt: skip


def seen(reader, url: str) -> str:
    response = reader.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def rewrite_behind_the_apps_back(app, old: str, new: str) -> None:
    """Change every stored rendering without telling the app: only a fresh rendering would show it."""
    with app.app_context():
        db.session.execute(text("UPDATE revisions SET html = REPLACE(html, :old, :new)"), {"old": old, "new": new})
        db.session.commit()


@pytest.fixture
def page(make_page):
    return make_page("IT manager", "Runs the IT department.\n", "Runs the IT department and its budget.\n")


def test_readers_get_kept_renderings_until_the_page_changes(app, client, page, make_user):
    for url in PAGE_VIEWS:
        seen(client, url)
    rewrite_behind_the_apps_back(app, "department", "SNEAKY")
    for url in PAGE_VIEWS:
        assert "SNEAKY" not in seen(client, url), url  # served from memory
    # Arguments a view does not read are answered afresh, so junk cannot crowd the cache.
    assert "SNEAKY" in seen(client, "/wiki/it-manager?utm_source=junk")
    assert "SNEAKY" in seen(client, "/wiki/it-manager?sort=newest&sort=oldest")
    make_user("alice")
    alice = as_user(app, "alice")
    assert save_page(alice, page, "Runs the IT department, its budget and its people.\n").status_code == 303
    assert "its people" in seen(client, "/wiki/it-manager")
    assert "its people" in seen(client, "/")
    created = save_page(alice, "network-architect", "Designs networks.\n", title="Network architect", kind="term")
    assert created.status_code == 303 and "Network architect" in seen(client, "/")
    assert "SNEAKY" in seen(client, "/wiki/it-manager/revisions/1")  # rendered afresh after the change
    assert "3 revisions" in seen(client, "/wiki/it-manager/history")
    # Responses from memory carry the same headers as fresh ones, and start no session.
    response = client.get("/wiki/it-manager")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers


def test_members_and_messages_are_never_served_from_the_cache(app, client, page, make_user):
    make_user("alice")
    member = as_user(app, "alice")
    seen(client, "/wiki/it-manager")  # kept for readers
    html = seen(member, "/wiki/it-manager")
    assert "Post comment" in html and 'name="csrf_token"' in html
    assert 'name="csrf_token"' not in seen(client, "/wiki/it-manager")
    # A message waiting in a reader's session is shown once, and never kept for the other readers.
    member.post("/auth/logout", data={"csrf_token": csrf_token(member, "/wiki/it-manager")})
    assert "Logged out." in seen(member, "/")
    member.post("/auth/logout", data={"csrf_token": csrf_token(member, "/auth/login")})
    assert "Logged out." in seen(member, "/wiki/it-manager")
    assert "Logged out." not in seen(client, "/wiki/it-manager")
    assert "Logged out." not in seen(app.test_client(), "/wiki/it-manager")


def test_every_kind_of_change_reaches_readers_at_once(app, client, page, make_user):
    for name in ("alice", "bob", "a", "b", "c"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    alice, bob, mod = as_user(app, "alice"), as_user(app, "bob"), as_user(app, "mod")

    def reader_sees(action, urls: list[str], text: str, appears: bool = True):
        """The reader has each URL in the cache without `text` (or with it), the action runs, then the opposite."""
        for url in urls:
            assert (text in seen(client, url)) != appears, (url, text, "before")
            assert (text in seen(client, url)) != appears, (url, text, "from memory")
        result = action()
        for url in urls:
            assert (text in seen(client, url)) == appears, (url, text, "after")
        return result

    def post(member, url: str, data: dict | None = None):
        response = post_form(member, url, data or {})
        assert response.status_code == 303, (url, response.status_code)
        return response.headers["Location"]

    location = reader_sees(
        lambda: post(alice, "/wiki/it-manager/definitions", {"body": "The person who owns the IT budget."}),
        ["/wiki/it-manager"], "owns the IT budget",
    )  # fmt: skip
    definition = f"/definitions/{int(location.rsplit('/', 1)[1])}"
    reader_sees(lambda: post(bob, f"{definition}/stance", {"stance": "endorse", "reason": ""}),
                ["/wiki/it-manager", definition], "1 endorsement")  # fmt: skip
    location = reader_sees(lambda: post(bob, f"{definition}/comments", {"body": "Budget is only half of it."}),
                           [definition], "Budget is only half of it.")  # fmt: skip
    reply = int(location.rsplit("-", 1)[1])
    reader_sees(lambda: post(bob, f"/comments/{reply}/delete"), [definition], "Budget is only half of it.", False)

    location = reader_sees(lambda: post(bob, "/wiki/it-manager/comments", {"body": "Nasty words."}),
                           ["/wiki/it-manager"], "Nasty words.")  # fmt: skip
    comment = int(location.rsplit("-", 1)[1])
    post(as_user(app, "a"), f"/comments/{comment}/flag", {"reason": "abusive"})
    post(as_user(app, "b"), f"/comments/{comment}/flag", {"reason": "abusive"})
    reader_sees(lambda: post(as_user(app, "c"), f"/comments/{comment}/flag", {"reason": "abusive"}),
                ["/wiki/it-manager"], "Nasty words.", False)  # fmt: skip

    def edit_definition():
        html = alice.get(f"{definition}/edit").get_data(as_text=True)
        base = html.split('name="base_revision"')[1].split('value="')[1].split('"')[0]
        return post(alice, f"{definition}/edit", {"body": "The person who owns the IT budget and staff.",
                                                  "base_revision": base})  # fmt: skip

    reader_sees(edit_definition, ["/wiki/it-manager", definition], "budget and staff")
    reader_sees(lambda: post(alice, f"{definition}/withdraw"), ["/wiki/it-manager", definition], "withdrawn-badge")
    reader_sees(lambda: post(mod, f"{definition}/lock", {"reason": "dispute"}), [definition], "locked-badge")
    reader_sees(lambda: post(mod, "/wiki/it-manager/lock", {"reason": "edit war"}),
                ["/wiki/it-manager", "/wiki/it-manager/history"], "Only moderators can edit this page")  # fmt: skip

    with app.app_context():
        first = db.session.execute(text("SELECT id FROM revisions ORDER BY id LIMIT 1")).scalar_one()
    reader_sees(lambda: post(mod, f"/moderation/revisions/{first}/hide", {"reason": "libel"}),
                ["/wiki/it-manager/history"], "text hidden")  # fmt: skip
    hidden = client.get("/wiki/it-manager/revisions/1")
    assert hidden.status_code == 403 and "Runs the IT department." not in hidden.get_data(as_text=True)


def test_a_change_through_another_app_server_reaches_readers_at_once(app, make_app, make_page, make_user):
    other_server = make_app()  # another process's memory, the same database
    make_page("IT manager", "First words.\n")
    make_user("alice")
    reader = other_server.test_client()
    assert "First words." in seen(reader, "/wiki/it-manager")
    assert save_page(as_user(app, "alice"), "it-manager", "Second words.\n").status_code == 303
    assert "Second words." in seen(reader, "/wiki/it-manager")


def test_the_cache_can_be_turned_off(app, make_app, make_page):
    uncached = make_app(READER_CACHE_SECONDS=0)
    make_page("IT manager", "Runs the IT department.\n")
    reader = uncached.test_client()
    assert "department" in seen(reader, "/wiki/it-manager")
    rewrite_behind_the_apps_back(uncached, "department", "SNEAKY")
    assert "SNEAKY" in seen(reader, "/wiki/it-manager")


def test_equivalent_requests_share_one_kept_rendering_and_junk_values_are_not_kept(
    app, client, page, make_user, make_definition
):
    definition = make_definition(page, make_user("alice").id, "Owns the department's budget.")
    for url in (f"/definitions/{definition}", "/wiki/it-manager/history?page=1", "/wiki/it-manager?sort=newest"):
        seen(client, url)
    rewrite_behind_the_apps_back(app, "department", "SNEAKY")
    # The same request spelled otherwise is served the kept rendering: one entry, not one per spelling.
    for url in (f"/definitions/00{definition}", "/wiki/it-manager/history?page=01", "/wiki/it-manager?sort=newest"):
        assert "SNEAKY" not in seen(client, url), url
    # A value that means nothing to the view is answered afresh, so it cannot fill the cache.
    assert "SNEAKY" in seen(client, "/wiki/it-manager?sort=junk")
    assert client.get("/wiki/it-manager/history?page=1x").status_code == 400


def test_kept_responses_keep_the_headers_their_view_set(make_app):
    from wiki.caching import cached_for_readers

    app = make_app()
    renderings = []
    version = Version(1, utcnow())

    @app.get("/probe/<int:number>")
    @cached_for_readers(lambda number: version)
    def probe(number: int):
        renderings.append(number)
        return f"<p>{number}</p>", 200, {"Vary": "Accept-Language", "X-Probe": "kept", "Content-Language": "en"}

    client = app.test_client()
    fresh, kept = client.get("/probe/7"), client.get("/probe/07")
    assert renderings == [7]  # the second came from memory
    for name in ("Vary", "X-Probe", "Content-Language", "Content-Type", "Content-Security-Policy"):
        assert kept.headers.get(name) == fresh.headers.get(name), name
    assert "Accept-Language" in kept.headers["Vary"]
    assert kept.get_data() == fresh.get_data()


def test_the_cache_counts_the_bytes_it_holds_keys_included():
    from wiki.caching import RenderCache

    cache = RenderCache(max_bytes=20_000, seconds=60)
    cache.put(("key", "k" * 21_000), "small value")
    assert cache.get(("key", "k" * 21_000)) is None  # the key alone is over the limit: not kept
    cache.put("wide", "€" * 9_000)  # 9,000 characters, but about 18 KB as Python holds them
    cache.put("more", "€" * 9_000)
    assert [cache.get(name) is not None for name in ("wide", "more")] == [False, True]  # only one fits
    cache.put("ascii", "a" * 1_000)
    assert cache.get("ascii") is not None


def test_anonymous_reads_revalidate_with_etags_and_answer_304_until_a_change(app, client, page, make_user):
    """Browsers and shared caches may keep what readers see, and ask the server each time: a 304 while nothing
    it shows has changed, the new page at once after any change (here a comment, then a stance)."""
    first = client.get("/wiki/it-manager")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('W/"') and first.headers["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert "Cookie" in first.headers["Vary"]
    again = client.get("/wiki/it-manager", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert client.get("/wiki/it-manager", headers={"If-Modified-Since": modified}).status_code == 304
    # Another URL has another tag, so one page's 304 never answers for another.
    assert client.get("/wiki/it-manager/history").headers["ETag"] != etag
    make_user("alice")
    alice = as_user(app, "alice")
    post_form(alice, "/wiki/it-manager/comments", {"body": "Budgets matter."})
    after = client.get("/wiki/it-manager", headers={"If-None-Match": etag})
    assert after.status_code == 200 and "Budgets matter." in after.get_data(as_text=True)
    assert after.headers["ETag"] != etag
    assert client.get("/wiki/it-manager", headers={"If-None-Match": after.headers["ETag"]}).status_code == 304


def test_members_pages_carry_no_public_caching(app, client, page, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    anonymous = client.get("/wiki/it-manager")
    response = alice.get("/wiki/it-manager", headers={"If-None-Match": anonymous.headers["ETag"]})
    assert response.status_code == 200  # a member never gets a reader's 304
    assert response.headers["Cache-Control"] == "private, no-store" and "ETag" not in response.headers


def test_etags_change_with_the_code(app, client, page):
    """A new release (templates, code, static files) must not be answered with 304 for an old rendering."""
    etag = client.get("/wiki/it-manager").headers["ETag"]
    app.extensions["build_id"] = "another-release"
    response = client.get("/wiki/it-manager", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
