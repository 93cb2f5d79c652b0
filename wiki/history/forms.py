"""What every editor of a document sends — its text and the revision it started from — as one form base for the
page, definition and comment forms, and the checks every Markdown text passes."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from wiki.inputs import WholeNumber
from wiki.rendering import rendering_refusal


def check_markdown(text: str, *, blank: str, noun: str, max_chars: int | None) -> None:
    """Text, within its kind's size, with no more markup than rendering may spend time on (the count is cheap; the
    rendering itself happens only once everything else has passed)."""
    if not text.strip():
        raise ValidationError(blank)
    if max_chars is not None and len(text) > max_chars:
        raise ValidationError(f"The {noun} is {len(text):,} characters; the limit is {max_chars:,}.")
    refusal = rendering_refusal(text)
    if refusal is not None:
        raise ValidationError(refusal)


def _check_body(form: "DocumentForm", field: TextAreaField) -> None:
    form.check_size(field.data or "")
    check_markdown(field.data or "", blank=form.blank_message, noun=form.noun, max_chars=form.max_chars)


def summary_field() -> StringField:
    return StringField(
        "Edit summary",
        validators=[Optional(), Length(max=300, message="Keep the summary under 300 characters.")],
        description="Briefly, what did you change and why? (optional)",
    )


class DocumentForm(FlaskForm):
    """A form that saves a revision: `body` (Markdown: not blank, within its size, renderable) and `base_revision`,
    the revision the editor started from. Each kind says what its text is called and how large it may be."""

    body = TextAreaField("Text (Markdown)", validators=[_check_body])
    base_revision = HiddenField(validators=[Optional(), WholeNumber("base_revision must be a revision number.")])

    noun = "text"
    blank_message = "Write something: the text cannot be blank."
    max_chars: int | None = None

    def check_size(self, text: str) -> None:
        """A further size check of a kind's own (a page's is in bytes)."""

    def text(self) -> str:
        """What is saved: the body (a page's editor adds the fields it keeps above it)."""
        return self.body.data

    def show(self, text: str) -> None:
        """Fill the editor from a saved text."""
        self.body.data = text

    @property
    def base_number(self) -> int | None:
        return int(self.base_revision.data) if self.base_revision.data else None
