"""Markdown -> sanitized HTML. The only place that makes Markup."""

import gc
import html as html_entities
import re
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
from bleach import html5lib_shim
from bleach._vendor.html5lib import getTreeBuilder
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt
from markupsafe import Markup

# The allow-list. tests/test_rendering.py hands the same lists to nh3 to check bleach misses nothing.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "del",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title", "rel", "class"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"class"}),
    "td": frozenset({"class"}),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), frozenset({"id"})),
}
# Headings get ids so their sections can be linked. All of them start with "section-", which no id of the site's own
# (main, discussion, comment-12, comment-form...) does, so no text can take the place of one of those.
HEADING_ID_PREFIX = "section-"
HEADING_ID = re.compile(r"section-[\w-]{1,90}")
ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})
WIKILINK_CLASS = "wikilink"
ALLOWED_CLASSES = {"th": ALIGN_CLASSES, "td": ALIGN_CLASSES, "a": frozenset({WIKILINK_CLASS})}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
EXTERNAL_LINK_REL = "nofollow ugc noopener"


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    if name == "class":
        return value in ALLOWED_CLASSES.get(tag, ())
    if name == "id":
        return HEADING_ID.fullmatch(value) is not None
    return True


def is_external(href: str) -> bool:
    """A link leaves the site when it names a scheme or a host ("//host" counts)."""
    parts = urlsplit(href.strip())
    return bool(parts.scheme or parts.netloc)


class ExternalLinkFilter(Filter):
    """Marks links that leave the site so they pass no reputation and no opener."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attributes = token["data"]
                attributes.pop((None, "rel"), None)
                if is_external(attributes.get((None, "href"), "")):
                    attributes[(None, "rel")] = EXTERNAL_LINK_REL
            yield token


def _alignment_as_class(state) -> None:
    """Tables align cells with inline style; turn that into one of three known classes."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs["class"] = "align-" + style.split(":", 1)[1].strip()


# A slug keeps this much of a heading's text: ids stay short whatever the heading holds.
SLUG_MAX_CHARS = 64
PAGE_SLUG_MAX_CHARS = 120
_NOT_SLUG = re.compile(r"[\W_]+")


def slugify(text: str, limit: int = PAGE_SLUG_MAX_CHARS) -> str:
    """'Infrastructure architect' -> 'infrastructure-architect': lower case letters and digits of any script, joined
    by "-". Page addresses, the targets of [[links]] and heading ids are all made by it."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _NOT_SLUG.sub("-", text).strip("-")[:limit].strip("-")


def slugify_heading(text: str) -> str:
    """A heading's text as the word part of its id."""
    return slugify(text[: 4 * SLUG_MAX_CHARS], SLUG_MAX_CHARS)


def _heading_ids(state) -> None:
    """Give every heading an id, "section-" and its slug, made unique within the text by a number.

    Each base remembers the next number to try, so n headings with the same text cost O(n), not O(n²) as trying
    "-1", "-2"... from the start each time would (as mdit_py_plugins' anchors plugin does).
    """
    used: set[str] = set()
    next_number: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        children = tokens[index + 1].children or ()
        text = "".join(child.content for child in children if child.type in ("text", "code_inline", "image"))
        base = HEADING_ID_PREFIX + (slugify_heading(text) or "heading")
        candidate = base
        if candidate in used:
            number = next_number.get(base, 1)
            while f"{base}-{number}" in used:
                number += 1
            candidate = f"{base}-{number}"
            next_number[base] = number + 1
        used.add(candidate)
        token.attrSet("id", candidate)


# [[Title]] or [[Title|label]]: a link to the page of that title, whether or not it exists yet.
_WIKILINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")


def _wikilink(state, silent: bool) -> bool:
    """markdown-it's inline rule for [[links]]: an anchor to /wiki/<slug> marked as a wiki link; its label is text.

    The pattern is anchored where "[[" stands and reads at most about 400 characters, so a text of nothing but
    "[[" costs time linear in its length.
    """
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK.match(state.src, state.pos)
    if match is None or not slugify(match.group(1)):
        return False
    if not silent:
        opening = state.push("link_open", "a", 1)
        opening.attrSet("href", f"/wiki/{slugify(match.group(1))}")
        opening.attrSet("class", WIKILINK_CLASS)
        label = state.push("text", "", 0)
        label.content = " ".join((match.group(2) or match.group(1)).split())
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def _make_markdown() -> MarkdownIt:
    # Raw HTML in the source is escaped (html=False); the sanitizer is the second wall. With html=False the two
    # HTML rules only return False, once per line and per "<": switched off, they cost nothing.
    markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    markdown.disable(["html_block", "html_inline"])
    markdown.inline.ruler.before("link", "wikilink", _wikilink)
    markdown.core.ruler.push("alignment_as_class", _alignment_as_class)
    markdown.core.ruler.push("heading_ids", _heading_ids)
    return markdown


# --- bleach, with two quadratic steps of its html5lib made linear ---------------------------------------------------
#
# The sanitizing is bleach's own (its tokenizer, tree construction, allow-list filter and serializer); only the tree
# it builds and walks is handled in linear time. tests/test_rendering.py checks the output equals a stock Cleaner's.

_EtreeBuilder = getTreeBuilder("etree")
_EtreeWalker = html5lib_shim.getTreeWalker("etree")


class _LinearTextElement(_EtreeBuilder.elementClass):
    """html5lib's element, but appending text without copying what is already there.

    html5lib appends each piece of text with `element.text += data`, which copies the whole text every time. Bleach
    hands it two pieces per entity ("&", then "lt;..."), so a paragraph or a code block of n escaped characters cost
    O(n²): 160,000 "<" took 3.7 s instead of 1.1 s. Dropping the element's reference first leaves the string one
    owner, and CPython then extends it in place.
    """

    def insertText(self, data, insertBefore=None):
        if insertBefore is not None:  # text moved out of a table ("foster parenting"): rare, html5lib's way is fine
            return super().insertText(data, insertBefore)
        node, attribute = (self._element[-1], "tail") if len(self._element) else (self._element, "text")
        text = getattr(node, attribute) or ""
        setattr(node, attribute, None)
        text += data
        setattr(node, attribute, text)


class _LinearTextTreeBuilder(_EtreeBuilder):
    elementClass = _LinearTextElement


class _IndexedTreeWalker(_EtreeWalker):
    """html5lib's etree walker, but remembering where each open element sits among its siblings.

    On leaving an element, html5lib finds the parent's place among the grandparent's children with list.index (after
    asserting with list.count), so n siblings that have children of their own cost O(n²): a 3-column table of 25,000
    rows took 26 s to sanitize, 25,000 fenced code blocks 34 s. The stack of parents here holds (element, index).
    """

    def getFirstChild(self, node):
        if isinstance(node, tuple):
            element, key, parents, flag = node
        else:
            element, key, parents, flag = node, None, [], None
        if flag in ("text", "tail"):
            return None
        if element.text:
            return element, key, parents, "text"
        if len(element):
            parents.append((element, key))
            return element[0], 0, parents, None
        return None

    def getNextSibling(self, node):
        if not isinstance(node, tuple):
            return None
        element, key, parents, flag = node
        if flag == "text":
            if len(element):
                parents.append((element, key))
                return element[0], 0, parents, None
            return None
        if element.tail and flag != "tail":
            return element, key, parents, "tail"
        parent = parents[-1][0]
        if key < len(parent) - 1:
            return parent[key + 1], key + 1, parents, None
        return None

    def getParentNode(self, node):
        if not isinstance(node, tuple):
            return None
        element, key, parents, flag = node
        if flag == "text":
            return (element, key, parents, None) if parents else element
        parent, parent_key = parents.pop()
        return (parent, parent_key, parents, None) if parents else parent


class _LinearCleaner(bleach.Cleaner):
    """bleach's Cleaner, parsing into _LinearTextTreeBuilder and walking with _IndexedTreeWalker."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        # The same parser bleach.Cleaner makes, given the tree builder.
        self.parser = html5lib_shim.BleachHTMLParser(
            tags=self.tags,
            strip=self.strip,
            consume_entities=False,
            namespaceHTMLElements=False,
            tree=_LinearTextTreeBuilder,
        )
        self.walker = _IndexedTreeWalker


_CLEANER_OPTIONS = {
    "tags": ALLOWED_TAGS,
    "attributes": _allow_attribute,
    "protocols": ALLOWED_PROTOCOLS,
    "strip": False,
    "strip_comments": True,
    "filters": [ExternalLinkFilter],
}
_markdown = _make_markdown()
_cleaner = _LinearCleaner(**_CLEANER_OPTIONS)


# --- bounded rendering ------------------------------------------------------------------------------------------------
#
# markdown-it and bleach are pure Python and spend a roughly constant time on each piece of markup: a table cell, a list
# item, an emphasis mark, a character that becomes an entity. Rendering time follows the density of the markup, not the
# size of the text: 200 KB of prose render in 0.1 s, 200 KB of "<" took 8 s. So before rendering, the source's markup is
# counted in one quick pass (str.count, bytes.translate and regular expressions that do not backtrack), weighted in
# "marks", and the text is refused when the total is over MARKUP_LIMIT.
#
# A mark is about 10 µs of rendering (markdown-it and bleach together) on the machine the weights were measured on:
# each weight is the most that kind of markup cost, rendered alone up to the limit and in random mixtures, plus 25 %.
# The limit is half a second. tests/test_rendering.py checks what is counted; the timings are in the README.

MARKUP_LIMIT = 50_000

# Marks for each thing counted, named as the refusal message names them.
MARKS = {
    "line breaks": 3.4,
    "hard line breaks": 0.5,  # two spaces before a line break, on top of the line break
    '"<" characters': 1.4,  # <, >, & and " become entities, which bleach handles one by one
    '">" characters': 1.2,
    '"&" characters': 1.6,
    "double quotes": 1.2,
    "control characters": 1.0,  # and other characters html5lib reports as invalid
    '"*" characters': 3.5,
    '"_" characters': 2.9,
    '"~" characters': 1.5,
    '"[" characters': 3.8,
    '"]" characters': 4.6,
    "images": 1.8,  # "![", on top of its "!" and "[": markdown-it looks for an image's end at each one
    "backticks": 2.8,
    "backslashes": 0.5,
    '"|" characters': 0.5,
    "other punctuation": 0.3,  # ! # $ % + - : = @ ^ { }: markdown-it tries its inline rules at each
    "characters": 0.02,  # every character outside fenced code
    "list items": 9.1,
    "numbered list items": 4.4,
    "headings": 6.3,  # 2.1 before headings had ids: html5lib tokenizes, filters and writes out each id
    "autolinks": 8.4,
    "table cells": 5.3,
    "tables": 3.7,
    "code fences": 3.9,  # the lines that open and close fenced code blocks: half a block each
    "characters in fenced code": 0.006,
    "escaped characters in fenced code": 1.0,  # < > & " again, without the Markdown around them
    "reference link uses": 1.3,
    "characters repeated by reference links": 0.025,  # also keeps the HTML under 2 MB or so
    "escaped characters repeated by reference links": 0.8,
}
# The characters counted one by one outside fenced code (all ASCII, so counted in the UTF-8 bytes).
_CHARACTERS = {
    "\n": "line breaks",
    "<": '"<" characters',
    ">": '">" characters',
    "&": '"&" characters',
    '"': "double quotes",
    "*": '"*" characters',
    "_": '"_" characters',
    "~": '"~" characters',
    "[": '"[" characters',
    "]": '"]" characters',
    "`": "backticks",
    "\\": "backslashes",
    "|": '"|" characters',
    **dict.fromkeys("!#$%+-:=@^{}", "other punctuation"),
}
_NOT_COUNTED = bytes(sorted(set(range(256)) - {ord(character) for character in _CHARACTERS}))

# What html5lib reports one by one as invalid: control characters, noncharacters, surrogates. Counted by str.translate
# in ASCII text (fast there), else by a regular expression (fast while it keeps to the Basic Multilingual Plane).
_INVALID_ASCII = str.maketrans(dict.fromkeys([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F]))
_INVALID_BMP = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
_INVALID_ASTRAL = re.compile(
    "[" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]"
)

# A fenced code block that opens at the left margin is always at the top level (whatever it could be inside ends at
# such a line) and ends at a closing fence of its kind or, unclosed, at the end of the text. Its content is not parsed
# as Markdown: only its characters that become entities cost much.
_FENCED_CODE = re.compile(
    r"\n((?:(`{3,})[^`\n]*|(~{3,})[^\n]*)(?:\n(?:[^\n]*\n)*? {0,3}(?:\2`*|\3~*)[ \t]*(?=\n|\Z)|(?:\n[^\n]*)*\Z))"
)
# List markers open a line, after any indentation, quote markers and other list markers ("> - 1. item").
_LIST_MARKERS = re.compile(r"\n[ \t>]*+((?:(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]++|(?=\n))|>[ \t]*+)+)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]*@[^\s<>]*)>")
# A table is as wide as its delimiter row, and markdown-it pads every row to that width: 10 KB of source can ask for
# 100,000 cells. A table ends at a blank line at the latest.
_DELIMITER_ROW = re.compile(r"\n([ \t>]*+[|: \t]*+-[|: \t-]*+)(?=\n)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A line of only "=" or only "-" under a paragraph's line makes it a heading (a "setext" heading). Counted as one
# wherever it stands: elsewhere it is a thematic break or an empty list item, both dearer than a heading's mark.
_SETEXT_UNDERLINE = re.compile(r"\n {0,3}(?:=++|-++)[ \t]*+(?=\n)")
# Every use of a reference link ("[text][label]", "[label]") repeats its definition's destination and title, so a long
# definition used many times multiplies. A definition ends at a blank line at the latest, or at the end of its line
# when a block holds only one-line definitions (a destination and a closed title on each line).
_ONE_LINE_DEFINITIONS = re.compile(
    r"""(?: {0,3}\[[^\]\n]+\]:[ \t]*\S+[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))[ \t]*(?:\n|$))++"""
)


def _invalid_characters(text: str) -> int:
    if text.isascii():
        return len(text) - len(text.translate(_INVALID_ASCII))
    count = len(_INVALID_BMP.findall(text))
    if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text):  # some characters are beyond U+FFFF
        count += len(_INVALID_ASTRAL.findall(text))
    return count


def _escaped_characters(text: str) -> int:
    return text.count("<") + text.count(">") + text.count("&") + text.count('"')


def _rendered_length(text: str) -> int:
    """At most how long text is once in an attribute: links percent-encode each UTF-8 byte that is not ASCII."""
    ascii_characters = len(text.encode("ascii", "ignore"))
    return ascii_characters + 3 * (len(text.encode("utf-8", "surrogatepass")) - ascii_characters)


def _table_cells(lines: str) -> tuple[int, int]:
    """At most how many cells markdown-it emits, and in how many tables: columns times lines down to a blank line."""
    cells = tables = 0
    line = position = 0  # `position` is on line number `line`
    blank_position = blank_line = -1
    for row in _DELIMITER_ROW.finditer(lines):
        start = row.start(1)
        if lines.find("|", lines.rfind("\n", 0, start - 1), start) < 0:
            continue  # a table's header row has a "|"
        line += lines.count("\n", position, start)
        position = start
        if blank_position < start:
            blank = _BLANK_LINE.search(lines, start - 1)
            blank_position = blank.start() if blank else len(lines)
            blank_line = line + lines.count("\n", start, blank_position)
        columns = row.group(1).strip(" \t>|").count("|") + 1
        cells += columns * (blank_line - line + 1)  # the header row and every line after the delimiter row
        tables += 1
    return cells, tables


def _worst_reference_definition(prose: str) -> tuple[int, int]:
    """The most characters, and the most escaped characters, one reference definition can repeat at each use."""
    length = escaped = 0
    for block in _BLANK_LINE.split(prose):
        if "]:" in block:
            pieces = block.split("\n") if _ONE_LINE_DEFINITIONS.fullmatch(block) else [block[block.index("]:") :]]
            length = max(length, *map(_rendered_length, pieces))
            escaped = max(escaped, *map(_escaped_characters, pieces))
    return length, escaped


def _marks(counts: dict[str, int]) -> float:
    return sum(count * MARKS[item] for item, count in counts.items())


def count_markup(source: str) -> tuple[dict[str, int], bool]:
    """What rendering this Markdown costs, counted by kind of markup (see MARKS).

    The second value is False when counting stopped early, the text being over MARKUP_LIMIT already.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")  # as markdown-it does
    counts = dict.fromkeys(MARKS, 0)
    prose = text
    if "```" in text or "~~~" in text:
        lines = "\n" + text
        counts["code fences"] = lines.count("\n```") + lines.count("\n~~~")  # an unclosed block's one fence: half
        if _marks(counts) > MARKUP_LIMIT:
            return counts, False
        parts = _FENCED_CODE.split(lines)  # text, code block, its backticks, its tildes, text...
        prose, code = "\n".join(parts[0::4]), "".join(parts[1::4])
        counts["characters in fenced code"] = len(code)
        counts["escaped characters in fenced code"] = _escaped_characters(code)
    data = prose.encode("utf-8", "surrogatepass")
    punctuation = data.translate(None, _NOT_COUNTED)
    for character, item in _CHARACTERS.items():
        counts[item] += punctuation.count(ord(character))
    data = b"\n" + data + b"\n"
    counts["hard line breaks"] = data.count(b"  \n")
    counts["images"] = data.count(b"![")
    if b"#" in data:
        counts["headings"] = data.count(b"# ") + data.count(b"#\t") + data.count(b"#\n")
    counts["characters"] = len(prose)
    counts["control characters"] = _invalid_characters(text)
    if _marks(counts) > MARKUP_LIMIT:
        return counts, False
    # Below the limit so far, the text has few lines and little punctuation, so the slower counts stay quick.
    lines = "\n" + prose + "\n"
    markers = "".join(_LIST_MARKERS.findall(lines))
    counts["list items"] = markers.count("-") + markers.count("*") + markers.count("+")
    counts["numbered list items"] = markers.count(".") + markers.count(")")
    if "<" in prose:
        counts["autolinks"] = len(_AUTOLINK.findall(prose))
    if "=" in lines or "-" in lines:
        counts["headings"] += len(_SETEXT_UNDERLINE.findall(lines))
    if "|" in prose:
        counts["table cells"], counts["tables"] = _table_cells(lines)
    if "]:" in prose:
        uses = prose.count("]")
        length, escaped = _worst_reference_definition(prose)
        counts["reference link uses"] = uses
        counts["characters repeated by reference links"] = uses * length
        counts["escaped characters repeated by reference links"] = uses * escaped
    return counts, True


class RenderingRefused(ValueError):
    """Markdown that would take too long to render; str(error) says what is too much and the limit, in plain words."""


def rendering_refusal(source: str) -> str | None:
    """Why this Markdown would not be rendered (more markup than rendering may take time for), or None."""
    counts, complete = count_markup(source)
    total = _marks(counts)
    if total <= MARKUP_LIMIT:
        return None
    item = max(counts, key=lambda item: counts[item] * MARKS[item])
    return (
        f"This text has too much markup to render: {'' if complete else 'at least '}{round(total):,} markup marks, "
        f"most of them for its {counts[item]:,} {item}; the limit is {MARKUP_LIMIT:,}. Line breaks, links, emphasis, "
        "list items, table cells and characters like < and & all count. Shorten it or simplify its formatting."
    )


# Defence in depth, between markdown-it and bleach: bleach's time follows the tags and entities it is handed. Any text
# that count_markup lets through stays far below this; an amplification the count missed would stop here.
HTML_MARKS_LIMIT = 2 * MARKUP_LIMIT
_HTML_MARKS = {"<": 2.1, "&": 1.2}
_HTML_MARKS_PER_CHARACTER = 0.01


def _html_refusal(html: str) -> str | None:
    marks = sum(html.count(character) * weight for character, weight in _HTML_MARKS.items())
    marks += len(html) * _HTML_MARKS_PER_CHARACTER
    if marks <= HTML_MARKS_LIMIT:
        return None
    return (
        f"This text would render to too much HTML: {round(marks):,} markup marks; the limit is {HTML_MARKS_LIMIT:,}. "
        "Shorten it or simplify its formatting."
    )


@contextmanager
def _cycle_collector_paused():
    """Rendering makes hundreds of thousands of short-lived objects, and they set off the cyclic garbage collector
    again and again, each time over every object of the process: paused, markup-dense text renders 30 % faster, in a
    time that no longer grows with the process's heap. The html5lib tree's cycles are collected afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def render_markdown(source: str) -> Markup:
    """Render Markdown (CommonMark, tables, strikethrough) and sanitize it with the allow-list.

    Raises RenderingRefused for a text with more markup than rendering may take time for (see rendering_refusal).
    """
    refusal = rendering_refusal(source)
    if refusal is not None:
        raise RenderingRefused(refusal)
    with _cycle_collector_paused():
        html = _markdown.render(source)
        refusal = _html_refusal(html)
        if refusal is None:
            html = _cleaner.clean(html)
    if refusal is not None:
        raise RenderingRefused(refusal)
    return Markup(html)


# A [[link]] as render_markdown writes it (attributes in this order, the slug as slugify made it).
_WIKILINK_ANCHOR = re.compile(r'<a href="/wiki/([^"/?#<>]{1,240})" class="wikilink">')


def wikilink_targets(html: str) -> set[str]:
    """The slugs that the [[links]] of stored HTML point to."""
    return set(_WIKILINK_ANCHOR.findall(html)) if WIKILINK_CLASS in html else set()


def stored_html(html: str, existing: Callable[[set[str]], set[str]] | None = None) -> Markup:
    """Mark HTML that render_markdown produced and the database kept as safe to show; with `existing` (which of
    these slugs name a page now), [[links]] to pages that do not exist are drawn as missing ("red links")."""
    targets = wikilink_targets(html) if existing is not None else set()
    if targets:
        missing = targets - existing(targets)
        if missing:
            html = _WIKILINK_ANCHOR.sub(
                lambda match: match.group(0).replace('class="wikilink"', 'class="wikilink missing"')
                if match.group(1) in missing else match.group(0),
                html,
            )  # fmt: skip
    return Markup(html)


def rendered_fragment(html: str) -> Markup:
    """Mark HTML that our own autoescaping templates rendered earlier (and a cache kept) as safe."""
    return Markup(html)


@dataclass(frozen=True)
class Heading:
    """One heading of rendered text, for a table of contents."""

    level: int
    id: str
    text: str


_HEADING_OPEN = re.compile(r'<h([1-6]) id="(section-[\w-]{1,90})">')
_TAG = re.compile(r"<[^<>]*>")


def table_of_contents(html: str) -> list[Heading]:
    """The headings render_markdown gave ids, in order, read from its stored HTML.

    One pass: each search starts where the last heading closed and tries at most about a hundred characters at each
    "<", and "<[^<>]*>" stops at the next "<", so the time stays linear in the HTML whatever it holds (a megabyte of
    unclosed "<h2>"s included). Text saved before headings had ids has none, and so no entries.
    """
    headings = []
    position = 0
    while (opening := _HEADING_OPEN.search(html, position)) is not None:
        closing = html.find(f"</h{opening.group(1)}>", opening.end())
        if closing < 0:
            break
        text = html_entities.unescape(_TAG.sub("", html[opening.end() : closing]))
        headings.append(Heading(int(opening.group(1)), opening.group(2), " ".join(text.split())))
        position = closing
    return headings


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


# How long an excerpt may be (lists show one for each page), before its closing "…".
EXCERPT_MAX_CHARS = 220


def excerpt(html: str, length: int = EXCERPT_MAX_CHARS) -> str:
    """The first words of rendered HTML as plain text, cut at a word boundary (worked out once, at save)."""
    return _excerpt(html, length)


def _excerpt(html: str, length: int) -> str:
    # Parse only the opening (a few times the excerpt's length), and all of it only if that was not enough.
    for window in (length * 4, len(html)):
        extractor = _TextExtractor()
        extractor.feed(html[:window])
        # Join without spaces: inline markup can end mid-word; blocks are already separated by newlines.
        text = " ".join("".join(extractor.parts).split())
        if len(text) > length or window >= len(html):
            break
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0]
    # One word longer than the excerpt (a URL, a run of letters) is cut inside it: the column holds length + 1.
    return (cut if len(cut) <= length else text[:length]) + "…"
