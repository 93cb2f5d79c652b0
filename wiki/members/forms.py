"""The settings form: each section a heading and its fields, so a new setting is a field and a line here."""

import unicodedata

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from wiki.auth.models import ABOUT_MAX_CHARS, ROLE_HELD_MAX_CHARS
from wiki.history.service import normalize_text
from wiki.members.models import Settings
from wiki.rendering import rendering_refusal


def _check_about(_form, field: TextAreaField) -> None:
    text = normalize_text(field.data or "")
    if len(text) > ABOUT_MAX_CHARS:
        raise ValidationError(f"This is {len(text):,} characters; the limit is {ABOUT_MAX_CHARS:,}.")
    refusal = rendering_refusal(text)
    if refusal is not None:
        raise ValidationError(refusal)


def _one_line(_form, field: StringField) -> None:
    if any(unicodedata.category(character) == "Cc" for character in field.data or ""):
        raise ValidationError("Write it on one line, without control characters.")


class SettingsForm(FlaskForm):
    about = TextAreaField(
        "About me (Markdown)",
        validators=[_check_about],
        description=f"A few words for your profile: what you work on, what you know. Up to {ABOUT_MAX_CHARS:,} "
        "characters.",
    )
    role_held = StringField(
        "The role you hold",
        validators=[
            Length(max=ROLE_HELD_MAX_CHARS, message=f"Keep it under {ROLE_HELD_MAX_CHARS} characters."),
            _one_line,
        ],
        description="Free text, e.g. “Infrastructure architect at a bank” (optional).",
    )

    watch_contributions = BooleanField(
        "Watch the pages I create, edit, define or comment on",
        description="Their changes, definitions and comments then reach your notifications and watchlist.",
    )

    # What the settings page shows, in order: (heading, field names).
    sections = (("Your profile", ("role_held", "about")), ("Watching", ("watch_contributions",)))

    def settings(self) -> Settings:
        about = normalize_text(self.about.data or "").strip()
        return Settings(about, (self.role_held.data or "").strip(), bool(self.watch_contributions.data))
