"""Line and word diffs, side-by-side rows and three-way merges, as plain data."""

import pytest

from wiki.diffing import DiffLine, Fold, MergeResult, Segment, SideBySideRow, diff_lines, side_by_side, three_way_merge


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
