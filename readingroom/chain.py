"""The audit chain itself: how an entry is hashed, and the walk that checks consecutive
entries and folds their after-images.

Pure functions over rows, with no database handle: :mod:`readingroom.audit` records and
verifies the open catalogue's trail with them, and the second process of a long check
(:mod:`readingroom.verify_worker`) walks its share of the trail with the same code.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from readingroom.messages import said

GENESIS = "0" * 64
#: the entry of rows found changed outside Reading Room (its images are not replayed)
OUTSIDE_CHANGE = "outside-change"


def canonical_details(details: dict[str, Any] | None) -> str:
    """An entry's details as stored and hashed: JSON with sorted keys, no spaces, non-ASCII
    as it is."""
    return json.dumps(
        details or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


#: the hash input's encoder: ``json.dumps(..., separators=(",", ":"), ensure_ascii=False)``
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def entry_hash(
    entry_id: int,
    at: str,
    staff: str,
    action: str,
    entity: str,
    entity_id: str,
    details: str,
    prev_hash: str,
) -> str:
    """The hash an entry is stored with: public, so an inspector's own script can recompute
    the chain (the seals, not a secret format, protect it; see docs/RELIABILITY.md).

    SHA-256, as 64 lowercase hex digits, of the UTF-8 bytes of the JSON array
    ``[id, at, staff, action, entity, entity_id, details, prev_hash]`` written with no
    spaces (``separators=(",", ":")``) and non-ASCII characters as they are
    (``ensure_ascii=False``). ``id`` is an integer (1 for the first entry); every other
    element is the text stored in the row: ``details`` is the JSON text of
    :func:`canonical_details`, with the after-images (key ``after``) first when the entry
    carries any (docs/RELIABILITY.md, "The tables against the trail"), and ``prev_hash``
    the previous entry's hash (64 zeros for the first entry). The head (``audit_head``)
    keeps the newest entry's id and hash.
    """
    encoded = _ENCODE([entry_id, at, staff, action, entity, entity_id, details, prev_hash])
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: ``ok`` or the first bad entry and why."""

    ok: bool
    count: int
    last_hash: str
    bad_entry: int | None = None
    problem: str = ""
    #: the replay checkpoint (a signed entry, :mod:`readingroom.checkpoint`) does not hold
    checkpoint_broken: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "count": self.count,
            "last_hash": self.last_hash,
            "bad_entry": self.bad_entry,
            "problem": self.problem,
        }


#: entries read from the database at a time by :func:`verify`
VERIFY_BATCH = 20_000
#: how an entry carrying after-images begins (``record`` puts ``after`` first)
IMAGES_PREFIX = '{"after":'

State = dict[str, dict[str, Any]]
#: one ``audit_entry`` row as read for a walk: ``(id, at, staff, action, entity, entity_id,
#: details, prev_hash, hash)``
Row = tuple[Any, ...]
#: what a walk found: ``(problem, bad_entry, count, prev)``, ``problem`` empty when all is well
Walked = tuple[str, int | None, int, str]
#: a share of the chain checked by another process: a walk's four, and that process's own
#: comparison of the rows its share wrote (None when it did not fold)
Answered = tuple[str, int | None, int, str, dict[str, Any] | None]
_AFTER = json.JSONDecoder()


@contextmanager
def no_collection() -> Iterator[None]:
    """Python's cycle collector off for a walk: it would rescan the millions of images the
    fold keeps, again and again as they grow (profiled: half the fold's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def walk(
    rows: Iterator[list[Row]],
    expected_id: int,
    prev: str,
    state: State | None = None,
    fold_from: int = 0,
) -> Walked:
    """Check consecutive batches of entry rows: ``(problem, bad_entry, count, prev)``, with
    ``problem`` empty when every row follows the one before it and hashes as stored.

    With ``state``, also fold the after-images of each entry after ``fold_from`` into it
    (the last image of a row wins; ``outside-change`` entries are not folded): the replay
    reads the trail once. ``state`` may start as a replay checkpoint's, the fold of entries
    1 to ``fold_from`` (:mod:`readingroom.checkpoint`); every entry is still hashed."""
    sha256, quote = hashlib.sha256, encode_basestring
    # set by JSONDecoder.__init__; typeshed leaves the attribute out
    scan: Callable[[str, int], tuple[Any, int]] = _AFTER.scan_once  # type: ignore[attr-defined]
    start = len(IMAGES_PREFIX)
    for batch in rows:
        for row in batch:
            entry_id, at, staff, action, entity, entity_id, details, stored_prev, stored_hash = row
            if entry_id != expected_id or stored_prev != prev:
                if entry_id > expected_id:
                    return (
                        said("entry {entry} is missing (deleted)", entry=expected_id),
                        expected_id,
                        expected_id - 1,
                        prev,
                    )
                return (
                    said(
                        "entry {entry} does not follow the entry before it (inserted or reordered)",
                        entry=entry_id,
                    ),
                    entry_id,
                    expected_id - 1,
                    prev,
                )
            try:  # entry_hash written out: the same bytes, without a call per field
                digest = sha256(
                    f"[{entry_id:d},{quote(at)},{quote(staff)},{quote(action)},"
                    f"{quote(entity)},{quote(entity_id)},{quote(details)},"
                    f"{quote(stored_prev)}]".encode()
                ).hexdigest()
            except (TypeError, ValueError):  # a field that is not text: not ours
                digest = ""
            if digest != stored_hash:
                return (
                    said("entry {entry} was changed after it was written", entry=entry_id),
                    entry_id,
                    expected_id - 1,
                    prev,
                )
            if (
                state is not None
                and entry_id > fold_from
                and details.startswith(IMAGES_PREFIX)
                and action != OUTSIDE_CHANGE
            ):
                try:  # the C scanner itself: raw_decode's wrapper costs a call an entry
                    images_of = scan(details, start)[0]
                except StopIteration:  # not JSON: raw_decode raises its own error
                    images_of = _AFTER.raw_decode(details, start)[0]
                for table, images in images_of.items():
                    if table in state:
                        state[table].update(images)
                    else:
                        state[table] = images
            prev = stored_hash
            expected_id += 1
    return ("", None, expected_id - 1, prev)
