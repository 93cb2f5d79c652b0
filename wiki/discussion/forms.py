"""Comment forms: post or reply, and edit."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from wiki.inputs import WholeNumber
from wiki.pages.forms import base_revision_field, refuse_unrenderable

COMMENT_MAX_CHARS = 10_000


def validate_comment_body(form: FlaskForm, field: TextAreaField) -> None:
    text = field.data or ""
    if not text.strip():
        raise ValidationError("Write something: a comment cannot be blank.")
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError(f"The comment is {len(text):,} characters; the limit is {COMMENT_MAX_CHARS:,}.")
    refuse_unrenderable(text)


class CommentForm(FlaskForm):
    body = TextAreaField("Comment (Markdown)", validators=[validate_comment_body])
    parent_id = HiddenField(validators=[Optional(), WholeNumber("parent_id must be a comment number.")])

    @property
    def parent_number(self) -> int | None:
        return int(self.parent_id.data) if self.parent_id.data else None


class CommentEditForm(FlaskForm):
    body = TextAreaField("Comment (Markdown)", validators=[validate_comment_body])
    summary = HiddenField(validators=[Optional(), Length(max=300)])
    base_revision = base_revision_field()

    @property
    def base_number(self) -> int | None:
        return int(self.base_revision.data) if self.base_revision.data else None
