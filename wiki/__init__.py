"""The definitions-and-debate wiki."""

import secrets
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import INSTANCE_PATH, ROOT, Config
from wiki.api.views import bp as api_bp
from wiki.auth.views import bp as auth_bp
from wiki.cli import register_commands
from wiki.database import configure_engine, engine_options
from wiki.definitions.views import bp as definitions_bp
from wiki.discussion.views import bp as discussion_bp
from wiki.errors import register_error_handlers
from wiki.extensions import csrf, db, limiter, login_manager, migrate
from wiki.inputs import ChunkedBodyLimit, DatabaseIntConverter, refuse_nul_characters
from wiki.mail.views import bp as mail_bp
from wiki.members.views import bp as members_bp
from wiki.moderation.views import bp as moderation_bp
from wiki.notify.views import bp as notify_bp
from wiki.pages.views import bp as pages_bp
from wiki.recent.views import bp as recent_bp
from wiki.search.views import bp as search_bp
from wiki.security import register_security_headers
from wiki.templating import register_template_helpers

MIN_SECRET_KEY_CHARS = 32


def _secret_key(app: Flask) -> str:
    """A key from the environment, or (outside production) one generated once and kept in instance/."""
    key = app.config.get("SECRET_KEY")
    if app.config.get("REQUIRE_SECRET_KEY") and (not key or len(key) < MIN_SECRET_KEY_CHARS):
        raise RuntimeError(
            f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_KEY_CHARS} characters "
            "(e.g. python -c 'import secrets; print(secrets.token_hex(32))'); refusing to start in production."
        )
    if key:
        return key
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def create_app(config: Mapping | Config | None = None) -> Flask:
    """Build the app: folders, config, extensions, blueprints, errors, filters, CLI — in that order."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE_PATH),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.url_map.converters["int"] = DatabaseIntConverter  # before any route is added

    settings = config if isinstance(config, Config) else Config()
    app.config.update(settings.as_dict())
    if isinstance(config, Mapping):
        app.config.update(config)
    app.config["SECRET_KEY"] = _secret_key(app)
    if app.config.get("REQUIRE_SECRET_KEY") and (app.debug or app.config.get("DEBUG")):
        raise RuntimeError("Debug mode is on; refusing to start in production (the debugger runs code).")
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(app.config["SQLALCHEMY_DATABASE_URI"]),
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }

    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])
    if app.config["PROXY_COUNT"]:
        # Behind known proxies, take the client address and scheme from their X-Forwarded-* headers.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to do that."
    login_manager.login_message_category = "info"
    app.before_request(refuse_nul_characters)  # first, so no view or extension hands a NUL to the database
    csrf.init_app(app)
    limiter.init_app(app)
    with app.app_context():
        configure_engine(db.engine)

    app.register_blueprint(auth_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(definitions_bp)
    app.register_blueprint(discussion_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(recent_bp)
    app.register_blueprint(members_bp)
    app.register_blueprint(notify_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # read-only JSON; it has no POST routes

    register_error_handlers(app)
    register_security_headers(app)

    register_template_helpers(app)

    register_commands(app)
    return app
