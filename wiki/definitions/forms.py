"""Proposing and editing definitions, and taking a stance."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from wiki.history.forms import DocumentForm, check_markdown, summary_field

DEFINITION_MAX_CHARS = 5_000
# A reason is posted as a comment in the definition's discussion: no longer than a comment may be.
REASON_MAX_CHARS = 10_000


class DefinitionForm(DocumentForm):
    noun = "definition"
    blank_message = "Write the definition: it cannot be blank."
    max_chars = DEFINITION_MAX_CHARS


class DefinitionEditForm(DefinitionForm):
    summary = summary_field()


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
        check_markdown(
            field.data, blank="Write a reason, or leave it empty.", noun="reason", max_chars=REASON_MAX_CHARS
        )
