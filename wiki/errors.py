"""Errors are pages (or JSON under /api/), never stack traces."""

import json

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, UnprocessableEntity, default_exceptions

from wiki.extensions import db
from wiki.rendering import RenderingRefused

# What each status means to a reader, when the view gave no description of its own.
EXPLANATIONS = {
    400: "The request could not be understood.",
    403: "You are not allowed to do that.",
    404: "There is nothing at this address.",
    405: "This address does not accept that kind of request.",
    409: "Someone else changed this at the same time.",
    413: "That was too large. Text is limited; shorten it and try again.",
    422: "Some of what was sent is not valid.",
    429: "Too many requests in a short time. Wait a moment and try again.",
    500: "Something went wrong on our side. Nothing you saved was lost; try again shortly.",
    503: "The wiki is busy. Try again in a moment.",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(error: HTTPException):
    code = error.code or 500
    default = EXPLANATIONS.get(code, "")
    # Werkzeug's stock sentences are for developers; a view's own description is for the reader.
    own = error.description if error.description != type(error).description else None
    description = own if own and code != 500 else default
    if code == 413:
        description = f"{default} (The limit for one request is {request.max_content_length // 1024} KB.)"
    elif code == 429:
        # A limit with its own message says what is limited; others name the limit ("60 per 1 hour").
        has_message = getattr(getattr(error, "limit", None), "error_message", None)
        description = error.description if has_message else f"{default} (Limit: {error.description}.)"
    response = error.get_response()  # keeps headers such as Retry-After and Allow
    if _wants_json():
        response.set_data(json.dumps({"error": {"status": code, "message": description}}))
        response.mimetype = "application/json"
    else:
        response.set_data(render_template("errors/error.html", code=code, title=error.name, description=description))
        response.mimetype = "text/html"
    return response


def handle_csrf_error(error: CSRFError):
    error.description = (
        "This form was sent without a valid security token (it may have expired). "
        "Go back, reload the page and send it again."
    )
    return render_error(error)


def handle_unexpected(error: Exception):
    """A failure we did not expect: roll back, log it, show a plain 500."""
    db.session.rollback()
    if isinstance(error, HTTPException):
        return render_error(error)
    return render_error(InternalServerError())


class Refused(Exception):
    """A rule of the wiki said no: services raise it (they do not answer requests), and the app answers with the
    error page for `status`; whatever the transaction had done is rolled back."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def handle_refused(error: Refused):
    db.session.rollback()
    return render_error(default_exceptions[error.status](description=str(error)))


def handle_refused_rendering(error: RenderingRefused):
    """Text that passed a form's checks but not the renderer's (an old revision restored): refused, nothing saved."""
    db.session.rollback()
    return render_error(UnprocessableEntity(description=str(error)))


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RenderingRefused, handle_refused_rendering)
    app.register_error_handler(Refused, handle_refused)
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
