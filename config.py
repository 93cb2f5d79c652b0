"""Configuration: one class that reads the environment, and its variants."""

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE_PATH = ROOT / "instance"


def env_flag(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(url: str | None) -> str:
    """Default to SQLite under instance/, and pin PostgreSQL URLs to psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_PATH / 'wiki.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Settings for running the wiki; every environment variable overrides its default."""

    def __init__(self) -> None:
        # Read at construction, not import, so a process sees its own environment.
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or None
        self.SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
        self.RATELIMIT_ENABLED = env_flag("RATELIMIT_ENABLED", True)
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
        self.SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", False)
        # A session ends after this many days without a visit (each visit renews the signed cookie).
        self.PERMANENT_SESSION_LIFETIME = timedelta(days=float(os.environ.get("SESSION_LIFETIME_DAYS") or 14))
        self.REQUIRE_SECRET_KEY = env_flag("REQUIRE_SECRET_KEY", False)
        # How many proxies in front of the app to trust for X-Forwarded-For (0: trust none).
        self.PROXY_COUNT = int(os.environ.get("PROXY_COUNT") or 0)
        # Where the wiki is served, e.g. https://wiki.example.org: absolute links (the API's next) start with it;
        # without it they are relative. Never taken from a request's Host header.
        self.PUBLIC_URL = (os.environ.get("PUBLIC_URL") or "").strip().rstrip("/")
        # Renderings kept in memory for readers who are not logged in (wiki/caching.py); 0 turns it off.
        self.READER_CACHE_SECONDS = int(os.environ.get("READER_CACHE_SECONDS") or 86400)
        # Mail (wiki/mail/): without MAIL_SERVER nothing is queued or sent. Mail leaves only through the
        # send-mail command, never inside a request.
        self.MAIL_SERVER = (os.environ.get("MAIL_SERVER") or "").strip()
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT") or 587)
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or ""
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or ""
        self.MAIL_USE_TLS = env_flag("MAIL_USE_TLS", True)  # STARTTLS, as port 587 expects
        self.MAIL_FROM = (os.environ.get("MAIL_FROM") or "").strip()

    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session, so a long edit is not lost
    RATELIMIT_HEADERS_ENABLED = True
    # Failed password guesses (login and password change). From a browser without a device cookie for the
    # account: per account and address (a soft lock), per address, and one budget per account for all unknown
    # devices. A browser with the account's device cookie is judged only by its own failures.
    RATELIMIT_LOGIN_PER_CLIENT = "5 per 5 minutes"
    RATELIMIT_LOGIN_PER_ADDRESS = "30 per 5 minutes"
    RATELIMIT_LOGIN_UNKNOWN_DEVICES = "100 per hour"
    RATELIMIT_LOGIN_PER_DEVICE = "10 per 5 minutes"
    RATELIMIT_REGISTER = "5 per hour"
    # Writes per member; accounts younger than NEW_MEMBER_DAYS get the stricter _NEW limits.
    NEW_MEMBER_DAYS = 3
    RATELIMIT_EDIT = "60 per hour"
    RATELIMIT_EDIT_NEW = "15 per hour"
    RATELIMIT_COMMENT = "120 per hour"
    RATELIMIT_COMMENT_NEW = "30 per hour"
    RATELIMIT_PREVIEW = "120 per minute"

    # Explicit limits. MAX_CONTENT_LENGTH stops a huge request before it is read.
    MAX_CONTENT_LENGTH = 1024 * 1024
    BODY_MAX_BYTES = 200 * 1024
    TITLE_MAX_CHARS = 120
    PER_PAGE = 50

    READER_CACHE_MAX_BYTES = 32 * 1024 * 1024

    # A confirmation link works this long; an unsubscribe link this long (a year-old mail still unsubscribes).
    EMAIL_CONFIRM_MAX_AGE = timedelta(days=3)
    UNSUBSCRIBE_MAX_AGE = timedelta(days=365)
    MAIL_TIMEOUT_SECONDS = 20  # one SMTP exchange at most this long
    # A sender claims this many mails at a time for this long: if it dies, another sends them after the lease.
    MAIL_BATCH = 50
    MAIL_LEASE_SECONDS = 600
    # A failed delivery is tried again after 1, 2, 4 … minutes, at most a day apart; never given up.
    MAIL_RETRY_FIRST_SECONDS = 60
    MAIL_RETRY_MAX_SECONDS = 24 * 3600
    RATELIMIT_CONFIRMATION = "5 per hour"  # confirmation mails a member may ask to be sent again

    def as_dict(self) -> dict:
        names = set(dir(type(self))) | set(vars(self))
        return {name: getattr(self, name) for name in names if name.isupper()}


class TestConfig(Config):
    """What the test suite runs with: its own database, no rate limits unless a test asks."""

    __test__ = False  # not a pytest test class

    def __init__(self, database_uri: str) -> None:
        super().__init__()
        self.TESTING = True
        self.SECRET_KEY = "test-secret-key-not-for-production"
        self.SQLALCHEMY_DATABASE_URI = database_url(database_uri)
        self.RATELIMIT_ENABLED = False
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.SESSION_COOKIE_SECURE = False
        self.MAIL_SERVER = ""  # a test that sends mail sets its own server
