"""Markdown rendering: hostile input stays inert, the allow-list holds (checked again by nh3), Markdown still works."""

import dataclasses
import gc
import re
from html.parser import HTMLParser
from pathlib import Path

import bleach
import nh3
import pytest
from markdown_it import MarkdownIt
from markupsafe import Markup

from wiki import rendering
from wiki.rendering import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    EXCERPT_MAX_CHARS,
    EXTERNAL_LINK_REL,
    MARKUP_LIMIT,
    RenderingRefused,
    count_markup,
    excerpt,
    render_markdown,
    rendering_refusal,
)
from wiki.seed import content, debate

BLNS_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "blns.txt"
# split("\n"), not splitlines(): several strings hold \x0b, \x0c, \x1c, \u2028 and the like, which are the point.
BLNS = [line for line in BLNS_PATH.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")]

URL_ATTRIBUTES = frozenset({"href", "src"})
FORBIDDEN_ELEMENTS = frozenset({"script", "style", "iframe", "svg", "math", "form", "input", "object", "embed"})

NH3_OPTIONS = {
    "tags": set(ALLOWED_TAGS),
    # nh3 (ammonia) filters class through allowed_classes and panics when "class" is also listed in attributes,
    # so th/td get an empty attribute set here and their class values are checked by allowed_classes.
    "attributes": {tag: set(names) - {"class"} for tag, names in ALLOWED_ATTRIBUTES.items()},
    "url_schemes": set(ALLOWED_PROTOCOLS),
    "allowed_classes": {tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
    "link_rel": None,  # keep our rel as it is; "rel" is an allowed attribute of a
    "strip_comments": True,
}


# --- helpers ----------------------------------------------------------------------------------------------------


class _Events(HTMLParser):
    """HTML as a list of events, blind to serialization: <br> == <br />, &quot; == ", attribute order ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # a void element, written <br /> instead of <br>

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + data)
        else:
            self.events.append(("text", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def handle_pi(self, data):
        self.events.append(("pi", data))

    def unknown_decl(self, data):
        self.events.append(("decl", data))


def events(html: str) -> list[tuple]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


def start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    return [(event[1], dict(event[2])) for event in events(html) if event[0] == "start"]


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: C0 controls and spaces trimmed, tabs and newlines removed (WHATWG URL)."""
    value = value.strip("".join(map(chr, range(0x21)))).translate({0x09: None, 0x0A: None, 0x0D: None})
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", value)
    return match.group(1).lower() if match else None


def safety_problems(html: str) -> list[str]:
    """Everything in rendered HTML that the allow-list should have made impossible."""
    problems = []
    if "<script" in html.lower():
        problems.append("<script in output")
    for event in events(html):
        if event[0] in ("comment", "decl", "pi"):
            problems.append(f"{event[0]} survived: {event[1]!r}")
        if event[0] != "start":
            continue
        _, tag, attributes = event
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}> is not allowed")
        for name, value in attributes:
            if re.fullmatch(r"on\w+", name):
                problems.append(f"event handler {name}= on <{tag}>")
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                problems.append(f"{name}= is not allowed on <{tag}>")
            if name == "class" and value not in ALLOWED_CLASSES.get(tag, ()):
                problems.append(f"class={value!r} on <{tag}>")
            if name == "rel" and value != EXTERNAL_LINK_REL:
                problems.append(f"rel={value!r}")
            if name in URL_ATTRIBUTES:
                # Only a leading scheme runs: "src=javascript:x" or "/?q=javascript:x" are relative and inert.
                squeezed = re.sub(r"[\x00-\x20\x7f-\x9f\s]", "", value).lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:")):
                    problems.append(f"{name}={value!r} is script")
                scheme = url_scheme(value)
                if scheme is not None and scheme not in ALLOWED_PROTOCOLS:
                    problems.append(f"{name}={value!r} has scheme {scheme}")
    return problems


def nh3_difference(html: str) -> tuple[list, list] | None:
    """None when nh3, given the same allow-list, keeps everything bleach kept; else (bleach events, nh3 events)."""
    ours, theirs = events(html), events(nh3.clean(html, **NH3_OPTIONS))
    return None if ours == theirs else (ours, theirs)


def assert_safe(html: str) -> None:
    assert safety_problems(html) == []
    assert not {tag for tag, _ in start_tags(html)} & FORBIDDEN_ELEMENTS
    assert nh3_difference(html) is None


# --- 1 and 2: the Big List of Naughty Strings, alone and inside Markdown --------------------------------------------

BLNS_CONTEXTS = {
    "plain": "{}",
    "link-target": "[x]({})",
    "link-target-pointy": "[x](<{}>)",
    "link-text": "[{}](https://example.com/)",
    "image": "![{0}]({0})",
    "reference": "[x][r]\n\n[r]: {}",
    "autolink": "<{}>",
    "table-cell": "| a | b |\n|:-|-:|\n| {} | z |",
    "emphasis": "*{0}* **{0}** ~~{0}~~",
    "heading-and-list": "# {0}\n\n- {0}\n1. {0}",
}


def test_blns_is_loaded():
    assert len(BLNS) > 500
    assert "<script>alert(0)</script>" in BLNS


@pytest.mark.parametrize("template", BLNS_CONTEXTS.values(), ids=BLNS_CONTEXTS.keys())
def test_blns_renders_inert(template):
    failures = []
    for line in BLNS:
        source = template.format(line)
        try:
            html = str(render_markdown(source))
        except Exception as error:  # noqa: BLE001 - every raise is a failure to report
            failures.append((source, f"raised {error!r}"))
            continue
        problems = safety_problems(html)
        if problems:
            failures.append((source, html, problems))
        difference = nh3_difference(html)
        if difference is not None:
            failures.append((source, html, "nh3 removed more", difference))
    assert failures == []


# --- 3: hostile input, the Markdown layer (raw HTML is escaped) ------------------------------------------------------

HOSTILE_MARKDOWN = {
    "script": ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
    "svg-onload": ("<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>\n"),
    "svg-script": (
        "<svg><script>alert(1)</script></svg>",
        "<p>&lt;svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;</p>\n",
    ),
    "iframe": (
        '<iframe src="https://evil.example/"></iframe>',
        "<p>&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;</p>\n",
    ),
    "raw-a-javascript": (
        '<a href="javascript:alert(1)">x</a>',
        "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n",
    ),
    "md-javascript": ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    "md-mixed-case": ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
    "md-leading-spaces": ("[x](  javascript:alert(1))", "<p>[x](  javascript:alert(1))</p>\n"),
    # The tab entity becomes %09 in the URL: "java%09script:" has no scheme, so it is a harmless relative link.
    "md-tab-entity": ("[x](java&#x09;script:alert(1))", '<p><a href="java%09script:alert(1)">x</a></p>\n'),
    "md-decimal-entity": ("[x](&#106;avascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    "md-colon-entity": ("[x](javascript&colon;alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    # A control character cannot stand in a link destination; the sanitizer shows it as "?".
    "md-control-char": ("[x](\x01javascript:alert(1))", "<p>[x](?javascript:alert(1))</p>\n"),
    "md-vbscript": ("[x](vbscript:msgbox(1))", "<p>[x](vbscript:msgbox(1))</p>\n"),
    "md-data-html": (
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<p>[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)</p>\n",
    ),
    # markdown-it lets data:image/png through for images; the allow-list has no data: scheme, so src goes.
    "md-data-image": ("![x](data:image/png;base64,iVBORw0KGgo=)", '<p><img alt="x"></p>\n'),
    "md-image-javascript": ("![x](javascript:alert(1))", "<p>![x](javascript:alert(1))</p>\n"),
    "md-pointy-javascript": ("[x](<javascript:alert(1)>)", "<p>[x](&lt;javascript:alert(1)&gt;)</p>\n"),
    "md-percent-encoded": ("[x](%6Aavascript:alert(1))", '<p><a href="%6Aavascript:alert(1)">x</a></p>\n'),
    "md-ftp": ("[x](ftp://example.com/)", "<p><a>x</a></p>\n"),
    "autolink": ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
    "reference": ("[x][1]\n\n[1]: javascript:alert(1)", "<p>[x][1]</p>\n<p>[1]: javascript:alert(1)</p>\n"),
    "reference-pointy": (
        "[x][1]\n\n[1]: <javascript:alert(1)>",
        "<p>[x][1]</p>\n<p>[1]: &lt;javascript:alert(1)&gt;</p>\n",
    ),
    "nested-script": (
        "<scr<script>ipt>alert(1)</script>",
        "<p>&lt;scr&lt;script&gt;ipt&gt;alert(1)&lt;/script&gt;</p>\n",
    ),
    "img-in-link-text": (
        "[<img src=x onerror=alert(1)>](http://x)",
        '<p><a href="http://x" rel="nofollow ugc noopener">&lt;img src=x onerror=alert(1)&gt;</a></p>\n',
    ),
    "raw-a-in-strong": (
        "**<a href=javascript:alert(1)>x</a>**",
        "<p><strong>&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;</strong></p>\n",
    ),
    "unclosed": (
        "<b>bold <i>and <img src=x onerror=alert(1)",
        "<p>&lt;b&gt;bold &lt;i&gt;and &lt;img src=x onerror=alert(1)</p>\n",
    ),
    "comment": ("<!-- <script> -->", "<p>&lt;!-- &lt;script&gt; --&gt;</p>\n"),
    "style": ("<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n"),
    "form": (
        '<form action="https://evil.example/"><input name=pw></form>',
        "<p>&lt;form action=&quot;https://evil.example/&quot;&gt;&lt;input name=pw&gt;&lt;/form&gt;</p>\n",
    ),
    "onclick": (
        '<a href="http://x" onclick="y">z</a>',
        "<p>&lt;a href=&quot;http://x&quot; onclick=&quot;y&quot;&gt;z&lt;/a&gt;</p>\n",
    ),
    "link-in-table": (
        "| a |\n|---|\n| [x](javascript:alert(1)) |",
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td>[x](javascript:alert(1))</td>\n</tr>\n</tbody>\n</table>\n",
    ),
}


@pytest.mark.parametrize(("source", "expected"), HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_hostile_markdown_renders_inert(source, expected):
    html = str(render_markdown(source))
    assert html == expected
    assert_safe(html)


# --- 3: hostile raw HTML reaching the sanitizer (the second wall) ----------------------------------------------------


@pytest.fixture
def raw_html_passes_markdown(monkeypatch):
    """Markdown that lets raw HTML through, so the bleach allow-list alone has to stop it."""
    markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    monkeypatch.setattr(rendering, "_markdown", markdown)


HOSTILE_HTML = {
    "script": ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    "img-onerror": ("<img src=x onerror=alert(1)>", '<img src="x">'),
    "svg-onload": ("<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;"),
    "iframe": ("<iframe src=https://evil.example></iframe>", "&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;"),
    "a-javascript": ('<a href="javascript:alert(1)">x</a>', "<p><a>x</a></p>\n"),
    "a-javascript-tab-entity": ("<a href='jav&#x09;ascript:alert(1)'>x</a>", "<p><a>x</a></p>\n"),
    "a-javascript-newline": ('<a href="java\nscript:alert(1)">x</a>', "<p><a>x</a></p>\n"),
    "a-javascript-leading-space": ("<a href=' javascript:alert(1)'>x</a>", "<p><a>x</a></p>\n"),
    "a-javascript-entity": ("<a href='&#106;avascript:alert(1)'>x</a>", "<p><a>x</a></p>\n"),
    "a-vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "<p><a>x</a></p>\n"),
    "a-in-strong": ("**<a href=javascript:alert(1)>x</a>**", "<p><strong><a>x</a></strong></p>\n"),
    "img-data": ('<img src="data:text/html;base64,PHNjcmlwdD4=">', "<img>"),
    "comment": ("<!-- <script> -->", ""),
    "style": ("<style>p{}</style>", "&lt;style&gt;p{}&lt;/style&gt;"),
    "form": ("<form action=x><input></form>", "&lt;form action=x&gt;&lt;input&gt;&lt;/form&gt;"),
    "onclick-external": (
        '<a href="http://x" onclick="y">z</a>',
        '<p><a href="http://x" rel="nofollow ugc noopener">z</a></p>\n',
    ),
    "rel-opener-relative": ('<a href="/wiki/x" rel="opener">z</a>', '<p><a href="/wiki/x">z</a></p>\n'),
    "rel-opener-external": (
        '<a href="http://x" rel="opener">z</a>',
        '<p><a href="http://x" rel="nofollow ugc noopener">z</a></p>\n',
    ),
    "foreign-class-and-style": (
        '<table><tr><td class="evil" style="position:fixed">x</td></tr></table>',
        "<table><tbody><tr><td>x</td></tr></tbody></table>",
    ),
    "class-and-id-on-p": ('<p class="x" id="y">z</p>', "<p>z</p>"),
    "ol-type": ('<ol start="3" type="a"><li>x</li></ol>', '<ol start="3"><li>x</li></ol>'),
}


@pytest.mark.parametrize(("source", "expected"), HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_sanitizer_alone_stops_raw_html(raw_html_passes_markdown, source, expected):
    html = str(render_markdown(source))
    assert html == expected
    assert_safe(html)


@pytest.mark.parametrize(
    "source",
    [
        "<svg><script>alert(1)</script></svg>",
        "<scr<script>ipt>alert(1)</script>",
        "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "<b>unclosed <i>tags <img src=x onerror=alert(1)",
        "<details open ontoggle=alert(1)>",
        '<a title="\'&quot;><script>alert(1)</script>">x</a>',
    ],
)
def test_sanitizer_alone_stops_nested_tricks(raw_html_passes_markdown, source):
    assert_safe(str(render_markdown(source)))


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" &#x01;Java&#x09;Script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<img src="data:text/html,x">',
        '<img src="x" onerror="alert(1)">',
        "<svg></svg>",
        '<td class="evil">x</td>',
        '<a href="/x" rel="opener">x</a>',
        '<a href="ftp://example.com/">x</a>',
        "<p><!-- comment --></p>",
    ],
)
def test_safety_check_itself_flags_hostile_html(html):
    assert safety_problems(html) != []


def test_nh3_agrees_on_alignment_classes():
    html = str(render_markdown("| a |\n|:-:|\n| b |"))
    assert nh3_difference(html) is None


@pytest.mark.parametrize(
    "html",
    [
        '<table><tr><th class="evil">a</th></tr></table>',
        '<a href="/x" onclick="y">z</a>',
        '<a href="javascript:alert(1)">z</a>',
        '<img src="x" style="a">',
        "<p><u>z</u></p>",
        "<p>a<!-- c -->b</p>",
    ],
)
def test_nh3_comparison_sees_what_bleach_should_have_removed(html):
    assert nh3_difference(html) is not None


def test_nh3_comparison_ignores_serialization_only():
    assert events('<p>a "b"<br />c</p>') == events("<p>a &quot;b&quot;<br>c</p>")
    assert events('<a title="t" href="/x">y</a>') == events("<a href='/x' title=\"t\">y</a>")
    assert events("<p>a</p>") != events("<p>a <em>b</em></p>")
    assert events('<a href="/x">y</a>') != events("<a>y</a>")


# --- 4: what Markdown should still do ------------------------------------------------------------------------------


def test_render_returns_markup():
    html = render_markdown("a & b")
    assert isinstance(html, Markup)
    assert str(html) == "<p>a &amp; b</p>\n"


def test_headings():
    assert render_markdown("# One\n\n###### Six") == '<h1 id="section-one">One</h1>\n<h6 id="section-six">Six</h6>\n'


def test_emphasis():
    assert render_markdown("*em* **strong** `code`") == "<p><em>em</em> <strong>strong</strong> <code>code</code></p>\n"


def test_lists():
    assert render_markdown("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    assert render_markdown("3. c\n4. d") == '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>\n'


def test_blockquote_rule_and_hard_break():
    assert render_markdown("> q\n\n***\n\nline  \nbreak") == (
        "<blockquote>\n<p>q</p>\n</blockquote>\n<hr>\n<p>line<br>\nbreak</p>\n"
    )


def test_code_keeps_angle_brackets_escaped():
    assert render_markdown("```\n<b>&amp;</b>\n```") == "<pre><code>&lt;b&gt;&amp;amp;&lt;/b&gt;\n</code></pre>\n"
    assert render_markdown("    <script>x</script>") == "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n"
    assert render_markdown("`<i>`") == "<p><code>&lt;i&gt;</code></p>\n"


def test_fenced_code_language_class_is_dropped():
    assert render_markdown("```python\nx < y\n```") == "<pre><code>x &lt; y\n</code></pre>\n"


def test_table_with_alignment_classes():
    assert render_markdown("| l | c | r |\n|:-|:-:|-:|\n| 1 | 2 | 3 |") == (
        "<table>\n<thead>\n<tr>\n"
        '<th class="align-left">l</th>\n<th class="align-center">c</th>\n<th class="align-right">r</th>\n'
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td class="align-left">1</td>\n<td class="align-center">2</td>\n<td class="align-right">3</td>\n'
        "</tr>\n</tbody>\n</table>\n"
    )


def test_table_without_alignment_has_no_class():
    html = str(render_markdown("| a |\n|---|\n| b |"))
    assert start_tags(html) == [
        ("table", {}),
        ("thead", {}),
        ("tr", {}),
        ("th", {}),
        ("tbody", {}),
        ("tr", {}),
        ("td", {}),
    ]


def test_strikethrough_is_s():
    assert render_markdown("~~gone~~") == "<p><s>gone</s></p>\n"


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[a](https://example.com)", "https://example.com"),
        ("[a](HTTP://EXAMPLE.COM/x)", "HTTP://EXAMPLE.COM/x"),
        ("[a](//evil.example/x)", "//evil.example/x"),
        ("<https://example.com/auto>", "https://example.com/auto"),
        ("[a][r]\n\n[r]: https://example.com/ref", "https://example.com/ref"),
        ("[a](mailto:someone@example.com)", "mailto:someone@example.com"),
        ("<someone@example.com>", "mailto:someone@example.com"),
    ],
)
def test_external_links_get_rel(source, href):
    assert [tag for tag in start_tags(str(render_markdown(source))) if tag[0] == "a"] == [
        ("a", {"href": href, "rel": "nofollow ugc noopener"})
    ]


def test_link_title_survives():
    assert render_markdown('[a](https://example.com "Title")') == (
        '<p><a href="https://example.com" title="Title" rel="nofollow ugc noopener">a</a></p>\n'
    )


@pytest.mark.parametrize("href", ["/wiki/it-manager", "#section", "?q=1", "it-manager", "./x"])
def test_relative_links_get_no_rel(href):
    assert render_markdown(f"[a]({href})") == f'<p><a href="{href}">a</a></p>\n'


def test_query_ampersand_is_escaped_once():
    assert render_markdown("[a](/search?q=1&r=2)") == '<p><a href="/search?q=1&amp;r=2">a</a></p>\n'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("![cat](http://example.com/cat.png)", '<p><img src="http://example.com/cat.png" alt="cat"></p>\n'),
        ("![cat](/static/cat.png)", '<p><img src="/static/cat.png" alt="cat"></p>\n'),
        ('![cat](https://example.com/c.png "T")', '<p><img src="https://example.com/c.png" alt="cat" title="T"></p>\n'),
    ],
)
def test_images_keep_src(source, expected):
    assert render_markdown(source) == expected


def test_excerpt_strips_tags_and_collapses_whitespace():
    assert excerpt("<h1>Title</h1>\n<p>one   <em>two</em>\n\tthree</p>") == "Title one two three"


def test_excerpt_decodes_entities():
    assert excerpt("<p>a &amp; b &lt;c&gt;</p>") == "a & b <c>"


def test_excerpt_short_text_is_whole():
    assert excerpt("<p>alpha beta</p>", length=10) == "alpha beta"


def test_excerpt_of_a_word_longer_than_it_fits_its_column():
    """The column holds EXCERPT_MAX_CHARS + 1 characters (PostgreSQL refuses more: a 500 on saving such a page)."""
    assert excerpt("<p>" + "x" * 3000 + "</p>") == "x" * EXCERPT_MAX_CHARS + "…"
    assert excerpt("<p>alphabetagamma delta</p>", length=5) == "alpha…"


def test_excerpt_cuts_at_word_boundary():
    assert excerpt("<p>alpha beta gamma</p>", length=12) == "alpha beta…"


def test_excerpt_keeps_words_split_by_inline_markup_whole():
    assert (
        excerpt(str(render_markdown("**Data**base and un*frigging*believable"))) == "Database and unfriggingbelievable"
    )


# --- 5: bounded rendering: markup is counted before rendering, and too much is refused ------------------------------


def counted(source: str, items) -> dict[str, int]:
    counts, complete = count_markup(source)
    assert complete
    return {item: counts[item] for item in items}


COUNTED = {
    "line breaks, CR and CRLF too": ("a\nb\r\nc\rd", {"line breaks": 3}),
    "hard line break": ("a  \nb", {"line breaks": 1, "hard line breaks": 1}),
    "characters that become entities": (
        '<>&"',
        {'"<" characters': 1, '">" characters': 1, '"&" characters': 1, "double quotes": 1},
    ),
    "invalid characters": ("a\x01\x7f\x85\ufffe\U0010ffff\ud800 \t\x0c", {"control characters": 6}),
    "emphasis": ("*a* _b_ ~~c~~", {'"*" characters': 2, '"_" characters': 2, '"~" characters': 4}),
    "links and images": ("[a](b) ![c](d)", {'"[" characters': 2, '"]" characters': 2}),
    "list items, nested and quoted": (
        "- a\n  * b\n> + c\n1. d\n2) - e\n- - f\na - b\n*a* b\n1.5 c",
        {"list items": 6, "numbered list items": 2},
    ),
    "headings": ("# a\n## b\n#c", {"headings": 2}),
    "autolinks": ("<http://a> <a@b.c> <b> <a b>", {"autolinks": 2}),
    "table: columns times rows, short rows padded": (
        "| a | b | c |\n|---|:-:|--:|\n| 1 |\n| 2 | 3 |\n\n| x |",
        {"table cells": 9, "tables": 1},
    ),
    "table: 100 columns, 50 one-letter rows": (
        "|a" * 100 + "|\n" + "|-" * 100 + "|\n" + "x\n" * 50,
        {"table cells": 5100},
    ),
    "table after a heading in the same block": ("|a|\n|-|\n# h\n|x|y|\n|-|-|\nz\n", {"table cells": 9, "tables": 2}),
    "no delimiter row, no table": ("a | b\n|\n|", {"table cells": 0, "tables": 0}),
    "fenced code: only its escaped characters": (
        "```\n*a* <\n```\n*b*",
        {"code fences": 2, "escaped characters in fenced code": 1, '"*" characters': 2, '"<" characters': 0},
    ),
    "unclosed fence runs to the end": (
        "```js\n<<<\n*",
        {"code fences": 1, "escaped characters in fenced code": 3},
    ),
    "a fence in a list is counted as Markdown": ("- ```\n  *a*\n  ```", {"code fences": 0, '"*" characters': 2}),
    "a fence closed by a shorter one is not": ("````\n```\n*a*", {"code fences": 2, '"*" characters': 0}),
    "reference used five times": (
        "[a]: /" + "&" * 10 + "\n\n" + "[a] " * 5,
        {"reference link uses": 6, "escaped characters repeated by reference links": 6 * 10},
    ),
    "one-line definitions: the worst line": (
        '[a]: /x "t"\n[b]: /&&&&& "t"\n\n[a] [b]',
        {"reference link uses": 4, "escaped characters repeated by reference links": 4 * 7},
    ),
    "a title on the next line: the whole block": (
        '[a]: /x\n"&&&&&"\n[b]: /y "t"\n\n[a]',
        {"reference link uses": 3, "escaped characters repeated by reference links": 3 * 9},
    ),
    "images": ("![a](b) ![c", {"images": 2, '"[" characters': 2, "other punctuation": 2}),
    # "]: /" and the nine characters of %E6%BC%A2, for the use and the definition's own "]"
    "percent-encoded destinations": ("[a]: /\u6f22\n\n[a]", {"characters repeated by reference links": 2 * 13}),
}


@pytest.mark.parametrize(("source", "expected"), COUNTED.values(), ids=COUNTED.keys())
def test_markup_is_counted(source, expected):
    assert counted(source, expected) == expected


def test_each_count_has_marks():
    counts, _ = count_markup("a")
    assert set(counts) == set(rendering.MARKS)


@pytest.fixture
def small_limit(monkeypatch):
    """A limit a few lines of Markdown reach, with the marks of the text that is exactly at it."""
    text = "*a* [b](c) <d> & e\n" * 3
    marks = rendering._marks(count_markup(text)[0])
    monkeypatch.setattr(rendering, "MARKUP_LIMIT", int(marks) + 1)
    return text


def test_text_at_the_limit_is_rendered(small_limit):
    assert rendering_refusal(small_limit) is None
    assert "<em>a</em>" in render_markdown(small_limit)


def test_text_just_over_the_limit_is_refused(small_limit):
    over = small_limit + "<"  # one more "<": 1.42 marks, more than the limit's margin of less than 1
    refusal = rendering_refusal(over)
    assert refusal is not None
    assert f"the limit is {rendering.MARKUP_LIMIT:,}." in refusal
    with pytest.raises(RenderingRefused) as refused:
        render_markdown(over)
    assert str(refused.value) == refusal


def test_refusal_says_what_is_too_much_and_the_limit():
    refusal = rendering_refusal("<" * 40_000)
    assert refusal.startswith("This text has too much markup to render: at least 56,800 markup marks")
    assert f'most of them for its 40,000 "<" characters; the limit is {MARKUP_LIMIT:,}.' in refusal
    table = rendering_refusal("|a" * 100 + "|\n" + "|-" * 100 + "|\n" + "x\n" * 100)
    assert "most of them for its 10,100 table cells; the limit is 50,000." in table


def test_refusal_is_a_value_error_and_render_markdown_raises_it():
    assert issubclass(RenderingRefused, ValueError)
    with pytest.raises(RenderingRefused, match="the limit is 50,000"):
        render_markdown("[a]: /" + "&" * 1000 + "\n\n" + "[a]" * 1000)


def test_rendering_pauses_the_cycle_collector_and_restores_it(monkeypatch):
    seen = []
    monkeypatch.setattr(rendering._cleaner, "clean", lambda html: seen.append(gc.isenabled()) or html)
    render_markdown("*a*")
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        render_markdown("*a*")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_html_the_count_let_through_is_checked_before_bleach(monkeypatch):
    monkeypatch.setattr(rendering, "HTML_MARKS_LIMIT", 10)
    with pytest.raises(RenderingRefused, match="too much HTML"):
        render_markdown("*a* *b* *c*")
    assert gc.isenabled()


def seed_texts() -> list[str]:
    """Every body, comment and stance reason of the seeded wiki."""
    texts, stack = [], [content.PAGES, debate.DEFINITIONS, debate.DISCUSSIONS]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif dataclasses.is_dataclass(item):
            for field in dataclasses.fields(item):
                value = getattr(item, field.name)
                if field.name in ("body", "reason") and isinstance(value, str):
                    texts.append(value)
                else:
                    stack.append(value)
    return texts


def fill(text: str, size: int = 200 * 1024) -> str:
    return text * (size // len(text.encode()))


CODE_SAMPLE = """Some notes.

```html
<!DOCTYPE html>
<html lang="en"><head><title>A &amp; B</title></head>
<body><p class="x">a < b && c > d</p><script>if (a < b && b > c) { x = a & b; }</script></body>
```

```cpp
#include <vector>
template <typename T> std::map<int, std::vector<T*>> f(const T& x, T** p) {
    if (a < b && *p != nullptr) { return {}; }  // **not emphasis**
    return (a << 2) & ~b | c ^ d;
}
```

"""


def test_legitimate_texts_are_not_refused():
    seeds = seed_texts()
    assert len(seeds) > 100
    article = "\n\n".join(seeds)
    legitimate = {
        **{f"seed {number}": text for number, text in enumerate(seeds)},
        "200 KB article": fill(article + "\n\n"),
        "200 KB of code blocks": fill(CODE_SAMPLE),
        "3-column table, 1,500 rows": "| Role | Team | Level |\n|---|:-:|--:|\n" + "| architect | ops | 3 |\n" * 1500,
        **{f"BLNS {number}": line for number, line in enumerate(BLNS)},
    }
    assert {name: refusal for name, text in legitimate.items() if (refusal := rendering_refusal(text))} == {}


# bleach, with its html5lib's tree built and walked in linear time, must clean exactly as stock bleach does.
TREE_SHAPES = [
    "<table>text before rows<tr><td>x</td></tr>text after</table>",  # foster parenting
    "<b>1<p>2</b>3</p>",  # the adoption agency reparents children
    "<a href=x><b>c</a>d</b>",
    "<p>" + "&lt;" * 3000 + "</p>",
    "<ul>" + "<li><p>a <em>b</em></p><ul><li>c</li></ul></li>" * 200 + "</ul>",
    "<table>" + "<tr><td><code>a</code></td><td>b &amp; c</td></tr>" * 300 + "</table>",
    "<pre><code>" + "a < b && c > d\n" * 500 + "</code></pre>",
    '<a title="' + "&quot;" * 500 + '" href="/x?a=1&amp;b=2">t</a>',
    "deep " + "<blockquote>" * 100 + "x" + "</blockquote>" * 100,
    "<p>unclosed <em>tags <strong>here",
]


def test_linear_cleaner_cleans_like_bleach():
    markdown = MarkdownIt("commonmark")  # raw HTML passes, for the sanitizer to see it
    samples = [
        *TREE_SHAPES,
        *(source for source, _ in HOSTILE_HTML.values()),
        *(markdown.render(template.format(line)) for template in BLNS_CONTEXTS.values() for line in BLNS[::5]),
    ]
    stock = bleach.Cleaner(**rendering._CLEANER_OPTIONS)
    assert [html for html in samples if rendering._cleaner.clean(html) != stock.clean(html)] == []
