"""Moderation forms: every action takes a reason, which goes into the log."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from wiki.auth.models import Role


class FlagForm(FlaskForm):
    reason = TextAreaField(
        "Why should moderators look at this?",
        validators=[InputRequired(message="Say why you are flagging it."), Length(max=500)],
    )


class ReasonForm(FlaskForm):
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])


class DecisionForm(FlaskForm):
    decision = RadioField(
        "Decision",
        choices=[SelectChoice("dismiss", "Dismiss the flags (keep it)"), SelectChoice("remove", "Remove it")],
    )
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])


class SuspendForm(FlaskForm):
    days = IntegerField("Days", validators=[InputRequired(message="For how many days?"), NumberRange(min=1, max=3650)])
    reason = StringField("Reason", validators=[InputRequired(message="Give the member a reason."), Length(max=500)])


class RoleForm(FlaskForm):
    role = RadioField("Role", choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role])
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
