"""Proposing and editing definitions, and taking a stance."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from wiki.discussion.forms import validate_comment_body
from wiki.pages.forms import base_revision_field, refuse_unrenderable, summary_field

DEFINITION_MAX_CHARS = 5_000


def validate_definition_body(form: FlaskForm, field: TextAreaField) -> None:
    text = field.data or ""
    if not text.strip():
        raise ValidationError("Write the definition: it cannot be blank.")
    if len(text) > DEFINITION_MAX_CHARS:
        raise ValidationError(f"The definition is {len(text):,} characters; the limit is {DEFINITION_MAX_CHARS:,}.")
    refuse_unrenderable(text)


class DefinitionForm(FlaskForm):
    body = TextAreaField("Your definition (Markdown)", validators=[validate_definition_body])


class DefinitionEditForm(FlaskForm):
    body = TextAreaField("Definition (Markdown)", validators=[validate_definition_body])
    summary = summary_field()
    base_revision = base_revision_field()

    @property
    def base_number(self) -> int | None:
        return int(self.base_revision.data) if self.base_revision.data else None


class StanceForm(FlaskForm):
    stance = RadioField(
        "Your stance",
        choices=[
            SelectChoice("endorse", "Endorse"),
            SelectChoice("dispute", "Dispute"),
            SelectChoice("none", "No stance"),
        ],
    )
    reason = TextAreaField("Why? (optional, Markdown; posted as a comment)")

    def validate_reason(self, field: TextAreaField) -> None:
        if not (field.data or "").strip():
            field.data = ""
            return
        if self.stance.data == "none":
            raise ValidationError("A reason goes with an endorsement or a dispute.")
        validate_comment_body(self, field)
