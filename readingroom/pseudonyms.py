"""Member numbers as the branch's pseudonyms, made at the branch for the union catalogue.

The union catalogue keeps no member number: a branch's union bundle (``export-bundle
--union``) names each borrower by ``m-`` and 16 hex digits of HMAC-SHA256 keyed by the
branch's own secret. The secret is made the first time the branch exports one, kept in the
catalogue's settings (a table the audit trail holds no images of, so no bundle carries it)
and never exported: the central database, and anyone reading it, cannot hash a member
number into its pseudonym. The same member gets the same pseudonym in every bundle of
their branch (the central can still tell two bundles name one borrower); two branches'
pseudonyms of one member number are unrelated (their secrets differ).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from readingroom import audit, settings
from readingroom.store.db import write_transaction
from readingroom.store.models import StaffUser

#: hex digits kept of the HMAC (64 bits: no two of a branch's members meet by chance)
LENGTH = 16
PREFIX = "m-"
#: the setting that holds the branch's secret (64 hex digits)
SECRET_SETTING = "member_pseudonym_secret"
_PSEUDONYM = re.compile(rf"^{PREFIX}[0-9a-f]{{{LENGTH}}}$")


def pseudonym(secret: str, member_no: str | None) -> str | None:
    """``m-`` and the first 16 hex digits of HMAC-SHA256(secret, member number); None for
    none."""
    if not member_no:
        return None
    digest = hmac.new(bytes.fromhex(secret), member_no.encode("utf-8"), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:LENGTH]


def is_pseudonym(text: str) -> bool:
    """Whether ``text`` has a pseudonym's form (never a member number's)."""
    return bool(_PSEUDONYM.match(text))


def branch_secret(actor: StaffUser) -> str:
    """The branch's pseudonym secret, made (and its making audited, without it) the first
    time it is asked for."""
    secret = settings.get(SECRET_SETTING)
    if secret:
        return secret
    with write_transaction():
        secret = settings.get(SECRET_SETTING)  # another window may have made it meanwhile
        if not secret:
            secret = secrets.token_hex(32)
            settings.put(SECRET_SETTING, secret)
            audit.record(actor, "pseudonym-secret", "setting", SECRET_SETTING, {"made": True})
    return secret
