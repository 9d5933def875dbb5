"""What a checked bundle holds for the union catalogue, read from its report CSVs.

A union bundle (``export-bundle --union``) carries only the columns the central database
keeps (:data:`readingroom.union_bundle.COLUMNS`): no borrower's name, and each member number
as the branch's own pseudonym, made at the branch with a secret the central never holds. A
cell where a pseudonym belongs that is not one (a member number) is refused as bad input:
no member number is ever stored here. The CSVs carry the stable English keys.

Every file is read through :class:`Listed`, which hashes it again against the manifest the
check verified: a file replaced between the check and the read (while the import runs) is
never loaded (:class:`ChangedSinceChecked`).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readingroom import verify_bundle as verifier
from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.pseudonyms import is_pseudonym
from readingroom.reports.base import FORMULA_STARTS
from readingroom.union_bundle import CIRCULATION, COLUMNS, INSPECTION, INVENTORY, OVERRIDES
from readingroom.vocabulary import StocktakeOutcome

#: each kind the central database reads, and the keys it needs from its CSV
NEEDED = COLUMNS


@dataclass(frozen=True)
class HeldCopy:
    barcode: str
    title: str
    author: str
    translator: str
    volume: int
    access: str
    status: str
    location: str
    condition: str
    borrower: str | None
    due: str | None


@dataclass(frozen=True)
class OverrideRow:
    at: str
    action: str
    barcode: str | None
    title: str | None
    member: str | None
    role: str | None
    approved_by: str | None
    codes: str
    reason: str
    recorded_at: str


@dataclass(frozen=True)
class StocktakeResult:
    number: int
    status: str
    signed_on: str | None
    outcomes: Counter[str]


@dataclass(frozen=True)
class WorkLoans:
    title: str
    author: str
    translator: str
    copies: int
    loans: int
    borrowers: int
    waiting: int
    requests: int


@dataclass
class Content:
    copies: list[HeldCopy] = field(default_factory=list)
    overrides: list[OverrideRow] | None = None
    stocktake: StocktakeResult | None = None
    loans: list[WorkLoans] | None = None


def text(value: str | None) -> str:
    """A CSV cell as it was before the report neutralised a formula (one leading ``'``)."""
    value = value or ""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def optional(value: str | None) -> str | None:
    return text(value) or None


def number(value: str | None, what: str) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise BadInput(
            said(
                "The bundle's {field} is not a whole number: {value}.",
                field=what,
                value=repr(value),
            )
        ) from None


class ChangedSinceChecked(Exception):
    """A file of the bundle is not what the checked manifest says any more."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class Listed:
    """The files of a checked bundle as its manifest lists them, each hashed again as it is
    read; the manifest itself must still have the SHA-256 the check verified."""

    def __init__(self, folder: Path, manifest_sha256: str):
        self.folder = folder
        data = (folder / verifier.MANIFEST).read_bytes()
        if hashlib.sha256(data).hexdigest() != manifest_sha256:
            raise ChangedSinceChecked(verifier.MANIFEST)
        self.hashes: dict[str, str] = {}
        for line in data.decode("utf-8").splitlines():
            digest, _, name = line.partition("  ")
            self.hashes[name] = digest.lower()

    def text(self, name: str) -> str | None:
        """The file's text (None when the manifest does not list it)."""
        if name not in self.hashes:
            return None
        data = (self.folder / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != self.hashes[name]:
            raise ChangedSinceChecked(name)
        return data.decode("utf-8")

    def lines(self, name: str) -> Iterator[str]:
        """The file's lines, streamed; read to its end, or the last line is never given
        until the whole file has been hashed (so a changed file stops the reader)."""
        digest, previous = hashlib.sha256(), None
        with (self.folder / name).open("rb") as stream:
            for raw in stream:
                digest.update(raw)
                if previous is not None:
                    yield previous
                previous = raw.decode("utf-8")
        if digest.hexdigest() != self.hashes.get(name):
            raise ChangedSinceChecked(name)
        if previous is not None:
            yield previous


def rows(
    listed: Listed, kind: str, names: dict[str, str] | None = None
) -> Iterator[dict[str, str]] | None:
    """The rows of the union catalogue's CSV of ``kind`` (``names``: each kind's file, as
    ``bundle.json`` lists them; ``KIND.csv`` by default), None when the bundle has none."""
    name = (names or {}).get(kind, f"{kind}.csv")
    text = listed.text(name)
    if text is None:
        return None
    return _read(name, text, kind)


def _read(name: str, text: str, kind: str) -> Iterator[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    absent = [key for key in NEEDED[kind] if key not in (reader.fieldnames or [])]
    if absent:
        lacks = (
            said(
                "{name} lacks the column {columns}: export the bundle "
                "with the CSVs' English keys (without --lang).",
                name=name,
                columns=absent[0],
            )
            if len(absent) == 1
            else said(
                "{name} lacks the columns {columns}: export the bundle "
                "with the CSVs' English keys (without --lang).",
                name=name,
                columns=", ".join(absent),
            )
        )
        raise BadInput(lacks)
    yield from reader


def member(value: str | None, what: str) -> str | None:
    """A borrower as the union bundle names them: the branch's pseudonym, or none."""
    found = optional(value)
    if found is not None and not is_pseudonym(found):
        raise BadInput(
            said(
                "The bundle's {what} column holds something other than the branch's "
                "pseudonym (a member number is never imported). Export the union bundle "
                "again ('readingroom export-bundle --union'); nothing was imported.",
                what=what,
            )
        )
    return found


def read(listed: Listed, names: dict[str, str] | None = None) -> Content:
    """Everything the central database keeps from the bundle's files (``names``: the union
    catalogue's CSV of each kind, as ``bundle.json`` lists them)."""
    inventory = rows(listed, INVENTORY, names)
    if inventory is None:
        raise BadInput(
            said(
                "The bundle in {folder} has no inventory report: export it with the "
                "inventory kind (the default exports every kind).",
                folder=str(listed.folder),
            )
        )
    content = Content(copies=[_copy(row) for row in inventory])
    overrides = rows(listed, OVERRIDES, names)
    if overrides is not None:
        content.overrides = [_override(row) for row in overrides]
    inspection = rows(listed, INSPECTION, names)
    if inspection is not None:
        content.stocktake = _stocktake(inspection)
    circulation = rows(listed, CIRCULATION, names)
    if circulation is not None:
        content.loans = [_loans(row) for row in circulation]
    return content


def _copy(row: dict[str, str]) -> HeldCopy:
    return HeldCopy(
        barcode=text(row["barcode"]),
        title=text(row["title"]),
        author=text(row["author"]),
        translator=text(row["translator"]),
        volume=number(row["volume"], "volume"),
        access=text(row["access"]),
        status=text(row["status"]),
        location=text(row["location"]),
        condition=text(row["condition"]),
        borrower=member(row["borrower"], "inventory's borrower"),
        due=optional(row["due"]),
    )


def _override(row: dict[str, str]) -> OverrideRow:
    return OverrideRow(
        at=text(row["at"]),
        action=text(row["action"]),
        barcode=optional(row["barcode"]),
        title=optional(row["title"]),
        member=member(row["member_no"], "overrides' member_no"),
        role=optional(row["role"]),
        approved_by=optional(row["approved_by"]),
        codes=text(row["codes"]),
        reason=text(row["reason"]),
        recorded_at=text(row["recorded_at"]),
    )


def _stocktake(inspection: Iterator[dict[str, str]]) -> StocktakeResult | None:
    outcomes: Counter[str] = Counter()
    first: dict[str, str] | None = None
    for row in inspection:
        first = first or row
        outcomes[_outcome(row["outcome"])] += 1
    if first is None:
        return None
    return StocktakeResult(
        number=number(first["stocktake"], "stocktake number"),
        status=text(first["stocktake_status"]),
        signed_on=optional(first["signed_on"]),
        outcomes=outcomes,
    )


def _outcome(value: str) -> StocktakeOutcome:
    try:
        return StocktakeOutcome(text(value))
    except ValueError:
        raise BadInput(
            said(
                "The bundle's inspection report has an unknown outcome {value}.",
                value=repr(value),
            )
        ) from None


def _loans(row: dict[str, str]) -> WorkLoans:
    return WorkLoans(
        title=text(row["title"]),
        author=text(row["author"]),
        translator=text(row["translator"]),
        copies=number(row["copies"], "copies"),
        loans=number(row["loans"], "loans"),
        borrowers=number(row["borrowers"], "borrowers"),
        waiting=number(row["waiting"], "waiting"),
        requests=number(row["requests"], "requests"),
    )
