"""Headings get ids ("section-…", unique in their text) so sections can be linked; a text of more than three
sections shows a table of contents, read from the stored HTML in linear time."""

import re
import time
from html import unescape

import pytest

from tests.test_rendering import BLNS, assert_safe, safety_problems
from wiki import rendering
from wiki.rendering import HEADING_ID, count_markup, render_markdown, slugify_heading, table_of_contents

HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.S)


def headings(html: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of every heading, as a browser would read them."""
    return [
        (int(level), unescape(id_), unescape(re.sub(r"<[^>]*>", "", inner)))
        for level, id_, inner in HEADING.findall(html)
    ]


def ids(html: str) -> list[str]:
    return [id_ for _, id_, _ in headings(str(html))]


# --- ids -------------------------------------------------------------------------------------------------------------


def test_every_heading_gets_a_prefixed_slug_id():
    html = render_markdown(
        "# Role and scope\n\n## What *they* do\n\n###### `kubectl` & co.\n\nSetext\n======\n\nTwo\n---\n"
    )
    assert ids(html) == [
        "section-role-and-scope",
        "section-what-they-do",
        "section-kubectl-co",
        "section-setext",
        "section-two",
    ]


def test_duplicate_headings_are_numbered_and_every_id_is_unique():
    html = render_markdown("## Skills\n\n## Skills\n\n## Skills 1\n\n## Skills\n\n# skills!\n\n## Skills-1-1\n")
    assert ids(html) == [
        "section-skills",
        "section-skills-1",
        "section-skills-1-1",
        "section-skills-2",
        "section-skills-3",
        "section-skills-1-1-1",
    ]


def test_many_identical_headings_stay_unique_and_cheap():
    source = "## a\n" * 3000
    started = time.process_time()
    found = ids(render_markdown(source))
    assert time.process_time() - started < 5  # O(n²) uniqueness took minutes at the markup limit
    assert len(found) == len(set(found)) == 3000
    assert found[:3] == ["section-a", "section-a-1", "section-a-2"] and found[-1] == "section-a-2999"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Über Straße", "über-straße"),
        ("東京 オフィス", "東京-オフィス"),
        ("snake_case and  spaces", "snake-case-and-spaces"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full-width"),
        ("---", ""),
        ("x" * 500, "x" * 64),
    ],
)
def test_slugs(text, slug):
    assert slugify_heading(text) == slug


def test_a_heading_without_words_still_gets_an_id():
    assert ids(render_markdown("#\n\n## ***\n\n## !!!\n")) == [
        "section-heading",
        "section-heading-1",
        "section-heading-2",
    ]


@pytest.mark.parametrize("name", ["main", "discussion", "comment-12", "comment-form", "definitions", "preview", "body"])
def test_a_heading_cannot_take_an_id_of_the_page(name):
    (found,) = ids(render_markdown(f"## {name}"))
    assert found == f"section-{name}"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<h2 id="discussion">x</h2>', "<h2>x</h2>"),
        ('<h2 id="comment-12">x</h2>', "<h2>x</h2>"),
        ('<h2 id="section-ok">x</h2>', '<h2 id="section-ok">x</h2>'),
        ('<h2 id="section-">x</h2>', "<h2>x</h2>"),
        ('<h2 id="section-a b">x</h2>', "<h2>x</h2>"),
        ('<h2 id="section-&quot;&gt;&lt;script&gt;">x</h2>', "<h2>x</h2>"),
        ('<h2 id="section-' + "a" * 91 + '">x</h2>', "<h2>x</h2>"),
        ('<p id="section-ok">x</p>', "<p>x</p>"),
        ('<a id="section-ok" href="/x">x</a>', '<a href="/x">x</a>'),
        ('<h3 id="section-ok" onclick="alert(1)" class="x">x</h3>', '<h3 id="section-ok">x</h3>'),
    ],
)
def test_the_sanitizer_keeps_only_heading_ids_of_the_section_shape(html, expected):
    assert rendering._cleaner.clean(html) == expected


@pytest.mark.parametrize("template", ["# {}", "## *{}*", "### [{}](/x)", "{}\n---", "#### `{}`"])
def test_naughty_heading_text_stays_inert_and_gets_a_well_formed_id(template):
    failures = []
    for line in BLNS:
        html = str(render_markdown(template.format(line)))
        if safety_problems(html):
            failures.append((line, html, safety_problems(html)))
        for _, id_, _ in headings(html):
            if not HEADING_ID.fullmatch(id_):
                failures.append((line, html, f"id {id_!r}"))
    assert failures == []


def test_naughty_headings_in_one_text_have_unique_ids_and_a_matching_contents():
    lines = [line for line in BLNS if line.strip() and "\n" not in line][:300]
    html = str(render_markdown("\n\n".join(f"## {line}" for line in lines)))
    assert_safe(html)
    drawn = headings(html)
    found = [id_ for _, id_, _ in drawn]
    assert len(found) == len(set(found))
    contents = table_of_contents(html)
    assert [heading.id for heading in contents] == found
    assert [heading.text for heading in contents] == [" ".join(text.split()) for _, _, text in drawn]


def test_setext_headings_count_as_headings_for_the_markup_limit():
    counts, _ = count_markup("a\n===\n\nb\n---\n\n# c\n")
    assert counts["headings"] == 3


# --- the table of contents from stored HTML --------------------------------------------------------------------------


def test_contents_lists_headings_in_order_with_level_id_and_text():
    html = str(render_markdown("# Intro\n\n## A &amp; *B*\n\ntext\n\n### `c < d`\n"))
    assert [(h.level, h.id, h.text) for h in table_of_contents(html)] == [
        (1, "section-intro", "Intro"),
        (2, "section-a-b", "A & B"),
        (3, "section-c-d", "c < d"),
    ]


def test_html_saved_before_headings_had_ids_has_no_contents():
    assert table_of_contents("<h2>Old</h2>\n<p>text</p>\n<h2>Older</h2>") == []


@pytest.mark.parametrize(
    "html",
    [
        "<h2>" * 250_000,
        '<h2 id="section-a">' * 60_000,
        '<h2 id="section-a">' + "<" * 1_000_000,
        '<h2 id="section-a">x</h2>' * 40_000,
        ('<h2 id="section-' + "a" * 95) * 10_000,
        '<h1 id="section-a">' + "<<a" * 300_000 + "</h1>",
        "<h2 " * 250_000 + "</h2>",
    ],
    ids=["bare", "unclosed", "unclosed-then-lt", "many", "long-ids", "lt-inside", "open-tags"],
)
def test_contents_takes_linear_time_on_hostile_html(html):
    started = time.process_time()
    table_of_contents(html)
    assert time.process_time() - started < 2  # about a megabyte each: milliseconds, or seconds for 40,000 headings


# --- the table of contents on pages -----------------------------------------------------------------------------


def sections(count: int) -> str:
    return "\n\n".join(f"## Part {number}\n\nText of part {number}." for number in range(1, count + 1))


def contents_nav(html: str) -> str | None:
    match = re.search(r'<nav class="toc" aria-label="Contents">.*?</nav>', html, re.S)
    return match.group(0) if match else None


def test_three_sections_show_no_contents(client, make_page):
    make_page("Short", sections(3), kind="article")
    html = client.get("/wiki/short").get_data(as_text=True)
    assert contents_nav(html) is None
    assert 'id="section-part-3"' in html


def test_four_sections_show_contents_whose_links_match_the_ids(client, make_page):
    make_page("Long", sections(4), kind="article")
    html = client.get("/wiki/long").get_data(as_text=True)
    nav = contents_nav(html)
    assert nav is not None
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', nav)
    assert links == [(f"section-part-{number}", f"Part {number}") for number in range(1, 5)]
    prose = html[html.index('<div class="prose">') :]
    assert all(f'id="{target}"' in prose for target, _ in links)
    assert html.index(nav) < html.index('<div class="prose">')  # the contents come before the text


def test_an_old_revision_shows_its_own_contents(client, make_page):
    make_page("Long", sections(5), "Now short.\n", kind="article")
    old = client.get("/wiki/long/revisions/1").get_data(as_text=True)
    assert re.findall(r'<a href="#(section-[^"]+)"', contents_nav(old)) == [f"section-part-{n}" for n in range(1, 6)]
    assert contents_nav(client.get("/wiki/long").get_data(as_text=True)) is None


def test_hostile_heading_text_is_escaped_in_the_contents(client, make_page):
    hostile = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;b&gt;", "[x](javascript:alert(1))"]
    make_page("Hostile", "\n\n".join(f"## {line}" for line in hostile), kind="article")
    nav = contents_nav(client.get("/wiki/hostile").get_data(as_text=True))
    assert "<script" not in nav and "<img" not in nav and 'href="javascript' not in nav
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nav
