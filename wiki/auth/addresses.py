"""Email addresses as members give them: checked, and keyed without regard to case."""

import re

EMAIL_MAX_CHARS = 254  # what SMTP carries (RFC 5321: a path of 256 less its angle brackets)
LOCAL_PART_MAX_CHARS = 64
# A dot-atom local part and a domain of dotted labels ending in letters (or an IDN's xn-- form): what every mail
# server accepts. Plain ASCII only, so an address never needs SMTPUTF8, and no quoted forms, comments, IP
# literals, spaces or line breaks, so an address can go into a header and the SMTP envelope as it is.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = rf"(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})"
ADDRESS_RULE = re.compile(rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>{_DOMAIN})")
ADDRESS_RULE_TEXT = "name@example.org, in plain letters (A–Z), digits and . _ + -"


def clean_address(text: str | None) -> str:
    """The address as given, without the spaces around it ("" for none)."""
    return (text or "").strip()


def address_refusal(address: str) -> str | None:
    """Why an address cannot be used, or None. The length is checked first, so a pasted megabyte costs nothing."""
    if len(address) > EMAIL_MAX_CHARS:
        return f"An email address has at most {EMAIL_MAX_CHARS} characters; this one has {len(address):,}."
    match = ADDRESS_RULE.fullmatch(address)
    if match is None:
        return f"That is not an email address we can send to. Write it as {ADDRESS_RULE_TEXT}."
    if len(match["local"]) > LOCAL_PART_MAX_CHARS:
        return f"The part before the @ has at most {LOCAL_PART_MAX_CHARS} characters."
    return None


def address_key(address: str) -> str:
    """What makes two addresses the same one: "Alice@Example.org" is "alice@example.org"."""
    return address.lower()
