"""Seals: supervisors' Ed25519 signatures over the audit chain's head, so whoever can write
the file still cannot quietly rewrite the record.

Each supervisor has one current Ed25519 key pair (table ``seal_key``). Its private half is
stored encrypted (AES-256-GCM) under a key derived from that supervisor's password with
argon2id, so it is usable only while that supervisor is signed in: :func:`unlock` (called
by ``staff.authenticate`` once the password is checked) keeps it on the actor object, in
memory only. The first key of a catalogue is its **root** (self-signed); every later key is
certified by a supervisor holding a certified key. Every key is written into the audit trail
as a ``seal-key`` entry, and every seal as a ``seal`` entry, so the trail alone (or a
bundle's copy of it) is enough to check the seals offline. The formats are fixed in
docs/RELIABILITY.md ("The audit trail's formats").

When keys are made:

- ``init``: the first supervisor's key, the root (``staff.create_first_supervisor``).
- ``staff add --role supervisor``: a key for the new supervisor (its password is known then),
  certified by the adding supervisor's unlocked key.
- A supervisor with no key at all (a catalogue made before seals) gets one at the next
  sign-in that writes: the window's sign-in, or a command-line command that changes
  something (read-only commands stay read-only). The first key a catalogue gets is its root;
  a later one waits, uncertified, until a supervisor holding a certified key signs in to the
  window (or runs a writing command, ``audit seal`` included), which certifies it. Until then
  that supervisor cannot seal (``audit seal`` exits 5 and says why). Only a supervisor's
  FIRST key is certified this way; a key that does not open with the password signed in
  with (its password hash replaced behind the program's back) is left alone, and only a
  reset by another supervisor gives its owner a new one.
- A supervisor's own password change re-encrypts the same key; a supervisor resetting
  another supervisor's password makes a new key for them, certified by the resetter when
  the resetter holds a certified key, and retires the old one (its seals made before the new
  key's entry still verify; seals or certificates made with it after that entry do not).

When seals are made: at every sign-in the window records (``staff.record_sign_in``), at
every stocktake close (``inspection close``, in the window or on the command line) and by
``audit seal``. Every key made or certified is a ``seal-key`` entry, and ``audit verify``
lists every key with who certified it, so a key nobody expected is visible.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from peewee import DatabaseError as PeeweeDatabaseError

from readingroom import audit, clock
from readingroom.errors import NotPermitted
from readingroom.messages import Text, said
from readingroom.store.db import write_transaction
from readingroom.store.models import AuditEntry, AuditHead, SealKey, StaffUser
from readingroom.store.rows import tuples

SUPERVISOR = "supervisor"
SEAL, SEAL_KEY = "seal", "seal-key"
KEY_CONTEXT = b"readingroom-key-v1\n"
SEAL_CONTEXT = b"readingroom-seal-v1\n"
SALT_BYTES, NONCE_BYTES, KEY_BYTES = 16, 12, 32
#: how many of the newest seals a report lists
RECENT = 5


@dataclass(frozen=True)
class KdfParams:
    """argon2id costs for the key that encrypts a private seal key.

    OWASP's recommended minimum for argon2id (one pass over 46 MiB, one lane): memory-hard
    like the password hash (three passes over 64 MiB, four lanes), at about a quarter of
    its time, so a supervisor's sign-in (password check, this, the seal) stays well under a
    second. Whoever holds the file can guess a password against either, so this makes a
    guess about four times cheaper than the password hash alone does; the costs are stored
    with each key and can be raised later without a migration.
    """

    time_cost: int = 1
    memory_cost: int = 47104  # KiB
    parallelism: int = 1


#: the costs used for new keys (tests lower them; stored keys carry their own)
KDF = KdfParams()


@dataclass
class _Unlocked:
    """A supervisor's key while they are signed in (on the actor object, never stored)."""

    key_id: int
    private: Ed25519PrivateKey
    public_hex: str


@dataclass
class _Enrolment:
    """A key made at sign-in for a supervisor who has none, stored at the next write."""

    private: Ed25519PrivateKey
    public_hex: str
    encrypted: str


_UNLOCKED, _ENROLMENT = "_seal_unlocked", "_seal_enrolment"


# -- formats ------------------------------------------------------------------------------


def public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes_raw().hex()


def fingerprint(public_key_hex: str) -> str:
    """SHA-256 of the 32 raw public-key bytes, 64 lowercase hex digits."""
    return hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()


def format_fingerprint(fp: str) -> str:
    """A fingerprint for people: groups of four hex digits separated by spaces."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def certificate_message(username: str, public_key_hex: str) -> bytes:
    return KEY_CONTEXT + f"{username}\n{public_key_hex}".encode()


def seal_message(sequence: int, entry_hash: str, sealed_at: str) -> bytes:
    return SEAL_CONTEXT + f"{sequence}\n{entry_hash}\n{sealed_at}".encode()


@functools.lru_cache(maxsize=256)
def _public_key(public_key_hex: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))


def signature_valid(public_key_hex: str, signature_hex: str, message: bytes) -> bool:
    try:
        _public_key(public_key_hex).verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def encrypt_private(
    private: Ed25519PrivateKey, password: str, params: KdfParams | None = None
) -> str:
    """The stored form of a private key: JSON with the argon2id costs, salt, nonce and the
    AES-256-GCM ciphertext of its 32 raw bytes."""
    params = params or KDF
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(_derive(password, salt, params)).encrypt(
        nonce, private.private_bytes_raw(), None
    )
    return json.dumps(
        {
            "kdf": "argon2id",
            "salt": salt.hex(),
            "time_cost": params.time_cost,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "nonce": nonce.hex(),
            "ciphertext": ciphertext.hex(),
        },
        sort_keys=True,
    )


def decrypt_private(stored: str, password: str) -> Ed25519PrivateKey | None:
    """The private key, or None when ``password`` does not open it (or it is malformed)."""
    try:
        data = json.loads(stored)
        if data.get("kdf") != "argon2id":
            return None
        params = KdfParams(
            int(data["time_cost"]), int(data["memory_cost"]), int(data["parallelism"])
        )
        key = _derive(password, bytes.fromhex(data["salt"]), params)
        raw = AESGCM(key).decrypt(
            bytes.fromhex(data["nonce"]), bytes.fromhex(data["ciphertext"]), None
        )
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError, KeyError, TypeError, AttributeError):
        return None


# -- keys at sign-in ----------------------------------------------------------------------


def _current_key(username: str) -> SealKey | None:
    return SealKey.get_or_none((SealKey.username == username) & (SealKey.retired == False))  # noqa: E712


def unlock(user: StaffUser, password: str) -> bool:
    """At sign-in, once the password is checked: keep the supervisor's key on ``user`` (in
    memory only), or prepare a new one when they have none usable. Writes nothing.

    False when the supervisor's current key does not open with ``password``: the program
    re-encrypts the key at every password change it makes, so the password hash was
    replaced behind its back (the caller refuses the sign-in). No new key is made."""
    if user.role != SUPERVISOR:
        return True
    try:
        row = _current_key(user.username)
    except PeeweeDatabaseError:
        return True  # a catalogue not yet migrated to seal keys (restore signs in unmigrated)
    if row is not None:
        private = decrypt_private(row.encrypted_private, password)
        if private is None:
            return False
        setattr(user, _UNLOCKED, _Unlocked(row.id, private, row.public_key))
        return True
    private = Ed25519PrivateKey.generate()
    setattr(
        user,
        _ENROLMENT,
        _Enrolment(private, public_hex(private), encrypt_private(private, password)),
    )
    return True


def _require_supervisor(actor: StaffUser) -> None:
    if getattr(actor, "role", None) != SUPERVISOR:
        raise NotPermitted(said("Only a supervisor's own key can seal or certify keys."))


def _unlocked(actor: StaffUser) -> _Unlocked | None:
    return getattr(actor, _UNLOCKED, None)


def _certified_row(actor: StaffUser) -> SealKey | None:
    """The actor's unlocked key row, if it is current and certified."""
    unlocked = _unlocked(actor)
    if unlocked is None or getattr(actor, "role", None) != SUPERVISOR:
        return None
    row = SealKey.get_or_none(SealKey.id == unlocked.key_id)
    if row is None or row.retired or not row.certificate or row.username != actor.username:
        return None
    return row


def signing_key(actor: StaffUser) -> Ed25519PrivateKey:
    """The actor's private key, unlocked at sign-in; :class:`NotPermitted` if the actor is
    not a supervisor holding an unlocked, certified key."""
    if actor is None or getattr(actor, "role", None) != SUPERVISOR:
        raise NotPermitted(said("Only a supervisor can seal the audit trail."))
    unlocked = _unlocked(actor)
    if unlocked is None:
        if _current_key(actor.username) is not None:
            raise NotPermitted(
                said(
                    "The seal key of {user} does not open with the password signed in "
                    "with: ask another supervisor to reset the password, which makes a "
                    "new key.",
                    user=actor.username,
                )
            )
        raise NotPermitted(
            said(
                "{user} has no seal key yet: it is made at the next sign-in to the window "
                "or command that writes.",
                user=actor.username,
            )
        )
    if _certified_row(actor) is None:
        raise NotPermitted(
            said(
                "The seal key of {user} is not certified yet: it is certified when a "
                "supervisor holding a certified key next signs in; until then {again} "
                "cannot seal.",
                user=actor.username,
                again=actor.username,
            )
        )
    return unlocked.private


def public_key_hex(actor: StaffUser) -> str:
    signing_key(actor)
    return _unlocked(actor).public_hex  # type: ignore[union-attr]


def can_seal(actor: StaffUser) -> bool:
    return getattr(actor, "role", None) == SUPERVISOR and _certified_row(actor) is not None


# -- making and certifying keys (inside the caller's write transaction) -------------------


def _no_key_yet() -> bool:
    """Whether the catalogue has no certified key (so the next one is the root)."""
    certified = SealKey.select().where(SealKey.certificate.is_null(False)).exists()
    return not certified and _first_key_entry() is None


def _store(
    actor: StaffUser,
    username: str,
    private: Ed25519PrivateKey,
    public: str,
    encrypted: str,
    certifier: Any,
) -> SealKey:
    """Retire ``username``'s current key and store the new one: the root when the catalogue
    has none, certified by ``certifier`` when it holds a certified key, else waiting."""
    SealKey.update(retired=True).where(
        (SealKey.username == username) & (SealKey.retired == False)  # noqa: E712
    ).execute()
    row = SealKey.create(
        username=username, public_key=public, encrypted_private=encrypted, created_at=clock.now()
    )
    if _no_key_yet():
        _certify(actor, row, private, username, root=True)
    elif (
        certifier is not None
        and getattr(certifier, "username", None) != username
        and _certified_row(certifier) is not None
    ):
        _certify(
            certifier,
            row,
            _unlocked(certifier).private,  # type: ignore[union-attr]
            certifier.username,
        )
    return row


def _certify(
    actor: StaffUser,
    row: SealKey,
    certifier_key: Ed25519PrivateKey,
    certified_by: str,
    *,
    root: bool = False,
) -> None:
    certificate = certifier_key.sign(certificate_message(row.username, row.public_key)).hex()
    SealKey.update(certified_by=certified_by, certificate=certificate).where(
        SealKey.id == row.id
    ).execute()
    row.certified_by, row.certificate = certified_by, certificate
    audit.record(
        actor,
        SEAL_KEY,
        "staff",
        row.username,
        {
            "public_key": row.public_key,
            "certifier_key": public_hex(certifier_key),
            "certified_by": certified_by,
            "certificate": certificate,
            "root": root,
        },
    )


def enrol(
    actor: StaffUser, username: str, role: str, password: str, *, attach_to: StaffUser | None = None
) -> SealKey | None:
    """A new key for supervisor ``username`` whose password is ``password`` (at
    ``add_staff``, ``create_first_supervisor``, or a password reset). Call inside the write
    transaction that changes the account. ``attach_to``: the signed-in user to unlock it on."""
    if role != SUPERVISOR:
        return None
    _require_supervisor(actor)
    if getattr(actor, _ENROLMENT, None) is not None:
        settle(actor)  # a keyless supervisor adding another gets their own key first
    private = Ed25519PrivateKey.generate()
    encrypted = encrypt_private(private, password)
    with write_transaction():
        row = _store(actor, username, private, public_hex(private), encrypted, actor)
    if attach_to is not None:
        setattr(attach_to, _UNLOCKED, _Unlocked(row.id, private, row.public_key))
    return row


def password_changed(
    actor: StaffUser, username: str, password: str, old_password: str | None = None
) -> None:
    """After ``set_password``: one's own change re-encrypts the same key; a reset of another
    supervisor's password gives them a new key certified by ``actor`` (the old one retired)."""
    user = StaffUser.get_or_none(StaffUser.username == username)
    if user is None or user.role != SUPERVISOR:
        return
    own = actor.username == username
    if not own:
        _require_supervisor(actor)
    if own and getattr(actor, _ENROLMENT, None) is not None:
        settle(actor)  # store the key made at sign-in first, then re-encrypt it
    row = _current_key(username)
    if own and _unlocked(actor) is None and row is not None and old_password is not None:
        private = decrypt_private(row.encrypted_private, old_password)
        if private is not None:
            setattr(actor, _UNLOCKED, _Unlocked(row.id, private, row.public_key))
    unlocked = _unlocked(actor)
    if own and unlocked is not None and row is not None and row.id == unlocked.key_id:
        encrypted = encrypt_private(unlocked.private, password)
        with write_transaction():
            SealKey.update(encrypted_private=encrypted).where(SealKey.id == row.id).execute()
        return
    enrol(actor, username, SUPERVISOR, password, attach_to=actor if own else None)


def settle(user: Any) -> None:
    """Write what a sign-in prepared: store a new key made at sign-in, then certify every
    supervisor's key that waits for certification, when ``user`` holds a certified key."""
    _require_supervisor(user)
    with write_transaction():
        enrolment = getattr(user, _ENROLMENT, None)
        if enrolment is not None:
            row = _store(
                user,
                user.username,
                enrolment.private,
                enrolment.public_hex,
                enrolment.encrypted,
                None,
            )
            setattr(user, _UNLOCKED, _Unlocked(row.id, enrolment.private, row.public_key))
            setattr(user, _ENROLMENT, None)
        if _certified_row(user) is None:
            return
        waiting = (
            SealKey.select()
            .join(StaffUser, on=(SealKey.username == StaffUser.username))
            .where(
                SealKey.certificate.is_null(),
                SealKey.retired == False,  # noqa: E712
                StaffUser.role == SUPERVISOR,
                StaffUser.active == True,  # noqa: E712
                SealKey.username != user.username,
            )
            .order_by(SealKey.id)
        )
        for row in list(waiting):
            if _trail_role(row.username) != SUPERVISOR:
                continue  # made a supervisor behind the trail's back (doctor names it)
            if SealKey.select().where(SealKey.username == row.username).count() == 1:
                # only a supervisor's first key; a replacement needs a reset by a supervisor
                _certify(
                    user,
                    row,
                    _unlocked(user).private,  # type: ignore[union-attr]
                    user.username,
                )


def _trail_role(username: str) -> str | None:
    """The role the audit trail gave ``username`` when the account was added (a role set
    in the file with sqlite3 is not one the trail gave)."""
    details = (
        AuditEntry.select(AuditEntry.details)
        .where(
            (AuditEntry.entity == "staff")
            & (AuditEntry.entity_id == username)
            & (AuditEntry.action == "staff-add")
        )
        .order_by(AuditEntry.id.desc())
        .scalar()
    )
    role = _details(details).get("role") if details else None
    return role if isinstance(role, str) else None


# -- seals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sealed:
    """What sealing the chain head did: ``entry`` is the seal's own audit entry; it signs
    entries 1 to ``sequence``, whose head has the hash ``head_hash``, as ``signer`` at
    ``sealed_at`` (the values the signature covers, as the entry's details hold them)."""

    entry: AuditEntry
    sequence: int
    head_hash: str
    signer: str
    sealed_at: str


def seal_head(actor: StaffUser) -> Sealed:
    """Sign the current chain head and append the seal (inside or outside a transaction)."""
    private = signing_key(actor)
    with write_transaction():
        sequence, entry_hash = audit.chain_head()
        sealed_at = datetime.now().isoformat(timespec="microseconds")
        signature = private.sign(seal_message(sequence, entry_hash, sealed_at)).hex()
        entry = audit.record(
            actor,
            SEAL,
            "audit",
            str(sequence),
            {
                "sequence": sequence,
                "hash": entry_hash,
                "sealed_at": sealed_at,
                "signer": actor.username,
                "public_key": public_hex(private),
                "signature": signature,
            },
        )
    return Sealed(entry, sequence, entry_hash, actor.username, sealed_at)


def seal_if_possible(actor: StaffUser) -> Sealed | None:
    """A seal when the actor holds a certified key and the newest entry is not already one."""
    _require_supervisor(actor)
    if getattr(actor, _ENROLMENT, None) is not None:
        settle(actor)
    if not can_seal(actor):
        return None
    with write_transaction():
        newest = AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id.desc()).first()
        if newest is not None and newest.action == SEAL:
            return None
        return seal_head(actor)


def after_sign_in(user: Any) -> None:
    """The window's recorded sign-in: a supervisor's keys stored or certified, then a seal."""
    if getattr(user, "role", None) != SUPERVISOR:
        return
    settle(user)
    seal_if_possible(user)


def after_command(actor: StaffUser, head_before: int | None) -> None:
    """After a command-line command: when a supervisor's command added entries to the
    trail, store the key made at sign-in and certify waiting first keys. Read-only commands
    add none, so they write nothing. (The command line seals at ``audit seal`` and
    ``inspection close``.)"""
    if getattr(actor, "role", None) != SUPERVISOR or head_before is None:
        return
    if audit.chain_head()[0] > head_before:
        settle(actor)


# -- reading the trail's keys and seals ----------------------------------------------------


def _entries(action: str) -> Iterator[tuple[int, str, str, str]]:
    return tuples(
        AuditEntry.select(AuditEntry.id, AuditEntry.staff, AuditEntry.entity_id, AuditEntry.details)
        .where(AuditEntry.action == action)
        .order_by(AuditEntry.id)
    )


def _first_key_entry() -> tuple[int, str, str, str] | None:
    query = (
        AuditEntry.select(AuditEntry.id, AuditEntry.staff, AuditEntry.entity_id, AuditEntry.details)
        .where(AuditEntry.action == SEAL_KEY)
        .order_by(AuditEntry.id)
        .limit(1)
    )
    return next(tuples(query), None)


def _details(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def root_fingerprint() -> str | None:
    """The fingerprint of the trail's root key (its first ``seal-key`` entry), if any."""
    first = _first_key_entry()
    if first is None:
        return None
    details = _details(first[3])
    public = details.get("public_key")
    if details.get("root") is not True or not isinstance(public, str):
        return None
    try:
        return fingerprint(public)
    except ValueError:
        return None


@dataclass(frozen=True)
class SealInfo:
    entry: int
    sequence: int
    signer: str
    sealed_at: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "sequence": self.sequence,
            "signer": self.signer,
            "sealed_at": self.sealed_at,
        }


@dataclass(frozen=True)
class SealReport:
    """The seals and keys checked: ``ok`` or the first ``problem``."""

    ok: bool
    problem: str
    count: int
    last_sequence: int | None
    last_signer: str | None
    root_fingerprint: str | None
    unsealed_tail: int
    keys: int = 0
    last_entry: int | None = None
    recent: tuple[SealInfo, ...] = field(default_factory=tuple)
    #: every key in the trail, in order: who owns it, who certified it, when it was replaced
    key_list: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def seals_dict(self) -> dict[str, Any]:
        """The ``seals`` object of ``audit verify --json``."""
        return {
            "count": self.count,
            "last_sequence": self.last_sequence,
            "signer": self.last_signer,
            "ok": self.ok,
            "problem": self.problem,
            "last_entry": self.last_entry,
            "keys": self.keys,
            "recent": [s.as_dict() for s in self.recent],
            "key_list": list(self.key_list),
        }


@dataclass
class _Key:
    username: str
    entry: int
    certified_by: str = ""
    root: bool = False
    superseded_at: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "entry": self.entry,
            "root": self.root,
            "certified_by": self.certified_by,
            "replaced_at": self.superseded_at,
        }


class _Problem(Exception):
    """What is wrong with the trail's keys or seals: ``args[0]``, a keyed message."""

    @property
    def message(self) -> Text:
        found: Text = self.args[0]
        return found


def _check_keys(keys: dict[str, _Key]) -> None:
    """Every ``seal-key`` entry, certified back to the root (the first, self-signed)."""
    current: dict[str, str] = {}
    root = False
    for entry_id, _staff, username, text in _entries(SEAL_KEY):
        d = _details(text)
        public, certifier = d.get("public_key"), d.get("certifier_key")
        where = said("the seal key of {user} (entry {entry})", user=username, entry=entry_id)
        if (
            not isinstance(public, str)
            or not isinstance(certifier, str)
            or not isinstance(d.get("certificate"), str)
        ):
            raise _Problem(said("{where} is malformed", where=where))
        if public in keys:
            raise _Problem(said("{where} repeats a key already in the trail", where=where))
        if not root:
            if d.get("root") is not True or certifier != public:
                raise _Problem(
                    said(
                        "{where} is the first key but not a self-signed root: the keys are "
                        "not certified back to the root",
                        where=where,
                    )
                )
            root = True
        elif d.get("root") is not False:
            raise _Problem(said("{where} claims to be a second root key", where=where))
        else:
            by = keys.get(certifier)
            if by is None:
                raise _Problem(
                    said(
                        "{where} is certified by a key that is not certified back to the root",
                        where=where,
                    )
                )
            if by.superseded_at is not None:
                raise _Problem(
                    said(
                        "{where} is certified by the retired key of {user}",
                        where=where,
                        user=by.username,
                    )
                )
            if d.get("certified_by") != by.username:
                raise _Problem(said("{where} names the wrong certifier", where=where))
        if not signature_valid(certifier, d["certificate"], certificate_message(username, public)):
            raise _Problem(said("the certificate of {where} does not verify", where=where))
        if username in current:
            keys[current[username]].superseded_at = entry_id
        keys[public] = _Key(username, entry_id, str(d.get("certified_by")), d.get("root") is True)
        current[username] = public


def _check_table(keys: dict[str, _Key]) -> None:
    """Every certified key in the key table is in the trail (a removed entry shows)."""
    try:
        rows = list(
            tuples(
                SealKey.select(SealKey.username, SealKey.public_key).where(
                    SealKey.certificate.is_null(False)
                )
            )
        )
    except PeeweeDatabaseError:
        return  # an older file with no key table
    for username, public in rows:
        if public not in keys:
            raise _Problem(
                said(
                    "the certified seal key of {user} is missing from the audit trail (its "
                    "seal-key entry was removed)",
                    user=username,
                )
            )


def _check_seals(keys: dict[str, _Key], seals: list[tuple[int, int, str, str, str]]) -> None:
    """Each seal's signature and key; appends (entry, sequence, hash, signer, sealed_at)."""
    for entry_id, _staff, entity_id, text in _entries(SEAL):
        d = _details(text)
        where = said("the seal at entry {entry}", entry=entry_id)
        try:
            sequence, entry_hash = int(d["sequence"]), str(d["hash"])
            sealed_at, signer = str(d["sealed_at"]), str(d["signer"])
            public, signature = str(d["public_key"]), str(d["signature"])
        except (KeyError, TypeError, ValueError):
            raise _Problem(said("{where} is malformed", where=where)) from None
        key = keys.get(public)
        if key is None or key.entry > entry_id:
            raise _Problem(
                said("{where} is signed by a key not certified back to the root", where=where)
            )
        if key.superseded_at is not None and key.superseded_at < entry_id:
            raise _Problem(
                said(
                    "{where} is signed by the retired key of {user}",
                    where=where,
                    user=key.username,
                )
            )
        if key.username != signer or entity_id != str(sequence):
            raise _Problem(
                said("{where} names another signer or entry than its key and seal", where=where)
            )
        if not 0 < sequence < entry_id:
            raise _Problem(
                said(
                    "{where} seals entry {sequence}, which does not come before it",
                    where=where,
                    sequence=sequence,
                )
            )
        if not signature_valid(public, signature, seal_message(sequence, entry_hash, sealed_at)):
            raise _Problem(
                said(
                    "the signature of {where} does not verify: the seal was altered",
                    where=where,
                )
            )
        seals.append((entry_id, sequence, entry_hash, signer, sealed_at))


def _check_sealed_hashes(seals: list[tuple[int, int, str, str, str]]) -> None:
    """The stored hash of each sealed entry is still the one sealed."""
    wanted = {s[1] for s in seals}
    stored: dict[int, str] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        stored.update(
            tuples(
                AuditEntry.select(AuditEntry.id, AuditEntry.hash).where(AuditEntry.id.in_(chunk))
            )
        )
    for entry_id, sequence, entry_hash, signer, _at in seals:
        if stored.get(sequence) != entry_hash:
            raise _Problem(
                said(
                    "entry {sequence}, sealed by {signer} at entry {entry}, no longer has the "
                    "hash that was sealed: the trail before it was rewritten",
                    sequence=sequence,
                    signer=signer,
                    entry=entry_id,
                )
            )


def key_holder(public_key: str, at_entry: int) -> str | None:
    """Who held ``public_key`` when entry ``at_entry`` was written, if it was a key
    certified back to the root and not yet retired then (None otherwise, and when the
    trail's keys do not verify)."""
    keys: dict[str, _Key] = {}
    try:
        _check_keys(keys)
    except _Problem:
        return None
    key = keys.get(public_key)
    if key is None or key.entry > at_entry:
        return None
    if key.superseded_at is not None and key.superseded_at < at_entry:
        return None
    return key.username


def verify_seals() -> SealReport:
    """Check every key and seal in the trail (a separate pass from :func:`audit.verify`:
    it reads only ``seal`` and ``seal-key`` entries and the hashes they point at)."""
    head = AuditHead.get_or_none(AuditHead.id == 1)
    total = head.count if head is not None else 0
    keys: dict[str, _Key] = {}
    seals: list[tuple[int, int, str, str, str]] = []
    problem = ""
    try:
        _check_keys(keys)
        _check_table(keys)
        _check_seals(keys, seals)
        _check_sealed_hashes(seals)
    except _Problem as found:
        problem = found.message
    last = seals[-1] if seals else None
    recent = tuple(SealInfo(s[0], s[1], s[3], s[4]) for s in seals[-RECENT:])
    return SealReport(
        not problem,
        problem,
        len(seals),
        last[1] if last else None,
        last[3] if last else None,
        root_fingerprint(),
        max(0, total - last[0]) if last else total,
        len(keys),
        last[0] if last else None,
        recent,
        tuple(k.as_dict() for k in keys.values()),
    )
