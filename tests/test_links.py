"""Links between pages by title, on both databases: [[Title]] and [[Title|label]] in pages, definitions and comments,
red links that are right at once after the target is created, and what links here."""

import re

from tests.conftest import as_user, post_form, save_page
from wiki.auth.models import Role
from wiki.rendering import render_markdown


def anchors(html: str) -> dict[str, str]:
    """href -> class of every wiki link in a page."""
    return dict(re.findall(r'<a href="(/wiki/[^"]+)" class="(wikilink[^"]*)"', html))


def test_links_render_to_the_slug_of_the_title_with_their_label():
    html = str(render_markdown("See [[Infrastructure architect]] and [[IT manager|the glue]]; not `[[code]]`."))
    assert '<a href="/wiki/infrastructure-architect" class="wikilink">Infrastructure architect</a>' in html
    assert '<a href="/wiki/it-manager" class="wikilink">the glue</a>' in html
    assert "<code>[[code]]</code>" in html
    hostile = str(render_markdown('[[<script>alert(1)</script>|<img src=x onerror=alert(1)>]] [[a" onclick="x]]'))
    assert hostile == (
        '<p><a href="/wiki/script-alert-1-script" class="wikilink">&lt;img src=x onerror=alert(1)&gt;</a> '
        '<a href="/wiki/a-onclick-x" class="wikilink">a&quot; onclick=&quot;x</a></p>\n'
    )
    assert "[[ ]]" in str(render_markdown("[[ ]]"))  # no title, no link


def test_a_missing_target_is_a_red_link_until_it_is_written(app, client, make_page, make_user):
    make_page("Infrastructure architect", "Works beside the [[IT manager]]; see also [[Career tracks|the tracks]].\n")
    page = client.get("/wiki/infrastructure-architect").get_data(as_text=True)  # kept for readers from here on
    assert anchors(page) == {"/wiki/it-manager": "wikilink missing", "/wiki/career-tracks": "wikilink missing"}
    make_user("alice")
    alice = as_user(app, "alice")
    assert "create" in client.get("/wiki/it-manager").get_data(as_text=True).lower()  # a red link leads to creating
    assert save_page(alice, "it-manager", "The glue.\n", title="IT manager", kind="term").status_code == 303
    again = client.get("/wiki/infrastructure-architect")
    assert anchors(again.get_data(as_text=True)) == {
        "/wiki/it-manager": "wikilink",
        "/wiki/career-tracks": "wikilink missing",
    }
    assert anchors(as_user(app, "alice").get("/wiki/infrastructure-architect").get_data(as_text=True)) == {
        "/wiki/it-manager": "wikilink",
        "/wiki/career-tracks": "wikilink missing",
    }


def test_links_in_comments_and_definitions_follow_the_titles_too(app, client, make_page, make_user, make_definition):
    make_page("IT manager", kind="term")
    author = make_user("author")
    definition = make_definition("it-manager", author.id, "Answers to the [[Chief information officer]].")
    alice = as_user(app, "author")
    post_form(alice, "/wiki/it-manager/comments", {"body": "Compare [[Service desk|the desk]]."})
    page = client.get("/wiki/it-manager").get_data(as_text=True)
    missing = "wikilink missing"
    assert anchors(page) == {"/wiki/chief-information-officer": missing, "/wiki/service-desk": missing}
    assert anchors(client.get(f"/definitions/{definition}").get_data(as_text=True)) == {
        "/wiki/chief-information-officer": "wikilink missing"
    }
    save_page(alice, "service-desk", "Answers the phone.\n", title="Service desk", kind="article")
    page = client.get("/wiki/it-manager").get_data(as_text=True)
    assert anchors(page) == {"/wiki/chief-information-officer": missing, "/wiki/service-desk": "wikilink"}
    member_view = alice.get("/wiki/it-manager").get_data(as_text=True)
    assert anchors(member_view)["/wiki/service-desk"] == "wikilink"


def test_what_links_here(app, client, make_page, make_user, make_definition):
    make_page("IT manager", "The glue.\n")
    make_page("Infrastructure architect", "Beside the [[IT manager]].\n")
    make_page("Unrelated", "No links.\n")
    author = make_user("author")
    definition_term = make_page("Operations manager", "Runs operations.\n", kind="term")
    definition = make_definition(definition_term, author.id, "Reports to the [[it manager|IT manager]].")
    alice = as_user(app, "author")
    response = post_form(alice, "/wiki/unrelated/comments", {"body": "This is like the [[IT manager]]."})
    comment = int(response.headers["Location"].rsplit("-", 1)[1])

    links = client.get("/api/v1/pages/it-manager/backlinks").json["links"]
    assert [(link["kind"], link["url"], link["page"]) for link in links] == [
        ("page", "/wiki/infrastructure-architect", "infrastructure-architect"),
        ("definition", f"/definitions/{definition}", "operations-manager"),
        ("comment", f"/comments/{comment}", "unrelated"),
    ]
    assert links[1]["title"].startswith("Definition of Operations manager")
    html = client.get("/wiki/it-manager/links").get_data(as_text=True)
    assert "What links to" in html and f'href="/comments/{comment}"' in html and "/wiki/unrelated\"" not in html
    assert 'href="/wiki/it-manager/links"' in client.get("/wiki/it-manager").get_data(as_text=True)

    assert save_page(alice, "infrastructure-architect", "No longer linked.\n").status_code == 303
    post_form(alice, f"/comments/{comment}/delete", {})
    links = client.get("/api/v1/pages/it-manager/backlinks").json["links"]
    assert [link["kind"] for link in links] == ["definition"]
    assert client.get("/api/v1/pages/nowhere/backlinks").status_code == 404


def test_what_links_to_a_page_not_yet_written(client, make_page):
    make_page("Infrastructure architect", "Some day a [[Network architect]].\n")
    html = client.get("/wiki/network-architect/links").get_data(as_text=True)
    assert "not written yet" in html and 'href="/wiki/infrastructure-architect"' in html
    assert client.get("/wiki/nothing-here/links").status_code == 404


def test_hidden_texts_do_not_show_in_what_links_here(app, client, make_page, make_user):
    make_page("IT manager", "The glue.\n")
    make_page("Forum", "Talk.\n")
    for name in ("author", "a", "b", "c"):
        make_user(name)
    make_user("mod", role=Role.MODERATOR)
    response = post_form(as_user(app, "author"), "/wiki/forum/comments", {"body": "Rude about the [[IT manager]]."})
    comment = int(response.headers["Location"].rsplit("-", 1)[1])
    for name in ("a", "b", "c"):
        post_form(as_user(app, name), f"/comments/{comment}/flag", {"reason": "rude"})
    assert client.get("/api/v1/pages/it-manager/backlinks").json["links"] == []
    assert len(as_user(app, "mod").get("/api/v1/pages/it-manager/backlinks").json["links"]) == 1
