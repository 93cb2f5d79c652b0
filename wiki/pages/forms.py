"""The page editor."""

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from wiki.frontmatter import FieldError, Fields, parse_tags
from wiki.frontmatter import join as join_fields
from wiki.frontmatter import split as split_fields
from wiki.history.forms import DocumentForm, summary_field
from wiki.pages.models import PageKind, find_page, moved_to, slugify


def title_problem(title: str, *, blank: str, needs_slug: bool = True) -> str | None:
    """What is wrong with a page title (given stripped), or None."""
    limit = current_app.config["TITLE_MAX_CHARS"]
    if not title:
        return blank
    if len(title) > limit:
        return f"The title is {len(title)} characters; the limit is {limit}."
    if needs_slug and not slugify(title):
        return "The title needs at least one letter or digit."
    return None


class PageForm(DocumentForm):
    title = StringField("Title")
    kind = RadioField(
        "Kind",
        choices=[
            SelectChoice(PageKind.TERM.value, "Term — a role or concept to define"),
            SelectChoice(PageKind.ARTICLE.value, "Article — an essay or overview"),
        ],
        default=PageKind.ARTICLE.value,
        validate_choice=False,  # checked by validate_kind, and only when creating
    )
    tags = StringField(
        "Tags",
        description="Comma-separated; each 1 to 30 lower-case letters, digits or hyphens, e.g. management-track, "
        "leadership. Kept with the revision, like the text.",
    )
    summary = summary_field()

    def __init__(self, *args, creating: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.body_too_large = False

    def validate_title(self, field: StringField) -> None:
        if not self.creating:
            return  # the title is set when the page is created; the slug follows from the URL
        problem = title_problem((field.data or "").strip(), blank="Give the page a title.", needs_slug=False)
        if problem:
            raise ValidationError(problem)

    def validate_kind(self, field: RadioField) -> None:
        if self.creating and field.data not in {kind.value for kind in PageKind}:
            raise ValidationError("Choose term or article.")

    def validate_tags(self, field: StringField) -> None:
        try:
            parse_tags(field.data or "")
        except FieldError as error:
            raise ValidationError(str(error)) from None

    def text(self) -> str:
        """The body with the page's fields (its tags) kept above it, versioned with it."""
        return join_fields(Fields(tags=parse_tags(self.tags.data or "")), self.body.data)

    def show(self, text: str) -> None:
        fields, self.body.data = split_fields(text)
        self.tags.data = ", ".join(fields.tags)

    def check_size(self, text: str) -> None:
        """Counted in UTF-8 bytes, as stored; too large a text is answered 413 rather than 422."""
        limit = current_app.config["BODY_MAX_BYTES"]
        size = len(text.encode("utf-8"))
        if size > limit:
            self.body_too_large = True
            raise ValidationError(f"The text is {size:,} bytes; the limit is {limit:,} bytes ({limit // 1024} KB).")


class RenameForm(FlaskForm):
    title = StringField("New title")
    reason = StringField("Why (shown in the history of changes)", validators=[Length(max=300)])

    def __init__(self, *args, page, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page = page

    def validate_title(self, field: StringField) -> None:
        title = (field.data or "").strip()
        problem = title_problem(title, blank="Give the page its new title.")
        if problem:
            raise ValidationError(problem)
        slug = slugify(title)
        if title == self.page.title:
            raise ValidationError("That is the page's title already.")
        other = find_page(slug)
        if other is not None and other.id != self.page.id:
            raise ValidationError(f"There is already a page at “{slug}” ({other.title}): rename that one first, or "
                                  "choose another title.")  # fmt: skip
        moved = moved_to(slug)
        if moved is not None and moved != self.page.slug:
            raise ValidationError(f"“{slug}” was the address of a page now at “{moved}”, and links to it lead there: "
                                  "choose another title.")  # fmt: skip

