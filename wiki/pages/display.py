"""A page as it is read: its current text and the sections other parts of the wiki add to it."""

from flask import render_template

from wiki.pages.models import Page
from wiki.sections import sections_context


def render_page(page: Page, status: int = 200, **forms):
    """A page with whatever sections it has (a term's definitions, the discussion); `forms` come back filled after
    a failed post (definition_form, comment_form), for the section that drew them."""
    context = sections_context("page", page, forms)
    return render_template("pages/show.html", page=page, revision=page.document.head, **context), status
