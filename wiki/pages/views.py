"""Page views: home, show, edit (with preview and conflicts), raw; history, revisions, diff and revert come from
the page's OwnerKind (wiki/history/owners.py)."""

from functools import wraps

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from wiki.auth.permissions import may_moderate, member_action, require_unlocked
from wiki.caching import cached_for_readers
from wiki.extensions import db
from wiki.frontmatter import TAG
from wiki.history.display import EditorAgain, flash_outcome, save_edit
from wiki.history.models import Document
from wiki.history.owners import OwnerKind, register_history_routes
from wiki.history.service import SaveResult
from wiki.inputs import page_number_arg
from wiki.pages.display import render_page
from wiki.pages.forms import PageForm, RenameForm, title_problem
from wiki.pages.models import (
    Page,
    PageKind,
    by_recent_change,
    existing_slugs,
    find_page,
    get_page_or_404,
    is_canonical_slug,
    recently_changed,
    redirect_if_moved,
    rename_page,
    slugify,
    tag_counts,
    tagged_by_recent_change,
)
from wiki.pages.versions import home_version, page_version
from wiki.paging import paginate
from wiki.rendering import RenderingRefused, render_markdown
from wiki.throttling import limit_edits, limit_previews
from wiki.wikilinks import register_page_finder

bp = Blueprint("pages", __name__)
bp.record_once(lambda state: register_page_finder(state.app, existing_slugs))

# How often a save that collides with someone creating the same slug is tried again.
SAVE_ATTEMPTS = 3


PAGES = OwnerKind(
    noun="page",
    rule="/wiki/<slug>",
    load=get_page_or_404,
    view_args=lambda page: {"slug": page.slug},
    title=lambda page: page.title,
    header_template="pages/_header.html",
    names=lambda page: {"page": page},
    show_url=lambda page: url_for("pages.show", slug=page.slug),
    require_visible=lambda page: None,  # every page is for everyone
    may_see_hidden=may_moderate,
    version=page_version,
    may_revert=lambda page: current_user.is_authenticated and (not page.is_locked or may_moderate()),
    require_revertible=lambda page: require_unlocked(page.is_locked, "page"),
)
register_history_routes(bp, PAGES)


@bp.get("/")
@cached_for_readers(home_version, query_args=("page",))
def home():
    """Every term and article, most recently changed first, with an excerpt."""
    return _page_list(paginate(by_recent_change(), page_number_arg(), noun="list of pages"), tag=None)


def _page_list(listing, tag: str | None):
    """The home page's list: every page, or (`tag`) those that carry it."""
    return render_template("pages/home.html", rows=recently_changed(listing.items), page_number=listing.page,
                           has_next=listing.has_next, total=listing.total, tags=tag_counts(), tag=tag)  # fmt: skip


@bp.get("/tags/<tag>")
@cached_for_readers(home_version, query_args=("page",))
def tagged(tag: str):
    """The pages that carry a tag, most recently changed first."""
    if TAG.fullmatch(tag) is None or tag != tag.lower():
        abort(404, description="Tags are 1 to 30 lower-case letters, digits and hyphens.")
    listing = paginate(tagged_by_recent_change(tag), page_number_arg(), noun=f"list of pages tagged {tag}")
    if not listing.items:
        abort(404, description=f"No page is tagged “{tag}”.")
    return _page_list(listing, tag)


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        db.session.execute(select(1))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/new")
@login_required
def new():
    """Start a page from a title: its slug follows from the title."""
    title = request.args.get("title", "").strip()
    kind = request.args.get("kind", PageKind.ARTICLE.value)
    if "title" not in request.args:
        return render_template("pages/new.html", title=title, kind=kind, error=None)
    slug = slugify(title)
    error = title_problem(title, blank="Give the page a title.")
    if error:
        return render_template("pages/new.html", title=title, kind=kind, error=error), 422
    if find_page(slug) is not None:
        flash(f"“{title}” already exists; here it is.", "info")
        return redirect(url_for("pages.show", slug=slug), code=303)
    return redirect(url_for("pages.edit", slug=slug, title=title, kind=kind), code=303)


@bp.get("/wiki/<slug>")
@cached_for_readers(page_version, query_args=("sort",))
def show(slug: str):
    """The current text of a page, or a 404 that offers to create it."""
    page = find_page(slug)
    if page is None:
        redirect_if_moved(slug)
        if not is_canonical_slug(slug) and slugify(slug) and find_page(slugify(slug)):
            return redirect(url_for("pages.show", slug=slugify(slug)), code=301)
        return render_template("pages/missing.html", slug=slug, can_create=is_canonical_slug(slug)), 404
    return render_page(page)


def _editor(page: Page | None, slug: str, form: PageForm, status: int = 200, **extra):
    return render_template("pages/edit.html", page=page, slug=slug, form=form, **extra), status


def _save(page: Page | None, slug: str, form: PageForm) -> tuple[Page, SaveResult | EditorAgain]:
    """Create the page if it is missing, then save a revision of its document."""
    if page is None:
        page = Page(slug=slug, title=form.title.data.strip(), kind=PageKind(form.kind.data), document=Document())
        db.session.add(page)
    return page, save_edit(page, form, current_user, form.summary.data or "", show_hidden=may_moderate())


def follows_renames(view):
    """Before the login, so an old address answers 301 for anyone, as the page and its history do. An address is
    a page's or an old one, never both (a rename back takes the old address over), so this is one lookup of old
    addresses, whatever the page."""

    @wraps(view)  # keeps the view's authorization mark and the name its rate limit is kept under
    def view_or_redirect(slug: str):
        redirect_if_moved(slug)
        return view(slug=slug)

    return view_or_redirect


@bp.route("/wiki/<slug>/edit", methods=["GET", "POST"])
@follows_renames
@member_action
@limit_edits
def edit(slug: str):
    """Edit a page, or create it at this slug. Stale saves are merged or answered with 409."""
    if not is_canonical_slug(slug):
        if not slugify(slug):
            return render_template("pages/missing.html", slug=slug, can_create=False), 404
        # Only the arguments the editor reads: url_for must never see _external, _scheme or a view argument.
        known = {name: request.args[name] for name in ("title", "kind") if name in request.args}
        return redirect(url_for("pages.edit", slug=slugify(slug), **known), code=308)
    page = find_page(slug)
    if page is not None:
        require_unlocked(page.is_locked, "page")
    form = PageForm(creating=page is None)
    if request.method == "GET":
        if page is None:
            form.title.data = request.args.get("title") or slug.replace("-", " ").capitalize()
            if request.args.get("kind") in {kind.value for kind in PageKind}:
                form.kind.data = request.args["kind"]
        else:
            form.show(page.document.head.body)
            form.base_revision.data = str(page.document.head_number)
        return _editor(page, slug, form)

    if not form.validate():
        return _editor(page, slug, form, 413 if form.body_too_large else 422)
    if "preview" in request.form:
        return _editor(page, slug, form, preview=render_markdown(form.body.data))

    for _ in range(SAVE_ATTEMPTS):
        try:
            page, result = _save(page, slug, form)
            if isinstance(result, EditorAgain):
                db.session.rollback()
                return _editor(find_page(slug), slug, form, result.status, **result.extra)  # theirs, if any
            db.session.commit()
            break
        except IntegrityError:
            # Someone created this slug at the same moment: ours becomes an edit of theirs, or, if theirs is
            # gone again by now, another try at creating it.
            db.session.rollback()
            page = find_page(slug)
    else:
        abort(503, description="Others were creating this page at the same moment. Nothing was saved; send it again.")
    flash_outcome(result)
    return redirect(url_for("pages.show", slug=page.slug), code=303)


@bp.post("/preview")
@member_action
@limit_previews
def preview():
    """Rendered Markdown for the editor's live preview (the same renderer as saving)."""
    body = request.form.get("body", "")
    if len(body.encode("utf-8")) > current_app.config["BODY_MAX_BYTES"]:
        return jsonify(error="The text is over the size limit."), 413
    try:
        return jsonify(html=str(render_markdown(body)))
    except RenderingRefused as refusal:
        return jsonify(error=str(refusal)), 422


@bp.get("/wiki/<slug>/raw")
def raw(slug: str):
    """The current Markdown source as plain text, exactly as saved."""
    page = get_page_or_404(slug)
    return current_app.response_class(page.document.head.body, mimetype="text/plain")


@bp.route("/wiki/<slug>/rename", methods=["GET", "POST"])
@follows_renames
@member_action
@limit_edits
def rename(slug: str):
    """Give a page a new title and address; its history, definitions and discussion go with it, and the old
    address answers 301 to the new one."""
    page = get_page_or_404(slug, with_text=False)
    require_unlocked(page.is_locked, "page")
    form = RenameForm(page=page)
    if request.method == "GET":
        form.title.data = page.title
        return render_template("pages/rename.html", page=page, form=form)
    if not form.validate():
        return render_template("pages/rename.html", page=page, form=form), 422
    old_title = page.title
    try:
        rename_page(page, form.title.data.strip(), current_user, form.reason.data or "")
        db.session.commit()
    except IntegrityError:  # someone took the address a moment ago
        db.session.rollback()
        page = get_page_or_404(slug, with_text=False)
        form.title.errors = [f"A page at “{slugify(form.title.data)}” was created a moment ago; choose another title."]
        return render_template("pages/rename.html", page=page, form=form), 422
    flash(f"Renamed “{old_title}” to “{page.title}”; the old address leads here.", "success")
    return redirect(url_for("pages.show", slug=page.slug), code=303)
