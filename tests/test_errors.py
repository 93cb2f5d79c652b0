"""Errors are friendly pages with security headers; configuration refuses unsafe starts."""

from pathlib import Path

import pytest
from flask import Flask

from wiki import _secret_key

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.parametrize(
    "url, status", [("/", 200), ("/wiki/missing", 404), ("/auth/logout", 405), ("/api/v1/pages/x", 404)]
)
def test_every_response_has_security_headers(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_when_cookies_are_secure(make_app):
    response = make_app(SESSION_COOKIE_SECURE=True).test_client().get("/auth/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_unexpected_errors_are_a_plain_500_page(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internals: SELECT * FROM users")

    response = app.test_client().get("/explode")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    for leak in ("Traceback", "RuntimeError", "SELECT", "secret internals", "werkzeug"):
        assert leak not in html
    assert "Content-Security-Policy" in response.headers


def test_templates_use_no_safe_filter_and_no_inline_script_or_style():
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text()
        assert "|safe" not in source.replace(" ", ""), template
        assert "<script>" not in source and "<style" not in source and " style=" not in source, template
        assert "onclick" not in source.lower() and "onsubmit" not in source.lower(), template


def test_secret_key_is_generated_once_and_kept(tmp_path):
    app = Flask("probe", instance_path=str(tmp_path))
    first = _secret_key(app)
    assert len(first) >= 32
    assert _secret_key(app) == first
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    app = Flask("probe", instance_path=str(tmp_path))
    app.config["REQUIRE_SECRET_KEY"] = True
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        _secret_key(app)


@pytest.mark.parametrize("key", [None, "", "short-key", "x" * 31])
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    app = Flask("probe", instance_path=str(tmp_path))
    app.config.update(REQUIRE_SECRET_KEY=True, SECRET_KEY=key)
    with pytest.raises(RuntimeError, match="at least 32"):
        _secret_key(app)
    app.config["SECRET_KEY"] = "k" * 32
    assert _secret_key(app) == "k" * 32


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing-dir/none.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"


def test_production_refuses_debug_mode(make_app):
    with pytest.raises(RuntimeError, match="Debug mode"):
        make_app(REQUIRE_SECRET_KEY=True, SECRET_KEY="k" * 40, DEBUG=True)


@pytest.mark.parametrize("url", ["/wiki/missing", "/api/v1/pages/missing", "/auth/logout"])
def test_error_pages_reveal_no_versions(client, url):
    body = client.get(url).get_data(as_text=True)
    for leak in ("Werkzeug", "Python/", "Flask", "SQLAlchemy", "gunicorn", "Traceback"):
        assert leak not in body
