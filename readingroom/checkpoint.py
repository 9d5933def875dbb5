"""The replay checkpoint: the trail's folded state kept at a signed moment, so that a check
of the tables parses only the after-images written since.

``audit verify`` and ``doctor`` replay the trail's after-images to learn the state it
vouches for, then compare that state with the tables (:mod:`readingroom.replay`). The fold
of entries 1 to N is a function of those entries alone, so it can be kept: ``audit
checkpoint`` (a supervisor) checks the whole trail and the tables, folds the entries up to
N, and stores the result in ``replay_checkpoint`` with an entry of its own that signs it.
A later check still hashes every entry, but parses only the images written after N.

The checkpoint is a cache, never an authority: its entry is part of the hash chain, the
digest of its parts is signed with a supervisor's seal key certified back to the root, and
the check recomputes that digest. An emptied table only makes the check slower (it replays
the whole trail again); an altered one, or one whose signature does not verify, breaks the
check (exit 4). The format is in docs/RELIABILITY.md, "The replay checkpoint".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peewee import DatabaseError as PeeweeDatabaseError

from readingroom import audit, seals
from readingroom.chain import State
from readingroom.errors import AuditBroken, BadInput
from readingroom.messages import said
from readingroom.replay import TRACKED, StartRejected
from readingroom.store.db import write_transaction
from readingroom.store.models import AuditEntry, StaffUser

if TYPE_CHECKING:
    from readingroom.replay import Handle

#: the action of a checkpoint's own audit entry
ACTION = "replay-checkpoint"
#: rows of one table in one part at most
ROWS_PER_PART = 10_000
#: what a checkpoint's signature covers begins with this line
_SIGNED = b"reading room replay checkpoint\n"


def signed_message(sequence: int, entry_hash: str, rows: int, digest: str) -> bytes:
    """The bytes a checkpoint's Ed25519 signature covers (docs/RELIABILITY.md)."""
    return _SIGNED + f"{sequence}\n{entry_hash}\n{rows}\n{digest}".encode()


def parts_of(state: State) -> list[tuple[str, str]]:
    """The folded state as ``(table, body)`` parts: the tracked tables in their order, rows
    by id, at most :data:`ROWS_PER_PART` a part; each body one line a row, ``ID``, a tab
    and the image's text (nothing after the tab for a row the trail deleted), the lines
    joined by newlines. :class:`BadInput` when an image is not in the program's format
    (SQLite's ``json_array`` text never holds a raw tab or newline)."""
    parts: list[tuple[str, str]] = []
    for table in TRACKED:
        ordered = sorted((state.get(table) or {}).items(), key=_by_row)
        for key, image in ordered:
            if not key.isdigit() or not (image is None or _plain_image(image)):
                raise BadInput(
                    said(
                        "The trail's image of {table} {key} is not in the program's format "
                        "(an entry written by hand?): no checkpoint was made.",
                        table=table,
                        key=repr(key),
                    )
                )
        for start in range(0, len(ordered), ROWS_PER_PART):
            lines = ordered[start : start + ROWS_PER_PART]
            parts.append((table, "\n".join(f"{key}\t{image or ''}" for key, image in lines)))
    return parts


def _plain_image(image: object) -> bool:
    return isinstance(image, str) and bool(image) and "\t" not in image and "\n" not in image


def _by_row(item: tuple[str, Any]) -> tuple[int, str]:
    key = item[0]
    return (int(key), "") if key.isdigit() else (-1, key)


def images_of(body: str) -> dict[str, str | None] | None:
    """A part's rows as ``{id: image or None}`` (None for a body that is not one)."""
    fields = body.replace("\n", "\t").split("\t")
    if len(fields) % 2:
        return None
    images: dict[str, str | None] = dict(zip(fields[::2], fields[1::2], strict=True))
    if len(images) * 2 != len(fields):
        return None  # a row twice
    for key in [key for key, image in images.items() if not image]:
        images[key] = None
    return images


def digest_of(parts: Iterable[tuple[str, str]]) -> str:
    """SHA-256 of the parts in order: for part ``n`` (from 0) the UTF-8 bytes of
    ``"{n}\\n{table}\\n{length}\\n"`` followed by the body's ``length`` UTF-8 bytes."""
    digest = hashlib.sha256()
    for number, (table, body) in enumerate(parts):
        data = body.encode("utf-8")
        digest.update(f"{number}\n{table}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Found:
    """The checkpoint kept in the catalogue: its entry and the entry its state ends at;
    :meth:`state` reads and checks it (a :class:`readingroom.replay.Start`)."""

    db: Handle
    entry: int
    sequence: int
    details: dict[str, Any]
    problem: str = ""

    def state(self) -> State:
        """The folded state, after checking the signature, its key and the digest."""
        if self.problem:
            raise StartRejected(self.entry, self.problem)
        d = self.details
        where = said("the replay checkpoint of entry {entry}", entry=self.entry)
        signer, public = str(d.get("signer")), str(d.get("public_key"))
        if seals.key_holder(public, self.entry) != signer:
            raise StartRejected(
                self.entry,
                said("{where} is signed by a key not certified back to the root", where=where),
            )
        message = signed_message(self.sequence, str(d["hash"]), int(d["rows"]), str(d["digest"]))
        if not seals.signature_valid(public, str(d.get("signature")), message):
            raise StartRejected(
                self.entry, said("the signature of {where} does not verify", where=where)
            )
        stored = self.db.execute_sql(
            "SELECT hash FROM audit_entry WHERE id = ?", (self.sequence,)
        ).fetchone()
        if stored is None or stored[0] != d["hash"]:
            raise StartRejected(
                self.entry, said("{where} names an entry the trail does not have", where=where)
            )
        return self._parts(where, str(d["digest"]), int(d["rows"]))

    def _parts(self, where: str, digest: str, rows: int) -> State:
        altered = StartRejected(
            self.entry,
            said("{where} was altered: its parts are not the ones that were signed", where=where),
        )
        cursor = self.db.execute_sql(
            "SELECT part, entry, tbl, body FROM replay_checkpoint ORDER BY part"
        )
        hasher, count = hashlib.sha256(), 0
        state: State = {}
        for expected, (number, entry, table, body) in enumerate(cursor):
            if number != expected or entry != self.entry or not isinstance(body, str):
                raise altered
            data = body.encode("utf-8")
            hasher.update(f"{number}\n{table}\n{len(data)}\n".encode())
            hasher.update(data)
            images = images_of(body)
            if images is None:
                raise altered
            count += len(images)
            if table in state:
                state[table].update(images)
            else:
                state[table] = images
        if hasher.hexdigest() != digest or count != rows:
            raise altered
        return state


def find(db: Handle) -> Found | None:
    """The catalogue's checkpoint, None when it keeps none (read before its parts)."""
    try:
        found = db.execute_sql("SELECT min(entry), max(entry) FROM replay_checkpoint").fetchone()
    except PeeweeDatabaseError:
        return None  # an older catalogue: no checkpoint table
    if found is None or found[1] is None:
        return None
    entry = found[1]
    where = f"the replay checkpoint of entry {entry}"
    row = db.execute_sql(
        "SELECT action, entity_id, details FROM audit_entry WHERE id = ?", (entry,)
    ).fetchone()
    if found[0] != entry or row is None or row[0] != ACTION:
        return Found(db, entry, 0, {}, f"{where} was altered: its parts name no checkpoint")
    details = _details(row[2])
    sequence = details.get("sequence")
    if (
        not isinstance(sequence, int)
        or not 0 < sequence < entry
        or row[1] != str(sequence)
        or not all(isinstance(details.get(k), str) for k in ("hash", "digest", "signature"))
        or not isinstance(details.get("rows"), int)
    ):
        return Found(db, entry, 0, {}, f"{where} is malformed")
    return Found(db, entry, sequence, details)


def _details(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Made:
    """A checkpoint made: its entry, the entry its state ends at, and what it holds."""

    entry: int
    sequence: int
    rows: int
    parts: int
    digest: str
    signer: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "sequence": self.sequence,
            "rows": self.rows,
            "parts": self.parts,
            "digest": self.digest,
            "signer": self.signer,
        }


def make(actor: StaffUser, upto: int | None = None) -> Made:
    """Check the whole trail, its seals and the tables, then keep the fold of entries 1 to
    ``upto`` (the newest entry checked when None) as the catalogue's checkpoint, signed with
    the actor's seal key. A supervisor's act; nothing is written when any check fails."""
    private = seals.signing_key(actor)
    db = AuditEntry._meta.database
    previous = find(db)
    verified, differences, different = audit.verify_and_compare(db, previous)
    if not verified.ok:
        raise AuditBroken(
            said(
                "Audit trail broken at entry {entry}: {problem}. No checkpoint was made.",
                entry=str(verified.bad_entry),
                problem=verified.problem,
            )
        )
    if different:
        raise AuditBroken(
            said(
                "The tables differ from the trail ({count}); no checkpoint was made. "
                "First: {first}",
                count=different,
                first=differences[0],
            )
        )
    sealed = seals.verify_seals()
    if not sealed.ok:
        raise AuditBroken(
            said(
                "The trail's seals do not verify: {problem}. No checkpoint.",
                problem=sealed.problem,
            )
        )
    sequence = verified.count if upto is None else upto
    if not 0 < sequence <= verified.count:
        raise BadInput(said("A checkpoint ends at an entry from 1 to {last}.", last=verified.count))
    state = _fold(db, previous, sequence)
    return _store(actor, private, db, sequence, state)


def _fold(db: Handle, previous: Found | None, sequence: int) -> State:
    """The fold of entries 1 to ``sequence``, from the previous checkpoint when it ends
    before them; the entries folded are hashed again on the way."""
    state: State = {}
    after = 0
    if previous is not None and previous.sequence <= sequence:
        state, after = previous.state(), previous.sequence
    problem, bad, _, _ = audit.fold_entries(db, state, after, sequence)
    if problem:
        raise AuditBroken(
            said(
                "Audit trail broken at entry {entry}: {problem}. No checkpoint.",
                entry=str(bad),
                problem=problem,
            )
        )
    return state


def _store(actor: StaffUser, private: Any, db: Handle, sequence: int, state: State) -> Made:
    parts = parts_of(state)
    rows = sum(len(images) for table, images in state.items() if table in TRACKED)
    digest = digest_of(parts)
    with write_transaction():
        entry_hash = db.execute_sql(
            "SELECT hash FROM audit_entry WHERE id = ?", (sequence,)
        ).fetchone()[0]
        public = seals.public_hex(private)
        entry = audit.record(
            actor,
            ACTION,
            "audit",
            str(sequence),
            {
                "sequence": sequence,
                "hash": entry_hash,
                "rows": rows,
                "parts": len(parts),
                "digest": digest,
                "signer": actor.username,
                "public_key": public,
                "signature": private.sign(signed_message(sequence, entry_hash, rows, digest)).hex(),
            },
        )
        db.execute_sql("DELETE FROM replay_checkpoint")
        for number, (table, body) in enumerate(parts):
            db.execute_sql(
                "INSERT INTO replay_checkpoint (part, entry, tbl, body) VALUES (?, ?, ?, ?)",
                (number, entry.id, table, body),
            )
    return Made(entry.id, sequence, rows, len(parts), digest, actor.username)
