"""Member numbers as per-branch pseudonyms: the same member gets the same pseudonym in every
bundle of their branch, nobody without the branch's secret can tell whose it is, and two
branches' pseudonyms of one member number differ."""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: hex digits kept of the HMAC (64 bits: no two of a branch's members meet by chance)
LENGTH = 16
PREFIX = "m-"


def new_secret() -> str:
    """A new branch's pseudonym key: 32 random bytes as hex."""
    return secrets.token_hex(32)


def pseudonym(secret: str, member_no: str | None) -> str | None:
    """``m-`` and the first 16 hex digits of HMAC-SHA256(secret, member number); None for
    none."""
    if not member_no:
        return None
    digest = hmac.new(bytes.fromhex(secret), member_no.encode("utf-8"), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:LENGTH]
