"""Password guesses are throttled, but nobody can lock out somebody else (OWASP device cookies)."""

import pytest
import redis

from tests.conftest import PASSWORD, csrf_token
from wiki.auth.models import User
from wiki.extensions import db

# Small limits, so a test needs few (slow, Argon2-checked) attempts to reach them.
LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_LOGIN_PER_CLIENT": "2 per 5 minutes",
    "RATELIMIT_LOGIN_PER_ADDRESS": "4 per 5 minutes",
    "RATELIMIT_LOGIN_UNKNOWN_DEVICES": "5 per hour",
    "RATELIMIT_LOGIN_PER_DEVICE": "3 per 5 minutes",
}


@pytest.fixture
def throttled(make_app):
    def make(**settings):
        app = make_app(**{**LIMITS, **settings})
        with app.app_context():
            db.session.add_all([User("alice", PASSWORD), User("bob", PASSWORD)])
            db.session.commit()
        return app

    return make


def log_in(client, username="alice", password=PASSWORD, address="10.0.0.1"):
    return client.post(
        "/auth/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": address},
    )


def owners_browser(app):
    """A browser the owner has logged in from (so it holds the device cookie), then logged out of."""
    browser = app.test_client()
    assert log_in(browser, address="192.0.2.1").status_code == 303
    assert browser.get_cookie("device-" + device_cookie_suffix(app, "alice"), path="/auth") is not None
    browser.post("/auth/logout", data={"csrf_token": csrf_token(browser, "/")})
    return browser


def device_cookie_suffix(app, username: str) -> str:
    from wiki.auth.devices import account_digest

    return account_digest(username)[:16]


def message(response) -> str:
    return response.get_data(as_text=True)


def test_strangers_guessing_from_many_addresses_do_not_lock_the_owner_out(throttled):
    app = throttled()
    owner = owners_browser(app)
    stranger = app.test_client()
    statuses = [log_in(stranger, password="wrong", address=f"10.9.0.{n}").status_code for n in range(6)]
    assert statuses == [422] * 5 + [429]  # the account's budget for unknown devices is spent
    refused = log_in(app.test_client(), address="10.9.1.1")  # even the right password, from an unknown device
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "devices that have not logged in to it before" in message(refused)
    assert "Limit:" not in message(refused)  # the limit's own words, not the generic page around them
    assert log_in(owner, address="10.9.0.1").status_code == 303  # the owner's browser is not affected
    assert log_in(app.test_client(), "bob", address="10.9.0.2").status_code == 303  # nor other accounts


def test_a_known_device_is_judged_only_by_its_own_failures(throttled):
    app = throttled()
    owner = owners_browser(app)
    # Its own failures lock the device, with a message that says so...
    statuses = [log_in(owner, password="wrong", address="10.0.0.7").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    assert "from this device" in message(log_in(owner))
    # ...but count neither against its address nor against the account's budget for unknown devices.
    assert log_in(app.test_client(), address="10.0.0.7").status_code == 303
    second_device = owners_browser(app)
    assert log_in(second_device).status_code == 303


def test_unknown_clients_are_limited_per_account_and_address_and_per_address(throttled):
    app = throttled()
    client = app.test_client()
    assert [log_in(client, password="wrong").status_code for _ in range(3)] == [422, 422, 429]
    assert "for this account from your address" in message(log_in(client))
    assert log_in(client, "bob", password="wrong").status_code == 422
    assert log_in(client, "carol", password="wrong").status_code == 422
    spent = log_in(client, "dave", password="wrong")  # the address's fifth failure, whatever the account
    assert spent.status_code == 429 and "from your address, whatever the account" in message(spent)


@pytest.mark.parametrize(
    "cookie",
    ["", "garbage", "eyJhY2NvdW50IjoiYWJjIn0.forged.signature"],
)
def test_a_missing_or_forged_device_cookie_is_an_unknown_device(throttled, cookie):
    app = throttled()
    client = app.test_client()
    if cookie:
        client.set_cookie("device-" + device_cookie_suffix(app, "alice"), cookie, path="/auth")
    assert [log_in(client, password="wrong").status_code for _ in range(3)] == [422, 422, 429]
    assert "for this account from your address" in message(log_in(client))


def test_one_accounts_device_cookie_does_not_vouch_for_another(throttled):
    app = throttled()
    browser = app.test_client()
    assert log_in(browser, "bob").status_code == 303
    bobs = browser.get_cookie("device-" + device_cookie_suffix(app, "bob"), path="/auth").value
    browser.set_cookie("device-" + device_cookie_suffix(app, "alice"), bobs, path="/auth")
    assert [log_in(browser, password="wrong").status_code for _ in range(3)] == [422, 422, 429]
    assert "from your address" in message(log_in(browser))


def test_the_current_password_check_is_throttled_like_login(throttled):
    app = throttled(RATELIMIT_LOGIN_PER_DEVICE="2 per 5 minutes")
    member = app.test_client()
    assert log_in(member).status_code == 303  # this browser is now a known device

    def change(current: str):
        token = csrf_token(member, "/auth/password")
        fields = {"current": current, "password": "a new long passphrase", "confirm": "a new long passphrase"}
        return member.post("/auth/password", data={**fields, "csrf_token": token})

    assert [change("wrong").status_code for _ in range(3)] == [422, 422, 429]
    assert "from this device" in message(change(PASSWORD))
    # The guesses share the login's count for this device.
    member.post("/auth/logout", data={"csrf_token": csrf_token(member, "/")})
    assert log_in(member).status_code == 429


def test_a_successful_login_costs_nothing(throttled):
    app = throttled()
    client = app.test_client()
    for _ in range(6):
        assert log_in(client).status_code == 303
        client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})


def test_login_checks_one_password_hash_whether_or_not_the_user_exists(app, make_user, monkeypatch):
    """So the answer takes as long for a name nobody has as for a member's (no timed test: count the work)."""
    from wiki.auth import models

    make_user("alice")
    with app.app_context():
        seeded = User("seeded-member", None)  # a seed member has no usable password
        db.session.add(seeded)
        db.session.commit()
    checks = []

    class CountingHasher:
        """The real hasher, counting its verifications."""

        def __init__(self, hasher):
            self.hasher = hasher

        def verify(self, *args):
            checks.append(1)
            return self.hasher.verify(*args)

        def __getattr__(self, name):
            return getattr(self.hasher, name)

    monkeypatch.setattr(models, "_hasher", CountingHasher(models._hasher))
    client = app.test_client()
    for username in ("alice", "nobody-here", "seeded-member", "x" * 40, "adm\n"):
        checks.clear()
        assert log_in(client, username, "wrong password").status_code == 422
        assert checks == [1], username


def test_limit_keys_never_hold_what_a_client_typed(throttled, redis_url):
    app = throttled(RATELIMIT_STORAGE_URI=redis_url)
    storage = redis.Redis.from_url(redis_url)
    client = app.test_client()
    huge = "Mallory" + "x" * 450_000
    for username in (huge, "Mallory-Types-This"):
        assert log_in(client, username, "wrong").status_code == 422
    keys = list(storage.scan_iter())
    assert keys, "the failures were counted"
    assert max(len(key) for key in keys) < 200
    assert not any(b"mallory" in key.lower() for key in keys)
    assert storage.info("memory")["used_memory"] < 50 * 1024 * 1024
    storage.close()


def test_the_stand_in_hash_costs_what_a_members_hash_costs():
    from wiki.auth.models import STAND_IN_HASH, _hasher, hash_password

    assert not _hasher.check_needs_rehash(STAND_IN_HASH)  # the same parameters as every new hash
    assert STAND_IN_HASH.rsplit("$", 2)[0] == hash_password("anything at all").rsplit("$", 2)[0]
