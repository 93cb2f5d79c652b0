"""Line and word diffs, side-by-side rows and three-way merges, as plain data; and the bound on their work."""

import difflib
import random
import sys
from typing import Literal

import pytest

from wiki.diffing import (
    WORD_DIFF_MAX_TOKENS,
    Cut,
    DiffLine,
    Fold,
    MergeResult,
    Segment,
    SideBySideRow,
    diff_lines,
    side_by_side,
    split_lines,
    three_way_merge,
)
from wiki.sequence_diff import WorkBudget, grouped_opcodes, matching_blocks, opcodes


def numbered(count: int) -> list[str]:
    return [f"line {number}" for number in range(1, count + 1)]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def equal(old: int, new: int, line: str) -> DiffLine:
    return DiffLine("equal", old, new, (Segment("equal", line),))


def deleted(old: int, *segments: Segment) -> DiffLine:
    return DiffLine("delete", old, None, segments)


def inserted(new: int, *segments: Segment) -> DiffLine:
    return DiffLine("insert", None, new, segments)


def same(words: str) -> Segment:
    return Segment("equal", words)


def gone(words: str) -> Segment:
    return Segment("delete", words)


def added(words: str) -> Segment:
    return Segment("insert", words)


# --- diff_lines ---------------------------------------------------------------------------------------------------


def test_identical_texts_are_one_fold():
    assert diff_lines(text(numbered(20)), text(numbered(20))) == [Fold(20)]


def test_identical_empty_texts_are_nothing():
    assert diff_lines("", "") == []


def test_one_changed_line_has_three_lines_of_context_and_folds():
    old = numbered(20)
    new = old.copy()
    new[9] = "line ten changed"
    assert diff_lines(text(old), text(new)) == [
        Fold(6),
        equal(7, 7, "line 7"),
        equal(8, 8, "line 8"),
        equal(9, 9, "line 9"),
        deleted(10, same("line "), gone("10")),
        inserted(10, same("line "), added("ten changed")),
        equal(11, 11, "line 11"),
        equal(12, 12, "line 12"),
        equal(13, 13, "line 13"),
        Fold(7),
    ]


def test_word_marks_cover_only_the_changed_words():
    rows = diff_lines("the quick brown fox\n", "the slow brown fox\n")
    assert rows == [
        deleted(1, same("the "), gone("quick"), same(" brown fox")),
        inserted(1, same("the "), added("slow"), same(" brown fox")),
    ]
    assert rows[0].text == "the quick brown fox"
    assert rows[1].text == "the slow brown fox"


def test_context_can_be_narrowed():
    old = numbered(9)
    new = old.copy()
    new[4] = "five"
    assert diff_lines(text(old), text(new), context=1) == [
        Fold(3),
        equal(4, 4, "line 4"),
        deleted(5, gone("line 5")),
        inserted(5, added("five")),
        equal(6, 6, "line 6"),
        Fold(3),
    ]


def test_pure_insertion_is_whole_lines():
    assert diff_lines("a\nb\n", "a\nX\nY\nb\n") == [
        equal(1, 1, "a"),
        inserted(2, added("X")),
        inserted(3, added("Y")),
        equal(2, 4, "b"),
    ]


def test_pure_deletion_is_whole_lines():
    assert diff_lines("a\nX\nY\nb\n", "a\nb\n") == [
        equal(1, 1, "a"),
        deleted(2, gone("X")),
        deleted(3, gone("Y")),
        equal(4, 2, "b"),
    ]


def test_everything_new_is_inserted():
    assert diff_lines("", "x\ny\n") == [inserted(1, added("x")), inserted(2, added("y"))]


def test_two_lines_replaced_by_three_pair_up_and_the_surplus_is_inserted():
    assert diff_lines("a\nthe cat sat\non the mat\nz\n", "a\nthe dog sat\non a mat\nand purred\nz\n") == [
        equal(1, 1, "a"),
        deleted(2, same("the "), gone("cat"), same(" sat")),
        deleted(3, same("on "), gone("the"), same(" mat")),
        inserted(2, same("the "), added("dog"), same(" sat")),
        inserted(3, same("on "), added("a"), same(" mat")),
        inserted(4, added("and purred")),
        equal(4, 5, "z"),
    ]


def test_changes_at_start_and_end_have_no_outer_folds():
    old = numbered(8)
    new = ["first"] + old[1:-1] + ["last"]
    assert diff_lines(text(old), text(new)) == [
        deleted(1, gone("line 1")),
        inserted(1, added("first")),
        equal(2, 2, "line 2"),
        equal(3, 3, "line 3"),
        equal(4, 4, "line 4"),
        equal(5, 5, "line 5"),
        equal(6, 6, "line 6"),
        equal(7, 7, "line 7"),
        deleted(8, gone("line 8")),
        inserted(8, added("last")),
    ]


def test_far_apart_changes_are_two_groups_with_a_fold_between():
    old = numbered(30)
    new = old.copy()
    new[4] = "line five"
    new[24] = "line 25 edited"
    assert diff_lines(text(old), text(new)) == [
        Fold(1),
        equal(2, 2, "line 2"),
        equal(3, 3, "line 3"),
        equal(4, 4, "line 4"),
        deleted(5, same("line "), gone("5")),
        inserted(5, same("line "), added("five")),
        equal(6, 6, "line 6"),
        equal(7, 7, "line 7"),
        equal(8, 8, "line 8"),
        Fold(13),
        equal(22, 22, "line 22"),
        equal(23, 23, "line 23"),
        equal(24, 24, "line 24"),
        deleted(25, same("line 25")),
        inserted(25, same("line 25"), added(" edited")),
        equal(26, 26, "line 26"),
        equal(27, 27, "line 27"),
        equal(28, 28, "line 28"),
        Fold(2),
    ]


def test_close_changes_share_one_group():
    old = numbered(14)
    new = old.copy()
    new[3] = "four"
    new[9] = "ten"
    rows = diff_lines(text(old), text(new))
    assert [row for row in rows if isinstance(row, Fold)] == [Fold(1)]
    assert rows[-1] == Fold(1)
    assert [row.old_number for row in rows if isinstance(row, DiffLine) and row.kind != "insert"] == list(range(1, 14))


def test_folds_and_shown_lines_account_for_every_old_line():
    old = numbered(50)
    new = old.copy()
    new[10] = "x"
    new[40] = "y"
    rows = diff_lines(text(old), text(new))
    shown = sum(1 for row in rows if isinstance(row, DiffLine) and row.kind != "insert")
    folded = sum(row.count for row in rows if isinstance(row, Fold))
    assert shown + folded == 50


# --- side_by_side -------------------------------------------------------------------------------------------------


def test_side_by_side_aligns_equal_lines_and_pairs_changes():
    assert side_by_side("a\nb\nc\n", "a\nB\nc\nd\n") == [
        SideBySideRow(equal(1, 1, "a"), equal(1, 1, "a")),
        SideBySideRow(deleted(2, gone("b")), inserted(2, added("B"))),
        SideBySideRow(equal(3, 3, "c"), equal(3, 3, "c")),
        SideBySideRow(None, inserted(4, added("d"))),
    ]


def test_side_by_side_deletion_leaves_right_empty():
    assert side_by_side("a\nb\nc\nd\n", "a\nd\n") == [
        SideBySideRow(equal(1, 1, "a"), equal(1, 1, "a")),
        SideBySideRow(deleted(2, gone("b")), None),
        SideBySideRow(deleted(3, gone("c")), None),
        SideBySideRow(equal(4, 2, "d"), equal(4, 2, "d")),
    ]


def test_side_by_side_keeps_word_marks_and_whole_text():
    rows = side_by_side(text(numbered(10)), text(numbered(9) + ["line ten"]))
    assert len(rows) == 10
    assert all(row.left == row.right for row in rows[:9])
    assert rows[9] == SideBySideRow(
        deleted(10, same("line "), gone("10")),
        inserted(10, same("line "), added("ten")),
    )


# --- three_way_merge ----------------------------------------------------------------------------------------------

BASE = text(numbered(10))


def edit(source: str, **changes: str) -> str:
    """Replace lines by number, e.g. edit(BASE, l2="two"); an empty string deletes the line."""
    lines = source.splitlines()
    for key, value in changes.items():
        lines[int(key[1:]) - 1] = value
    return text([line for line in lines if line != ""])


def test_merge_of_non_overlapping_edits_takes_both():
    assert three_way_merge(BASE, edit(BASE, l2="their two"), edit(BASE, l8="your eight")) == MergeResult(
        edit(BASE, l2="their two", l8="your eight"), conflicted=False
    )


def test_merge_of_adjacent_line_edits_takes_both():
    assert three_way_merge(BASE, edit(BASE, l4="their four"), edit(BASE, l5="your five")) == MergeResult(
        edit(BASE, l4="their four", l5="your five"), conflicted=False
    )


def test_merge_of_interleaved_line_edits_takes_both():
    theirs = edit(BASE, l3="their three", l5="their five")
    yours = edit(BASE, l4="your four", l6="your six")
    assert three_way_merge(BASE, theirs, yours) == MergeResult(
        edit(BASE, l3="their three", l4="your four", l5="their five", l6="your six"), conflicted=False
    )


def test_same_line_edited_differently_conflicts_and_keeps_yours():
    yours = edit(BASE, l5="your five")
    assert three_way_merge(BASE, edit(BASE, l5="their five"), yours) == MergeResult(yours, conflicted=True)


def test_adjacent_block_edited_on_both_sides_conflicts():
    yours = edit(BASE, l4="your four", l5="your five")
    assert three_way_merge(BASE, edit(BASE, l5="their five"), yours) == MergeResult(yours, conflicted=True)


def test_both_inserting_different_lines_at_the_end_conflicts():
    yours = BASE + "your line\n"
    assert three_way_merge(BASE, BASE + "their line\n", yours) == MergeResult(yours, conflicted=True)


def test_identical_edits_merge_cleanly():
    both = edit(BASE, l3="same three", l9="same nine")
    assert three_way_merge(BASE, both, both) == MergeResult(both, conflicted=False)


def test_unchanged_yours_takes_theirs():
    theirs = edit(BASE, l1="their one")
    assert three_way_merge(BASE, theirs, BASE) == MergeResult(theirs, conflicted=False)


def test_unchanged_theirs_keeps_yours():
    yours = edit(BASE, l10="your ten")
    assert three_way_merge(BASE, BASE, yours) == MergeResult(yours, conflicted=False)


def test_paragraph_deleted_by_them_while_you_edit_a_far_line():
    base = "# Title\n\nFirst paragraph\nstill first.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n"
    theirs = "# Title\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n"
    yours = "# Title\n\nFirst paragraph\nstill first.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth, edited.\n"
    assert three_way_merge(base, theirs, yours) == MergeResult(
        "# Title\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth, edited.\n", conflicted=False
    )


def test_paragraph_deleted_by_you_while_they_edit_a_far_line():
    base = "one\n\ntwo\ntwo more\n\nthree\n\nfour\n\nfive\n"
    theirs = "one\n\ntwo\ntwo more\n\nthree\n\nfour\n\nFIVE\n"
    yours = "one\n\nthree\n\nfour\n\nfive\n"
    assert three_way_merge(base, theirs, yours) == MergeResult("one\n\nthree\n\nfour\n\nFIVE\n", conflicted=False)


@pytest.mark.parametrize(
    ("base", "theirs", "yours", "merged"),
    [
        ("a\nb\nc", "A\nb\nc", "a\nb\nC", "A\nb\nC"),
        ("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC", "A\nb\nC"),
        ("a\nb\nc", "A\nb\nc\n", "a\nb\nC\n", "A\nb\nC\n"),
        ("a\nb\nc\n", "A\nb\nc", "a\nb\nC\n", "A\nb\nC\n"),
        ("a\nb", "a\nb\nc\n", "A\nb", "A\nb\nc"),
    ],
    ids=["neither", "yours-without", "yours-with", "theirs-without", "theirs-appends"],
)
def test_merge_keeps_the_trailing_newline_as_in_yours(base, theirs, yours, merged):
    assert three_way_merge(base, theirs, yours) == MergeResult(merged, conflicted=False)


def test_trailing_newline_alone_is_no_conflict():
    assert three_way_merge("a\nb", "a\nb\n", "a\nB") == MergeResult("a\nB", conflicted=False)


def test_empty_base_with_different_texts_conflicts():
    assert three_way_merge("", "their text\n", "your text\n") == MergeResult("your text\n", conflicted=True)


def test_empty_base_with_identical_texts_merges():
    assert three_way_merge("", "same text\n", "same text\n") == MergeResult("same text\n", conflicted=False)


def test_you_emptying_an_unchanged_page_merges_to_empty():
    assert three_way_merge(BASE, BASE, "") == MergeResult("", conflicted=False)


def test_lines_are_numbered_as_an_editor_numbers_them():
    rows = diff_lines("a\x0cb\nc\n", "a\x0cb\nC\n")
    changed = [row for row in rows if getattr(row, "kind", "") != "equal"]
    assert [(row.kind, row.old_number, row.new_number, row.text) for row in changed] == [
        ("delete", 2, None, "c"),
        ("insert", None, 2, "C"),
    ]
    assert rows[0].text == "a\x0cb"


# --- bounded work -------------------------------------------------------------------------------------------------


def executed_instructions(function, *args) -> int:
    """Python bytecode instructions run by function(*args), in every frame: a measure of work that, unlike a
    clock, no other process disturbs."""
    count = 0

    def count_instructions(frame, event, arg):
        nonlocal count
        if event == "call":
            frame.f_trace_opcodes = True
        count += event == "opcode"
        return count_instructions

    previous = sys.gettrace()
    sys.settrace(count_instructions)
    try:
        function(*args)
    finally:
        sys.settrace(previous)
    return count


def alternating_words(size: int) -> str:
    return " ".join("ab"[number % 2] for number in range(size // 2))


def paired_words(size: int) -> str:
    return " ".join("aabb"[number % 4] for number in range(size // 2))


def equal_lines(size: int) -> str:
    return "a\n" * (size // 2)


def every_tenth_line_changed(size: int) -> str:
    return "".join("b\n" if number % 10 == 9 else "a\n" for number in range(size // 2))


def one_word_repeated(size: int) -> str:
    return " ".join(["word"] * (size // 5))


def one_word_repeated_with_two_changed(size: int) -> str:
    words = one_word_repeated(size).split(" ")
    words[len(words) // 3], words[2 * len(words) // 3] = "one", "two"
    return " ".join(words)


# Two texts of about `size` characters, and the size to measure them at: from there on, no region left between
# the changes fits the exact table (MAX_EXACT_CELLS), whose cost grows with the square below it, by design.
HOSTILE_TEXTS = {
    "alternating-vs-paired-words": (lambda size: (alternating_words(size), paired_words(size)), 100),
    "equal-lines-vs-every-tenth-changed": (lambda size: (equal_lines(size), every_tenth_line_changed(size)), 100),
    "one-word-repeated-vs-two-changed": (
        lambda size: (one_word_repeated(size), one_word_repeated_with_two_changed(size)),
        400,
    ),
}


def merge_with_a_concurrent_edit(old: str, new: str) -> MergeResult:
    return three_way_merge(old, new, "yours\n" + old)


@pytest.mark.parametrize("function", [diff_lines, side_by_side, merge_with_a_concurrent_edit])
@pytest.mark.parametrize(("texts", "size"), HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS)
def test_work_on_hostile_texts_grows_at_most_linearly(function, texts, size):
    assert executed_instructions(function, *texts(4 * size)) < 5 * executed_instructions(function, *texts(size))


HOSTILE_SEQUENCES = {
    "alternating-vs-paired": lambda size: ([0, 1] * (size // 2), [0, 0, 1, 1] * (size // 4)),
    "equal-vs-every-tenth-changed": lambda size: ([0] * size, [int(number % 10 == 9) for number in range(size)]),
    "shuffled-distinct": lambda size: (list(range(size)), random.Random(size).sample(range(size), size)),
    "random-small-alphabet": lambda size: (
        random.Random(size).choices(range(3), k=size),
        random.Random(-size).choices(range(3), k=size),
    ),
}


@pytest.mark.parametrize("sequences", HOSTILE_SEQUENCES.values(), ids=HOSTILE_SEQUENCES)
def test_matching_work_grows_at_most_linearly_beyond_the_base_budget(sequences):
    small, large = (
        executed_instructions(matching_blocks, *sequences(2_000)),
        executed_instructions(matching_blocks, *sequences(8_000)),
    )
    assert large < 5 * small


def test_work_paid_never_exceeds_the_budget():
    budget = WorkBudget(500)
    matching_blocks([0, 1] * 1_000, [0, 0, 1, 1] * 500, budget)
    assert budget.spent <= 500
    assert budget.left >= 0


def test_a_line_beyond_the_word_cap_is_marked_changed_as_a_whole():
    old = " ".join(f"w{number}" for number in range(WORD_DIFF_MAX_TOKENS // 2 + 1))  # words and spaces: cap + 1
    new = old.replace(" w7 ", " seven ")
    assert diff_lines(old, new) == [deleted(1, gone(old)), inserted(1, added(new))]
    assert side_by_side(old, new) == [SideBySideRow(deleted(1, gone(old)), inserted(1, added(new)))]


def test_a_line_within_the_word_cap_gets_word_marks():
    old = " ".join(f"w{number}" for number in range(WORD_DIFF_MAX_TOKENS // 2))
    new = old.replace(" w7 ", " seven ")
    before, after = old.split(" w7 ")
    assert diff_lines(old, new) == [
        deleted(1, same(before + " "), gone("w7"), same(" " + after)),
        inserted(1, same(before + " "), added("seven"), same(" " + after)),
    ]


def test_a_text_of_equal_lines_edited_in_a_few_places_shows_only_those_lines():
    old = equal_lines(800)
    lines = old.splitlines()
    lines[99], lines[299] = "b", "c"
    rows = diff_lines(old, text(lines))
    assert [
        (row.kind, row.old_number, row.new_number) for row in rows if isinstance(row, DiffLine) and row.kind != "equal"
    ] == [
        ("delete", 100, None),
        ("insert", None, 100),
        ("delete", 300, None),
        ("insert", None, 300),
    ]


# --- always a correct diff ----------------------------------------------------------------------------------------


def random_text(rng: random.Random) -> str:
    words = ["a", "b", "ab", "c", " ", "  ", ",", "a b", ""]
    lines = ["".join(rng.choice(words) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 12))]
    return "\n".join(lines) + rng.choice(["", "\n"])


def edited(rng: random.Random, source: str) -> str:
    lines = source.split("\n")
    for _ in range(rng.randint(0, 4)):
        position = rng.randint(0, len(lines))
        action = rng.choice(["insert", "delete", "change"])
        if action == "insert" or position == len(lines):
            lines.insert(position, random_text(rng).replace("\n", ""))
        elif action == "delete":
            del lines[position]
        else:
            lines[position] = lines[position].replace("a", rng.choice(["b", "", "a a"]), 1)
    return "\n".join(lines)


def random_pairs(seed: int, count: int = 300):
    rng = random.Random(seed)
    for _ in range(count):
        old = random_text(rng)
        yield old, edited(rng, old) if rng.random() < 0.7 else random_text(rng)


def assert_lines_are(lines: list[DiffLine], texts: list[str], side: Literal["delete", "insert"]) -> None:
    """The lines of one side of a diff are that text's lines in order, numbered, and marked only as that side."""
    number = "old_number" if side == "delete" else "new_number"
    assert [line.text for line in lines] == texts
    assert [getattr(line, number) for line in lines] == list(range(1, len(texts) + 1))
    for line in lines:
        assert line.kind in ("equal", side)
        assert {segment.kind for segment in line.segments} <= ({"equal"} if line.kind == "equal" else {"equal", side})


def assert_side_by_side_rebuilds_both(old_text: str, new_text: str) -> None:
    rows = side_by_side(old_text, new_text)
    assert_lines_are([row.left for row in rows if row.left], split_lines(old_text), "delete")
    assert_lines_are([row.right for row in rows if row.right], split_lines(new_text), "insert")
    assert all(row.left == row.right for row in rows if row.left and row.left.kind == "equal")


def assert_diff_lines_rebuilds_both(old_text: str, new_text: str) -> None:
    old, new = split_lines(old_text), split_lines(new_text)
    rows = diff_lines(old_text, new_text, context=len(old) + len(new))
    if old == new:
        assert rows == ([Fold(len(old))] if old else [])
        return
    assert_lines_are([row for row in rows if row.kind != "insert"], old, "delete")
    assert_lines_are([row for row in rows if row.kind != "delete"], new, "insert")


def test_diffs_of_random_texts_rebuild_both_texts():
    for old, new in random_pairs(seed=1):
        assert_side_by_side_rebuilds_both(old, new)
        assert_diff_lines_rebuilds_both(old, new)


def test_diffs_with_no_work_paid_at_all_still_rebuild_both_texts(monkeypatch):
    monkeypatch.setattr(WorkBudget, "pay", lambda budget, units: False)
    for old, new in random_pairs(seed=2):
        assert_side_by_side_rebuilds_both(old, new)
        assert_diff_lines_rebuilds_both(old, new)


def assert_blocks_are_a_diff(a: list, b: list, blocks: list[tuple[int, int, int]]) -> None:
    """Blocks match equal items, in order on both sides, end with difflib's (len(a), len(b), 0), and the
    opcodes made from them turn a into b."""
    assert blocks[-1] == (len(a), len(b), 0)
    previous_end = None
    for i, j, size in blocks[:-1]:
        assert size > 0
        assert a[i : i + size] == b[j : j + size]
        if previous_end:  # in order, and adjacent blocks joined, as difflib gives them
            assert i >= previous_end[0] and j >= previous_end[1] and (i, j) != previous_end
        previous_end = (i + size, j + size)
    rebuilt = []
    for tag, i1, i2, j1, j2 in opcodes(blocks):
        rebuilt.extend(a[i1:i2] if tag == "equal" else b[j1:j2])
    assert rebuilt == b


@pytest.mark.parametrize("units", [0, 3, 30, 300, None])
def test_matching_blocks_are_a_diff_whatever_the_budget(units):
    rng = random.Random(units)
    for _ in range(500):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 40))]
        b = [rng.choice("abcd") for _ in range(rng.randint(0, 40))] if rng.random() < 0.5 else a[3:] + a[:5]
        budget = None if units is None else WorkBudget(units)
        assert_blocks_are_a_diff(a, b, matching_blocks(a, b, budget, align_given_up=rng.random() < 0.5))


# --- as difflib where difflib was right -----------------------------------------------------------------------------


def test_opcodes_and_their_groups_are_difflibs():
    rng = random.Random(3)
    for _ in range(300):
        a = [rng.choice("abc") for _ in range(rng.randint(0, 30))]
        b = [rng.choice("abc") for _ in range(rng.randint(0, 30))]
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        assert opcodes(matcher.get_matching_blocks()) == matcher.get_opcodes()
        for context in range(5):
            assert grouped_opcodes(matcher.get_opcodes(), context) == list(matcher.get_grouped_opcodes(context))


def test_edits_of_distinct_lines_are_matched_as_difflib_matches_them():
    rng = random.Random(4)
    for _ in range(300):
        old = [f"line {number}" for number in range(rng.randint(0, 40))]
        new = [line for line in old if rng.random() < 0.9]
        for _ in range(rng.randint(0, 4)):
            new.insert(rng.randint(0, len(new)), f"new {rng.random()}")
        difflib_blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
        assert matching_blocks(old, new) == [tuple(block) for block in difflib_blocks]


class ForbiddenMatcher:
    def __init__(self, *args, **kwargs):
        raise AssertionError("difflib.SequenceMatcher has no useful worst case; use wiki.sequence_diff")


def test_no_diff_or_merge_runs_difflibs_matcher(monkeypatch):
    monkeypatch.setattr(difflib, "SequenceMatcher", ForbiddenMatcher)
    assert diff_lines("a\nb\n", "a\nc\n") == [equal(1, 1, "a"), deleted(2, gone("b")), inserted(2, added("c"))]
    assert side_by_side("a\n", "b\n") == [SideBySideRow(deleted(1, gone("a")), inserted(1, added("b")))]
    assert three_way_merge(BASE, edit(BASE, l2="their two"), edit(BASE, l8="your eight")) == MergeResult(
        edit(BASE, l2="their two", l8="your eight"), conflicted=False
    )


def test_merge_of_far_apart_edits_in_a_text_of_equal_lines_takes_both():
    base = equal_lines(800)
    lines = base.splitlines()
    theirs, yours, both = lines.copy(), lines.copy(), lines.copy()
    for number in range(9, 200, 10):
        theirs[number] = both[number] = "theirs"
    for number in range(209, 400, 10):
        yours[number] = both[number] = "yours"
    assert three_way_merge(base, text(theirs), text(yours)) == MergeResult(text(both), conflicted=False)


def test_merge_of_the_same_lines_edited_differently_in_a_text_of_equal_lines_conflicts():
    base = equal_lines(800)
    theirs, yours = base.splitlines(), base.splitlines()
    for number in range(9, 400, 10):
        theirs[number], yours[number] = "theirs", "yours"
    assert three_way_merge(base, text(theirs), text(yours)) == MergeResult(text(yours), conflicted=True)


def test_a_lone_space_between_two_changes_does_not_cut_a_rewritten_phrase():
    rows = side_by_side("Runs the IT groups.\n", "Drives strategy.\n")
    old, new = rows[0].left.segments, rows[0].right.segments
    assert [(segment.kind, segment.text) for segment in old] == [("delete", "Runs the IT groups"), ("equal", ".")]
    assert [(segment.kind, segment.text) for segment in new] == [("insert", "Drives strategy"), ("equal", ".")]
    kept = side_by_side("Runs the IT groups.\n", "Drives the groups.\n")[0].right.segments
    assert (kept[0].kind, kept[0].text) == ("insert", "Drives")  # a matched word between changes stays matched
    assert {segment.kind for segment in kept[1:]} == {"equal"} and "".join(s.text for s in kept[1:]) == " the groups."


def test_a_diff_draws_at_most_max_rows_and_says_where_it_stops():
    old = "".join(f"old line {n}\n" for n in range(100))
    new = "".join(f"new line {n}\n" for n in range(100))
    rows = diff_lines(old, new, max_rows=10)
    lines = [row for row in rows if isinstance(row, DiffLine)]
    assert len(lines) == 10 and rows[-1] == Cut(old_number=6, new_number=6)
    assert [line.kind for line in lines] == ["delete"] * 5 + ["insert"] * 5
    pairs = side_by_side(old, new, max_rows=10)
    assert len(pairs) == 11 and pairs[-1] == Cut(old_number=11, new_number=11)
    assert diff_lines(old, new, max_rows=1000)[-1] != Cut(101, 101)  # room enough: no cut
    assert not any(isinstance(row, Cut) for row in side_by_side(old, new, max_rows=100))


def test_a_cut_inside_unchanged_context_or_a_long_insert():
    old = "".join(f"line {n}\n" for n in range(50))
    new = "inserted\n" * 30 + old
    rows = diff_lines(old, new, max_rows=12)
    assert sum(isinstance(row, DiffLine) for row in rows) == 12 and rows[-1] == Cut(old_number=1, new_number=13)
