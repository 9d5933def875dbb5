"""Overdue reminders: escalating letters, recorded on the loan.

Three levels follow the days overdue with configurable delays (default 1, 14 and 28 days):
a courteous reminder, a pointed second notice, and a final demand that the supervisor also
receives a copy of. A loan is due a reminder when the days overdue reach a level above the
highest already sent (so the level never drops), and it never gets two letters on one day
(the database enforces both: one reminder per loan per day and per level). Sending records
each reminder with its audit entry in the transaction that has first written the letters,
each to a file of its own (:mod:`readingroom.letter` names it; an existing letter is never
replaced): a letter is recorded only once its file is written, and if one letter cannot be
written (or the records cannot be saved) nothing is recorded and no letter is left behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from peewee import fn

from readingroom import audit, clock, loans_view, settings
from readingroom.catalogue import get_copy
from readingroom.errors import BadInput
from readingroom.inspection import (
    describe_volume,
    prepare_folder,
    staff_signature,
)
from readingroom.language import Words, words
from readingroom.letter import Letter, check_letter_day, free_path, letter_path
from readingroom.loans_view import OnLoan, on_loan_fields
from readingroom.messages import Count, said
from readingroom.staff import SUPERVISOR, require_desk, require_supervisor
from readingroom.store.db import database, write_transaction
from readingroom.store.inspection_models import Reminder
from readingroom.store.models import Loan, StaffUser
from readingroom.store.rows import named, tuples

DELAYS_SETTING = "reminder_days"
DEFAULT_DELAYS = (1, 14, 28)
LEVELS = (1, 2, 3)
FINAL = 3
LEVEL_NAMES = {1: "Reminder", 2: "Second notice", 3: "Final demand"}
MAX_DELAY = 3650


# -- the delays ---------------------------------------------------------------------------


def parse_delays(text: str) -> tuple[int, int, int]:
    """``"1,14,28"`` as three whole numbers of days, each later than the one before."""
    try:
        values = tuple(int(part) for part in str(text).replace(" ", "").split(","))
    except ValueError:
        raise BadInput(
            said(
                "Bad reminder delays {value}: give three numbers of days, e.g. 1,14,28.",
                value=repr(text),
            )
        ) from None
    if len(values) != len(LEVELS):
        raise BadInput(
            said(
                "Give exactly {delays} (days overdue for each level), e.g. 1,14,28.",
                delays=Count(len(LEVELS), "reminder delay"),
            )
        )
    if not 1 <= values[0] < values[1] < values[2] <= MAX_DELAY:
        raise BadInput(
            said(
                "The reminder delays must grow from level to level, from 1 day up to {days}.",
                days=Count(MAX_DELAY, "day"),
            )
        )
    return values  # type: ignore[return-value]


def delays() -> tuple[int, int, int]:
    text = settings.get(DELAYS_SETTING)
    return parse_delays(text) if text else DEFAULT_DELAYS


@dataclass(frozen=True)
class DelaysSet:
    """What changing the reminder delays did: ``delays`` the days overdue at which each
    level is sent now, ``previous`` the ones before."""

    delays: tuple[int, int, int]
    previous: tuple[int, int, int]


def set_delays(actor: StaffUser, values: Iterable[int] | str) -> DelaysSet:
    """Change the delays (supervisor), audited."""
    require_supervisor(actor)
    text = values if isinstance(values, str) else ",".join(str(v) for v in values)
    new = parse_delays(text)
    with write_transaction():
        old = delays()
        settings.put(DELAYS_SETTING, ",".join(str(v) for v in new))
        audit.record(
            actor, "setting-change", "setting", DELAYS_SETTING, {"old": list(old), "new": list(new)}
        )
    return DelaysSet(new, old)


def level_for(days_overdue: int, delay_days: tuple[int, ...]) -> int:
    """The level the days overdue call for (0: none yet)."""
    return sum(1 for threshold in delay_days if days_overdue >= threshold)


# -- what is due --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DueReminder(OnLoan):
    """An overdue loan whose next reminder is due: the level to send, and the last sent."""

    level: int
    previous_level: int
    #: the member brought the rest of a set issued together back without this volume
    kept_from_set: bool = False

    @property
    def volume_title(self) -> str:
        return describe_volume(self.title, self.volume, self.volumes)

    @property
    def tells_supervisor(self) -> bool:
        return self.level == FINAL

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "member_no": self.member_no,
            "level": self.level,
            "days_overdue": self.days_overdue,
            "kept_from_set": self.kept_from_set,
        }


_OVERDUE_LOANS = (
    f"SELECT {loans_view.COLUMNS}, COALESCE(MAX(r.level), 0) AS sent_level, "
    "MAX(r.sent_on) AS last_sent"
    + loans_view.FROM
    + """
    LEFT JOIN reminder r ON r.loan_id = l.id
    WHERE l.returned_at IS NULL AND l.due < ?1 AND l.lent_on <= ?1
    GROUP BY l.id, c.id, w.id, b.id
    ORDER BY b.member_no, l.due, c.barcode"""
)


#: the loans of volumes kept back from a set that came back short (migration 0019)
_KEPT_FROM_SETS = "SELECT loan_id FROM incomplete_set WHERE resolved_at IS NULL"


def due_reminders(day: date | None = None) -> list[DueReminder]:
    """Reminders due on ``day`` (today by default), by borrower."""
    day = day or clock.today()
    delay_days = delays()
    kept = {row[0] for row in database.execute_sql(_KEPT_FROM_SETS)}
    due = []
    for row in named(database.execute_sql(_OVERDUE_LOANS, (day.isoformat(),))):
        loan = on_loan_fields(row, day)
        sent_level, last_sent = row["sent_level"], row["last_sent"]
        if last_sent is not None and _date(last_sent) >= day:
            continue  # at most one letter a day (and none back-dated before a later one)
        level = max(level_for(loan["days_overdue"], delay_days), sent_level)
        if level > sent_level:
            due.append(
                DueReminder(
                    **loan,
                    level=level,
                    previous_level=sent_level,
                    kept_from_set=loan["loan_id"] in kept,
                )
            )
    return due


# -- the letters --------------------------------------------------------------------------


def _paragraphs(reminder: DueReminder, inspection: date | None, say: Words) -> list[str]:
    item = say(
        "{volume} (copy {barcode})",
        volume=describe_volume(reminder.title, reminder.volume, reminder.volumes, say),
        barcode=reminder.barcode,
    )
    lent, due = say.day(reminder.lent_on), say.day(reminder.due)
    days = reminder.days_overdue
    if reminder.level == 1:
        texts = [
            say(
                "Our records show that {item}, borrowed on {lent}, was due back on {due}. We "
                "would be grateful if you could return it to the reading room at your earliest "
                "convenience.",
                item=item,
                lent=lent,
                due=due,
            )
        ]
    elif reminder.level == 2:
        texts = [
            say(
                "{item}, borrowed on {lent}, was due back on {due}, and is now {days} days "
                "overdue.",
                item=item,
                lent=lent,
                due=due,
                days=days,
            )
            + (" " + say("Our reminder has had no reply.") if reminder.previous_level else ""),
            say(
                "The collection is restricted and other members are waiting for it. Please "
                "return it within the week."
            ),
        ]
    else:
        texts = [
            (
                say(
                    "{item}, borrowed on {lent}, was due back on {due}. It is now {days} days "
                    "overdue, in spite of our earlier reminders.",
                    item=item,
                    lent=lent,
                    due=due,
                    days=days,
                )
                if reminder.previous_level
                else say(
                    "{item}, borrowed on {lent}, was due back on {due}. It is now {days} days "
                    "overdue.",
                    item=item,
                    lent=lent,
                    due=due,
                    days=days,
                )
            ),
            say(
                "This is a final demand: return the volume to the reading room immediately. A "
                "copy of this letter goes to the supervisor, who will decide what follows."
            ),
        ]
    paragraphs = [say.salutation(reminder.borrower_name), *texts]
    if reminder.kept_from_set:
        paragraphs.append(
            say(
                "The other volumes of this set came back without {volume}: the set cannot be "
                "lent again until it is whole.",
                volume=describe_volume(reminder.title, reminder.volume, reminder.volumes, say),
            )
        )
    if inspection is not None:
        paragraphs.append(
            say(
                "The collection's annual inspection takes place on {day}; every volume must "
                "be in the safe that day.",
                day=say.day(inspection),
            )
        )
    return paragraphs


def reminder_letter(
    actor: StaffUser, reminder: DueReminder, day: date, say: Words | None = None
) -> Letter:
    say = say or words()
    inspection = settings.inspection_date()
    if inspection is not None and inspection < day:
        inspection = None
    subject = say(
        "{level}: {volume}, due {due}",
        level=say(LEVEL_NAMES[reminder.level]),
        volume=describe_volume(reminder.title, reminder.volume, reminder.volumes, say),
        due=say.day(reminder.due),
    )
    return Letter(
        recipient=reminder.borrower_name,
        address_lines=[
            say("Member {member_no}", member_no=reminder.member_no),
            *([reminder.organisation] if reminder.organisation else []),
        ],
        date=say.day(day),
        subject=subject,
        paragraphs=_paragraphs(reminder, inspection, say),
        signature=staff_signature(actor, say),
        branch=settings.branch(),
    )


def supervisor_copy(
    actor: StaffUser, reminder: DueReminder, day: date, say: Words | None = None
) -> Letter:
    """The copy of a final demand that goes to the supervisor."""
    say = say or words()
    letter = reminder_letter(actor, reminder, day, say)
    names = [u.display_name for u in supervisors()]
    intro = say(
        "For information: a final demand was sent today to {name} ({member_no}) for {volume} "
        "(copy {barcode}), {days} days overdue. The letter reads:",
        name=reminder.borrower_name,
        member_no=reminder.member_no,
        volume=describe_volume(reminder.title, reminder.volume, reminder.volumes, say),
        barcode=reminder.barcode,
        days=reminder.days_overdue,
    )
    return Letter(
        recipient=say("The Supervisor"),
        address_lines=[
            *([say("For: {names}", names="; ".join(names))] if names else []),
            settings.branch(),
        ],
        date=say.day(day),
        subject=say("Copy for the supervisor — {subject}", subject=letter.subject),
        paragraphs=[intro, say.quote(letter.subject), *letter.paragraphs],
        signature=letter.signature,
        branch=letter.branch,
    )


def supervisors() -> list[StaffUser]:
    return list(
        StaffUser.select()
        .where((StaffUser.role == SUPERVISOR) & (StaffUser.active == True))  # noqa: E712
        .order_by(StaffUser.username)
    )


# -- sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """What sending the reminders did: the ``day`` they were sent for, the ``reminders``
    recorded (one a loan) and the letters' ``files`` written."""

    day: date
    reminders: list[DueReminder] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: copies not returned at the reading room's closing and still missing (readingroom.room)
    not_returned: list[Any] = field(default_factory=list)

    @property
    def supervisor_told(self) -> list[DueReminder]:
        return [r for r in self.reminders if r.tells_supervisor]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "reminders": [r.as_dict() for r in self.reminders],
            "supervisor_told": [r.barcode for r in self.supervisor_told],
            "files": [str(path) for path in self.files],
            "not_returned": [item.as_dict() for item in self.not_returned],
        }


def send(
    actor: StaffUser, out_dir: str | Path, day: date | None = None, language: str | None = None
) -> Sent:
    """Write the letters of the reminders due on ``day`` into ``out_dir``, then record them.

    One PDF per borrower (``reminders-DATE-MEMBER.pdf``, see :func:`letter_path`) and, when
    there are final demands, ``reminders-DATE-supervisor.pdf`` with the supervisor's copies;
    in ``language`` (``ko_KP``, ``ko``, ``en``), else the branch's printing language.
    """
    require_desk(actor)
    say = words(language or settings.print_language())
    day = check_letter_day(day or clock.today())
    folder = prepare_folder(out_dir)
    written: list[Path] = []
    try:
        with write_transaction():
            due = due_reminders(day)
            letters = _write_letters(actor, due, day, folder, written, say)
            for reminder in due:
                _record(actor, reminder, day, letters[reminder.member_no])
    except BaseException:
        for path in written:  # nothing recorded: no letter may go out
            path.unlink(missing_ok=True)
        raise
    return Sent(day, due, written, not_returned_at_closing())


def not_returned_at_closing() -> list[Any]:
    """Copies recorded as not returned when the reading room closed and not found since,
    each with its reader: every reminders run names them until they are found."""
    from readingroom import room_views

    return list(room_views.not_returned())


def _record(actor: StaffUser, reminder: DueReminder, day: date, letter: Path) -> None:
    Reminder.create(
        loan=reminder.loan_id,
        level=reminder.level,
        sent_on=day,
        sent_at=clock.now(),
        staff=actor.username,
        days_overdue=reminder.days_overdue,
        supervisor_told=reminder.tells_supervisor,
    )
    audit.record(
        actor,
        "reminder-send",
        "loan",
        reminder.loan_id,
        {
            "barcode": reminder.barcode,
            "member_no": reminder.member_no,
            "level": reminder.level,
            "days_overdue": reminder.days_overdue,
            "sent_on": day.isoformat(),
            "supervisor_told": reminder.tells_supervisor,
            "letter": letter.name,
        },
    )


def _write_letters(
    actor: StaffUser,
    reminders: list[DueReminder],
    day: date,
    folder: Path,
    written: list[Path],
    say: Words,
) -> dict[str, Path]:
    """Write each borrower's letter (and the supervisor's copies), adding every file to
    ``written`` as soon as it exists; returns each member number's file."""
    from readingroom import pdf  # fpdf2 loads only to write letters

    by_borrower: dict[str, list[DueReminder]] = defaultdict(list)
    for reminder in reminders:
        by_borrower[reminder.member_no].append(reminder)
    files = {}
    for member_no, group in by_borrower.items():
        path = free_path(letter_path(folder, f"reminders-{day.isoformat()}", member_no))
        pdf.write_letter(path, [reminder_letter(actor, r, day, say) for r in group])
        written.append(path)
        files[member_no] = path
    finals = [r for r in reminders if r.tells_supervisor]
    if finals:
        path = free_path(folder / f"reminders-{day.isoformat()}-supervisor.pdf")
        pdf.write_letter(path, [supervisor_copy(actor, r, day, say) for r in finals])
        written.append(path)
    return files


# -- shown on the loan --------------------------------------------------------------------


@dataclass(frozen=True)
class SentReminder:
    level: int
    sent_on: date
    days_overdue: int
    staff: str
    supervisor_told: bool

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "name": self.name,
            "sent_on": self.sent_on.isoformat(),
            "days_overdue": self.days_overdue,
            "staff": self.staff,
            "supervisor_told": self.supervisor_told,
        }


def loan_reminders(loan_id: int) -> list[SentReminder]:
    """The reminders sent for a loan, oldest first."""
    rows = Reminder.select().where(Reminder.loan == loan_id).order_by(Reminder.sent_on)
    return [
        SentReminder(r.level, _date(r.sent_on), r.days_overdue, r.staff, bool(r.supervisor_told))
        for r in rows
    ]


def reminder_counts(loan_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``{loan id: (reminders sent, highest level sent)}`` for those of ``loan_ids`` that
    have had any (the highest level is the latest: levels never drop)."""
    ids = list(loan_ids)
    if not ids:
        return {}
    rows = tuples(
        Reminder.select(Reminder.loan, fn.COUNT(Reminder.id), fn.MAX(Reminder.level))
        .where(Reminder.loan.in_(ids))
        .group_by(Reminder.loan)
    )
    return {loan_id: (count, level) for loan_id, count, level in rows}


def latest_loan_of(barcode: str) -> Loan | None:
    """The copy's active loan, or else its most recent one."""
    copy = get_copy(barcode)
    loan: Loan | None = (
        Loan.select()
        .where(Loan.copy == copy)
        .order_by(Loan.returned_at.is_null(False), Loan.lent_at.desc())
        .first()
    )
    return loan


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
