"""Diff two sequences of hashable items (lines, or the words of a line) in bounded work, for any input.

difflib.SequenceMatcher has no useful worst case: its cost grows with the cube of the length on a line of
alternating words, and faster than the square on many equal lines. Anyone can ask for a diff, so this module
does the same job (matching blocks, opcodes, grouped opcodes) with a hard bound:

1. Every item is replaced by a number, equal items by the same one (one dict pass), so no later step compares
   two long lines.
2. Work is done one region (a slice of each side) at a time, taken from an explicit stack, never by recursion.
   A region first gives up its common prefix and suffix, which match.
3. Items found exactly once on each side of the region are anchors; the longest run of them in the same order
   on both sides (a longest increasing subsequence, by patience sorting) matches, and the gaps between
   consecutive anchors become regions. This is "patience diff"; on real edits its diffs are as small as difflib's.
4. A region without anchors is solved exactly, by the textbook longest-common-subsequence table, when that has
   at most MAX_EXACT_CELLS cells. A larger one is given up: reported replaced or, for lines (align_given_up),
   matched only where both sides hold the same item at the same offset from the region's start, which keeps a
   text of many equal lines edited in a few places mostly equal.
5. Steps 3 and 4 are paid, before they run, from a work budget of WORK_PER_ITEM * (len(a) + len(b)) +
   BASE_WORK units: step 3 costs the region's length, step 4 its number of cells. A region the budget cannot
   pay for is given up. Real edits spend little of it; hostile inputs run it out and get a coarser diff.

The bound. Let n = len(a) + len(b) and B the budget, O(n). Step 1 costs the total size of the items (hashing).
Paid steps cost O(B) in all, and O(B log n) counting step 3's binary searches. Trimming removes items no region
sees again, and regions given up are disjoint, so trimming and aligning cost O(n) in all. Regions are pushed
only by step 3, at most one per unit it paid, so at most B + 1 regions are popped, each O(1) besides. At most
O(n + B) matches are found and sorted once. Total: O(size of the items + n log n). A budget shared by several
diffs (the words of all the changed lines of one text) bounds their paid steps together.

Whatever the budget, the result is a correct diff: matches are equal items, in order on both sides.
"""

from bisect import bisect_left
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from operator import ne

WORK_PER_ITEM = 4  # real edits of this wiki's own files spend at most about 1.1 a line, beyond BASE_WORK
BASE_WORK = 20_000  # enough to solve small texts exactly, a few milliseconds
MAX_EXACT_CELLS = 4_096  # the largest table for a region without anchors: 64 by 64 items

Match = tuple[int, int, int]  # (start in a, start in b, length), as difflib's matching blocks
Opcode = tuple[str, int, int, int, int]  # (tag, a start, a end, b start, b end), as difflib's opcodes


@dataclass
class WorkBudget:
    """Work units a diff may still spend; several diffs (the words of many lines) can share one."""

    left: int
    spent: int = 0

    @classmethod
    def for_items(cls, count: int, units_per_item: int | None = None) -> "WorkBudget":
        """The budget of a diff of `count` items: O(count), with BASE_WORK so that small diffs are exact."""
        return cls((WORK_PER_ITEM if units_per_item is None else units_per_item) * count + BASE_WORK)

    def pay(self, units: int) -> bool:
        """Spend `units` if that many are left; say whether they were."""
        if units > self.left:
            return False
        self.left -= units
        self.spent += units
        return True


def _numbered(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[list[int], list[int]]:
    """The same number for equal items, so that no later step compares two long lines."""
    numbers = {item: number for number, item in enumerate(dict.fromkeys(chain(a, b)))}
    return list(map(numbers.__getitem__, a)), list(map(numbers.__getitem__, b))


def _found_once(items: list[int], first_position: int) -> dict[int, int]:
    """The items found exactly once, with their positions (counted from first_position), in order."""
    positions = range(first_position, first_position + len(items))
    last = dict(zip(items, positions, strict=True))  # a later occurrence overwrites an earlier one
    first = dict(zip(reversed(items), reversed(positions), strict=True))
    return {item: position for item, position in last.items() if first[item] == position}


def _unique_anchors(a: list[int], a_lo: int, a_hi: int, b: list[int], b_lo: int, b_hi: int) -> list[tuple[int, int]]:
    """Positions (i, j) of the items found exactly once in a[a_lo:a_hi] and once in b[b_lo:b_hi], in b's order."""
    once_in_a = _found_once(a[a_lo:a_hi], a_lo)
    once_in_b = _found_once(b[b_lo:b_hi], b_lo)
    return [(once_in_a[item], j) for item, j in once_in_b.items() if item in once_in_a]


def _longest_increasing(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of anchors (already in b's order) whose positions in a increase: patience sorting."""
    pile_tops: list[int] = []  # position in a of the anchor on top of each pile
    top_anchor: list[int] = []  # index in anchors of that anchor
    previous = [-1] * len(anchors)  # the anchor below, on the pile to the left, when each was placed
    for index, (i, _) in enumerate(anchors):
        pile = bisect_left(pile_tops, i)
        if pile == len(pile_tops):
            pile_tops.append(i)
            top_anchor.append(index)
        else:
            pile_tops[pile] = i
            top_anchor[pile] = index
        previous[index] = top_anchor[pile - 1] if pile else -1
    longest = []
    index = top_anchor[-1]
    while index != -1:
        longest.append(anchors[index])
        index = previous[index]
    return longest[::-1]


def _exact_matches(a: list[int], a_lo: int, a_hi: int, b: list[int], b_lo: int, b_hi: int) -> list[Match]:
    """A longest common subsequence by the textbook table: O(rows * columns), so only for small regions."""
    a_items, b_items = a[a_lo:a_hi], b[b_lo:b_hi]
    rows, columns = len(a_items), len(b_items)
    # longest[i][j]: length of a longest common subsequence of a_items[i:] and b_items[j:]
    longest = [[0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        item, row, below = a_items[i], longest[i], longest[i + 1]
        right = 0  # row[j + 1]
        for j in range(columns - 1, -1, -1):
            if b_items[j] == item:
                right = below[j + 1] + 1
            elif below[j] > right:
                right = below[j]
            row[j] = right
    matches = []
    i = j = 0
    while i < rows and j < columns:
        if a_items[i] == b_items[j]:
            matches.append((a_lo + i, b_lo + j, 1))
            i, j = i + 1, j + 1
        elif longest[i + 1][j] >= longest[i][j + 1]:
            i += 1
        else:
            j += 1
    return matches


def _as_difflib_blocks(matches: list[Match], a_length: int, b_length: int) -> list[Match]:
    """Sorted, adjacent matches joined, and difflib's closing (len(a), len(b), 0)."""
    blocks: list[Match] = []
    for i, j, size in sorted(matches):
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + size)
        else:
            blocks.append((i, j, size))
    blocks.append((a_length, b_length, 0))
    return blocks


def _equal_at_same_offset(a: list[int], a_lo: int, a_hi: int, b: list[int], b_lo: int, b_hi: int) -> list[Match]:
    """Runs of items equal at the same distance from the region's start: O(rows + columns)."""
    length = min(a_hi - a_lo, b_hi - b_lo)
    unequal_offsets = compress(range(length), map(ne, a[a_lo:a_hi], b[b_lo:b_hi]))
    matches = []
    run_start = 0
    for offset in chain(unequal_offsets, [length]):
        if offset > run_start:
            matches.append((a_lo + run_start, b_lo + run_start, offset - run_start))
        run_start = offset + 1
    return matches


def matching_blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], budget: WorkBudget | None = None, *, align_given_up: bool = False
) -> list[Match]:
    """Matching blocks as difflib.SequenceMatcher.get_matching_blocks() gives them, found in bounded work.

    With align_given_up, a region given up still matches its items equal at the same offset from its start, in
    O(rows + columns) more: right for lines, where a text of many equal lines edited in a few places then keeps
    the rest equal; wrong for words, where it would scatter single matched spaces through a changed line.
    """
    if budget is None:
        budget = WorkBudget.for_items(len(a) + len(b))
    a_numbers, b_numbers = _numbered(a, b)
    matches: list[Match] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        a_lo, a_hi, b_lo, b_hi = regions.pop()
        start = a_lo
        while a_lo < a_hi and b_lo < b_hi and a_numbers[a_lo] == b_numbers[b_lo]:
            a_lo, b_lo = a_lo + 1, b_lo + 1
        if a_lo > start:
            matches.append((start, b_lo - (a_lo - start), a_lo - start))
        end = a_hi
        while a_lo < a_hi and b_lo < b_hi and a_numbers[a_hi - 1] == b_numbers[b_hi - 1]:
            a_hi, b_hi = a_hi - 1, b_hi - 1
        if a_hi < end:
            matches.append((a_hi, b_hi, end - a_hi))
        rows, columns = a_hi - a_lo, b_hi - b_lo
        if not rows or not columns:
            continue
        if budget.pay(rows + columns):
            anchors = _unique_anchors(a_numbers, a_lo, a_hi, b_numbers, b_lo, b_hi)
            if anchors:
                in_order = _longest_increasing(anchors)
                matches.extend((i, j, 1) for i, j in in_order)
                gaps = zip([(a_lo - 1, b_lo - 1), *in_order], [*in_order, (a_hi, b_hi)], strict=True)
                # Pushed right to left, so regions are solved left to right while the budget lasts.
                regions.extend(
                    (i + 1, next_i, j + 1, next_j)
                    for (i, j), (next_i, next_j) in reversed(list(gaps))
                    if i + 1 < next_i and j + 1 < next_j
                )
                continue
            if rows * columns <= MAX_EXACT_CELLS and budget.pay(rows * columns):
                matches.extend(_exact_matches(a_numbers, a_lo, a_hi, b_numbers, b_lo, b_hi))
                continue
        # Given up: reported replaced, or matched position by position.
        if align_given_up:
            matches.extend(_equal_at_same_offset(a_numbers, a_lo, a_hi, b_numbers, b_lo, b_hi))
    return _as_difflib_blocks(matches, len(a), len(b))


def opcodes(blocks: list[Match]) -> list[Opcode]:
    """The edits that turn a into b, from matching blocks, as difflib.SequenceMatcher.get_opcodes() gives them."""
    edits: list[Opcode] = []
    i = j = 0
    for block_i, block_j, size in blocks:
        if i < block_i and j < block_j:
            edits.append(("replace", i, block_i, j, block_j))
        elif i < block_i:
            edits.append(("delete", i, block_i, j, block_j))
        elif j < block_j:
            edits.append(("insert", i, block_i, j, block_j))
        i, j = block_i + size, block_j + size
        if size:
            edits.append(("equal", block_i, i, block_j, j))
    return edits


def grouped_opcodes(edits: list[Opcode], context: int) -> list[list[Opcode]]:
    """Edits in groups with up to `context` equal items around each, as difflib's get_grouped_opcodes() does."""
    if not edits:
        edits = [("equal", 0, 1, 0, 1)]
    edits = edits.copy()
    if edits[0][0] == "equal":  # keep only the last `context` items of a leading equal run
        _, i1, i2, j1, j2 = edits[0]
        edits[0] = ("equal", max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    if edits[-1][0] == "equal":  # and the first `context` items of a trailing one
        _, i1, i2, j1, j2 = edits[-1]
        edits[-1] = ("equal", i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    groups = []
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal" and i2 - i1 > 2 * context:  # a long equal run ends one group and starts the next
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


class BoundedSequenceMatcher:
    """The part of difflib.SequenceMatcher that merge3.Merge3 uses (its `sequence_matcher=`), in bounded work.

    Merge3 compares lines, so regions given up are aligned position by position (see matching_blocks).
    """

    def __init__(self, isjunk=None, a: Sequence[Hashable] = (), b: Sequence[Hashable] = (), autojunk: bool = True):
        # isjunk and autojunk are accepted for the interface and ignored: every item counts, as with
        # SequenceMatcher(None, a, b, autojunk=False).
        self.a, self.b = a, b

    def get_matching_blocks(self) -> list[Match]:
        return matching_blocks(self.a, self.b, align_given_up=True)
