"""Imports run one way: core modules (mail among them) import no domain; pages import neither definitions nor
discussion; definitions do not import discussion; recent changes do not import members' profiles (which read them); no
blueprint imports another's views; the history package parses no request arguments. Read from the source, so a
new import the wrong way fails CI."""

import ast
from pathlib import Path

import pytest

WIKI = Path(__file__).resolve().parent.parent / "wiki"
DOMAINS = ("pages", "definitions", "discussion", "moderation", "search", "recent", "members", "notify", "api", "seed")
# What each domain may not import: the layers above it.
ABOVE = {
    "pages": {"definitions", "discussion", "moderation", "search", "recent", "members", "notify", "api", "seed"},
    "definitions": {"discussion", "moderation", "search", "recent", "members", "notify", "api", "seed"},
    "discussion": {"moderation", "search", "recent", "members", "notify", "api", "seed"},
    "moderation": {"search", "recent", "members", "notify", "api", "seed"},
    "search": {"recent", "members", "notify", "api", "seed"},
    "recent": {"moderation", "members", "notify", "api", "seed"},  # it reads the record of changes and what it names
    "members": {"moderation", "notify", "api", "seed"},
    "notify": {"moderation", "api", "seed"},
}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("wiki.")}


def modules(where: Path):
    return sorted(path for path in where.rglob("*.py") if "__pycache__" not in path.parts)


def core_modules():
    """wiki/*.py (but the app factory and the command line, which assemble everything), history, auth and mail (the
    outbox and its sender know members and the record of changes; what notification mail says is notify's)."""
    top = [path for path in WIKI.glob("*.py") if path.name not in ("__init__.py", "cli.py")]
    return sorted(top) + modules(WIKI / "history") + modules(WIKI / "auth") + modules(WIKI / "mail")


@pytest.mark.parametrize("path", core_modules(), ids=lambda path: str(path.relative_to(WIKI)))
def test_core_modules_import_no_domain(path):
    wrong = {name for name in imports_of(path) if name.split(".")[1] in DOMAINS}
    assert wrong == set()


@pytest.mark.parametrize("domain", sorted(ABOVE))
def test_domains_import_only_below_them(domain):
    for path in modules(WIKI / domain):
        wrong = {name for name in imports_of(path) if name.split(".")[1] in ABOVE[domain]}
        assert wrong == set(), path


def test_no_module_imports_another_blueprints_views():
    for path in modules(WIKI):
        if path.parent == WIKI:
            continue  # the app factory registers them all
        package = path.parent.name
        wrong = {name for name in imports_of(path) if name.endswith(".views") and name != f"wiki.{package}.views"}
        assert wrong == set(), path


def test_the_history_service_and_display_parse_no_request_arguments():
    for name in ("service.py", "display.py", "models.py"):
        source = (WIKI / "history" / name).read_text()
        assert "request" not in {alias.name for node in ast.walk(ast.parse(source))
                                 if isinstance(node, ast.ImportFrom) for alias in node.names}  # fmt: skip
        assert "number_arg" not in source and "page_number_arg" not in source


def test_a_stance_reason_is_no_longer_than_a_comment():
    from wiki.definitions.forms import REASON_MAX_CHARS
    from wiki.discussion.forms import COMMENT_MAX_CHARS

    assert REASON_MAX_CHARS == COMMENT_MAX_CHARS
