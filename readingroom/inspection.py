"""Inspection readiness: the schedule, what is not on its shelf, recall letters, the chain check.

The next inspection date and the freeze window live in the database's settings (lending
reads them in :mod:`readingroom.decision`). :func:`readiness` lists every copy that would
spoil inspection day, each with one reason from :data:`REASONS`; :func:`write_recall_letters`
writes one PDF per borrower for every loan that must come back before the day and records
each loan it calls back like a reminder (level and date, :func:`record_recalls`); and
:func:`chain_extends` checks that the audit trail still extends the chain head recorded when
the last stocktake was signed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from peewee import fn

from readingroom import audit, clock, loans_view, settings
from readingroom.errors import BadInput, EnvironmentProblem, os_problem
from readingroom.language import Words, words
from readingroom.letter import Letter, check_letter_day, free_path, letter_path
from readingroom.loans_view import OnLoan, on_loan_fields
from readingroom.messages import Count, said
from readingroom.staff import require_desk, require_supervisor
from readingroom.store.db import database, read_transaction, write_transaction
from readingroom.store.inspection_models import STOCKTAKE_SIGNED, RecallLetter, Stocktake
from readingroom.store.models import AuditEntry, StaffUser
from readingroom.store.rows import named
from readingroom.vocabulary import CopyStatus, HoldStatus, placeholders

OVERDUE, DUE_AFTER, INCOMPLETE_SET = "overdue", "due-after-inspection", "incomplete-set"
#: a copy at a table in the reading room, and one still out when the room was closed
IN_ROOM, NOT_RETURNED = "in-room", "not-returned-at-closing"
# a copy's status is its own readiness reason
ON_LOAN, HELD = CopyStatus.ON_LOAN, CopyStatus.HELD
MISSING, LOST, DAMAGED = CopyStatus.MISSING, CopyStatus.LOST, CopyStatus.DAMAGED
#: readiness reasons, most urgent first (the order the view lists them in)
REASONS = (
    OVERDUE,
    DUE_AFTER,
    NOT_RETURNED,
    ON_LOAN,
    IN_ROOM,
    HELD,
    MISSING,
    LOST,
    DAMAGED,
    INCOMPLETE_SET,
)
#: statuses of a copy that is physically in the safe
IN_SAFE = (CopyStatus.AVAILABLE, CopyStatus.HELD, CopyStatus.DAMAGED)
MAX_FREEZE_DAYS = 365


# -- schedule -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """The next inspection as seen on ``today``."""

    inspection_date: date | None
    freeze_days: int
    today: date

    @property
    def days_left(self) -> int | None:
        return (self.inspection_date - self.today).days if self.inspection_date else None

    @property
    def frozen(self) -> bool:
        """Lending is frozen today (from ``freeze_days`` before up to the inspection day)."""
        left = self.days_left
        return left is not None and 0 <= left <= self.freeze_days

    @property
    def freeze_starts(self) -> date | None:
        if self.inspection_date is None:
            return None
        return self.inspection_date - timedelta(days=self.freeze_days)

    def as_dict(self) -> dict[str, Any]:
        return {
            "inspection_date": _iso(self.inspection_date),
            "freeze_days": self.freeze_days,
            "freeze_starts": _iso(self.freeze_starts),
            "days_left": self.days_left,
            "frozen": self.frozen,
        }


def current_schedule(today: date | None = None) -> Schedule:
    return Schedule(settings.inspection_date(), settings.freeze_days(), today or clock.today())


def schedule(actor: StaffUser, day: date, freeze_days: int | None = None) -> Schedule:
    """Set the next inspection (and optionally the freeze window), audited as one change.

    Supervisor only: the date decides the lending freeze, so moving it is a policy change.
    """
    require_supervisor(actor)
    today = clock.today()
    if day < today:
        raise BadInput(
            said("The inspection date {day} is in the past; give the next one.", day=day)
        )
    if freeze_days is not None and not 0 <= freeze_days <= MAX_FREEZE_DAYS:
        raise BadInput(
            said(
                "The freeze window must be between 0 and {days}.",
                days=Count(MAX_FREEZE_DAYS, "day"),
            )
        )
    with write_transaction():
        old = current_schedule(today)
        settings.put("inspection_date", day.isoformat())
        if freeze_days is not None:
            settings.put("freeze_days", str(freeze_days))
        new = current_schedule(today)
        audit.record(
            actor,
            "inspection-schedule",
            "setting",
            "inspection_date",
            {
                "old": {"date": _iso(old.inspection_date), "freeze_days": old.freeze_days},
                "new": {"date": day.isoformat(), "freeze_days": new.freeze_days},
            },
        )
    return new


# -- readiness ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadinessItem:
    """One copy (or, for an incomplete set, one lacking volume) to deal with before the day."""

    reason: str
    barcode: str | None
    title: str
    volume: int
    borrower: str | None = None  # member number
    due: date | None = None
    days_overdue: int | None = None
    borrower_name: str = ""
    volumes: int = 1  # of the work (to tell volume 1 of a set from a single volume)

    @property
    def volume_title(self) -> str:
        return describe_volume(self.title, self.volume, self.volumes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "borrower": self.borrower,
            "due": _iso(self.due),
            "days_overdue": self.days_overdue,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Readiness:
    inspection_date: date | None
    days_left: int | None
    items: tuple[ReadinessItem, ...]
    today: date

    def as_dict(self) -> dict[str, Any]:
        return {
            "inspection_date": _iso(self.inspection_date),
            "days_left": self.days_left,
            "items": [item.as_dict() for item in self.items],
        }

    def counts(self) -> dict[str, int]:
        """How many items for each reason (every reason present, zero or not)."""
        counts = dict.fromkeys(REASONS, 0)
        for item in self.items:
            counts[item.reason] += 1
        return counts


def readiness(today: date | None = None) -> Readiness:
    """Everything not on its shelf, with borrower, due date and days overdue, most urgent first."""
    today = today or clock.today()
    inspection = settings.inspection_date()
    with read_transaction():
        items = [
            *_loan_items(today, inspection),
            *_held_items(),
            *_out_of_circulation_items(),
            *_incomplete_set_items(),
        ]
        items = _with_room_items(items, today)
    items.sort(
        key=lambda i: (
            REASONS.index(i.reason),
            i.due or date.max,
            i.title.casefold(),
            i.volume,
            i.barcode or "",
        )
    )
    days_left = (inspection - today).days if inspection else None
    return Readiness(inspection, days_left, tuple(items), today)


def _with_room_items(items: list[ReadinessItem], today: date) -> list[ReadinessItem]:
    """``items`` with every copy at a table in the reading room (``in-room``, its reader),
    and each missing copy that was not returned at closing named as such, with its reader."""
    from readingroom import room_views as room

    unreturned = {u.barcode: u for u in room.not_returned()}
    kept = [i for i in items if not (i.reason == MISSING and i.barcode in unreturned)]
    kept += [
        ReadinessItem(
            NOT_RETURNED,
            u.barcode,
            u.title,
            u.volume,
            u.member_no,
            u.closed_at.date(),
            max(0, (today - u.closed_at.date()).days),
            u.name,
            u.volumes,
        )
        for u in unreturned.values()
    ]
    kept += [
        ReadinessItem(
            IN_ROOM,
            i.barcode,
            i.title,
            i.volume,
            i.member_no,
            borrower_name=i.name,
            volumes=i.volumes,
        )
        for i in room.in_room()
    ]
    return kept


def loan_reason(due: date, today: date, inspection: date | None) -> str:
    if due < today:
        return OVERDUE
    if inspection is not None and inspection >= today and due >= inspection:
        return DUE_AFTER
    return ON_LOAN


_ACTIVE_LOANS = """
    SELECT c.barcode, w.title, c.volume, b.member_no, b.name, l.due, w.volumes
    FROM loan l JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id
    JOIN borrower b ON b.id = l.borrower_id
    WHERE l.returned_at IS NULL"""


def _loan_items(today: date, inspection: date | None) -> Iterator[ReadinessItem]:
    for row in database.execute_sql(_ACTIVE_LOANS):
        due = _as_date(row[5])
        yield _with_a_member(loan_reason(due, today, inspection), row, today)


def _with_a_member(reason: str, row: tuple[Any, ...], today: date) -> ReadinessItem:
    """A copy a member has, or kept back: ``row`` is (barcode, title, volume, member number,
    name, due, volumes)."""
    barcode, title, volume, member_no, name, due, volumes = row
    due = _as_date(due)
    days_overdue = max(0, (today - due).days)
    return ReadinessItem(
        reason, barcode, title, volume, member_no, due, days_overdue, name, volumes
    )


def _held_items() -> Iterator[ReadinessItem]:
    rows = database.execute_sql(
        """
        SELECT c.barcode, w.title, c.volume, b.member_no, b.name, w.volumes
        FROM copy c JOIN work w ON w.id = c.work_id
        LEFT JOIN hold h ON h.copy_id = c.id AND h.status = ?
        LEFT JOIN borrower b ON b.id = h.borrower_id
        WHERE c.status = ?""",
        (HoldStatus.READY, CopyStatus.HELD),
    )
    for barcode, title, volume, member_no, name, volumes in rows:
        yield ReadinessItem(
            HELD, barcode, title, volume, member_no, borrower_name=name or "", volumes=volumes
        )


def _out_of_circulation_items() -> Iterator[ReadinessItem]:
    gone = (MISSING, LOST, DAMAGED)
    rows = database.execute_sql(
        f"""
        SELECT c.status, c.barcode, w.title, c.volume, w.volumes
        FROM copy c JOIN work w ON w.id = c.work_id
        WHERE c.status IN ({placeholders(gone)})""",
        gone,
    )
    for status, barcode, title, volume, volumes in rows:
        yield ReadinessItem(status, barcode, title, volume, volumes=volumes)


def _incomplete_set_items() -> Iterator[ReadinessItem]:
    """One item per volume of a multi-volume work with no copy of it in the safe."""
    in_safe: dict[int, set[int]] = defaultdict(set)
    placeholders = ", ".join("?" for _ in IN_SAFE)
    rows = database.execute_sql(
        f"""
        SELECT c.work_id, c.volume FROM copy c JOIN work w ON w.id = c.work_id
        WHERE w.volumes > 1 AND c.status IN ({placeholders})
        GROUP BY c.work_id, c.volume""",
        IN_SAFE,
    )
    for work_id, volume in rows:
        in_safe[work_id].add(volume)
    works = database.execute_sql("SELECT id, title, volumes FROM work WHERE volumes > 1")
    for work_id, title, volumes in works:
        for volume in range(1, volumes + 1):
            if volume not in in_safe[work_id]:
                yield ReadinessItem(INCOMPLETE_SET, None, title, volume, volumes=volumes)
    yield from _sets_back_short()


#: a set that came back short (migration 0019): the volume still out, with whom, and its due
_SETS_BACK_SHORT = """
    SELECT c.barcode, w.title, c.volume, b.member_no, b.name, l.due, w.volumes
    FROM incomplete_set i JOIN copy c ON c.id = i.copy_id JOIN work w ON w.id = i.work_id
    JOIN borrower b ON b.id = i.borrower_id JOIN loan l ON l.id = i.loan_id
    WHERE i.resolved_at IS NULL"""


def _sets_back_short() -> Iterator[ReadinessItem]:
    """One item per volume a member kept back from a set issued together (named, with the
    member who has it; its loan is listed besides as on loan or overdue)."""
    today = clock.today()
    for row in database.execute_sql(_SETS_BACK_SHORT):
        yield _with_a_member(INCOMPLETE_SET, row, today)


# -- recall letters -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RecallLoan(OnLoan):
    """A loan to call back before the inspection."""

    reason: str  # overdue or due-after-inspection


@dataclass(frozen=True)
class RecallResult:
    """What writing the recall letters did: the letters' ``files`` and the ``loans`` they
    call back."""

    files: list[Path] = field(default_factory=list)
    loans: list[RecallLoan] = field(default_factory=list)

    @property
    def borrowers(self) -> int:
        return len({loan.member_no for loan in self.loans})


def loans_to_recall(today: date | None = None) -> list[RecallLoan]:
    """Every active loan overdue or due on or after the (next) inspection day."""
    today = today or clock.today()
    inspection = settings.inspection_date()
    rows = database.execute_sql(
        f"SELECT {loans_view.COLUMNS}{loans_view.FROM} WHERE l.returned_at IS NULL "
        "ORDER BY b.member_no, l.due, c.barcode"
    )
    loans = []
    for row in named(rows):
        loan = on_loan_fields(row, today)
        reason = loan_reason(loan["due"], today, inspection)
        if reason != ON_LOAN:
            loans.append(RecallLoan(**loan, reason=reason))
    return loans


def recall_letters(
    actor: StaffUser,
    loans: Iterable[RecallLoan],
    today: date | None = None,
    say: Words | None = None,
) -> list[tuple[str, Letter]]:
    """One letter per borrower, as ``(member_no, Letter)`` (for files or a print preview),
    in ``say``'s language (English by default)."""
    say = say or words()
    today = today or clock.today()
    inspection = settings.inspection_date()
    if inspection is not None and inspection < today:
        inspection = None
    by_borrower: dict[str, list[RecallLoan]] = defaultdict(list)
    for loan in loans:
        by_borrower[loan.member_no].append(loan)
    return [
        (member_no, _recall_letter(actor, group, today, inspection, say))
        for member_no, group in by_borrower.items()
    ]


def _recall_letter(
    actor: StaffUser,
    loans: list[RecallLoan],
    today: date,
    inspection: date | None,
    say: Words,
) -> Letter:
    first = loans[0]
    lines = [
        "- "
        + say(
            "{volume} (copy {barcode}), due {due}",
            volume=describe_volume(loan.title, loan.volume, loan.volumes, say),
            barcode=loan.barcode,
            due=say.day(loan.due),
        )
        + (say(", {days} days overdue", days=loan.days_overdue) if loan.days_overdue else "")
        for loan in loans
    ]
    if inspection is not None:
        subject = say("Recall before the inspection on {day}", day=say.day(inspection))
        why = say(
            "The collection's annual inspection takes place on {day}, and every volume must "
            "be in the safe that day. Please return the following by {back_by} at the latest:",
            day=say.day(inspection),
            back_by=say.day(inspection - timedelta(days=1)),
        )
    else:
        subject = say("Recall of overdue loans")
        why = say("The following are overdue. Please return them to the reading room at once:")
    paragraphs = [
        say.salutation(first.borrower_name),
        why,
        "\n".join(lines),
        say("If you have already returned them, thank you, and please disregard this letter."),
    ]
    return Letter(
        recipient=first.borrower_name,
        address_lines=[
            say("Member {member_no}", member_no=first.member_no),
            *_nonempty(first.organisation),
        ],
        date=say.day(today),
        subject=subject,
        paragraphs=paragraphs,
        signature=staff_signature(actor, say),
        branch=settings.branch(),
    )


def write_recall_letters(
    actor: StaffUser,
    out_dir: str | Path,
    today: date | None = None,
    language: str | None = None,
) -> RecallResult:
    """Write ``recall-MEMBER.pdf`` in ``out_dir`` for each borrower with a loan to recall,
    and record each loan called back like a reminder (:func:`record_recalls`), in one write:
    if a letter cannot be written or the records cannot be saved, nothing is recorded and
    no letter is left behind. A letter never replaces another (``recall-MEMBER-2.pdf``).
    The letters are in ``language`` (``ko_KP``, ``ko``, ``en``), else in the branch's
    printing language (:func:`readingroom.settings.print_language`)."""
    from readingroom import pdf  # fpdf2 loads only to write letters

    require_desk(actor)
    today = check_letter_day(today or clock.today())
    folder = prepare_folder(out_dir)
    files: list[Path] = []
    try:
        with write_transaction():
            loans = loans_to_recall(today)
            letters: dict[str, Path] = {}
            say = words(language or settings.print_language())
            for member_no, letter in recall_letters(actor, loans, today, say):
                path = free_path(letter_path(folder, "recall", member_no))  # unique per member
                pdf.write_letter(path, [letter])
                files.append(path)
                letters[member_no] = path
            record_recalls(actor, loans, today, letters)
    except BaseException:
        for path in files:  # nothing recorded: no letter may go out
            path.unlink(missing_ok=True)
        raise
    return RecallResult(files, loans)


def record_recalls(
    actor: StaffUser, loans: Iterable[RecallLoan], day: date, letters: dict[str, Path]
) -> None:
    """Each loan's recall letter as a ``recall_letter`` row (its level: the loan's first
    recall is 1, the next 2...) with a ``recall-send`` audit entry; a loan already recalled
    on ``day`` is not recorded twice."""
    inspection = settings.inspection_date()
    for loan in loans:
        sent = RecallLetter.select().where(RecallLetter.loan == loan.loan_id)
        if sent.where(RecallLetter.sent_on == day).exists():
            continue
        level = (sent.select(fn.MAX(RecallLetter.level)).scalar() or 0) + 1
        letter = letters[loan.member_no].name
        RecallLetter.create(
            loan=loan.loan_id,
            level=level,
            sent_on=day,
            sent_at=clock.now(),
            staff=actor.username,
            reason=loan.reason,
            days_overdue=loan.days_overdue,
            inspection_date=inspection,
            letter=letter,
        )
        audit.record(
            actor,
            "recall-send",
            "loan",
            loan.loan_id,
            {
                "barcode": loan.barcode,
                "member_no": loan.member_no,
                "level": level,
                "reason": loan.reason,
                "days_overdue": loan.days_overdue,
                "sent_on": day.isoformat(),
                "inspection_date": _iso(inspection),
                "letter": letter,
            },
        )


@dataclass(frozen=True)
class SentRecall:
    """A recall letter recorded for a loan."""

    level: int
    sent_on: date
    reason: str
    days_overdue: int
    staff: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "sent_on": self.sent_on.isoformat(),
            "reason": self.reason,
            "days_overdue": self.days_overdue,
            "staff": self.staff,
        }


def loan_recalls(loan_id: int) -> list[SentRecall]:
    """The recall letters sent for a loan, oldest first."""
    rows = RecallLetter.select().where(RecallLetter.loan == loan_id).order_by(RecallLetter.level)
    return [
        SentRecall(r.level, _as_date(r.sent_on), r.reason, r.days_overdue, r.staff) for r in rows
    ]


# -- the audit chain since the last signed stocktake --------------------------------------


@dataclass(frozen=True)
class ChainCheck:
    """Does today's audit trail verify and extend a recorded chain head?"""

    ok: bool
    recorded_count: int | None
    recorded_hash: str | None
    current_count: int
    current_hash: str
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "recorded_count": self.recorded_count,
            "recorded_hash": self.recorded_hash,
            "current_count": self.current_count,
            "current_hash": self.current_hash,
            "problem": self.problem,
        }


def chain_extends(count: int, last_hash: str) -> ChainCheck:
    """The whole chain verifies, and its entry ``count`` still has hash ``last_hash``."""
    verification = audit.verify()
    current = (verification.count, verification.last_hash)
    if not verification.ok:
        return ChainCheck(
            False,
            count,
            last_hash,
            *current,
            said(
                "the audit trail is broken at entry {entry}: {problem}",
                entry=str(verification.bad_entry),
                problem=verification.problem,
            ),
        )
    if count > verification.count:
        return ChainCheck(
            False,
            count,
            last_hash,
            *current,
            said(
                "the recorded head is entry {entry} but the trail has only {entries}",
                entry=count,
                entries=Count(verification.count, "entry"),
            ),
        )
    entry = AuditEntry.get_or_none(AuditEntry.id == count) if count else None
    found = entry.hash if entry is not None else audit.GENESIS
    if found != last_hash:
        return ChainCheck(
            False,
            count,
            last_hash,
            *current,
            said(
                "entry {entry} no longer has the recorded hash: the trail was rewritten since",
                entry=count,
            ),
        )
    return ChainCheck(True, count, last_hash, *current)


def last_signed_stocktake() -> Stocktake | None:
    return (
        Stocktake.select()
        .where(Stocktake.status == STOCKTAKE_SIGNED)
        .order_by(Stocktake.id.desc())
        .get_or_none()
    )


@dataclass(frozen=True)
class SignedHead:
    """What a stocktake recorded when it was signed: the day and the audit trail's head."""

    stocktake_id: int
    signed_on: date
    count: int
    last_hash: str

    def check(self) -> ChainCheck:
        """:func:`chain_extends` for this head."""
        return chain_extends(self.count, self.last_hash)


def signed_head(stocktake: Stocktake) -> SignedHead:
    """The head ``stocktake`` recorded at sign-off (signing writes all of it at once).

    Raises ValueError for a stocktake that is not signed: it has no head to check against.
    """
    signed_on, count, last_hash = stocktake.signed_on, stocktake.audit_count, stocktake.audit_hash
    if not stocktake.is_signed or signed_on is None or count is None or last_hash is None:
        raise ValueError(f"stocktake {stocktake.id} is not signed: it recorded no chain head")
    return SignedHead(stocktake.id, signed_on, count, last_hash)


def check_since_last_signed() -> ChainCheck | None:
    """:func:`chain_extends` for the head the last signed stocktake recorded (None if none)."""
    stocktake = last_signed_stocktake()
    if stocktake is None:
        return None
    return signed_head(stocktake).check()


# -- small shared helpers -----------------------------------------------------------------


def describe_volume(
    title: str, volume: int | None, volumes: int = 1, say: Words | None = None
) -> str:
    """The title, with the volume when the work has more than one (in ``say``'s language,
    the title in its quotation marks: 《인간의 증명》 제2권)."""
    if say is not None and say.korean:
        quoted = say.quote(title)
        if volume and max(volume, volumes) > 1:
            return say("{title}, volume {volume}", title=quoted, volume=volume)
        return quoted
    if volume and max(volume, volumes) > 1:
        return said("{title}, volume {volume}", title=title, volume=volume)
    return title


def staff_signature(actor: StaffUser, say: Words | None = None) -> str:
    name = actor.display_name
    if say is not None and say.korean:
        role = say.value("staff-role", actor.role)
        return f"{name}\n{settings.branch()} {role}"
    role = "" if actor.role in name.casefold() else f"{actor.role.capitalize()}, "
    return f"{name}\n{role}{settings.branch()}"


def prepare_folder(out_dir: str | Path) -> Path:
    """``out_dir``, created if needed; refused at once if it cannot be written to."""
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EnvironmentProblem(
            said(
                "Cannot create the folder {folder}: {problem}.",
                folder=str(folder),
                problem=os_problem(error),
            )
        ) from error
    if not folder.is_dir():
        raise BadInput(said("{folder} is not a folder.", folder=str(folder)))
    return folder


_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def safe_name(text: str) -> str:
    """``text`` as a portable file name part."""
    return _UNSAFE.sub("_", text).strip("._") or "unnamed"


def _nonempty(*texts: str) -> list[str]:
    return [text for text in texts if text]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
