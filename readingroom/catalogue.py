"""The catalogue: works and their copies, search, and what a copy's shelf state is."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from peewee import JOIN, IntegrityError, fn

from readingroom import audit, clock, codes, custody, decision, policy
from readingroom.confirm import require_confirmation
from readingroom.errors import BadInput, NotFound
from readingroom.messages import Count, Text, said
from readingroom.restriction_rules import is_set_issue
from readingroom.staff import Actor, require_desk, require_supervisor
from readingroom.store.db import database, write_transaction
from readingroom.store.models import (
    ACCESS_CLASSES,
    CONDITIONS,
    COPY_STATUSES,
    Borrower,
    Copy,
    Hold,
    Loan,
    StaffUser,
    Work,
)
from readingroom.store.rows import tuples
from readingroom.vocabulary import CopyStatus, HoldStatus, shelf_status
from readingroom.waiting_list import set_aside_if_waiting

WORK_TEXT_FIELDS = (
    "title",
    "subtitle",
    "author",
    "original_title",
    "original_language",
    "translator",
    "publisher",
    "isbn",
    "notes",
)
WORK_FIELDS = (*WORK_TEXT_FIELDS, "year", "access", "volumes", "set_issue")
#: what a library's record adds to a work (MARC imports fill them, exports write them back):
#: the vernacular script of the title, author and translator (880), and the librarian's
#: fields (several values of one, such as subjects, a line each)
LIBRARY_TEXT_FIELDS = (
    "title_vernacular",
    "author_vernacular",
    "translator_vernacular",
    "responsibility",
    "edition",
    "series",
    "subjects",
    "variant_titles",
    "call_number",
    "physical",
    "place",
    "contents",
    "contributors",
    "control_number",
    "control_source",
)
MAX_TEXT = 100_000
#: statuses a librarian may set by hand (loans and holds set the others)
SETTABLE_STATUSES = (
    CopyStatus.AVAILABLE,
    CopyStatus.MISSING,
    CopyStatus.WITHDRAWN,
    CopyStatus.LOST,
    CopyStatus.DAMAGED,
)


# -- validation ---------------------------------------------------------------------------


def is_text(value: str) -> bool:
    """Whether ``value`` can be stored: no lone surrogates (what Python makes of bytes that
    are not UTF-8, e.g. in a command-line argument)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_text(value: Any, what: str) -> str:
    """``value`` as text that can be stored, composed (NFC): every text a service stores
    passes here, so the same title typed, imported from a CSV file or read from a MARC
    record in decomposed form (NFD) is stored, found and joined as one."""
    text = "" if value is None else str(value)
    if len(text) > MAX_TEXT:
        raise BadInput(
            said("The {what} is longer than {limit} characters.", what=what, limit=f"{MAX_TEXT:,}")
        )
    if "\x00" in text:
        raise BadInput(said("The {what} contains a NUL character.", what=what))
    if text.isascii():  # the usual case (a MARC import cleans thirty fields a record)
        return text
    if not is_text(text):
        raise BadInput(
            said("The {what} contains bytes that are not valid text (UTF-8).", what=what)
        )
    return unicodedata.normalize("NFC", text)


def parse_year(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise BadInput(
            said("Bad year {value}: write it as a number, e.g. 1987.", value=repr(value))
        ) from None
    if not 1 <= year <= 9999:
        raise BadInput(said("Bad year {value}.", value=repr(value)))
    return year


def parse_positive(value: Any, what: str, default: int = 1) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise BadInput(
            said("Bad {what} {value}: write a whole number.", what=what, value=repr(value))
        ) from None
    if number < 1 or number > 1000:
        raise BadInput(
            said("Bad {what} {value}: it must be between 1 and 1000.", what=what, value=repr(value))
        )
    return number


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise BadInput(
            said(
                "Unknown {what} {value}: use one of {choices}.",
                what=what,
                value=repr(value),
                choices=", ".join(choices),
            )
        )
    return value


def check_barcode(barcode: Any) -> str:
    text = clean_text(barcode, "barcode").strip()
    if not text:
        raise BadInput(said("A copy needs a barcode."))
    # whole-string checks (a MARC import checks a million barcodes): ``text`` is stripped,
    # so it holds a space exactly when it splits in more than one word
    if len(text) > 200 or not text.isprintable() or len(text.split()) > 1:
        raise BadInput(
            said(
                "Bad barcode {value}: printable characters only, no spaces, at most 200.",
                value=repr(text[:40]),
            )
        )
    return text


def _flag(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "yes", "true"):
        return True
    if text in ("0", "no", "false", ""):
        return False
    raise BadInput(said("Bad value for {what}: {value} (yes or no).", what=what, value=repr(value)))


#: each text field of a work and how a message names it (a MARC import validates thirty
#: fields a record: worked out once)
_TEXT_FIELD_NAMES = {
    name: name.replace("_", " ") for name in (*WORK_TEXT_FIELDS, *LIBRARY_TEXT_FIELDS)
}
_KNOWN_WORK_FIELDS = frozenset((*WORK_FIELDS, *LIBRARY_TEXT_FIELDS))


def work_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Validated column values for a work from loosely typed input."""
    values: dict[str, Any] = {}
    for name, what in _TEXT_FIELD_NAMES.items():
        if name in fields:
            value = fields[name]
            # clean_text's own answer for the usual case, without the call (a MARC import
            # validates thirty fields a record)
            if type(value) is str and value.isascii() and "\x00" not in value:
                if len(value) <= MAX_TEXT:
                    values[name] = value
                    continue
            values[name] = clean_text(value, what)
    if "title" in fields and not values["title"].strip():
        raise BadInput(said("A work needs a title."))
    if "author" in fields and not values["author"].strip():
        raise BadInput(said("A work needs an author."))
    if "year" in fields:
        values["year"] = parse_year(fields["year"])
    if "access" in fields:
        values["access"] = check_choice(
            fields["access"] or "lendable", ACCESS_CLASSES, "access class"
        )
    if "volumes" in fields:
        values["volumes"] = parse_positive(fields["volumes"], "number of volumes")
    if "set_issue" in fields:  # every volume goes out together (migration 0019)
        values["set_issue"] = _flag(fields["set_issue"], "issued as a set")
    unknown = fields.keys() - _KNOWN_WORK_FIELDS
    if unknown:
        fields_named = ", ".join(sorted(unknown))
        if len(unknown) == 1:
            raise BadInput(said("Unknown work field: {fields}.", fields=fields_named))
        raise BadInput(said("Unknown work fields: {fields}.", fields=fields_named))
    return values


# -- works --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkSaved:
    """What adding or editing a work did: ``work`` as saved (its id, title and every field,
    not read again); ``old`` the values the changed fields had (empty for a new work, or
    when an edit changed nothing) and ``new`` the values written, as in the audit entry."""

    work: Work
    old: Mapping[str, Any]
    new: Mapping[str, Any]


def add_work(actor: Actor | None, **fields: Any) -> WorkSaved:
    actor = require_desk(actor)
    values = work_values({"title": "", "author": "", **fields})
    columns = {k: v for k, v in values.items() if k != "set_issue"}
    with write_transaction():
        work = Work.create(created_at=clock.now(), **columns)
        if values.get("set_issue"):
            _set_issue(work.id, True)
        audit.record(actor, "work-add", "work", work.id, values)
    return WorkSaved(work, {}, values)


def _set_issue(work_id: int, value: bool) -> None:
    """``work.set_issue`` (migration 0019), written beside the model's columns."""
    database.execute_sql("UPDATE work SET set_issue = ? WHERE id = ?", (int(value), work_id))


def edit_work(actor: Actor | None, work_id: int, **changes: Any) -> WorkSaved:
    """Change a work's fields, audited (old and new values); no changes write nothing.

    A change of access class is a supervisor's (it decides who may take the work home), and
    is refused (HAS_ACTIVE_LOANS) while a copy is out on a loan the new class would forbid;
    the database's trigger holds the same.
    """
    actor = require_desk(actor)
    values = work_values(changes)
    if not values:
        return WorkSaved(get_work(work_id), {}, {})
    with write_transaction():
        work = get_work(work_id)
        old = {k: is_set_issue(work.id) if k == "set_issue" else getattr(work, k) for k in values}
        highest = Copy.select(fn.MAX(Copy.volume)).where(Copy.work == work).scalar() or 1
        if values.get("volumes", highest) < highest:
            raise BadInput(
                said(
                    "This work has copies of volume {volume}; it cannot have fewer volumes.",
                    volume=highest,
                )
            )
        access = values.get("access", work.access)
        if access != work.access:
            require_supervisor(actor)
            forbidden = _loans_after(work, access)
            if forbidden:
                raise decision.has_active_loans_refusal(forbidden)
        columns = {k: v for k, v in values.items() if k != "set_issue"}
        try:
            if columns:
                Work.update(**columns).where(Work.id == work.id).execute()
            if "set_issue" in values:
                _set_issue(work.id, values["set_issue"])
        except IntegrityError as exc:
            if not decision.is_has_active_loans_error(exc):
                raise
            raise decision.has_active_loans_refusal(_loans_after(work, access)) from None
        audit.record(actor, "work-edit", "work", work.id, {"old": old, "new": values})
    for name, value in values.items():
        setattr(work, name, value)
    work._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    return WorkSaved(work, old, values)


def _loans_after(work: Work, access: str) -> list[decision.ActiveLoan]:
    """The work's current loans that ``access`` would forbid."""
    loans = decision.active_loans_where(Copy.work == work.id)
    return decision.forbidden_loans(
        [replace(loan, access=access) for loan in loans], policy.rule_cell
    )


def find_work(key: Any) -> Work:
    """A work by its id or by the barcode of one of its copies (``work edit ID|BARCODE``)."""
    text = clean_text(key, "work id or barcode").strip()
    by_id = Work.get_or_none(Work.id == int(text)) if text.isdigit() and len(text) < 19 else None
    barcode = codes.scanned_barcode(text) if text else None  # w-1002 for W-1002
    copy = Copy.get_or_none(Copy.barcode == barcode) if barcode else None
    if by_id is not None and copy is not None and copy.work_id != by_id.id:
        raise BadInput(
            said(
                "{work} is both a work's id and another work's copy's barcode; "
                "use a barcode that is not a number, or the id of the work.",
                work=repr(text),
            )
        )
    if by_id is not None:
        return by_id
    if copy is not None:
        return get_work(copy.work_id)
    raise NotFound(said("No work with id {work} and no copy with that barcode.", work=repr(text)))


def work_record(work: Work) -> dict[str, Any]:
    """A work as the command line's ``--json`` gives it."""
    record = {name: getattr(work, name) for name in WORK_FIELDS if name != "set_issue"}
    return {"work_id": work.id, **record, "set_issue": is_set_issue(work.id)}


def get_work(work_id: int) -> Work:
    work = Work.get_or_none(Work.id == work_id)
    if work is None:
        raise NotFound(said("No work with id {work}.", work=work_id))
    return work


# -- copies -------------------------------------------------------------------------------


def get_copy(barcode: str) -> Copy:
    barcode = str(barcode)
    row: tuple[Any, ...] | None = (
        database.execute_sql(_COPY_SQL, (barcode.strip(),)).fetchone() if is_text(barcode) else None
    )
    if row is None and is_text(barcode):  # typed or scanned in another form: w-1002, "*k0020*"
        stored = codes.scanned_barcode(barcode)
        row = database.execute_sql(_COPY_SQL, (stored,)).fetchone() if stored else None
    if row is None:
        raise NotFound(said("Unknown barcode {barcode}.", barcode=repr(barcode)))
    loaded = _loaded(Copy, row[: len(_COPY_FIELDS)])
    loaded.work = _loaded(Work, row[len(_COPY_FIELDS) :])
    loaded._dirty.clear()  # as loaded: setting its work marked it changed
    copy: Copy = loaded
    return copy


#: :func:`get_copy` written out (the desk reads a copy and its work at every scan; peewee
#: building this join cost more than SQLite running it)
_COPY_FIELDS = Copy._meta.sorted_fields
_COPY_SQL = (
    "SELECT "
    + ", ".join(
        [f"c.{f.column_name}" for f in _COPY_FIELDS]
        + [f"w.{f.column_name}" for f in Work._meta.sorted_fields]
    )
    + " FROM copy c JOIN work w ON w.id = c.work_id WHERE c.barcode = ? LIMIT 1"
)


def _loaded(model: Any, values: tuple[Any, ...]) -> Any:
    """A row of ``model`` as peewee loads one (each value through its field)."""
    fields = model._meta.sorted_fields
    instance = model(
        __no_default__=1, **{f.name: f.python_value(v) for f, v in zip(fields, values, strict=True)}
    )
    instance._dirty.clear()
    return instance


@dataclass(frozen=True)
class CopySaved:
    """What adding, editing or marking a copy did, so neither front door reads it again.

    ``copy`` is the copy as it is now, its work attached; ``old`` holds the values the
    changed fields had and ``new`` the values written, as in the audit entry (both empty
    for an edit that changed nothing; ``old`` empty for a new copy); ``previous_status`` is
    the status it had (None for a new copy); ``set_aside_for`` is the hold a copy put back
    on the shelf was set aside for at once (its status is then held), or None.
    """

    copy: Copy
    old: Mapping[str, Any]
    new: Mapping[str, Any]
    previous_status: CopyStatus | None
    set_aside_for: Hold | None = None

    @property
    def status(self) -> CopyStatus:
        """Where the copy is now."""
        return CopyStatus(self.copy.status)


def _barcode_taken(barcode: str, stored: str, code: str) -> Text:
    """The refusal of a barcode another copy has (``stored``: as the catalogue holds it,
    written otherwise before codes were normalised)."""
    if stored == code:
        return said(
            "The barcode {barcode} is already used by another copy; nothing was added.",
            barcode=barcode,
        )
    return said(
        "The barcode {barcode} is already used by another copy (stored as {stored}); "
        "nothing was added.",
        barcode=barcode,
        stored=repr(stored),
    )


def add_copy(
    actor: Actor | None,
    work_id: int,
    barcode: str,
    *,
    volume: Any = 1,
    location: str = "",
    condition: str = "good",
    call_number: str = "",
) -> CopySaved:
    actor = require_desk(actor)
    given = clean_text(barcode, "barcode")
    barcode = check_barcode(codes.normalise(given))  # in the one form, as imports store it
    volume = parse_positive(volume, "volume")
    condition = check_choice(condition or "good", CONDITIONS, "condition")
    location = clean_text(location, "location")
    call_number = clean_text(call_number, "call number").strip()
    with write_transaction():
        work = get_work(work_id)
        if volume > work.volumes:
            raise BadInput(
                said(
                    "{title} has {volumes}; there is no volume {volume}.",
                    title=work.title,
                    volumes=Count(work.volumes, "volume"),
                    volume=volume,
                )
            )
        taken = codes.copy_barcode(barcode)
        if taken is not None:
            raise BadInput(_barcode_taken(codes.as_given(given, barcode), taken, barcode))
        copy = Copy.create(
            barcode=barcode,
            work=work,
            volume=volume,
            location=location,
            condition=condition,
            status=shelf_status(condition),
            created_at=clock.now(),
            call_number=call_number,
        )
        new = {"work": work.id, "volume": volume, "location": location, "condition": condition}
        if call_number:
            new["call_number"] = call_number
        audit.record(actor, "copy-add", "copy", barcode, new)
    return CopySaved(copy, {}, new, None)


#: marks that remove a copy: a second staff member confirms them (readingroom.confirm)
CONFIRMED_MARKS = (CopyStatus.LOST, CopyStatus.WITHDRAWN)


def _check_mark(
    actor: Actor, copy: Copy, status: str, confirmed_by: StaffUser | None = None
) -> str:
    """``status`` if a copy in its state may be marked so by hand, by ``actor``.

    Withdrawing is a supervisor's act: a withdrawn copy leaves the collection and is not
    expected at the next stocktake, so a librarian short of a volume before the inspection
    could otherwise write it off alone and the inspection would never name it. Marking a
    copy lost or withdrawn also needs a second staff member, ``confirmed_by``.
    """
    check_choice(status, SETTABLE_STATUSES, "status")
    if status == CopyStatus.WITHDRAWN:
        require_supervisor(actor)
    at_table = decision.in_room_reason(copy)
    if at_table is not None:
        raise BadInput(
            said(
                "{barcode} is in the reading room (seat {seat}): take it back from the room first.",
                barcode=copy.barcode,
                seat=at_table.params["seat"],
            )
        )
    if copy.status == CopyStatus.ON_LOAN:
        raise BadInput(
            said(
                "{barcode} is on-loan: take it back first (a return with the condition "
                "'damaged' if it came back damaged).",
                barcode=copy.barcode,
            )
        )
    if copy.status == CopyStatus.HELD:
        raise BadInput(
            said(
                "{barcode} is held (set aside for a borrower's hold): cancel the hold first.",
                barcode=copy.barcode,
            )
        )
    if status in CONFIRMED_MARKS and status != copy.status:  # last: the window then asks
        require_confirmation(actor, confirmed_by, said("Marking a copy {status}", status=status))
    return status


def edit_copy(
    actor: Actor | None,
    barcode: str,
    *,
    location: str | None = None,
    condition: str | None = None,
    status: str | None = None,
    confirmed_by: StaffUser | None = None,
    call_number: str | None = None,
) -> CopySaved:
    """Change a copy's shelf, call number, condition or (out-of-circulation) status, audited
    (lost and withdrawn with a second staff member, ``confirmed_by``). Only the fields that
    differ from the copy's are written and recorded."""
    actor = require_desk(actor)
    with write_transaction():
        copy = get_copy(barcode)
        changes: dict[str, Any] = {}
        if location is not None:
            changes["location"] = clean_text(location, "location")
        if call_number is not None:
            cleaned = clean_text(call_number, "call number").strip()
            if cleaned != copy.call_number:
                changes["call_number"] = cleaned
        if condition is not None:
            changes["condition"] = check_choice(condition, CONDITIONS, "condition")
        if status is not None and status != copy.status:
            changes["status"] = _check_mark(actor, copy, status, confirmed_by)
        if not changes:
            return CopySaved(copy, {}, {}, CopyStatus(copy.status))
        return _write_copy(actor, copy, changes, _confirmation(changes, confirmed_by))


def mark_copy(
    actor: Actor | None,
    barcode: str,
    status: str,
    reason: str = "",
    confirmed_by: StaffUser | None = None,
) -> CopySaved:
    """Mark a copy ``available``, ``missing``, ``withdrawn``, ``lost`` or ``damaged`` by
    hand, with an optional reason recorded in the audit entry. A copy on loan, set aside
    for a hold or in the reading room is refused: its status follows the loan, the hold or
    the room. ``lost`` and ``withdrawn`` need a second staff member, ``confirmed_by``
    (signed in through :func:`readingroom.confirm.second_person`; both names are in the
    audit entry and the custody ledger)."""
    actor = require_desk(actor)
    reason = clean_text(reason, "reason").strip()
    with write_transaction():
        copy = get_copy(barcode)
        _check_mark(actor, copy, status, confirmed_by)
        if status == copy.status:
            raise BadInput(
                said(
                    "{barcode} is already {status}; nothing was changed.",
                    barcode=copy.barcode,
                    status=status,
                )
            )
        extra = ({"reason": reason} if reason else {}) | _confirmation(
            {"status": status}, confirmed_by
        )
        return _write_copy(actor, copy, {"status": status}, extra)


def _confirmation(changes: dict[str, Any], confirmed_by: StaffUser | None) -> dict[str, Any]:
    """The audit entry's ``confirmed_by`` of a mark that needs a second person."""
    if confirmed_by is None or changes.get("status") not in CONFIRMED_MARKS:
        return {}
    return {"confirmed_by": confirmed_by.username}


#: where a copy of each status is, for the custody ledger
_PLACE_OF_STATUS = {
    CopyStatus.AVAILABLE: custody.SHELF,
    CopyStatus.HELD: custody.HOLD_SHELF,
    CopyStatus.MISSING: custody.MISSING,
    CopyStatus.LOST: custody.LOST,
    CopyStatus.WITHDRAWN: custody.WITHDRAWN,
    CopyStatus.DAMAGED: custody.DAMAGED,
}


def copy_history(barcode: str) -> list[custody.Move]:
    """Every move of the copy, oldest first (``copy history``, the Catalogue's timeline)."""
    return custody.moves_of_copy(get_copy(barcode).id)


def _write_copy(
    actor: Actor, copy: Copy, changes: dict[str, Any], extra: dict[str, Any]
) -> CopySaved:
    """Write ``changes`` to ``copy`` with its audit entry (inside a write); the result."""
    old = {k: getattr(copy, k) for k in changes}
    previous = CopyStatus(copy.status)
    Copy.update(**changes).where(Copy.id == copy.id).execute()
    if "status" in changes and changes["status"] != previous:
        custody.record_move(
            actor,
            copy.id,
            custody.MARKED,
            _PLACE_OF_STATUS.get(previous, str(previous)),
            _PLACE_OF_STATUS.get(CopyStatus(changes["status"]), str(changes["status"])),
            confirmed_by=extra.get("confirmed_by"),
            note=str(extra.get("reason", "")),
        )
    audit.record(actor, "copy-edit", "copy", copy.barcode, {"old": old, "new": changes, **extra})
    for name, value in changes.items():
        setattr(copy, name, value)
    copy._dirty.clear()  # type: ignore[attr-defined]  # as saved; peewee-stubs omit Model._dirty
    hold = None
    if changes.get("status") == CopyStatus.AVAILABLE:
        hold = set_aside_if_waiting(actor, copy, clock.today())
        if hold is not None:
            copy.status = CopyStatus.HELD
            copy._dirty.clear()  # type: ignore[attr-defined]
    return CopySaved(copy, old, changes, previous, hold)


def copy_info(barcode: str) -> dict[str, Any]:
    """What ``copy show`` prints: the copy, its work, status, borrower and due date."""
    copy = get_copy(barcode)
    loan = (
        Loan.select(Loan, Borrower)
        .join(Borrower)
        .where((Loan.copy == copy) & Loan.returned_at.is_null())
        .first()
    )
    hold = (
        Hold.select(Hold, Borrower)
        .join(Borrower)
        .where((Hold.copy == copy) & (Hold.status == HoldStatus.READY))
        .first()
    )
    return copy_record(copy, loan, hold.borrower if hold else None)


def copy_record(copy: Copy, loan: Loan | None, held_for: Borrower | None) -> dict[str, Any]:
    """A copy as ``copy show`` gives it, from the copy with its work, its active loan (with
    its borrower) and the borrower it is set aside for, as read or as a result holds them."""
    work = copy.work
    return {
        "barcode": copy.barcode,
        "title": work.title,
        "author": work.author,
        "translator": work.translator,
        "work_id": work.id,
        "volume": copy.volume,
        "volumes": work.volumes,
        "access": work.access,
        "status": copy.status,
        "location": copy.location,
        "call_number": copy.call_number,
        "condition": copy.condition,
        "borrower": loan.borrower.member_no if loan else None,
        "borrower_name": loan.borrower.name if loan else None,
        "due": loan.due.isoformat() if loan else None,
        "held_for": held_for.member_no if held_for else None,
    }


# -- search -------------------------------------------------------------------------------

#: a word as SQLite's unicode61 tokenizer sees it: letters and digits with any combining
#: marks (decomposed text, as some keyboards type it, keeps its accents inside the word)
_TOKEN = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    r"\ufe20-\ufe2f])+",
    re.UNICODE,
)


#: what the search index leaves out of the text it indexes (the view ``work_search`` of
#: migration 0020): the tie bars of romanisation (``t͡s``) and its modifier letters (the
#: soft and hard signs ``ʹ ʺ``, ayn and alif ``ʻ ʼ``), which SQLite's tokenizer would
#: otherwise keep inside a word
SEARCH_FOLDED = dict.fromkeys(
    (0x0360, 0x0361, 0xFE20, 0xFE21, 0xFE22, 0xFE23, 0x02B9, 0x02BA, 0x02BB, 0x02BC)
)


def search_text(text: str) -> str:
    """``text`` as the search index holds it: composed (NFC), romanisation marks left out."""
    return unicodedata.normalize("NFC", text).translate(SEARCH_FOLDED)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every space-separated part of ``text`` as a quoted prefix phrase
    (no FTS syntax). SQLite's own tokenizer splits each part, exactly as it split the
    stored text (Python's idea of a letter differs for characters newer than its tables)."""
    text = search_text(text)
    if not _TOKEN.search(text):
        return None
    return " ".join('"' + part.replace('"', '""') + '"*' for part in text.split())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class SearchFilter:
    access: str | None = None
    language: str | None = None
    include_staff_only: bool = True


def matching_work_ids(
    text: str, *, limit: int | None = 200, filters: SearchFilter | None = None
) -> list[int]:
    """Ids of works whose title, original title, author or translator match ``text``,
    best match first (all works by title for empty text), filtered in SQL."""
    filters = filters or SearchFilter()
    conditions, params = [], []
    text = text.replace("\x00", " ").strip()  # no stored text holds a NUL; SQL ends at one
    if not is_text(text):
        raise BadInput(said("The search text contains bytes that are not valid text (UTF-8)."))
    text = unicodedata.normalize("NFC", text)  # as every text is stored
    query = fts_query(text)
    if query is not None:
        sql = "SELECT w.id FROM work_fts JOIN work w ON w.id = work_fts.rowid"
        conditions.append("work_fts MATCH ?1")
        params.append(query)
        order = "work_fts.rank, w.title, w.id"
    else:
        sql = "SELECT w.id FROM work w"
        order = "w.title COLLATE NOCASE, w.id"
        if text:
            conditions.append(
                "(w.title LIKE ?1 ESCAPE '\\' OR w.original_title LIKE ?1 "
                "ESCAPE '\\' OR w.author LIKE ?1 ESCAPE '\\' "
                "OR w.translator LIKE ?1 ESCAPE '\\')"
            )
            params.append(_like(text))
    for column, value in (("access", filters.access), ("original_language", filters.language)):
        if value:
            conditions.append(f"w.{column} = ?{len(params) + 1}")
            params.append(value)
    if not filters.include_staff_only:
        conditions.append("w.access <> 'staff-only'")
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]


def search(text: str, *, limit: int = 200, filters: SearchFilter | None = None) -> list[Work]:
    """Works matching ``text`` (all works for empty text), best match first."""
    ids = matching_work_ids(text, limit=limit, filters=filters)
    by_id = {work.id: work for work in Work.select().where(Work.id.in_(ids))}
    return [by_id[i] for i in ids]


def copy_counts(work_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per work: how many copies in each status."""
    counts: dict[int, dict[str, int]] = {}
    rows = tuples(
        Copy.select(Copy.work, Copy.status, fn.COUNT(Copy.id))
        .where(Copy.work.in_(work_ids))
        .group_by(Copy.work, Copy.status)
    )
    for work_id, status, n in rows:
        counts.setdefault(work_id, dict.fromkeys(COPY_STATUSES, 0))[status] = n
    return counts


def copies_of(work_id: int) -> list[Copy]:
    return list(Copy.select().where(Copy.work == work_id).order_by(Copy.volume, Copy.barcode))


def languages() -> list[str]:
    rows = tuples(
        Work.select(Work.original_language)
        .where(Work.original_language != "")
        .distinct()
        .order_by(Work.original_language)
    )
    return [r[0] for r in rows]


def loan_history(barcode: str) -> list[Loan]:
    copy = get_copy(barcode)
    return list(
        Loan.select(Loan, Borrower)
        .join(Borrower, JOIN.INNER)
        .where(Loan.copy == copy)
        .order_by(Loan.lent_at.desc())
    )
