"""Password rules beyond length: refuse the passwords attackers try first."""

from functools import cache
from pathlib import Path

COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in COMMON_PASSWORDS.read_text().splitlines() if line.strip())


def is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()
