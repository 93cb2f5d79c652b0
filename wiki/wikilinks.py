"""Which [[link]] targets exist, asked as stored HTML is shown: links are rendered once, at save, but drawn as
missing or not as the wiki stands now. The pages part answers the question (it registers its finder); this core
module only asks, and remembers the answers for the rest of the request."""

from collections.abc import Callable

from flask import Flask, current_app, g, has_app_context

PageFinder = Callable[[set[str]], set[str]]  # slugs -> those that lead to a page


def register_page_finder(app: Flask, finder: PageFinder) -> None:
    app.extensions["page_finder"] = finder


def existing_pages(slugs: set[str]) -> set[str]:
    """Those of `slugs` that lead to a page; without an app (or a finder) every one is taken to."""
    if not has_app_context() or "page_finder" not in current_app.extensions:
        return slugs
    known: dict[str, bool] = g.setdefault("known_pages", {})
    unknown = slugs - known.keys()
    if unknown:
        found = current_app.extensions["page_finder"](unknown)
        known.update((slug, slug in found) for slug in unknown)
    return {slug for slug in slugs if known[slug]}
