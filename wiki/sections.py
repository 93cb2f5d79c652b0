"""Sections that one part of the wiki adds to another's page: a term's definitions on its page, a discussion
under a page or a definition. The part that draws the page asks for them by kind and imports none of them;
each part registers its sections when its blueprint is registered. Imports so run one way: pages know nothing
of definitions or discussions, definitions nothing of discussions."""

from collections.abc import Callable

from flask import Blueprint, current_app

# (the thing shown, the forms a failed post handed back by name) -> what the section's templates need
Section = Callable[[object, dict], dict]


def add_section(bp: Blueprint, kind: str, section: Section) -> None:
    """Show `section` on every page of `kind` ("page", "definition") of the apps `bp` is registered on."""
    bp.record_once(lambda state: state.app.extensions.setdefault("sections", {}).setdefault(kind, []).append(section))


def sections_context(kind: str, shown, forms: dict) -> dict:
    context: dict = {}
    for section in current_app.extensions.get("sections", {}).get(kind, []):
        context |= section(shown, forms)
    return context
