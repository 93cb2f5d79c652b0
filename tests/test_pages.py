"""Pages through HTTP: create, show, edit, preview, history, revisions, diff, revert, raw, conflicts, limits."""

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_from, edit_form, post_form, save_page
from wiki.extensions import db
from wiki.history.models import Revision
from wiki.pages.models import find_page


def revision_count(app, slug: str) -> int:
    with app.app_context():
        page = find_page(slug)
        if page is None:
            return 0
        return db.session.scalar(select(func.count()).where(Revision.document_id == page.document_id))


def create(client, slug: str, body: str, title: str = "Infrastructure architect", kind: str = "term"):
    html = client.get(f"/wiki/{slug}/edit").get_data(as_text=True)
    return client.post(
        f"/wiki/{slug}/edit",
        data={
            "csrf_token": csrf_from(html),
            "title": title,
            "kind": kind,
            "body": body,
            "summary": "first",
            "base_revision": "",
        },
    )


def test_member_creates_a_page_at_the_slug(client, member, app):
    response = create(client, "infrastructure-architect", "Designs the **infrastructure**.")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/wiki/infrastructure-architect")
    page = client.get("/wiki/infrastructure-architect").get_data(as_text=True)
    assert "<h1>Infrastructure architect</h1>" in page
    assert "<strong>infrastructure</strong>" in page
    assert "Term" in page
    assert revision_count(app, "infrastructure-architect") == 1


def test_creating_keeps_the_url_slug_and_the_free_text_title(client, member, app):
    assert create(client, "my-slug", "Body", title="A Completely Different Title!").status_code == 303
    with app.app_context():
        page = find_page("my-slug")
        assert page.title == "A Completely Different Title!"


def test_new_page_form_maps_title_to_slug(client, member):
    response = client.get("/new?title=Infrastructure+architect&kind=term")
    assert response.status_code == 303
    assert "/wiki/infrastructure-architect/edit" in response.headers["Location"]


@pytest.mark.parametrize(
    "title, message", [("", "Give the page a title"), ("   ", "Give the page a title"),
                       ("!!!", "at least one letter or digit"), ("x" * 121, "the limit is 120")]
)  # fmt: skip
def test_new_page_form_refuses_bad_titles(client, member, title, message):
    response = client.get("/new", query_string={"title": title})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_new_page_form_starts_empty(client, member):
    response = client.get("/new")
    assert response.status_code == 200 and 'name="title"' in response.get_data(as_text=True)


def test_missing_page_offers_creation_to_members_only(client, make_user, login):
    anonymous = client.get("/wiki/network-architect")
    assert anonymous.status_code == 404
    assert "Log in" in anonymous.get_data(as_text=True)
    assert 'href="/wiki/network-architect/edit"' not in anonymous.get_data(as_text=True)
    make_user("alice")
    login("alice")
    member_view = client.get("/wiki/network-architect")
    assert member_view.status_code == 404
    assert 'href="/wiki/network-architect/edit"' in member_view.get_data(as_text=True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_edit_redirects_to_login_with_next(client, make_page, method):
    make_page("IT manager")
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    response = client.open("/wiki/it-manager/edit", method=method.upper(), data={"csrf_token": token, "body": "x"})
    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert "%2Fwiki%2Fit-manager%2Fedit" in response.headers["Location"]


def test_edit_saves_a_new_revision(client, member, make_page, app):
    make_page("IT manager", "Line one.\n")
    response = save_page(client, "it-manager", "Line one.\nLine two.\n", summary="Add line two")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/wiki/it-manager")
    with app.app_context():
        head = find_page("it-manager").document.head
        assert (head.number, head.body, head.summary, head.author.username) == (
            2,
            "Line one.\nLine two.\n",
            "Add line two",
            "alice",
        )
        assert head.size == len(b"Line one.\nLine two.\n")
        assert "<p>Line one.\nLine two.</p>" in head.html


def test_an_edit_that_changes_nothing_records_nothing(client, member, make_page, app):
    make_page("IT manager", "Same text.\n")
    response = save_page(client, "it-manager", "Same text.\r\n")
    assert response.status_code == 303
    assert revision_count(app, "it-manager") == 1
    assert "nothing" in client.get("/wiki/it-manager").get_data(as_text=True).lower()


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_blank_body_is_refused_and_the_form_kept(client, member, make_page, app, body):
    make_page("IT manager")
    response = save_page(client, "it-manager", body, summary="my summary stays")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "cannot be blank" in html
    assert 'value="my summary stays"' in html
    assert revision_count(app, "it-manager") == 1


def test_too_long_title_is_refused_and_the_text_kept(client, member, app):
    html = client.get("/wiki/new-one/edit").get_data(as_text=True)
    response = client.post(
        "/wiki/new-one/edit",
        data={
            "csrf_token": csrf_from(html),
            "title": "t" * 121,
            "kind": "term",
            "body": "keep me please",
            "base_revision": "",
        },
    )
    assert response.status_code == 422
    assert "the limit is 120" in response.get_data(as_text=True)
    assert "keep me please" in response.get_data(as_text=True)
    assert revision_count(app, "new-one") == 0


def test_missing_title_when_creating_is_refused(client, member, app):
    html = client.get("/wiki/untitled/edit").get_data(as_text=True)
    response = client.post(
        "/wiki/untitled/edit", data={"csrf_token": csrf_from(html), "title": "  ", "body": "x", "base_revision": ""}
    )
    assert response.status_code == 422
    assert "Give the page a title" in response.get_data(as_text=True)


def test_unknown_kind_is_refused(client, member):
    html = client.get("/wiki/k/edit").get_data(as_text=True)
    response = client.post(
        "/wiki/k/edit", data={"csrf_token": csrf_from(html), "title": "K", "kind": "essay", "body": "x"}
    )
    assert response.status_code == 422


def test_body_over_the_limit_is_413_with_the_text_kept(client, member, make_page, app):
    make_page("IT manager")
    body = "é" * (110 * 1024)  # 220 KB in UTF-8, under the 1 MiB request limit
    response = save_page(client, "it-manager", body)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "the limit is 204,800 bytes" in html
    assert body in html
    assert revision_count(app, "it-manager") == 1


def test_request_over_max_content_length_is_a_friendly_413(client, member, make_page, app):
    make_page("IT manager")
    response = save_page(client, "it-manager", "x" * (2 * 1024 * 1024))
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)
    assert "too large" in response.get_data(as_text=True)
    assert revision_count(app, "it-manager") == 1


@pytest.mark.parametrize("base", ["abc", "-1", "99", "0"])
def test_bad_base_revision_is_refused(client, member, make_page, app, base):
    make_page("IT manager")
    response = save_page(client, "it-manager", "changed", base_revision=base)
    assert response.status_code == 422
    assert revision_count(app, "it-manager") == 1


def test_preview_without_javascript_renders_and_saves_nothing(client, member, make_page, app):
    make_page("IT manager")
    response = save_page(client, "it-manager", "# Preview *me*", preview="1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<h1 id="section-preview-me">Preview <em>me</em></h1>' in html
    assert "# Preview *me*" in html  # still in the editor
    assert revision_count(app, "it-manager") == 1


def test_live_preview_endpoint_renders_sanitized_html(client, member):
    token = csrf_from(client.get("/wiki/x/edit").get_data(as_text=True))
    response = client.post("/preview", data={"body": "**b** <script>x</script>"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json["html"] == "<p><strong>b</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
    assert client.post("/preview", data={"body": "x"}).status_code == 400  # no token


def test_live_preview_needs_login(client):
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))  # a valid token, so only the login is missing
    response = client.post("/preview", data={"body": "x", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login?next=")


def test_history_lists_every_revision_newest_first_with_size_change(client, make_page):
    make_page("IT manager", "one\n", "one two\n", "one\n")
    html = client.get("/wiki/it-manager/history").get_data(as_text=True)
    numbers = re.findall(r'href="/wiki/it-manager/revisions/(\d+)">#', html)
    assert numbers == ["3", "2", "1"]
    assert "+4" in html and "-4" in html
    assert 'name="from" value="2"' in html and 'name="to" value="3"' in html
    assert "writer" in html and "seeded by test" in html


def test_history_is_paginated(client, make_page):
    make_page("IT manager", *[f"version {n}\n" for n in range(1, 56)])
    first = client.get("/wiki/it-manager/history").get_data(as_text=True)
    second = client.get("/wiki/it-manager/history?page=2").get_data(as_text=True)
    assert len(re.findall(r"/revisions/\d+\">#", first)) == 50
    assert re.findall(r"/revisions/(\d+)\">#", second) == ["5", "4", "3", "2", "1"]
    assert "?page=2" in first
    assert client.get("/wiki/it-manager/history?page=zero").status_code == 400


def test_old_revision_is_rendered_and_marked_old(client, make_page):
    make_page("IT manager", "**first** text\n", "second text\n")
    html = client.get("/wiki/it-manager/revisions/1").get_data(as_text=True)
    assert "<strong>first</strong>" in html
    assert "This is an old revision" in html
    current = client.get("/wiki/it-manager/revisions/2").get_data(as_text=True)
    assert "This is an old revision" not in current
    assert client.get("/wiki/it-manager/revisions/3").status_code == 404
    assert client.get("/wiki/nope/revisions/1").status_code == 404


def test_diff_marks_words_and_folds_unchanged_context(client, make_page):
    lines = [f"Line {n} stays the same." for n in range(1, 21)]
    changed = list(lines)
    changed[9] = "Line 10 stays roughly the same."
    make_page("IT manager", "\n".join(lines) + "\n", "\n".join(changed) + "\n")
    html = client.get("/wiki/it-manager/diff?from=1&to=2").get_data(as_text=True)
    assert "<ins>roughly </ins>" in html
    assert "<del>stays</del>" not in html and "<ins>stays</ins>" not in html
    assert "6 unchanged lines" in html  # lines 1-6 folded, 7-9 shown as context
    assert "Line 1 stays" not in html
    assert "Line 7 stays the same." in html
    # Given the other way round, the diff still runs from the older revision to the newer.
    reversed_html = client.get("/wiki/it-manager/diff?from=2&to=1").get_data(as_text=True)
    table = re.compile(r'<table class="diff">.*?</table>', re.S)
    assert table.search(reversed_html).group(0) == table.search(html).group(0)


@pytest.mark.parametrize("query, status", [("", 400), ("?from=1", 400), ("?from=a&to=1", 400), ("?from=1&to=9", 404)])
def test_diff_refuses_bad_arguments(client, make_page, query, status):
    make_page("IT manager", "a\n", "b\n")
    assert client.get(f"/wiki/it-manager/diff{query}").status_code == status


def test_revert_saves_a_new_revision_equal_to_the_old(client, member, make_page, app):
    make_page("IT manager", "original\n", "vandalised\n")
    token = csrf_from(client.get("/wiki/it-manager/revisions/1").get_data(as_text=True))
    response = client.post("/wiki/it-manager/revert/1", data={"csrf_token": token})
    assert response.status_code == 303
    with app.app_context():
        head = find_page("it-manager").document.head
        assert (head.number, head.body, head.summary, head.author.username) == (
            3,
            "original\n",
            "Reverted to revision 1",
            "alice",
        )


def test_revert_refusals(client, make_page, member, app):
    make_page("IT manager", "a\n", "b\n")
    token = csrf_from(client.get("/wiki/it-manager").get_data(as_text=True))
    assert client.post("/wiki/it-manager/revert/9", data={"csrf_token": token}).status_code == 404
    assert client.post("/wiki/it-manager/revert/1").status_code == 400  # no CSRF token
    assert client.get("/wiki/it-manager/revert/1").status_code == 200  # the confirmation, which saves nothing
    assert revision_count(app, "it-manager") == 2


def test_anonymous_revert_redirects_to_login(client, make_page, app):
    make_page("IT manager", "a\n", "b\n")
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post("/wiki/it-manager/revert/1", data={"csrf_token": token})
    assert response.status_code in (302, 303)
    assert "/auth/login?next=" in response.headers["Location"]
    assert revision_count(app, "it-manager") == 2


def test_raw_returns_the_source_byte_for_byte(client, member, make_page):
    body = "# Title\n\n<b>raw & ünïcode</b>  \ttrailing\n\n\n"
    make_page("IT manager")
    save_page(client, "it-manager", body.replace("\n", "\r\n"))
    response = client.get("/wiki/it-manager/raw")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == body
    assert client.get("/wiki/missing/raw").status_code == 404


def test_home_lists_pages_recently_changed_first_with_excerpts(client, member, make_page):
    make_page("IT manager", "The IT manager is the glue of the department.\n")
    make_page("Solutions architect", "Straddles developer and architect roles.\n")
    save_page(client, "it-manager", "The IT manager talks to business sponsors.\n")
    html = client.get("/").get_data(as_text=True)
    assert html.index("IT manager") < html.index("Solutions architect")
    assert "talks to business sponsors" in html
    assert "Straddles developer and architect roles." in html
    # Discussion is not a change of the text: a comment does not move a page up the list; a save does.
    post_form(client, "/wiki/solutions-architect/comments", {"body": "A comment."}, "/wiki/solutions-architect")
    slugs = [page["slug"] for page in client.get("/api/v1/pages").json["pages"]]
    assert slugs == ["it-manager", "solutions-architect"]
    save_page(client, "solutions-architect", "Straddles developers, architects and the business.\n")
    slugs = [page["slug"] for page in client.get("/api/v1/pages").json["pages"]]
    assert slugs == ["solutions-architect", "it-manager"]


def test_non_canonical_slug_redirects(client, make_page):
    make_page("IT manager")
    response = client.get("/wiki/IT-Manager")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/wiki/it-manager")


# Edit conflicts.


def test_stale_edit_on_other_lines_is_merged(client, member, make_page, app):
    make_page("IT manager", "alpha\nbeta\ngamma\ndelta\n")
    stale = edit_form(client, "it-manager")
    assert save_page(client, "it-manager", "ALPHA\nbeta\ngamma\ndelta\n").status_code == 303
    response = client.post(
        "/wiki/it-manager/edit", data={**stale, "body": "alpha\nbeta\ngamma\nDELTA\n", "summary": "mine"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/wiki/it-manager")
    assert "merged" in client.get("/wiki/it-manager").get_data(as_text=True)
    with app.app_context():
        head = find_page("it-manager").document.head
        assert (head.number, head.body) == (3, "ALPHA\nbeta\ngamma\nDELTA\n")


def test_stale_edit_on_the_same_line_is_a_409_that_keeps_both(client, member, make_page, app):
    make_page("IT manager", "alpha\nbeta\ngamma\n")
    stale = edit_form(client, "it-manager")
    assert save_page(client, "it-manager", "alpha\nTHEIRS\ngamma\n").status_code == 303
    response = client.post("/wiki/it-manager/edit", data={**stale, "body": "alpha\nMINE\ngamma\n"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert "MINE" in textarea and "THEIRS" not in textarea
    assert '<mark class="differs">MINE</mark>' in html and '<mark class="differs">THEIRS</mark>' in html  # side by side
    assert 'name="base_revision" type="hidden" value="2"' in html
    assert revision_count(app, "it-manager") == 2
    # Saving again from the conflict page is a deliberate edit on top of theirs.
    retry = client.post(
        "/wiki/it-manager/edit", data={**edit_form(client, "it-manager"), "body": "alpha\nMINE\ngamma\n"}
    )
    assert retry.status_code == 303
    assert revision_count(app, "it-manager") == 3


def test_creating_a_page_someone_else_just_created_is_a_conflict(client, member, make_page, app):
    html = client.get("/wiki/it-manager/edit").get_data(as_text=True)
    make_page("IT manager", "their version\n")
    response = client.post(
        "/wiki/it-manager/edit",
        data={
            "csrf_token": csrf_from(html),
            "title": "IT manager",
            "kind": "term",
            "body": "my version\n",
            "base_revision": "",
        },
    )
    assert response.status_code == 409
    assert revision_count(app, "it-manager") == 1


def test_history_links_are_right_whatever_the_slug_holds(client, make_page):
    """Links were built by replacing a stand-in number across the whole URL, slug included (a 500 here)."""
    slug = make_page("Role 987654321 {0}", "one\n", "two\n")
    response = client.get(f"/wiki/{slug}/history")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'href="/wiki/{slug}/revisions/2"' in html and f'href="/wiki/{slug}/revisions/1"' in html
    assert f'href="/wiki/{slug}/diff?from=1&amp;to=2"' in html


@pytest.mark.parametrize("url", ["/?page=2", "/wiki/it-manager/history?page=2", "/wiki/it-manager/history?page=9999"])
def test_a_list_page_past_the_end_is_a_404(client, make_page, url):
    make_page("IT manager")
    assert client.get(url).status_code == 404


def test_a_diff_too_long_to_draw_whole_says_so(client, make_page):
    from wiki.diffing import MAX_ROWS

    old = "".join(f"old line {n}\n" for n in range(MAX_ROWS * 2))
    new = "".join(f"new line {n}\n" for n in range(MAX_ROWS * 2))
    make_page("IT manager", old, new)
    html = client.get("/wiki/it-manager/diff?from=1&to=2").get_data(as_text=True)
    assert html.count('<tr class="line') == MAX_ROWS
    assert f"from line {MAX_ROWS // 2 + 1:,} of the old text" in html and "too many to draw here" in html


def test_excerpts_are_worked_out_once_at_save_and_lists_parse_nothing(app, client, member, make_page, monkeypatch):
    """A list shows each page's stored excerpt: a page whose HTML is a megabyte of empty table cells costs a list
    nothing, and a save (or a revert) replaces the excerpt."""
    import wiki.rendering
    from wiki.pages.models import find_page

    wide = "|" + " |" * 2000 + "\n|" + "-|" * 2000 + "\n"  # 2,000 empty header cells
    make_page("Wide table", wide, kind="article")
    make_page("IT manager", "The glue of the IT department.\n")
    with app.app_context():
        assert find_page("it-manager").excerpt == "The glue of the IT department."
        assert find_page("wide-table").excerpt == ""
    parsed = []
    monkeypatch.setattr(wiki.rendering, "_excerpt", lambda *args: parsed.append(args) or "")
    html = client.get("/").get_data(as_text=True)
    assert "The glue of the IT department." in html and "Wide table" in html and parsed == []
    monkeypatch.undo()
    save_page(client, "it-manager", "Talks to the business sponsors.\n")
    assert "Talks to the business sponsors." in client.get("/").get_data(as_text=True)
    post_form(client, "/wiki/it-manager/revert/1", {})
    with app.app_context():
        assert find_page("it-manager").excerpt == "The glue of the IT department."


def markup_heavy(refused: bool) -> str:
    """Paragraphs of one letter, the densest markup there is: just under the renderer's limit, or just over it."""
    from wiki.rendering import rendering_refusal

    low, high = 1, 100_000  # paragraphs: find the most that are still rendered
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if rendering_refusal("a\n\n" * middle) is None else (low, middle - 1)
    return "a\n\n" * (low + 1 if refused else low)


def test_a_body_with_too_much_markup_is_refused_with_the_text_kept(client, member, make_page):
    make_page("IT manager")
    body = markup_heavy(refused=True)
    response = save_page(client, "it-manager", body)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "too much markup to render" in html and "the limit is" in html
    assert html.count("a\n\na\n\n") > 100  # the text is back in the editor
    token = edit_form(client, "it-manager")["csrf_token"]
    preview = client.post("/preview", data={"body": body, "csrf_token": token})
    assert preview.status_code == 422 and "too much markup" in preview.json["error"]
    assert save_page(client, "it-manager", markup_heavy(refused=False)).status_code == 303


def test_a_merge_with_too_much_markup_is_refused_not_a_500(client, member, make_page):
    """Each side alone is within the limit; merged, theirs and yours together are not."""
    half = markup_heavy(refused=False)[: len(markup_heavy(refused=False)) // 2 + 3]
    make_page("IT manager", "middle\n")
    start = edit_form(client, "it-manager")
    assert save_page(client, "it-manager", half + "middle\n").status_code == 303  # theirs, at the top
    response = client.post(
        "/wiki/it-manager/edit", data={**start, "body": "middle\n" + half, "summary": ""}
    )  # yours, at the bottom, from the old base
    assert response.status_code == 422
    assert "too much markup" in response.get_data(as_text=True)
