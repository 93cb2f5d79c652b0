"""Registration and login forms."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp, ValidationError

from wiki.auth.models import USERNAME_PATTERN, find_user

PASSWORD_MIN_CHARS = 12
PASSWORD_MAX_CHARS = 128


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[
            InputRequired(message="Choose a username."),
            Regexp(USERNAME_PATTERN, message="Use 3 to 32 letters (A–Z), digits, '_' or '-'."),
        ],
        description="3–32 letters, digits, '_' or '-'.",
    )
    # Length counts characters (code points), never bytes, and nothing is truncated.
    password = PasswordField(
        "Password",
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
    confirm = PasswordField(
        "Confirm password",
        validators=[InputRequired(message="Type the password again."), EqualTo("password", "The passwords differ.")],
    )

    def validate_username(self, field: StringField) -> None:
        if find_user(field.data) is not None:
            raise ValidationError("That username is taken.")


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[InputRequired(message="Enter your username.")])
    password = PasswordField("Password", validators=[InputRequired(message="Enter your password.")])
