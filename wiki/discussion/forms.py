"""Comment forms: post or reply, and edit."""

from wtforms import HiddenField
from wtforms.validators import Length, Optional

from wiki.history.forms import DocumentForm
from wiki.inputs import WholeNumber

COMMENT_MAX_CHARS = 10_000
BLANK_COMMENT = "Write something: a comment cannot be blank."


class CommentText(DocumentForm):
    noun = "comment"
    blank_message = BLANK_COMMENT
    max_chars = COMMENT_MAX_CHARS


class CommentForm(CommentText):
    parent_id = HiddenField(validators=[Optional(), WholeNumber("parent_id must be a comment number.")])

    @property
    def parent_number(self) -> int | None:
        return int(self.parent_id.data) if self.parent_id.data else None


class CommentEditForm(CommentText):
    summary = HiddenField(validators=[Optional(), Length(max=300)])
