"""The page editor."""

from flask import current_app
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from wiki.history.forms import DocumentForm, summary_field
from wiki.pages.models import PageKind


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
    summary = summary_field()

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

    def check_size(self, text: str) -> None:
        """Counted in UTF-8 bytes, as stored; too large a text is answered 413 rather than 422."""
        limit = current_app.config["BODY_MAX_BYTES"]
        size = len(text.encode("utf-8"))
        if size > limit:
            self.body_too_large = True
            raise ValidationError(f"The text is {size:,} bytes; the limit is {limit:,} bytes ({limit // 1024} KB).")
