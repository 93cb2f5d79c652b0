"""What a newcomer trips over, through the test client: form fields that read as invalid, relative times baked into
kept renderings, <title>s that do not say what a page is, "1 revisions"."""

import re
from html import unescape

import pytest
from sqlalchemy import select

from tests.conftest import as_user, csrf_token
from wiki.auth.models import Role
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import db

RELATIVE_PHRASES = re.compile(
    r"\b(?:just now|an? (?:minute|hour|day)|\d+ (?:second|minute|hour|day|week|month|year)s?) ago\b"
)
TIME_ELEMENT = re.compile(r"<time\b([^>]*)>([^<]*)</time>")
ABSOLUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")


def text(response) -> str:
    return response.get_data(as_text=True)


def title_of(response) -> str:
    match = re.search(r"<title>(.*?)</title>", text(response), re.S)
    assert match, "no <title>"
    return " ".join(unescape(match.group(1)).split())


@pytest.fixture
def seeded(app):
    """The seeded debate, and the ids of a comment on a page, one on a definition and a definition."""
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        page_comment = db.session.scalars(
            select(Comment).where(Comment.page_id.is_not(None), Comment.parent_id.is_not(None)).order_by(Comment.id)
        ).first()
        definition_comment = db.session.scalars(
            select(Comment).where(Comment.definition_id.is_not(None)).order_by(Comment.id)
        ).first()
        definition = db.session.scalars(select(Definition).order_by(Definition.id)).first()
        return {
            "comment": page_comment.id,
            "comment_author": page_comment.author.username,
            "comment_page": page_comment.page.title,
            "definition_comment": definition_comment.id,
            "definition": definition.id,
            "definition_author": definition.author.username,
            "definition_page": definition.page.title,
        }


def main_pages(seeded: dict) -> list[str]:
    comment, definition = seeded["comment"], seeded["definition"]
    return [
        "/",
        "/wiki/infrastructure-architect",
        "/wiki/career-tracks-in-infrastructure",
        "/wiki/infrastructure-architect/history",
        "/wiki/infrastructure-architect/revisions/1",
        "/wiki/infrastructure-architect/diff?from=1&to=2",
        f"/definitions/{definition}",
        f"/definitions/{definition}/history",
        f"/comments/{comment}",
        f"/comments/{seeded['definition_comment']}",
        f"/comments/{comment}/history",
        "/recent",
        f"/users/{seeded['comment_author']}",
        "/auth/login",
        "/auth/register",
        "/wiki/no-such-page",
        "/no/such/route",
    ]


MEMBER_PAGES = [
    "/new",
    "/new?title=",  # the title's error
    "/wiki/infrastructure-architect/edit",
    "/wiki/network-architect/edit?title=Network+architect",
    "/auth/password",
    "/settings",
]


# --- 1. no field says aria-invalid="None" ---------------------------------------------------------------------------


def test_no_page_writes_none_into_an_attribute(app, client, seeded, make_user):
    make_user("alice")
    member = as_user(app, "alice")
    make_user("mod", role=Role.MODERATOR)
    moderator = as_user(app, "mod")
    pages = [(client, url) for url in main_pages(seeded)]
    pages += [(member, url) for url in main_pages(seeded) + MEMBER_PAGES]
    pages += [(moderator, url) for url in ("/wiki/infrastructure-architect", "/moderation", "/moderation/users")]
    offenders = {url: re.findall(r'[\w-]+="None"', text(who.get(url))) for who, url in pages}
    assert {url: found for url, found in offenders.items() if found} == {}


def test_a_field_without_errors_has_no_aria_invalid_and_one_with_errors_points_at_them(client):
    form = text(client.get("/auth/login"))
    assert "aria-invalid" not in form
    assert re.search(r'<input[^>]*id="username"[^>]*>', form)
    refused = text(
        client.post("/auth/register", data={"username": "x", "password": "short", "csrf_token": csrf_token(client)})
    )
    username = re.search(r'<input[^>]*id="username"[^>]*>', refused).group(0)
    assert 'aria-invalid="true"' in username
    assert re.search(r'aria-describedby="[^"]*\busername-error\b', username)
    assert 'id="username-error"' in refused


def test_a_field_with_help_text_is_described_by_it_only(app, client, make_user):
    form = text(client.get("/auth/register"))
    password = re.search(r'<input[^>]*id="password"[^>]*>', form).group(0)
    assert 'aria-describedby="password-help"' in password and "aria-invalid" not in password


# --- 5. times are absolute in the HTML ----------------------------------------------------------------------------


def test_seeded_times_are_absolute_in_the_html(app, client, seeded, make_user):
    make_user("alice")
    member = as_user(app, "alice")
    for who in (client, member):
        for url in main_pages(seeded):
            html = text(who.get(url))
            assert RELATIVE_PHRASES.findall(html) == [], url
            for attributes, shown in TIME_ELEMENT.findall(html):
                assert re.search(r'datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z"', attributes), (url, attributes)
                assert ABSOLUTE.fullmatch(shown.strip()), (url, shown)


def test_the_pages_that_show_times_have_time_elements(client, seeded):
    for url in (
        "/",
        "/wiki/infrastructure-architect",
        f"/comments/{seeded['comment']}",
        f"/definitions/{seeded['definition']}",
    ):
        assert TIME_ELEMENT.search(text(client.get(url))), url


def test_every_page_loads_the_relative_time_script_deferred(client, seeded):
    for url in ("/", "/auth/login", "/wiki/infrastructure-architect", "/no/such/route"):
        assert '<script src="/static/js/times.js" defer></script>' in text(client.get(url)), url
    with client.get("/static/js/times.js") as script:
        assert script.status_code == 200 and "ago" in text(script)


def test_the_ago_filter_is_gone(app):
    assert "ago" not in app.jinja_env.filters


# --- 7. titles that say what a page is, and numbers with the right nouns --------------------------------------------


def test_titles_say_what_each_page_is(app, client, seeded, make_user):
    comment, definition = seeded["comment"], seeded["definition"]
    on_definition = f"{seeded['definition_author']}’s definition of {seeded['definition_page']}"
    with app.app_context():
        definition_comment = db.session.get(Comment, seeded["definition_comment"])
        commented = definition_comment.definition
        definition_comment_title = (
            f"Comment by {definition_comment.author.username} on "
            f"{commented.author.username}’s definition of {commented.page.title}"
        )
    expected = {
        "/": "Recent pages — Rolewiki",
        "/wiki/infrastructure-architect": "Infrastructure architect — Rolewiki",
        "/wiki/infrastructure-architect/history": "Infrastructure architect — history — Rolewiki",
        "/wiki/infrastructure-architect/revisions/1": "Infrastructure architect — revision 1 — Rolewiki",
        "/wiki/infrastructure-architect/diff?from=1&to=2": (
            "Infrastructure architect — changes from revision 1 to 2 — Rolewiki"
        ),
        f"/definitions/{definition}": f"{on_definition} — Rolewiki",
        f"/definitions/{definition}/history": f"{on_definition} — history — Rolewiki",
        f"/comments/{comment}": f"Comment by {seeded['comment_author']} on {seeded['comment_page']} — Rolewiki",
        f"/comments/{comment}/history": (
            f"Comment by {seeded['comment_author']} on {seeded['comment_page']} — history — Rolewiki"
        ),
        f"/comments/{seeded['definition_comment']}": f"{definition_comment_title} — Rolewiki",
        "/wiki/no-such-page": "No page “no-such-page” yet — Rolewiki",
        "/auth/login": "Log in — Rolewiki",
    }
    assert {url: title_of(client.get(url)) for url in expected} == expected


def test_member_page_titles(app, seeded, make_user):
    make_user("alice")
    member = as_user(app, "alice")
    assert title_of(member.get("/new")) == "Start a page — Rolewiki"
    assert title_of(member.get("/wiki/infrastructure-architect/edit")) == "Editing Infrastructure architect — Rolewiki"


def test_the_create_editor_names_the_title_typed_not_the_slug(client, member):
    response = client.get("/wiki/network-architect/edit?title=Network+Architect+(NA)")
    assert title_of(response) == "Creating “Network Architect (NA)” — Rolewiki"
    assert "<h1>Create “Network Architect (NA)”</h1>" in text(response)
    assert "network-architect" in text(response)  # where the page will live is still said


def test_the_create_editor_keeps_the_typed_title_after_an_error(client, member):
    html = client.get("/wiki/network-architect/edit?title=Network+Architect").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(
        "/wiki/network-architect/edit",
        data={"csrf_token": token, "title": "Network Architect", "kind": "term", "body": "", "summary": ""},
    )
    assert response.status_code == 422
    assert title_of(response) == "Creating “Network Architect” — Rolewiki"


def test_a_moderator_edits_a_comment_under_a_title_that_names_it(app, seeded, make_user):
    make_user("mod", role=Role.MODERATOR)
    moderator = as_user(app, "mod")
    title = title_of(moderator.get(f"/comments/{seeded['comment']}/edit"))
    assert title == f"Editing the comment by {seeded['comment_author']} on {seeded['comment_page']} — Rolewiki"
    definition_title = title_of(moderator.get(f"/definitions/{seeded['definition']}/edit"))
    assert definition_title == (
        f"Editing {seeded['definition_author']}’s definition of {seeded['definition_page']} — Rolewiki"
    )


def test_a_deleted_comment_title_names_no_author(app, client, seeded):
    with app.app_context():
        comment = db.session.get(Comment, seeded["comment"])
        comment.is_deleted = True
        db.session.commit()
    assert title_of(client.get(f"/comments/{seeded['comment']}")) == (
        f"Deleted comment on {seeded['comment_page']} — Rolewiki"
    )


def test_a_page_with_one_revision_does_not_say_all_1_revisions(client, make_page):
    make_page("Network architect", "Designs networks.\n")
    html = text(client.get("/wiki/network-architect"))
    assert not re.search(r"\b1 revisions\b|\ball 1 revision\b", html)
    make_page("Cloud architect", "One.\n", "Two.\n")
    assert "all 2 revisions" in text(client.get("/wiki/cloud-architect"))


def test_no_page_says_one_of_a_plural(app, client, seeded, make_user, make_page):
    make_page("Network architect", "Designs networks.\n")
    make_user("alice")
    member = as_user(app, "alice")
    singular_as_plural = re.compile(
        r"(?<![\d,.])1 (?:revisions|pages|comments|definitions|endorsements|disputes|lines|days|members)\b"
    )
    urls = [*main_pages(seeded), "/wiki/network-architect", "/wiki/network-architect/history"]
    found = {url: singular_as_plural.findall(text(who.get(url))) for who in (client, member) for url in urls}
    assert {url: hits for url, hits in found.items() if hits} == {}


def test_suspending_for_one_day_says_day(app, make_user):
    make_user("alice")
    make_user("mod", role=Role.MODERATOR)
    moderator = as_user(app, "mod")
    response = moderator.post(
        "/moderation/users/alice/suspend",
        data={"days": "1", "reason": "cooling off", "csrf_token": csrf_token(moderator, "/moderation/users")},
        follow_redirects=True,
    )
    assert "alice is suspended for 1 day." in text(response)
