"""A definition as it is read: its text, counts and the member's stance, and the sections other parts of the
wiki add to it (its discussion); and the definitions section of a term's page."""

from flask import render_template
from flask_login import current_user

from wiki.auth.permissions import is_author, may_modify
from wiki.definitions.forms import DefinitionForm, StanceForm
from wiki.definitions.models import Definition, definitions_of, ranked_one, stance_of
from wiki.pages.models import Page, PageKind
from wiki.sections import sections_context


def render_definition(definition: Definition, status: int = 200, stance_form: StanceForm | None = None, **forms):
    """A definition with its counts and the member's stance; `stance_form` and `forms` come back filled after a
    failed post."""
    stance = stance_of(definition, current_user) if current_user.is_authenticated else None
    if stance_form is None and current_user.is_authenticated:
        stance_form = StanceForm(formdata=None, stance=stance.kind.value if stance else "none")
    return render_template(
        "definitions/show.html",
        item=ranked_one(definition),
        definition=definition,
        page=definition.page,
        my_stance=stance,
        stance_form=stance_form,
        can_edit=may_modify(definition.author_id),
        is_own=is_author(definition.author_id),
        **sections_context("definition", definition, forms),
    ), status


def definitions_section(page: Page, forms: dict) -> dict:
    """On a term's page: its definitions, ranked, and (for members) the form to propose one."""
    form = forms.get("definition_form") or (DefinitionForm(formdata=None) if current_user.is_authenticated else None)
    return {"definitions": definitions_of(page) if page.kind == PageKind.TERM else [], "definition_form": form}
