"""Tags, on both databases: kept in the page's text with each revision (so history, diff and revert show them),
checked, listed per tag and on the home page."""

import pytest

from tests.conftest import as_user, edit_form, post_form, save_page
from wiki.frontmatter import Fields, join, split


def test_tags_are_kept_above_the_markdown_and_only_a_valid_block_counts():
    assert join(Fields(tags=("leadership", "it")), "Body.\n") == "---\ntags: leadership, it\n---\nBody.\n"
    assert join(Fields(), "Body.\n") == "Body.\n"
    assert split("---\ntags: a, b\n---\nBody.\n") == (Fields(tags=("a", "b")), "Body.\n")
    for text in ("---\ntitle: x\n---\nBody", "---\ntags: Not A Tag!\n---\nBody", "---\ntags: a\nBody",
                 "--- \ntags: a\n---\n", "---\ntags: a\ntags: b\n---\n", "Body\n---\ntags: a\n---\n"):  # fmt: skip
        assert split(text) == (Fields(), text), text
    assert split("---\n" + "tags: a\n" + "x" * 5000 + "\n---\n")[0] == Fields()  # the block is short or not there


def test_a_page_keeps_its_tags_with_each_revision(app, client, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    created = save_page(alice, "it-manager", "The glue.\n", title="IT manager", kind="term",
                        tags="Management-Track,  leadership, leadership")  # fmt: skip
    assert created.status_code == 303
    page = client.get("/wiki/it-manager").get_data(as_text=True)
    assert 'href="/tags/management-track"' in page and 'href="/tags/leadership"' in page
    assert "tags:" not in page  # the fields are not part of the prose
    saved = client.get("/api/v1/pages/it-manager").json["body"]
    assert saved == "---\ntags: management-track, leadership\n---\nThe glue.\n"
    editor = alice.get("/wiki/it-manager/edit").get_data(as_text=True)
    assert 'value="management-track, leadership"' in editor and "---" not in editor.split("<textarea")[1][:200]

    assert save_page(alice, "it-manager", "The glue.\n", tags="leadership, operations").status_code == 303
    diff = client.get("/wiki/it-manager/diff?from=1&to=2").get_data(as_text=True)
    assert "management-track" in diff and "operations" in diff
    assert "/tags/operations" in client.get("/wiki/it-manager").get_data(as_text=True)
    assert client.get("/tags/management-track").status_code == 404
    reverted = post_form(alice, "/wiki/it-manager/revert/1", {})
    assert reverted.status_code == 303
    assert client.get("/tags/management-track").status_code == 200
    assert client.get("/tags/operations").status_code == 404


def test_tags_alone_make_a_new_revision(app, client, make_page, make_user):
    make_page("IT manager", "The glue.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    assert save_page(alice, "it-manager", "The glue.\n", tags="leadership").status_code == 303
    assert client.get("/api/v1/pages/it-manager").json["revision"] == 2
    assert save_page(alice, "it-manager", "The glue.\n", tags="leadership").status_code == 303
    assert client.get("/api/v1/pages/it-manager").json["revision"] == 2  # nothing changed: nothing saved


@pytest.mark.parametrize(
    "tags, message",
    [
        ("not a tag", "is not a tag"),
        ("under_score", "is not a tag"),
        ("x" * 31, "is not a tag"),
        ("<script>", "is not a tag"),
        (", ".join(f"t{n}" for n in range(21)), "at most 20"),
    ],
)
def test_bad_tags_are_refused_with_the_text_kept(app, make_page, make_user, tags, message):
    make_page("IT manager", "The glue.\n")
    make_user("alice")
    alice = as_user(app, "alice")
    response = save_page(alice, "it-manager", "My careful rewrite.\n", tags=tags)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and "My careful rewrite." in html and 'aria-invalid="true"' in html


def test_tag_lists_and_the_home_page(app, client, make_user):
    make_user("alice")
    alice = as_user(app, "alice")
    for title, tags in (("IT manager", "leadership, management-track"), ("Architect", "technical-track"),
                        ("CIO", "leadership")):  # fmt: skip
        save_page(alice, title.lower().replace(" ", "-"), f"About the {title}.\n", title=title, kind="term", tags=tags)
    listing = client.get("/tags/leadership").get_data(as_text=True)
    assert "Pages tagged" in listing and 'href="/wiki/it-manager"' in listing and 'href="/wiki/cio"' in listing
    assert 'href="/wiki/architect"' not in listing
    home = client.get("/").get_data(as_text=True)
    assert 'href="/tags/leadership"' in home and 'href="/tags/technical-track"' in home
    for bad in ("/tags/Leadership", "/tags/nothing-here", "/tags/" + "x" * 31, "/tags/leadership?page=2"):
        assert client.get(bad).status_code == 404, bad
    assert client.get("/tags/leadership?page=x").status_code == 400


def test_a_conflict_keeps_the_editors_tags_in_the_tags_field(app, make_page, make_user):
    make_page("IT manager", "Line one.\n")
    make_user("alice")
    make_user("bob")
    alice, bob = as_user(app, "alice"), as_user(app, "bob")
    stale = edit_form(alice, "it-manager")
    assert save_page(bob, "it-manager", "Bob's line.\n").status_code == 303
    response = alice.post("/wiki/it-manager/edit", data={**stale, "body": "Alice's line.\n", "tags": "leadership"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'value="leadership"' in html and "Alice&#39;s line." in html
