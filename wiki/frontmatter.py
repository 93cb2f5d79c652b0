"""Fields kept at the top of a page's text, so they are versioned with it: saved, diffed, reverted, merged and
refused on a conflict exactly like the prose, by the one mechanism every text goes through.

    ---
    tags: management-track, leadership
    ---
    The page's Markdown...

A block whose every line is a known `name: value` with a valid value is front matter; anything else at the top of
a text is just Markdown. Pure: no Flask, no database.
"""

import re
from dataclasses import dataclass

OPENING = "---\n"
CLOSING = "\n---\n"
BLOCK_MAX_CHARS = 4_000  # fields are short: the closing line is looked for this far, never further

TAG = re.compile(r"(?:[^\W_]|-){1,30}")
TAGS_MAX = 20


class FieldError(ValueError):
    """A field's value is not one the wiki accepts; the message says what to fix."""


def parse_tags(text: str) -> tuple[str, ...]:
    """'Leadership, management-track' -> ('leadership', 'management-track'): lower case, each once, in order."""
    tags: list[str] = []
    for part in text.split(","):
        tag = part.strip().lower()
        if not tag:
            continue
        if TAG.fullmatch(tag) is None:
            raise FieldError(f"“{tag[:40]}” is not a tag: tags are 1 to 30 letters, digits and hyphens.")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise FieldError(f"A page takes at most {TAGS_MAX} tags; this has {len(tags)}.")
    return tuple(tags)


PARSERS = {"tags": parse_tags}


@dataclass(frozen=True)
class Fields:
    tags: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.tags


def split(text: str) -> tuple[Fields, str]:
    """The fields at the top of `text` and the Markdown after them; a text without a valid block is all Markdown."""
    if not text.startswith(OPENING):
        return Fields(), text
    end = text.find(CLOSING, len(OPENING) - 1, BLOCK_MAX_CHARS)
    if end < 0:
        return Fields(), text
    values: dict[str, object] = {}
    for line in text[len(OPENING) : end].split("\n"):
        name, colon, value = line.partition(":")
        parser = PARSERS.get(name.strip())
        if not colon or parser is None or name.strip() in values:
            return Fields(), text
        try:
            values[name.strip()] = parser(value)
        except FieldError:
            return Fields(), text
    return Fields(**values), text[end + len(CLOSING) :]


def join(fields: Fields, body: str) -> str:
    """The text that keeps `fields` above `body`; with no fields, the body alone (a page without tags has no block)."""
    if fields.is_empty:
        return body
    return f"{OPENING}tags: {', '.join(fields.tags)}{CLOSING}{body}"


def markdown_of(text: str) -> str:
    """The part of a text that is rendered."""
    return split(text)[1]
