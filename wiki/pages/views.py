"""Page views: home, show, edit (with preview and conflicts), history, revisions, diff, revert, raw."""

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from wiki.auth.permissions import may_moderate, member_action, require_unlocked
from wiki.caching import cached_for_readers
from wiki.definitions.forms import DefinitionForm
from wiki.definitions.models import definitions_of
from wiki.discussion.forms import CommentForm
from wiki.discussion.thread import thread_context
from wiki.extensions import db
from wiki.history.display import (
    flash_outcome,
    render_diff,
    render_history,
    render_revision,
    save_edit,
    visible_revision,
)
from wiki.history.models import Document
from wiki.history.service import (
    SaveResult,
    get_revision_or_404,
    revert_to,
)
from wiki.inputs import page_number_arg
from wiki.pages.forms import PageForm
from wiki.pages.models import (
    Page,
    PageKind,
    count_pages,
    find_page,
    get_page_or_404,
    is_canonical_slug,
    recently_changed,
    slugify,
)
from wiki.pages.versions import home_version, page_view_version
from wiki.rendering import RenderingRefused, render_markdown
from wiki.throttling import limit_edits, limit_previews

bp = Blueprint("pages", __name__)

# How often a save that collides with someone creating the same slug is tried again.
SAVE_ATTEMPTS = 3


def _history_context(page: Page) -> dict:
    """What the shared history templates need to draw a page's header and links."""
    return {
        "page": page,
        "owner_title": page.title,
        "owner_noun": "page",
        "header_template": "pages/_header.html",
        "endpoint_prefix": "pages",
        "owner_args": {"slug": page.slug},
        "can_revert": current_user.is_authenticated,
        "show_hidden": may_moderate(),
    }


@bp.get("/")
@cached_for_readers(home_version, query_args=("page",))
def home():
    """Every term and article, most recently changed first, with an excerpt."""
    page_number = page_number_arg()
    per_page = current_app.config["PER_PAGE"]
    rows = recently_changed((page_number - 1) * per_page, per_page, with_html=True)
    if page_number > 1 and not rows:
        abort(404, description=f"There is no page {page_number} of the list.")
    total = count_pages()
    return render_template(
        "pages/home.html",
        rows=rows,
        page_number=page_number,
        has_next=page_number * per_page < total,
        total=total,
    )


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
    limit = current_app.config["TITLE_MAX_CHARS"]
    error = None
    if not title:
        error = "Give the page a title."
    elif len(title) > limit:
        error = f"The title is {len(title)} characters; the limit is {limit}."
    elif not slug:
        error = "The title needs at least one letter or digit."
    if error:
        return render_template("pages/new.html", title=title, kind=kind, error=error), 422
    if find_page(slug) is not None:
        flash(f"“{title}” already exists; here it is.", "info")
        return redirect(url_for("pages.show", slug=slug), code=303)
    return redirect(url_for("pages.edit", slug=slug, title=title, kind=kind), code=303)


@bp.get("/wiki/<slug>")
@cached_for_readers(page_view_version, query_args=("sort",))
def show(slug: str):
    """The current text of a page, or a 404 that offers to create it."""
    page = find_page(slug)
    if page is None:
        if not is_canonical_slug(slug) and slugify(slug) and find_page(slugify(slug)):
            return redirect(url_for("pages.show", slug=slugify(slug)), code=301)
        return render_template("pages/missing.html", slug=slug, can_create=is_canonical_slug(slug)), 404
    return render_page(page)


def render_page(
    page: Page,
    definition_form: DefinitionForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
):
    """A page with its definitions (for a term) and its discussion; forms come back filled after an error."""
    return render_template(
        "pages/show.html",
        page=page,
        revision=page.document.head,
        definitions=definitions_of(page) if page.kind == PageKind.TERM else [],
        # Forms (and their CSRF token, which starts a session) only for members who can use them.
        definition_form=definition_form or (DefinitionForm(formdata=None) if current_user.is_authenticated else None),
        comment_form=comment_form or (CommentForm(formdata=None) if current_user.is_authenticated else None),
        **thread_context(page),
    ), status


def _editor(page: Page | None, slug: str, form: PageForm, status: int = 200, **extra):
    return render_template("pages/edit.html", page=page, slug=slug, form=form, **extra), status


def _save(page: Page | None, slug: str, form: PageForm) -> tuple[Page, SaveResult]:
    """Create the page if it is missing, then save a revision of its document (or answer with the editor)."""
    if page is None:
        page = Page(slug=slug, title=form.title.data.strip(), kind=PageKind(form.kind.data), document=Document())
        db.session.add(page)

    def show_editor(status: int, **extra):
        return _editor(find_page(slug), slug, form, status, **extra)  # after the rollback: theirs, if any

    summary = form.summary.data or ""
    return page, save_edit(page.document, form, current_user, summary, show_editor, show_hidden=may_moderate())


@bp.route("/wiki/<slug>/edit", methods=["GET", "POST"])
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
            form.body.data = page.document.head.body
            form.base_revision.data = str(page.document.head_number)
        return _editor(page, slug, form)

    if not form.validate():
        return _editor(page, slug, form, 413 if form.body_too_large else 422)
    if "preview" in request.form:
        return _editor(page, slug, form, preview=render_markdown(form.body.data))

    for _ in range(SAVE_ATTEMPTS):
        try:
            page, result = _save(page, slug, form)
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


@bp.get("/wiki/<slug>/history")
@cached_for_readers(page_view_version, query_args=("page",))
def history(slug: str):
    """Every revision, newest first, with size changes; pick two to compare."""
    page = get_page_or_404(slug)
    return render_history(page.document, _history_context(page))


@bp.get("/wiki/<slug>/revisions/<int:number>")
@cached_for_readers(page_view_version)
def revision(slug: str, number: int):
    """An old revision, rendered and marked as old."""
    page = get_page_or_404(slug)
    return render_revision(page.document, number, _history_context(page))


@bp.get("/wiki/<slug>/diff")
@cached_for_readers(page_view_version, query_args=("from", "to"))
def diff(slug: str):
    """Line and word differences between two revisions, unchanged context folded."""
    page = get_page_or_404(slug)
    return render_diff(page.document, _history_context(page))


@bp.post("/wiki/<slug>/revert/<int:number>")
@member_action
@limit_edits
def revert(slug: str, number: int):
    """Save a new revision whose text equals revision `number`."""
    page = get_page_or_404(slug)
    require_unlocked(page.is_locked, "page")
    visible_revision(get_revision_or_404(page.document, number), _history_context(page))
    result = revert_to(page.document, number, current_user)
    db.session.commit()
    if result.outcome == "unchanged":
        flash(f"The page already reads as revision {number}; nothing was saved.", "info")
    else:
        flash(f"Reverted to revision {number} as revision {result.revision.number}.", "success")
    return redirect(url_for("pages.show", slug=page.slug), code=303)


@bp.get("/wiki/<slug>/raw")
def raw(slug: str):
    """The current Markdown source as plain text, exactly as saved."""
    page = get_page_or_404(slug)
    return current_app.response_class(page.document.head.body, mimetype="text/plain")
