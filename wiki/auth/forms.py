"""Registration and login forms."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from wiki.auth.addresses import address_refusal, clean_address
from wiki.auth.models import USERNAME_RULE_TEXT, email_in_use, find_user, is_valid_username
from wiki.auth.passwords import is_common

PASSWORD_MIN_CHARS = 12
PASSWORD_MAX_CHARS = 128


def refuse_common(field: PasswordField) -> None:
    if field.data and is_common(field.data):
        raise ValidationError("That password is one of the most common; attackers try it first. Choose another.")


def new_password_field(label: str) -> PasswordField:
    # Length counts characters (code points), never bytes, and nothing is truncated.
    return PasswordField(
        label,
        validators=[
            InputRequired(message="Choose a password."),
            Length(
                min=PASSWORD_MIN_CHARS,
                max=PASSWORD_MAX_CHARS,
                message=f"Use {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters.",
            ),
        ],
        description=f"At least {PASSWORD_MIN_CHARS} characters.",
    )


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[InputRequired(message="Choose a username.")],
        description="3–32 letters, digits, '_' or '-'.",
    )
    password = new_password_field("Password")
    confirm = PasswordField(
        "Confirm password",
        validators=[InputRequired(message="Type the password again."), EqualTo("password", "The passwords differ.")],
    )
    email = StringField(
        "Email address (optional)",
        description="For mail of your notifications, if you want it: a link to confirm it is sent first.",
    )

    def validate_email(self, field: StringField) -> None:
        address = clean_address(field.data)
        refusal = address_refusal(address) if address else None
        if refusal is not None:
            raise ValidationError(refusal)
        if address and email_in_use(address):
            raise ValidationError("Another member has that address.")

    def validate_username(self, field: StringField) -> None:
        if not is_valid_username(field.data or ""):
            raise ValidationError(f"Use {USERNAME_RULE_TEXT}.")
        if find_user(field.data) is not None:
            raise ValidationError("That username is taken.")

    def validate_password(self, field: PasswordField) -> None:
        refuse_common(field)


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(message="Enter your username.")])
    password = PasswordField("Password", validators=[InputRequired(message="Enter your password.")])


class PasswordChangeForm(FlaskForm):
    current = PasswordField("Current password", validators=[InputRequired(message="Enter your current password.")])
    password = new_password_field("New password")
    confirm = PasswordField(
        "Confirm new password",
        validators=[
            InputRequired(message="Type the new password again."),
            EqualTo("password", "The passwords differ."),
        ],
    )

    def validate_password(self, field: PasswordField) -> None:
        refuse_common(field)
