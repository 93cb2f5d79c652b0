"""Diffs as data (lines with a kind, words with a kind) and three-way merges. Pure: no Flask, no database.

Anyone can ask for a diff, so every function here does bounded work, O(n log n) in the size of its texts:
lines and words are matched by wiki.sequence_diff (which says how, and proves the bound), never by
difflib.SequenceMatcher, whose worst case is cubic; merge3 is given the same matcher. The words of all the
changed lines of one diff share one work budget, and a line of more than WORD_DIFF_MAX_TOKENS words is marked
changed as a whole.
"""

import re
from dataclasses import dataclass
from typing import Literal

from merge3 import Merge3

from wiki.sequence_diff import BoundedSequenceMatcher, Opcode, WorkBudget, grouped_opcodes, matching_blocks, opcodes

CONTEXT_LINES = 3
# The most rows a diff or a side-by-side comparison draws: each costs a few microseconds to build and more to
# draw, and a reader of a 100,000-line rewrite is better served by the two revisions themselves.
MAX_ROWS = 2_000
WORD_DIFF_MAX_TOKENS = 5_000  # per side of a line pair; words and runs of spaces count one each
_WORD = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    kind: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff; a changed line carries word-level segments."""

    kind: Literal["equal", "delete", "insert"]
    old_number: int | None
    new_number: int | None
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class Fold:
    """A run of unchanged lines left out of the diff."""

    count: int
    kind: Literal["fold"] = "fold"


@dataclass(frozen=True)
class Cut:
    """Where a diff too long to draw whole stops: the first line numbers, old and new, left out."""

    old_number: int
    new_number: int
    kind: Literal["cut"] = "cut"


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split on newlines only (str.splitlines also splits on \f, \u2028…)."""
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def _lines_with_ends(text: str) -> list[str]:
    return [line + "\n" for line in split_lines(text)]


class _DiffWork:
    """What the lines of one diff share: the work budget of their word marks (a unit per character of the two
    texts), and the one-segment tuple of each whole line, built once per kind and text: immutable, so a text of
    many equal lines costs one segment, not one per line."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self.word_budget = WorkBudget.for_items(len(old_text) + len(new_text), units_per_item=1)
        self._whole_lines: dict[tuple[str, str], tuple[Segment, ...]] = {}

    def whole_line(self, kind: Literal["equal", "delete", "insert"], text: str) -> tuple[Segment, ...]:
        segments = self._whole_lines.get((kind, text))
        if segments is None:
            segments = self._whole_lines[kind, text] = (Segment(kind, text),)
        return segments


def _wholly_changed(old: str, new: str, work: _DiffWork) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    return (work.whole_line("delete", old) if old else ()), (work.whole_line("insert", new) if new else ())


def _word_segments(old: str, new: str, work: _DiffWork) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Mark the words that differ between two versions of one line."""
    old_words, new_words = _WORD.findall(old), _WORD.findall(new)
    if len(old_words) > WORD_DIFF_MAX_TOKENS or len(new_words) > WORD_DIFF_MAX_TOKENS:
        return _wholly_changed(old, new, work)
    if set(old_words).isdisjoint(new_words):  # a line rewritten: nothing to match, so no matcher to run
        return _wholly_changed(old, new, work)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    word_opcodes = opcodes(matching_blocks(old_words, new_words, work.word_budget))
    for tag, i1, i2, j1, j2 in _without_stray_matches(word_opcodes, old_words):
        if tag == "equal":
            old_segments.append(Segment("equal", "".join(old_words[i1:i2])))
            new_segments.append(Segment("equal", "".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            old_segments.append(Segment("delete", "".join(old_words[i1:i2])))
        if j2 > j1:
            new_segments.append(Segment("insert", "".join(new_words[j1:j2])))
    return tuple(old_segments), tuple(new_segments)


def _without_stray_matches(word_opcodes: list[Opcode], old_words: list[str]) -> list[Opcode]:
    """A lone space or comma matched between two changes only cuts a rewritten phrase into pieces ("Runs the IT
    groups" -> "Drives strategy" would keep one space): fold such matches, and neighbouring changes, into one."""
    folded: list[Opcode] = []
    for opcode in word_opcodes:
        tag, _, i2, _, j2 = opcode
        if tag != "equal" and len(folded) >= 2 and folded[-2][0] != "equal" and _is_stray(folded[-1], old_words):
            folded.pop()
        if tag != "equal" and folded and folded[-1][0] != "equal":
            _, i1, _, j1, _ = folded.pop()
            opcode = ("replace", i1, i2, j1, j2)
        folded.append(opcode)
    return folded


def _is_stray(opcode: Opcode, old_words: list[str]) -> bool:
    text = "".join(old_words[opcode[1] : opcode[2]])
    return len(text) <= 2 and not any(character.isalnum() for character in text)


def _changed_block(
    old: list[str], new: list[str], old_start: int, new_start: int, work: _DiffWork, pairs: int
) -> list[DiffLine]:
    """Lines replaced by others: pair them up for word marks, the surplus is wholly removed or added. Only the
    first `pairs` offsets are drawn."""
    removed: list[DiffLine] = []
    added: list[DiffLine] = []
    for offset in range(min(max(len(old), len(new)), pairs)):
        old_line = old[offset] if offset < len(old) else None
        new_line = new[offset] if offset < len(new) else None
        if old_line is not None and new_line is not None:
            old_segments, new_segments = _word_segments(old_line, new_line, work)
        else:
            old_segments = work.whole_line("delete", old_line) if old_line is not None else ()
            new_segments = work.whole_line("insert", new_line) if new_line is not None else ()
        if old_line is not None:
            removed.append(DiffLine("delete", old_start + offset + 1, None, old_segments))
        if new_line is not None:
            added.append(DiffLine("insert", None, new_start + offset + 1, new_segments))
    return removed + added


def _opcode_lines(opcode: Opcode, old: list[str], new: list[str], work: _DiffWork, offsets: int) -> list[DiffLine]:
    """The lines of one opcode, drawn for its first `offsets` positions (a changed block pairs old and new lines
    at the same offset)."""
    tag, i1, i2, j1, j2 = opcode
    if tag == "equal":
        count = min(i2 - i1, offsets)
        return [DiffLine("equal", i1 + k + 1, j1 + k + 1, work.whole_line("equal", old[i1 + k])) for k in range(count)]
    return _changed_block(old[i1:i2], new[j1:j2], i1, j1, work, offsets)


def _offsets_in(opcode: Opcode) -> int:
    _, i1, i2, j1, j2 = opcode
    return max(i2 - i1, j2 - j1)


def _cut_within(opcode: Opcode, offsets: int) -> Cut:
    """Where a diff stops that drew only the first `offsets` positions of an opcode."""
    _, i1, i2, j1, j2 = opcode
    return Cut(min(i1 + offsets, i2) + 1, min(j1 + offsets, j2) + 1)


def diff_lines(
    old_text: str, new_text: str, context: int = CONTEXT_LINES, max_rows: int = MAX_ROWS
) -> list[DiffLine | Fold | Cut]:
    """Changed lines with `context` unchanged lines around them; longer unchanged runs are folded. At most
    `max_rows` lines are drawn; a Cut then ends the list."""
    old, new = split_lines(old_text), split_lines(new_text)
    if old == new:
        return [Fold(len(old))] if old else []
    work = _DiffWork(old_text, new_text)
    rows: list[DiffLine | Fold | Cut] = []
    drawn = 0
    shown_until = 0  # old line index up to which rows cover the text
    for group in grouped_opcodes(opcodes(matching_blocks(old, new, align_given_up=True)), context):
        first_old = group[0][1]
        if first_old > shown_until:
            rows.append(Fold(first_old - shown_until))
        for opcode in group:
            offsets = _offsets_within(opcode, max_rows - drawn)
            lines = _opcode_lines(opcode, old, new, work, offsets)
            rows.extend(lines)
            drawn += len(lines)
            if offsets < _offsets_in(opcode):
                rows.append(_cut_within(opcode, offsets))
                return rows
        shown_until = group[-1][2]
    if shown_until < len(old):
        rows.append(Fold(len(old) - shown_until))
    return rows


def _offsets_within(opcode: Opcode, room: int) -> int:
    """How many positions of an opcode fit in `room` rows: one row each, but two while a changed block pairs
    an old line with a new one."""
    tag, i1, i2, j1, j2 = opcode
    paired = 0 if tag == "equal" else min(i2 - i1, j2 - j1)
    if room <= 2 * paired:
        return room // 2
    return paired + room - 2 * paired


@dataclass(frozen=True)
class SideBySideRow:
    left: DiffLine | None
    right: DiffLine | None
    kind: Literal["row"] = "row"


def side_by_side(old_text: str, new_text: str, max_rows: int = MAX_ROWS) -> list[SideBySideRow | Cut]:
    """Both texts whole, aligned row by row, with changed lines and words marked; at most `max_rows` rows, then a
    Cut."""
    old, new = split_lines(old_text), split_lines(new_text)
    work = _DiffWork(old_text, new_text)
    rows: list[SideBySideRow | Cut] = []
    for opcode in opcodes(matching_blocks(old, new, align_given_up=True)):
        offsets = min(_offsets_in(opcode), max_rows - len(rows))
        lines = _opcode_lines(opcode, old, new, work, offsets)
        if opcode[0] == "equal":
            rows.extend(SideBySideRow(line, line) for line in lines)
        else:
            removed = [line for line in lines if line.kind == "delete"]
            added = [line for line in lines if line.kind == "insert"]
            for offset in range(max(len(removed), len(added))):
                rows.append(
                    SideBySideRow(
                        removed[offset] if offset < len(removed) else None,
                        added[offset] if offset < len(added) else None,
                    )
                )
        if offsets < _offsets_in(opcode):
            rows.append(_cut_within(opcode, offsets))
            break
    return rows


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicted: bool


def _resolve_line_by_line(base: list[str], theirs: list[str], yours: list[str]) -> list[str] | None:
    """diff3 calls adjacent edits a conflict; when each line was changed on one side only, take both."""
    if not len(base) == len(theirs) == len(yours):
        return None
    merged = []
    for base_line, their_line, your_line in zip(base, theirs, yours, strict=True):
        if their_line == base_line or their_line == your_line:
            merged.append(your_line)
        elif your_line == base_line:
            merged.append(their_line)
        else:
            return None
    return merged


def three_way_merge(base_text: str, their_text: str, your_text: str) -> MergeResult:
    """Merge your changes and theirs, both made from base; conflicted when they change the same lines."""
    # Every line gets its newline, so a missing final newline cannot decide a conflict.
    base, theirs, yours = _lines_with_ends(base_text), _lines_with_ends(their_text), _lines_with_ends(your_text)
    merged: list[str] = []
    for region in Merge3(base, theirs, yours, sequence_matcher=BoundedSequenceMatcher).merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged.extend(base[region[1] : region[2]])
        elif kind in ("a", "same"):
            merged.extend(theirs[region[1] : region[2]])
        elif kind == "b":
            merged.extend(yours[region[1] : region[2]])
        else:
            _, z1, z2, a1, a2, b1, b2 = region
            resolved = _resolve_line_by_line(base[z1:z2], theirs[a1:a2], yours[b1:b2])
            if resolved is None:
                return MergeResult(your_text, conflicted=True)
            merged.extend(resolved)
    text = "".join(merged)
    if not your_text.endswith("\n") and text.endswith("\n"):
        text = text[:-1]
    return MergeResult(text, conflicted=False)
