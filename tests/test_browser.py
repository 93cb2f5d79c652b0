"""The flows people use, in a real Chromium (Debian's package) driven by Playwright over real HTTP."""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.slow


def keep_screenshot_if_failed(tab, request) -> None:
    """A failed browser test leaves a screenshot of where it stopped in test-artifacts/ (CI keeps them)."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    keep_screenshot_if_failed(tab, request)
    context.close()


def log_in(page, username="alice", password=PASSWORD):
    page.goto("/auth/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    page.wait_for_selector(f".whoami:has-text('{username}')")


def save_edit(page, slug, text, summary=""):
    page.goto(f"/wiki/{slug}/edit")
    page.fill("#body", text)
    page.fill("#summary", summary)
    page.click("button[name=save]")


def test_register_log_out_and_log_in(page):
    page.goto("/auth/register")
    page.fill("#username", "newcomer")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("main form button[type=submit]")
    assert page.inner_text(".whoami") == "newcomer"
    page.click("button:has-text('Log out')")
    assert page.locator(".whoami").count() == 0
    log_in(page, "newcomer")


def test_register_errors_keep_the_form(page):
    page.goto("/auth/register")
    page.fill("#username", "x")
    page.fill("#password", "short")
    page.fill("#confirm", "short")
    page.click("main form button[type=submit]")
    assert "3 to 32" in page.inner_text(".form-errors")
    assert page.input_value("#username") == "x"


def test_create_edit_with_preview_history_compare_and_revert(page, make_user):
    make_user("alice")
    log_in(page)
    page.goto("/")
    page.fill("#new-title", "Network architect")
    page.click(".new-page-form button")
    page.check("input[name=kind][value=term]")
    page.fill("#body", "Designs **networks**.\n\nSecond paragraph.")
    page.wait_for_selector("#preview strong:has-text('networks')")  # live preview as you type
    page.click("button[name=preview]")  # the no-JavaScript preview works too
    assert page.inner_html("#preview").count("<strong>networks</strong>") == 1
    page.click("button[name=save]")
    assert page.url.endswith("/wiki/network-architect")
    assert page.inner_text("h1") == "Network architect"
    save_edit(page, "network-architect", "Designs **networks** and WANs.\n\nSecond paragraph.", "Add WANs")
    assert "Saved revision 2" in page.inner_text(".flashes")
    page.click("nav.tabs a:has-text('History')")
    assert page.locator("table.history tbody tr").count() == 2
    page.click("button:has-text('Compare selected revisions')")
    assert page.locator("table.diff ins").first.inner_text().strip() in {"and WANs", "and", "WANs"}
    page.goto("/wiki/network-architect/revisions/1")
    assert "This is an old revision" in page.inner_text(".old-revision")
    page.click("a:has-text('Revert the page to this revision')")  # a link to a page that asks first
    assert "Revert the page to revision 1?" in page.inner_text(".confirm h2")
    page.click(".confirm-form button:has-text('Revert')")
    assert "Reverted to revision 1" in page.inner_text(".flashes")
    assert "WANs" not in page.inner_text(".prose")


def test_an_edit_conflict_keeps_my_text(page, make_user, make_page, client, login):
    make_page("IT manager", "alpha\nbeta\ngamma\n")
    make_user("alice")
    log_in(page)
    page.goto("/wiki/it-manager/edit")
    page.fill("#body", "alpha\nMINE\ngamma\n")
    make_user("bob")
    login("bob")
    from tests.conftest import save_page

    assert save_page(client, "it-manager", "alpha\nTHEIRS\ngamma\n").status_code == 303
    page.click("button[name=save]")
    assert "Edit conflict" in page.inner_text(".conflict")
    assert page.input_value("#body") == "alpha\nMINE\ngamma\n"
    assert page.locator(".conflict .side-b mark").first.inner_text() == "MINE"
    page.fill("#body", "alpha\nTHEIRS and MINE\ngamma\n")
    page.click("button[name=save]")
    assert page.url.endswith("/wiki/it-manager")
    assert "THEIRS and MINE" in page.inner_text(".prose")


def test_propose_endorse_and_reply_three_levels_deep(page, make_user, make_page, make_definition):
    slug = make_page("Infrastructure architect", "A term.\n", kind="term")
    make_user("alice")
    bobs = make_definition(slug, make_user("bob").id, "Keeps the estate **coherent**.")
    log_in(page)
    page.goto("/wiki/infrastructure-architect")
    page.fill("#propose textarea[name=body]", "Owns the infrastructure **roadmap**.")
    page.click("#propose button[type=submit]")
    assert "This is your definition" in page.inner_text(".own-definition")  # nobody endorses their own
    page.goto(f"/definitions/{bobs}")
    page.check("input[name=stance][value=endorse]")
    page.fill("#reason", "Because it is *strategic*.")
    page.click("button:has-text('Record my stance')")
    assert "1 endorsement" in page.inner_text(".definition .counts")
    assert page.locator(".stance-label:has-text('Endorses')").count() == 1
    page.fill("#comment-body", "Level zero")
    page.click("#comment-form button[type=submit]")
    for depth in range(1, 4):
        last = page.locator("article.comment").last
        last.locator("summary:has-text('Reply')").click()
        last.locator("textarea[name=body]").fill(f"Level {depth}")
        last.locator("button:has-text('Post reply')").click()
        assert re.search(r"#comment-\d+$", page.url)
    deepest = page.locator("article.comment article.comment article.comment article.comment")
    assert deepest.count() == 1 and "Level 3" in deepest.inner_text()
    page.goto("/wiki/infrastructure-architect")
    assert page.locator(".definition.leading").count() == 1


def test_edit_and_delete_a_comment(page, make_user, make_page):
    make_page("Career tracks", "Article.\n", kind="article")
    make_user("alice")
    log_in(page)
    page.goto("/wiki/career-tracks")
    page.fill("#comment-body", "First thought")
    page.click("#comment-form button[type=submit]")
    page.fill("#comment-body", "A reply target")
    page.locator("article.comment").first.locator("summary:has-text('Reply')").click()
    page.locator("article.comment").first.locator("textarea[name=body]").fill("A reply")
    page.locator("article.comment").first.locator("button:has-text('Post reply')").click()
    page.locator("article.comment").first.locator(".comment-actions >> text=Edit").first.click()
    page.fill("#body", "Second thought")
    page.click("button:has-text('Save')")
    first = page.locator("article.comment").first
    assert "Second thought" in first.inner_text() and "edited" in first.inner_text()
    first.locator(".comment-actions a:has-text('Delete')").first.click()  # a link to a page that asks first
    assert "Delete this comment?" in page.inner_text("h1")
    page.click(".confirm-form button:has-text('Delete')")
    first = page.locator("article.comment").first
    assert "This comment was deleted." in first.inner_text()
    assert "A reply" in first.locator("article.comment").inner_text()


def test_hostile_content_runs_no_script(page, make_user, make_page):
    hostile = "\n\n".join(
        [
            "<script>alert('script tag')</script>",
            "<img src=x onerror=alert('img onerror')>",
            "<svg onload=alert('svg onload')></svg>",
            "[click](javascript:alert('javascript link'))",
            '<a href="javascript:alert(1)">raw link</a>',
            "![x](javascript:alert('image'))",
            "<iframe src=\"javascript:alert('iframe')\"></iframe>",
            "<details open ontoggle=alert('toggle')>",
        ]
    )
    make_page("Hostile", hostile, kind="article")
    make_user("alice")
    log_in(page)
    page.goto("/wiki/hostile")
    page.fill("#comment-body", hostile)
    page.click("#comment-form button[type=submit]")
    for link in page.locator(".prose a").all():
        link.click(modifiers=["Alt"], no_wait_after=True, timeout=2000)
    page.goto("/wiki/hostile/edit")
    page.fill("#body", hostile + "\n\n<b onmouseover=alert('preview')>hover</b>")
    sync_api.expect(page.locator("#preview")).to_contain_text("hover")  # the live preview drew the hostile text
    page.hover("#preview")
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('script:not([src]), iframe, svg').length") == 0
    page.evaluate("window.alert('probe')")  # the watcher itself works: a real alert is seen
    assert page.dialogs == ["probe"]


def test_a_moderator_hides_a_revision_from_members(page, browser, live_server, make_user, make_page):
    from wiki.auth.models import Role

    make_page("IT manager", "Fine text.\n", "Libellous text.\n", "Fine text again.\n")
    make_user("mod", role=Role.MODERATOR)
    make_user("alice")
    log_in(page, "mod")
    page.goto("/wiki/it-manager/history")
    page.locator("table.history tr", has_text="#2").locator("button:has-text('Hide')").click()
    assert "hidden from members" in page.inner_text(".flashes")
    page.goto("/moderation/log")
    assert "hide revision" in page.inner_text("table.moderation-log")
    member_context = browser.new_context(base_url=live_server)
    member = member_context.new_page()
    log_in(member, "alice")
    member.goto("/wiki/it-manager/history")
    assert "text hidden" in member.inner_text("table.history")
    response = member.goto("/wiki/it-manager/revisions/2")
    assert response.status == 403 and "Libellous" not in member.content()
    member_context.close()
    page.goto("/wiki/it-manager/revisions/2")
    assert "Libellous text." in page.inner_text(".prose")


def test_a_moderator_closes_a_discussion_and_members_see_it_closed(page, browser, live_server, make_user, make_page):
    from wiki.auth.models import Role

    make_page("IT manager", "A term.\n", kind="term")
    make_user("mod", role=Role.MODERATOR)
    make_user("alice")
    log_in(page, "mod")
    page.goto("/wiki/it-manager")
    page.fill("#discussion-reason", "going in circles")
    page.click("button:has-text('Close the discussion')")
    assert "only moderators can comment" in page.inner_text(".flashes")
    assert "closed this discussion" in page.inner_text("#discussion")
    page.fill("#comment-body", "A closing note.")  # moderators still post
    page.click("#comment-form button[type=submit]")
    member_context = browser.new_context(base_url=live_server)
    member = member_context.new_page()
    log_in(member, "alice")
    member.goto("/wiki/it-manager")
    assert "closed this discussion" in member.inner_text("#discussion")
    assert member.locator("#comment-form").count() == 0 and member.locator("summary:has-text('Reply')").count() == 0
    assert "A closing note." in member.inner_text("#discussion")
    member_context.close()
    page.click("button:has-text('Reopen the discussion')")
    assert "open again" in page.inner_text(".flashes")


def test_search_from_the_header_lands_on_the_comment(page, make_user, make_page):
    make_page("Career tracks", "Careers in infrastructure.\n", kind="article")
    make_page("IT manager", "Works with the [[Infrastructure architect]].\n", kind="term")
    make_user("alice")
    log_in(page)
    page.goto("/wiki/career-tracks")
    page.fill("#comment-body", "I think there are two tracks: technical and management.")
    page.click("#comment-form button[type=submit]")
    comment_url = re.search(r"#comment-(\d+)$", page.url)
    assert comment_url
    page.fill("#header-q", '"two tracks"')
    page.press("#header-q", "Enter")
    assert page.locator(".search-result").count() == 1
    assert page.locator(".search-result mark").first.inner_text().lower() == "two"
    page.click(".search-result h2 a")
    assert page.url.endswith(f"/comments/{comment_url.group(1)}")
    assert "two tracks" in page.inner_text("main")
    page.goto("/wiki/it-manager")
    assert page.locator("a.wikilink.missing").inner_text() == "Infrastructure architect"
    page.click("a.wikilink.missing")
    assert "/wiki/infrastructure-architect" in page.url and "create" in page.inner_text("main").lower()
