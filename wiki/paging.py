"""Lists a page at a time, with Flask-SQLAlchemy's Pagination: one way for every list (pages, histories, members,
the moderation log, the API's lists)."""

from flask import abort, current_app
from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import Select

from wiki.extensions import db


class RowPagination(SelectPagination):
    """Pagination over plain rows: lists that draw a few columns build no objects. (The library's own takes the
    first column of each row only, as it expects a select of one model.)"""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


class PeekingPagination(SelectPagination):
    """Pagination that reads one item past the page instead of counting the whole list: for lists too long to
    count on every request (the record of changes). It knows whether there is a next page, not how many."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page + 1).offset(self._query_offset)
        items = list(self._query_args["session"].execute(select).scalars())
        self._more = len(items) > self.per_page
        return items[: self.per_page]

    @property
    def has_next(self) -> bool:
        return self._more


def paginate(
    select: Select, page: int, *, rows: bool = False, count: bool = True, peek: bool = False, noun: str = "list"
) -> Pagination:
    """One page (PER_PAGE items) of `select`, newest or first as it orders them; a page past the end is a 404.

    `rows` for a select of columns rather than of one model; `count` False where the caller knows the total;
    `peek` to learn whether a next page exists by reading one item more, with no count (a select of one column).
    """
    per_page = current_app.config["PER_PAGE"]
    if peek:
        found = PeekingPagination(select=select, session=db.session(), page=page, per_page=per_page,
                                  max_per_page=None, error_out=False, count=False)  # fmt: skip
    elif rows:
        found = RowPagination(select=select, session=db.session(), page=page, per_page=per_page, max_per_page=None,
                              error_out=False, count=count)  # fmt: skip
    else:
        found = db.paginate(select, page=page, per_page=per_page, max_per_page=None, error_out=False, count=count)
    if page > 1 and not found.items:
        abort(404, description=f"The {noun} has no page {page}.")
    return found
