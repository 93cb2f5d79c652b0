"""The page editor."""

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

from wiki.inputs import WholeNumber
from wiki.pages.models import PageKind
from wiki.rendering import rendering_refusal


def validate_markdown_body(form: FlaskForm, field: TextAreaField) -> None:
    """A body must have text, fit the configured size (counted in UTF-8 bytes, as stored) and be renderable."""
    text = field.data or ""
    if not text.strip():
        raise ValidationError("Write something: the text cannot be blank.")
    limit = current_app.config["BODY_MAX_BYTES"]
    size = len(text.encode("utf-8"))
    if size > limit:
        form.body_too_large = True  # the view answers 413 rather than 422
        raise ValidationError(f"The text is {size:,} bytes; the limit is {limit:,} bytes ({limit // 1024} KB).")
    refuse_unrenderable(text)


def refuse_unrenderable(text: str) -> None:
    """Markdown with more markup than rendering may spend time on is refused, saying what is too much (the
    count is cheap; the rendering itself happens only once everything else has passed)."""
    refusal = rendering_refusal(text)
    if refusal is not None:
        raise ValidationError(refusal)


def summary_field() -> StringField:
    return StringField(
        "Edit summary",
        validators=[Optional(), Length(max=300, message="Keep the summary under 300 characters.")],
        description="Briefly, what did you change and why? (optional)",
    )


def base_revision_field() -> HiddenField:
    return HiddenField(validators=[Optional(), WholeNumber("base_revision must be a revision number.")])


class PageForm(FlaskForm):
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
    body = TextAreaField("Text (Markdown)", validators=[validate_markdown_body])
    summary = summary_field()
    base_revision = base_revision_field()

    def __init__(self, *args, creating: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.body_too_large = False

    def validate_title(self, field: StringField) -> None:
        if not self.creating:
            return  # the title is set when the page is created; the slug follows from the URL
        title = (field.data or "").strip()
        limit = current_app.config["TITLE_MAX_CHARS"]
        if not title:
            raise ValidationError("Give the page a title.")
        if len(title) > limit:
            raise ValidationError(f"The title is {len(title)} characters; the limit is {limit}.")

    def validate_kind(self, field: RadioField) -> None:
        if self.creating and field.data not in {kind.value for kind in PageKind}:
            raise ValidationError("Choose term or article.")

    @property
    def base_number(self) -> int | None:
        return int(self.base_revision.data) if self.base_revision.data else None
