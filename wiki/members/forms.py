"""The settings form: each section a heading and its fields, so a new setting is a field and a line here."""

import unicodedata

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from wiki.auth.addresses import address_refusal, clean_address
from wiki.auth.models import ABOUT_MAX_CHARS, ROLE_HELD_MAX_CHARS, EmailChoice, email_in_use
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

    email = StringField(
        "Email address",
        description="Only for mail you choose below; nobody else sees it. A new address is sent a link to confirm "
        "it, and gets no other mail until then. Leave it empty for none.",
    )
    email_notifications = RadioField(
        "Email me of my notifications",
        choices=[
            SelectChoice(EmailChoice.NEVER.value, "Never"),
            SelectChoice(EmailChoice.EACH.value, "For each notification"),
            SelectChoice(EmailChoice.DAILY.value, "In a daily digest"),
        ],
    )

    # What the settings page shows, in order: (heading, field names).
    sections = (
        ("Your profile", ("role_held", "about")),
        ("Watching", ("watch_contributions",)),
        ("Email", ("email", "email_notifications")),
    )

    def validate_email(self, field: StringField) -> None:
        address = clean_address(field.data)
        refusal = address_refusal(address) if address else None
        if refusal is not None:
            raise ValidationError(refusal)
        if address and email_in_use(address, besides=current_user.id):
            raise ValidationError("Another member has that address.")

    def settings(self) -> Settings:
        about = normalize_text(self.about.data or "").strip()
        return Settings(about, (self.role_held.data or "").strip(), bool(self.watch_contributions.data),
                        clean_address(self.email.data), EmailChoice(self.email_notifications.data))  # fmt: skip
