"""Threaded comments through HTTP: posting, nesting in HTML and JSON, permalinks, edits, soft delete, speed."""

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import event, func, select

from tests.conftest import as_user, csrf_from, post_form
from wiki.auth.models import Role, User
from wiki.discussion.models import Comment
from wiki.discussion.service import post_comment
from wiki.extensions import db
from wiki.pages.models import find_page


class CommentTree(HTMLParser):
    """Which comment element each comment element sits inside, as the browser would build it."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.parent_of: dict[int, int | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        element_id = dict(attrs).get("id") or ""
        match = re.fullmatch(r"comment-(\d+)", element_id)
        if match:
            enclosing = next((int(item) for item in reversed(self.stack) if item is not None), None)
            self.parent_of[int(match.group(1))] = enclosing
            self.stack.append(match.group(1))
        else:
            self.stack.append(None)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


def dom_parents(html: str) -> dict[int, int | None]:
    parser = CommentTree()
    parser.feed(html)
    return parser.parent_of


def comment(client, slug, body, parent_id=None):
    data = {"body": body}
    if parent_id is not None:
        data["parent_id"] = str(parent_id)
    return post_form(client, f"/wiki/{slug}/comments", data, token_from=f"/wiki/{slug}")


def posted_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return int(re.search(r"#comment-(\d+)$", response.headers["Location"]).group(1))


def comment_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Comment))


@pytest.fixture
def page(make_page):
    return make_page("Career tracks in infrastructure", "Two tracks?\n", kind="article")


def test_post_redirects_to_the_comment_anchor(client, member, page):
    response = comment(client, page, "I think there are **more** than two.")
    comment_id = posted_id(response)
    assert response.headers["Location"].endswith(f"/wiki/{page}#comment-{comment_id}")
    html = client.get(f"/wiki/{page}").get_data(as_text=True)
    assert f'id="comment-{comment_id}"' in html and "<strong>more</strong>" in html
    assert f'href="/comments/{comment_id}"' in html


def test_replies_nest_in_the_dom_and_in_json(client, member, page):
    root = posted_id(comment(client, page, "root"))
    reply = posted_id(comment(client, page, "reply", root))
    reply_of_reply = posted_id(comment(client, page, "reply of reply", reply))
    third = posted_id(comment(client, page, "reply of reply of reply", reply_of_reply))
    sibling = posted_id(comment(client, page, "second top-level"))
    parents = dom_parents(client.get(f"/wiki/{page}").get_data(as_text=True))
    assert parents == {root: None, reply: root, reply_of_reply: reply, third: reply_of_reply, sibling: None}
    tree = client.get(f"/api/v1/pages/{page}/comments").json["comments"]
    assert [node["id"] for node in tree] == [root, sibling]
    node = tree[0]
    for expected in (reply, reply_of_reply, third):
        assert len(node["replies"]) == 1
        node = node["replies"][0]
        assert node["id"] == expected
    assert node["body"] == "reply of reply of reply" and node["replies"] == []
    assert set(node) >= {"id", "author", "body", "html", "created_at", "edited", "deleted", "replies"}
    assert client.get(f"/api/v1/comments/{reply}").json["replies"][0]["id"] == reply_of_reply


@pytest.mark.parametrize(
    "body, parent, message",
    [
        ("", None, "cannot be blank"),
        ("   ", None, "cannot be blank"),
        ("x" * 10_001, None, "limit is 10,000"),
        ("reply", 999, "not in this discussion"),
        ("reply", "abc", "parent_id must be a comment number"),
    ],
)
def test_bad_comments_are_400_and_save_nothing(client, app, member, page, body, parent, message):
    before = comment_count(app)
    data = {"body": body} | ({"parent_id": str(parent)} if parent is not None else {})
    response = post_form(client, f"/wiki/{page}/comments", data, token_from=f"/wiki/{page}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    if body.strip():
        assert body in response.get_data(as_text=True)  # the text is kept
    assert comment_count(app) == before


def test_parent_from_another_discussion_is_refused(client, app, member, page, make_page):
    other = make_page("IT manager", kind="term")
    foreign = posted_id(comment(client, other, "elsewhere"))
    response = comment(client, page, "sneaky reply", foreign)
    assert response.status_code == 400
    assert comment_count(app) == 1


def test_anonymous_cannot_comment(client, app, page):
    response = post_form(client, f"/wiki/{page}/comments", {"body": "hi"}, token_from="/auth/login")
    assert response.status_code in (302, 303) and "/auth/login?next=" in response.headers["Location"]
    assert comment_count(app) == 0


def test_definition_discussions(client, member, make_page, make_definition, make_user):
    term = make_page("IT manager", kind="term")
    definition = make_definition(term, make_user("owner").id)
    data = {"body": "On the definition"}
    response = post_form(client, f"/definitions/{definition}/comments", data, token_from=f"/definitions/{definition}")
    comment_id = posted_id(response)
    assert response.headers["Location"].endswith(f"/definitions/{definition}#comment-{comment_id}")
    assert f'id="comment-{comment_id}"' in client.get(f"/definitions/{definition}").get_data(as_text=True)
    assert client.get(f"/api/v1/definitions/{definition}/comments").json["comments"][0]["id"] == comment_id
    assert client.get(f"/api/v1/pages/{term}/comments").json["comments"] == []


def test_permalink_shows_ancestors_and_replies(client, member, page):
    root = posted_id(comment(client, page, "the root"))
    middle = posted_id(comment(client, page, "the middle", root))
    leaf = posted_id(comment(client, page, "the leaf", middle))
    unrelated = posted_id(comment(client, page, "unrelated"))
    html = client.get(f"/comments/{middle}").get_data(as_text=True)
    assert "the root" in html and "the middle" in html and "the leaf" in html and "unrelated" not in html
    assert dom_parents(html) == {middle: None, leaf: middle}
    assert f'id="ancestor-{root}"' in html
    assert client.get(f"/comments/{unrelated + 1}").status_code == 404


def test_edit_keeps_every_version(client, member, page):
    comment_id = posted_id(comment(client, page, "First wording."))
    html = client.get(f"/comments/{comment_id}/edit").get_data(as_text=True)
    response = client.post(
        f"/comments/{comment_id}/edit",
        data={"csrf_token": csrf_from(html), "body": "Second wording.", "base_revision": "1"},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#comment-{comment_id}")
    page_html = client.get(f"/wiki/{page}").get_data(as_text=True)
    assert "Second wording." in page_html and "First wording." not in page_html
    assert f'href="/comments/{comment_id}/history">edited</a>' in page_html
    history = client.get(f"/comments/{comment_id}/history").get_data(as_text=True)
    assert f"/comments/{comment_id}/revisions/1" in history and f"/comments/{comment_id}/revisions/2" in history
    assert "First wording." in client.get(f"/comments/{comment_id}/revisions/1").get_data(as_text=True)
    assert "<ins>Second</ins>" in client.get(f"/comments/{comment_id}/diff?from=1&to=2").get_data(as_text=True)
    assert client.get(f"/api/v1/comments/{comment_id}").json["edited"] is True
    stale = client.post(
        f"/comments/{comment_id}/edit", data={"csrf_token": csrf_from(html), "body": "Third.", "base_revision": "1"}
    )
    assert stale.status_code == 409
    blank = client.post(
        f"/comments/{comment_id}/edit", data={"csrf_token": csrf_from(html), "body": "", "base_revision": "2"}
    )
    assert blank.status_code == 400


def test_only_author_and_moderators_edit_or_delete(client, app, page, make_user, login):
    make_user("alice")
    login("alice")
    comment_id = posted_id(comment(client, page, "alice's point"))
    token = csrf_from(client.get("/").get_data(as_text=True))
    client.post("/auth/logout", data={"csrf_token": token})
    make_user("bob")
    login("bob")
    token = csrf_from(client.get("/").get_data(as_text=True))
    assert client.get(f"/comments/{comment_id}/edit").status_code == 403
    assert (
        client.post(f"/comments/{comment_id}/edit", data={"csrf_token": token, "body": "bob was here"}).status_code
        == 403
    )
    assert client.post(f"/comments/{comment_id}/delete", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/api/v1/comments/{comment_id}").json["body"] == "alice's point"
    client.post("/auth/logout", data={"csrf_token": token})
    make_user("mod", role=Role.MODERATOR)
    login("mod")
    html = client.get(f"/comments/{comment_id}/edit").get_data(as_text=True)
    moderated = client.post(
        f"/comments/{comment_id}/edit",
        data={"csrf_token": csrf_from(html), "body": "[moderated]", "base_revision": "1"},
    )
    assert moderated.status_code == 303
    assert client.post(f"/comments/{comment_id}/delete", data={"csrf_token": csrf_from(html)}).status_code == 303
    assert client.get(f"/api/v1/comments/{comment_id}").json["deleted"] is True


def test_soft_delete_keeps_replies_and_hides_history_from_members(client, app, member, page, make_user, login):
    parent = posted_id(comment(client, page, "Regrettable opinion."))
    child = posted_id(comment(client, page, "A reply that stays.", parent))
    assert post_form(client, f"/comments/{parent}/delete", {}).status_code == 303
    html = client.get(f"/wiki/{page}").get_data(as_text=True)
    assert "Regrettable opinion." not in html and "This comment was deleted." in html
    assert dom_parents(html) == {parent: None, child: parent}
    assert "A reply that stays." in html
    node = client.get(f"/api/v1/pages/{page}/comments").json["comments"][0]
    assert (node["deleted"], node["body"], node["html"], node["author"]) == (True, "", "", None)
    assert node["replies"][0]["body"] == "A reply that stays."
    assert client.get(f"/comments/{parent}/history").status_code == 403
    assert client.get(f"/comments/{parent}/revisions/1").status_code == 403
    assert comment(client, page, "reply to the deleted", parent).status_code == 400
    client.post("/auth/logout", data={"csrf_token": csrf_from(html)})
    make_user("mod", role=Role.MODERATOR)
    login("mod")
    assert "Regrettable opinion." in client.get(f"/comments/{parent}/revisions/1").get_data(as_text=True)


def test_sort_newest_first(client, member, page):
    first = posted_id(comment(client, page, "first"))
    second = posted_id(comment(client, page, "second"))
    oldest = client.get(f"/wiki/{page}").get_data(as_text=True)
    newest = client.get(f"/wiki/{page}?sort=newest").get_data(as_text=True)
    assert oldest.index(f'id="comment-{first}"') < oldest.index(f'id="comment-{second}"')
    assert newest.index(f'id="comment-{second}"') < newest.index(f'id="comment-{first}"')


def test_deep_threads_collapse_in_html_but_not_in_data(client, app, member, page):
    parent = None
    ids = []
    for depth in range(14):
        parent = posted_id(comment(client, page, f"depth {depth}", parent))
        ids.append(parent)
    html = client.get(f"/wiki/{page}").get_data(as_text=True)
    assert f'id="comment-{ids[9]}"' in html and f'id="comment-{ids[10]}"' not in html
    assert f'href="/comments/{ids[9]}">Continue this thread' in html
    assert dom_parents(html)[ids[9]] == ids[8]
    continued = client.get(f"/comments/{ids[9]}").get_data(as_text=True)
    assert f'id="comment-{ids[13]}"' in continued
    node = client.get(f"/api/v1/pages/{page}/comments").json["comments"][0]
    depth = 0
    while node["replies"]:
        node, depth = node["replies"][0], depth + 1
    assert depth == 13


def test_a_big_discussion_renders_with_a_constant_number_of_queries(app, client, make_page, make_user, make_definition):
    term = make_page("Infrastructure architect", kind="term")
    author_ids = [make_user(f"writer{n}").id for n in range(5)]
    for number in range(3):
        make_definition(term, author_ids[number], f"Definition {number}")

    def add_comments(count: int) -> None:
        with app.app_context():
            page = find_page(term)
            authors = [db.session.get(User, author_id) for author_id in author_ids]
            parent = None
            for number in range(count):
                parent = post_comment(page, f"Comment {number}", authors[number % 5], parent if number % 3 else None)
            db.session.commit()

    def queries_for_page_view() -> int:
        with app.app_context():
            statements = []
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                assert client.get(f"/wiki/{term}").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            return len([sql for sql in statements if not sql.startswith("BEGIN")])  # SQLite's, issued by us

    add_comments(5)
    small = queries_for_page_view()
    add_comments(495)  # changes the thread, so the next view renders it afresh
    large = queries_for_page_view()
    assert large == small, (small, large)
    assert large <= 7, large
    cached = queries_for_page_view()  # anonymous readers now get the kept rendering of the whole page
    assert cached == 1  # the page's newest change, nothing else
    html = client.get(f"/wiki/{term}").get_data(as_text=True)
    assert html.count('class="comment depth-') == 500


def test_readers_never_see_a_stale_cached_thread(app, client, member, page, make_user):
    reader = app.test_client()
    first = posted_id(comment(client, page, "First version."))
    assert "First version." in reader.get(f"/wiki/{page}").get_data(as_text=True)  # now cached
    posted_id(comment(client, page, "A new reply.", first))
    assert "A new reply." in reader.get(f"/wiki/{page}").get_data(as_text=True)
    html = client.get(f"/comments/{first}/edit").get_data(as_text=True)
    client.post(
        f"/comments/{first}/edit", data={"csrf_token": csrf_from(html), "body": "Edited.", "base_revision": "1"}
    )
    seen = reader.get(f"/wiki/{page}").get_data(as_text=True)
    assert "Edited." in seen and "First version." not in seen
    post_form(client, f"/comments/{first}/delete", {})
    assert "This comment was deleted." in reader.get(f"/wiki/{page}").get_data(as_text=True)
    assert "Set-Cookie" not in reader.get(f"/wiki/{page}").headers  # readers get no session


def controls_of(html: str, comment_id: int) -> str:
    """One comment's own part of the page: up to where its replies begin."""
    return html.split(f'id="comment-{comment_id}"', 1)[1].split('<div class="replies">', 1)[0]


def test_one_kept_thread_shows_each_member_their_own_controls(app, make_page, make_user):
    """Members share a kept rendering of the thread; edit, delete, flag and the CSRF token are each viewer's."""
    slug = make_page("IT manager")
    for name in ("alice", "bob"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    clients = {name: as_user(app, name) for name in ("alice", "bob", "mod")}
    alices = posted_id(comment(clients["alice"], slug, "Alice's point."))
    bobs = posted_id(comment(clients["bob"], slug, "Bob's reply.", alices))
    pages = {name: client.get(f"/wiki/{slug}").get_data(as_text=True) for name, client in clients.items()}

    def controls(viewer: str, comment_id: int) -> set[str]:
        part = controls_of(pages[viewer], comment_id)
        found = {"edit": f"/comments/{comment_id}/edit", "delete": f"/comments/{comment_id}/delete",
                 "flag": f"/comments/{comment_id}/flag", "reply": f'name="parent_id" value="{comment_id}"'}  # fmt: skip
        return {name for name, marker in found.items() if marker in part}

    assert controls("alice", alices) == {"edit", "delete", "reply"}
    assert controls("alice", bobs) == {"flag", "reply"}
    assert controls("bob", alices) == {"flag", "reply"}
    assert controls("bob", bobs) == {"edit", "delete", "reply"}
    assert controls("mod", alices) == controls("mod", bobs) == {"edit", "delete", "flag", "reply"}
    # Every form on a member's page carries that member's token, and a reply posted with it is accepted.
    for name, html in pages.items():
        tokens = set(re.findall(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html))
        assert len(tokens) == 1, (name, tokens)
    assert pages["alice"].count(csrf_from(pages["alice"])) >= 5
    response = clients["bob"].post(
        f"/wiki/{slug}/comments",
        data={"body": "Again.", "parent_id": str(alices), "csrf_token": csrf_from(pages["bob"])},
    )
    assert posted_id(response)
    # A comment hidden by flags: moderators still read it, members see the notice.
    for name in ("carol", "dave", "erin"):
        make_user(name)
        flagger = as_user(app, name)
        token = csrf_from(flagger.get(f"/wiki/{slug}").get_data(as_text=True))
        flag_response = flagger.post(f"/comments/{alices}/flag", data={"csrf_token": token, "reason": "Rude."})
        assert flag_response.status_code in (302, 303)
    assert "Alice's point." in clients["mod"].get(f"/wiki/{slug}").get_data(as_text=True)
    assert "Alice's point." not in clients["bob"].get(f"/wiki/{slug}").get_data(as_text=True)


def test_no_viewers_token_or_controls_reach_another_viewer(app, make_page, make_user):
    """Kept parts of a thread are the same for everyone; what is one viewer's is drawn for them alone."""
    slug = make_page("IT manager")
    for name in ("alice", "bob"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    alice, bob, mod, reader = as_user(app, "alice"), as_user(app, "bob"), as_user(app, "mod"), app.test_client()
    alices = posted_id(comment(alice, slug, "Alice's point."))
    seen = {}
    for name, viewer in (("alice", alice), ("mod", mod), ("bob", bob), ("reader", reader), ("alice again", alice)):
        seen[name] = viewer.get(f"/wiki/{slug}").get_data(as_text=True)  # each after the others filled the caches
    tokens = {name: set(re.findall(r'name="csrf_token" value="([^"]+)"', html)) for name, html in seen.items()}
    # Each member's page has one token (signed with the time, so it may read differently from second to second).
    assert len(tokens["alice"]) == len(tokens["bob"]) == len(tokens["mod"]) == len(tokens["alice again"]) == 1
    for name, html in seen.items():
        for other, others_tokens in tokens.items():
            if other.split()[0] != name.split()[0]:
                assert not any(token in html for token in others_tokens), (name, other)
    assert tokens["reader"] == set() and "csrf_token" not in seen["reader"]
    edit_link = f"/comments/{alices}/edit"
    assert edit_link in seen["alice"] and edit_link in seen["mod"]
    assert edit_link not in seen["bob"] and edit_link not in seen["reader"]
    assert f"/comments/{alices}/flag" in seen["bob"] and f"/comments/{alices}/flag" not in seen["alice"]
    assert 'name="parent_id"' not in seen["reader"] and "Alice's point." in seen["reader"]


def test_kept_fragments_are_rendered_where_no_token_or_viewer_can_be_reached(app):
    """The environment kept parts are rendered in has no csrf_token, current_user, request or session: a
    template there that reached for one would fail, not quietly render one viewer's."""
    from jinja2 import UndefinedError

    from wiki.discussion.thread import fragment_environment

    with app.test_request_context("/"):
        environment = fragment_environment()
        for name in ("csrf_token()", "current_user.id", "request.path", "session.keys()", "may_moderate()", "g.x"):
            with pytest.raises(UndefinedError):
                environment.from_string("{{ " + name + " }}").render()
        assert environment.from_string("{{ url_for('pages.home') }}").render() == "/"


def test_after_a_new_comment_only_that_comment_is_rendered_again(app, client, member, page):
    """Each comment's element is kept under its current revision: a new comment changes the page's version, and
    the thread is put together again from the others' kept elements plus the new one's."""
    for number in range(3):
        posted_id(comment(client, page, f"Comment {number}."))
    reader = app.test_client()
    assert "Comment 2." in reader.get(f"/wiki/{page}").get_data(as_text=True)
    cache = app.extensions["render_caches"]["comments"]
    rendered, keep = [], cache.put
    cache.put = lambda key, value: (rendered.append(key), keep(key, value))
    newest = posted_id(comment(client, page, "Comment 3."))
    assert "Comment 3." in reader.get(f"/wiki/{page}").get_data(as_text=True)
    assert [key[0] for key in rendered] == [newest]
    edited = client.get(f"/comments/{newest}/edit").get_data(as_text=True)
    form = {"csrf_token": csrf_from(edited), "body": "Three.", "base_revision": "1"}
    assert client.post(f"/comments/{newest}/edit", data=form).status_code == 303
    assert "Three." in reader.get(f"/wiki/{page}").get_data(as_text=True)  # a new revision: a new key
    assert [key[0] for key in rendered] == [newest, newest]
