"""Markdown -> sanitized HTML. The only place that makes Markup."""

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
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
    "a": frozenset({"href", "title", "rel"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"class"}),
    "td": frozenset({"class"}),
}
ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})
ALLOWED_CLASSES = {"th": ALIGN_CLASSES, "td": ALIGN_CLASSES}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
EXTERNAL_LINK_REL = "nofollow ugc noopener"


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    if name == "class":
        return value in ALLOWED_CLASSES.get(tag, ())
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


def _make_markdown() -> MarkdownIt:
    # Raw HTML in the source is escaped (html=False); the sanitizer is the second wall.
    markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    markdown.core.ruler.push("alignment_as_class", _alignment_as_class)
    return markdown


_markdown = _make_markdown()
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=False,
    strip_comments=True,
    filters=[ExternalLinkFilter],
)


def render_markdown(source: str) -> Markup:
    """Render Markdown (CommonMark, tables, strikethrough) and sanitize it with the allow-list.

    Remembered for recent texts, so a write request can render before its transaction opens
    (see wiki.database.render_before_writing) and the save inside it finds the work done.
    """
    return _render(source)


@lru_cache(maxsize=64)
def _render(source: str) -> Markup:
    return Markup(_cleaner.clean(_markdown.render(source)))


def stored_html(html: str) -> Markup:
    """Mark HTML that render_markdown produced and the database kept as safe to show."""
    return Markup(html)


def rendered_fragment(html: str) -> Markup:
    """Mark HTML that our own autoescaping templates rendered earlier (and a cache kept) as safe."""
    return Markup(html)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


# Lists show the same head revisions again and again, and parsing them is their cost: remember the excerpts
# of texts up to this size (so the memory stays under 1,024 of them, about 16 MiB).
EXCERPT_REMEMBERED_MAX_CHARS = 16 * 1024


def excerpt(html: str, length: int = 220) -> str:
    """The first words of rendered HTML as plain text, cut at a word boundary."""
    if len(html) <= EXCERPT_REMEMBERED_MAX_CHARS:
        return _remembered_excerpt(html, length)
    return _excerpt(html, length)


@lru_cache(maxsize=1024)
def _remembered_excerpt(html: str, length: int) -> str:
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
    return text[: length + 1].rsplit(" ", 1)[0] + "…"
