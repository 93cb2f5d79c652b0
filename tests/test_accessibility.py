"""Accessibility in a real Chromium: axe-core finds nothing critical or serious on the main pages, phones get pages
that fit and controls big enough to tap, and times.js turns absolute times into relative ones.

axe-core comes from PyPI (the axe-playwright-python package bundles axe.min.js), never from a CDN. Like
tests/test_browser.py, this drives Debian's chromium through Playwright over real HTTP."""

import re

import pytest
from sqlalchemy import select

from tests import test_browser
from tests.test_browser import keep_screenshot_if_failed, log_in
from wiki.auth.models import Role
from wiki.definitions.models import Definition
from wiki.discussion.models import Comment
from wiki.extensions import db

pytestmark = pytest.mark.slow
# The same Chromium and tab as tests/test_browser.py.
browser = test_browser.browser
page = test_browser.page
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is missing")

# What axe reports at these impacts keeps someone from using a page; "moderate" and "minor" are advice.
BLOCKING = ("critical", "serious")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def seeded(app, make_user):
    """The seeded debate, alice (a member) and mod (a moderator); the URLs of every main page."""
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    make_user("alice")
    make_user("mod", role=Role.MODERATOR)
    with app.app_context():
        comment = db.session.scalars(
            select(Comment).where(Comment.page_id.is_not(None), Comment.parent_id.is_not(None)).order_by(Comment.id)
        ).first()
        definition = db.session.scalars(select(Definition).order_by(Definition.id)).first()
        return {
            "home": "/",
            "term": "/wiki/infrastructure-manager",  # a term with definitions and a discussion
            "article": "/wiki/career-tracks-in-infrastructure",
            "history": "/wiki/infrastructure-architect/history",
            "old revision": "/wiki/infrastructure-architect/revisions/1",
            "diff": "/wiki/infrastructure-architect/diff?from=1&to=2",
            "definition": f"/definitions/{definition.id}",
            "definition history": f"/definitions/{definition.id}/history",
            "comment": f"/comments/{comment.id}",
            "recent changes": "/recent",
            "profile": f"/users/{comment.author.username}",
            "login": "/auth/login",
            "register": "/auth/register",
            "missing page": "/wiki/no-such-page",
            "search": "/search?q=architect+tracks",
            "search, nothing found": "/search?q=zymurgy",
            "what links here": "/wiki/it-manager/links",
            "tag": "/tags/management-track",
            "404": "/no/such/route",
        }


MEMBER_ONLY = {
    "editor": "/wiki/infrastructure-architect/edit",
    "rename": "/wiki/infrastructure-architect/rename",
    "create editor": "/wiki/network-architect/edit?title=Network+architect",
    "new page": "/new",
    "settings": "/settings",
    "change password": "/auth/password",
}
MODERATOR_ONLY = {"flag queue": "/moderation", "members": "/moderation/users", "log": "/moderation/log"}


def blocking_violations(page, url: str) -> list[str]:
    """axe-core's critical and serious violations on the page at url, one line per rule and element."""
    page.goto(url)
    results = axe_playwright.Axe().run(page)
    return [
        f"{url} {violation['id']} ({violation['impact']}): {node['target']} {node.get('failureSummary', '')[:200]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def test_axe_finds_nothing_blocking_for_a_reader(page, seeded):
    found = [line for url in seeded.values() for line in blocking_violations(page, url)]
    assert found == []


def test_axe_finds_nothing_blocking_for_a_member(page, seeded):
    log_in(page, "alice")
    urls = [*seeded.values(), *MEMBER_ONLY.values()]
    found = [line for url in urls for line in blocking_violations(page, url)]
    assert found == []


def test_axe_finds_nothing_blocking_in_open_forms_and_errors(page, seeded):
    log_in(page, "alice")
    page.goto(seeded["term"])
    page.locator("article.comment summary:has-text('Reply')").first.click()
    page.locator("article.comment details.flag summary").first.click()
    found = [f"open reply and flag forms: {line}" for line in _axe_here(page)]
    page.goto("/new?title=")  # the title's error
    found += [f"new page error: {line}" for line in _axe_here(page)]
    page.goto(MEMBER_ONLY["create editor"])
    page.fill("#title", "")
    page.click("button[name=save]")  # every field's error
    found += [f"editor errors: {line}" for line in _axe_here(page)]
    assert found == []


def test_axe_finds_nothing_blocking_for_a_moderator(page, seeded):
    log_in(page, "mod")
    urls = [seeded["term"], seeded["history"], seeded["definition"], seeded["comment"], *MODERATOR_ONLY.values()]
    found = [line for url in urls for line in blocking_violations(page, url)]
    assert found == []


def _axe_here(page) -> list[str]:
    results = axe_playwright.Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_focus_ring_has_3_to_1_contrast_on_every_tab_stop(page, seeded):
    page.goto(seeded["term"])
    rings = []
    for _ in range(15):
        page.keyboard.press("Tab")
        rings.append(
            page.evaluate(
                """() => { const style = getComputedStyle(document.activeElement);
                  return [document.activeElement.outerHTML.slice(0, 60), style.outlineStyle,
                          parseFloat(style.outlineWidth), style.outlineColor]; }"""
            )
        )
    weak = [ring for ring in rings if ring[1] == "none" or ring[2] < 2 or contrast(ring[3], "rgb(255, 255, 255)") < 3]
    assert weak == []
    assert contrast(page.evaluate("getComputedStyle(document.body).backgroundColor"), rings[-1][3]) >= 3


# --- phones -------------------------------------------------------------------------------------------------------


@pytest.fixture
def phone(browser, live_server, request):
    # Not is_mobile: a mobile browser zooms out to fit a page that is too wide, and innerWidth grows with it.
    context = browser.new_context(base_url=live_server, viewport=PHONE, has_touch=True)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    keep_screenshot_if_failed(tab, request)
    context.close()


def too_wide(page, urls) -> dict[str, tuple[int, int]]:
    widths = {}
    for url in urls:
        page.goto(url)
        scroll_width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > viewport or viewport != PHONE["width"]:
            widths[url] = (scroll_width, viewport)
    return widths


@pytest.mark.parametrize("who", [None, "alice", "mod"], ids=["reader", "member", "moderator"])
def test_no_main_page_is_wider_than_a_phone(phone, seeded, who):
    urls = list(seeded.values())
    if who is not None:
        log_in(phone, who)
        urls += MEMBER_ONLY.values()
    if who == "mod":
        urls += MODERATOR_ONLY.values()
    assert too_wide(phone, urls) == {}


def test_comment_controls_are_big_enough_to_tap(phone, seeded):
    log_in(phone, "alice")
    phone.goto(seeded["term"])
    controls = phone.locator(".comment-actions summary, .comment-actions a, .comment-actions button, .comment-meta a")
    assert controls.count() > 10
    small = []
    for index in range(controls.count()):
        control = controls.nth(index)
        if not control.is_visible():
            continue
        box = control.bounding_box()
        if box["height"] < 24 or box["width"] < 24:
            small.append((control.inner_text(), box["width"], box["height"]))
    assert small == []


def test_the_save_button_comes_before_the_preview_on_a_phone(phone, seeded):
    log_in(phone, "alice")
    phone.goto(MEMBER_ONLY["editor"])
    save = phone.locator("button[name=save]").bounding_box()
    preview = phone.locator("#preview").bounding_box()
    body = phone.locator("#body").bounding_box()
    assert body["y"] < save["y"] < preview["y"]


# --- relative times ---------------------------------------------------------------------------------------------


def test_times_js_says_how_long_ago_and_keeps_the_absolute_time_in_the_title(page, seeded, app):
    from datetime import timedelta

    from wiki.extensions import utcnow
    from wiki.history.models import Revision

    with app.app_context():  # three ages: minutes, days, long ago
        revisions = db.session.scalars(select(Revision).order_by(Revision.id).limit(3)).all()
        for revision, age in zip(
            revisions, (timedelta(minutes=5), timedelta(days=3), timedelta(days=400)), strict=True
        ):
            revision.created_at = utcnow() - age
        db.session.commit()
    page.goto(seeded["home"])
    times = page.locator("time[datetime]")
    assert times.count() > 3
    page.wait_for_function("document.querySelector('time[datetime]').title !== ''")
    shown = [(times.nth(i).inner_text(), times.nth(i).get_attribute("title")) for i in range(times.count())]
    for text, title in shown:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", title), title
        assert re.fullmatch(r"just now|\d+ (minute|hour|day)s? ago|\d{4}-\d\d-\d\d", text), text
    page.goto(seeded["history"])
    cell = page.locator("table.history time").first
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", cell.inner_text())  # history tables stay absolute
    assert re.search(r"ago|just now|\d{4}-\d\d-\d\d", cell.get_attribute("title"))


def test_times_js_wording(page, seeded):
    page.goto(seeded["login"])
    wording = page.evaluate(
        """() => {
          const now = Date.now();
          const cases = [10, 60, 5 * 60, 3600, 2 * 3600, 86400, 3 * 86400, 29 * 86400, 31 * 86400, -30];
          const main = document.querySelector("main");
          for (const seconds of cases) {
            const element = document.createElement("time");
            element.setAttribute("datetime", new Date(now - seconds * 1000).toISOString());
            element.textContent = "absolute";
            main.appendChild(element);
          }
          return cases.length;
        }"""
    )
    assert wording == 10
    page.add_script_tag(url="/static/js/times.js")  # runs again over the new elements
    texts = page.locator("main time").all_inner_texts()
    assert texts[:8] == [
        "just now",
        "1 minute ago",
        "5 minutes ago",
        "1 hour ago",
        "2 hours ago",
        "1 day ago",
        "3 days ago",
        "29 days ago",
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", texts[8]) and texts[9] == "just now"
    assert page.locator("main time").first.get_attribute("title") == "absolute"


def test_without_javascript_times_stay_absolute(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(seeded["home"])
    first = tab.locator("time[datetime]").first
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", first.inner_text())
    context.close()
