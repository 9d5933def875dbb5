"""The desk's slip: a receipt of one desk step (lends, returns, renewals) for the borrower.

:func:`slips_for` turns the frozen results the circulation services return
(:class:`~readingroom.circulation.Lent`, :class:`~readingroom.circulation.ReturnResult`,
:class:`~readingroom.circulation.Renewed`) into :class:`Slip` values, one per borrower
(a stack of returns may hold several borrowers' copies), and :func:`write_slips` prints them
to a PDF, one A5 page each, with the bundled font (Hangul and accented Latin, as every
report; see :mod:`readingroom.pdf`).

Each line of a slip carries the **sequence number of its audit entry** (``#1234``), so a
slip on paper and the record can be matched later (``audit list``): the loan, the return
or the renewal that entry recorded. A loan made or renewed with a supervisor's override is
marked ``*`` and explained under the table (the codes overridden, the reason and who
approved it); a loan recorded back-dated says so.

Composing a slip reads a little (the works' titles, each entry's time and staff); writing
it loads fpdf2 (this module imports :mod:`readingroom.pdf`), so the command line imports
this module only when ``--slip`` is given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from readingroom import clock, settings
from readingroom.catalogue import get_copy
from readingroom.circulation import Lent, Renewed, ReturnResult, current_loan
from readingroom.errors import BadInput
from readingroom.language import Words, words
from readingroom.messages import said
from readingroom.pdf import _check_target, _Document, _save, wrap
from readingroom.store.models import AuditEntry, Borrower, StaffUser, Work

#: what a circulation service returned that a slip can print
Result = Lent | ReturnResult | Renewed

LENT, RETURNED, RENEWED = "lent", "returned", "renewed"
OVERRIDE_MARK = "*"


@dataclass(frozen=True)
class SlipLine:
    """One copy on a slip: what was done with it and the audit entry that recorded it."""

    action: str  # LENT, RETURNED or RENEWED
    barcode: str
    title: str
    volume: int
    volumes: int
    due: date
    audit_seq: int
    returned_on: date | None = None
    condition: str | None = None
    days_late: int = 0
    old_due: date | None = None
    overridden: tuple[str, ...] = ()
    override_reason: str = ""
    approved_by: str = ""
    backdated: bool = False
    staff: str = ""
    at: str = ""

    @property
    def marked(self) -> bool:
        """Lent or renewed with a supervisor's override."""
        return bool(self.overridden)


@dataclass(frozen=True)
class Slip:
    """A receipt for one borrower: the branch, the member, the copies, when and by whom."""

    branch: str
    member_no: str
    member_name: str
    printed_at: datetime
    lines: tuple[SlipLine, ...]

    @property
    def title(self) -> str:
        actions = {line.action for line in self.lines}
        if actions == {LENT}:
            return "Loan slip"
        if actions == {RETURNED}:
            return "Return slip"
        if actions == {RENEWED}:
            return "Renewal slip"
        return "Desk slip"

    @property
    def staff(self) -> str:
        """Who served the borrower (the staff of the entries, in order, each once)."""
        return ", ".join(dict.fromkeys(line.staff for line in self.lines if line.staff))

    @property
    def audit_range(self) -> str:
        seqs = sorted(line.audit_seq for line in self.lines)
        if not seqs:
            return ""
        return f"#{seqs[0]}" if seqs[0] == seqs[-1] else f"#{seqs[0]}-#{seqs[-1]}"


def slips_for(results: Iterable[Result]) -> list[Slip]:
    """The slips of one desk step: one per borrower, in the order they first appear.

    Reads the works' titles and each audit entry's time and staff (by its sequence number);
    BadInput when ``results`` is empty or holds something that is not a desk result.
    """
    results = list(results)
    if not results:
        raise BadInput(said("Nothing to print: a slip needs at least one lend, return or renewal."))
    for result in results:
        if not isinstance(result, Lent | ReturnResult | Renewed):
            raise BadInput(
                said(
                    "A slip prints lends, returns and renewals, not {result}.", result=repr(result)
                )
            )
    titles = _titles({r.loan.copy.work_id for r in results})
    entries = _entries([r.audit_seq for r in results])
    staff_names = _staff_names({e.staff for e in entries.values()})
    by_member: dict[int, list[SlipLine]] = {}
    borrowers: dict[int, Borrower] = {}
    for result in results:
        borrower = result.loan.borrower
        borrowers.setdefault(borrower.id, borrower)
        line = _line(result, titles)
        entry = entries.get(result.audit_seq)
        if entry is not None:
            line = _with_entry(line, entry, staff_names)
        by_member.setdefault(borrower.id, []).append(line)
    printed_at = clock.now()
    branch = settings.branch()
    return [
        Slip(
            branch=branch,
            member_no=borrowers[key].member_no,
            member_name=borrowers[key].name,
            printed_at=printed_at,
            lines=tuple(lines),
        )
        for key, lines in by_member.items()
    ]


def reprint(barcode: str) -> list[Slip]:
    """The loan slip of the copy's current loan, again (a borrower who lost theirs, or a
    slip to show): its line as the lend wrote it, with the lend's audit entry, the due date
    as it is now (after any renewal) and an override marked. NotFound when it is not lent.
    """
    copy = get_copy(barcode)
    loan = current_loan(copy)
    entry = (
        AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.staff)
        .where(
            (AuditEntry.entity == "loan")
            & (AuditEntry.entity_id == str(loan.id))
            & AuditEntry.action.in_(("lend", "lend-override"))
        )
        .order_by(AuditEntry.id)
        .first()
    )
    title, volumes = _titles({copy.work_id}).get(copy.work_id, ("", 1))
    overridden = tuple(code for code in loan.overridden_codes.split(",") if code)
    line = SlipLine(
        LENT,
        barcode=copy.barcode,
        title=title,
        volume=copy.volume,
        volumes=volumes,
        due=loan.due,
        audit_seq=entry.id if entry is not None else 0,
        overridden=overridden,
        override_reason=(loan.override_reason or "") if overridden else "",
        backdated=bool(loan.backdated),
    )
    if entry is not None:
        line = _with_entry(line, entry, _staff_names({entry.staff}))
    borrower = Borrower.get_by_id(loan.borrower_id)
    return [
        Slip(
            branch=settings.branch(),
            member_no=borrower.member_no,
            member_name=borrower.name,
            printed_at=clock.now(),
            lines=(line,),
        )
    ]


def _titles(work_ids: set[int]) -> dict[int, tuple[str, int]]:
    """Each work's title and number of volumes."""
    query = Work.select(Work.id, Work.title, Work.volumes).where(Work.id.in_(work_ids))
    return {w.id: (w.title, w.volumes) for w in query}


def _entries(seqs: list[int]) -> dict[int, AuditEntry]:
    wanted = [seq for seq in seqs if seq]
    if not wanted:
        return {}
    query = AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.staff)
    return {e.id: e for e in query.where(AuditEntry.id.in_(wanted))}


def _staff_names(usernames: set[str]) -> dict[str, str]:
    query = StaffUser.select(StaffUser.username, StaffUser.full_name)
    return {s.username: s.display_name for s in query.where(StaffUser.username.in_(usernames))}


def _line(result: Result, titles: dict[int, tuple[str, int]]) -> SlipLine:
    loan = result.loan
    copy = loan.copy
    title, volumes = titles.get(copy.work_id, ("", 1))
    common = {
        "barcode": copy.barcode,
        "title": title,
        "volume": copy.volume,
        "volumes": volumes,
        "due": loan.due,
        "audit_seq": result.audit_seq,
    }
    if isinstance(result, ReturnResult):
        returned_on = loan.returned_on or clock.today()
        return SlipLine(
            RETURNED,
            returned_on=returned_on,
            condition=loan.return_condition,
            days_late=max(0, (returned_on - loan.due).days),
            **common,  # type: ignore[arg-type]
        )
    decision = result.decision
    overridden = tuple(decision.codes) if decision.overridden else ()
    if isinstance(result, Renewed):
        return SlipLine(
            RENEWED,
            old_due=result.old_due,
            overridden=overridden,
            override_reason=(loan.override_reason or "") if overridden else "",
            **common,  # type: ignore[arg-type]
        )
    return SlipLine(
        LENT,
        overridden=overridden,
        override_reason=(loan.override_reason or "") if overridden else "",
        backdated=bool(loan.backdated),
        **common,  # type: ignore[arg-type]
    )


def _with_entry(line: SlipLine, entry: AuditEntry, names: dict[str, str]) -> SlipLine:
    staff = names.get(entry.staff, entry.staff)
    at = str(entry.at)[:16].replace("T", " ")
    return replace(line, staff=staff, at=at, approved_by=staff if line.overridden else "")


# -- the PDF ----------------------------------------------------------------------------------

A5_WIDTH, A5_HEIGHT = 148.0, 210.0
SLIP_MARGIN = 11.0
SLIP_PT = 9.0
SLIP_LINE = 4.4
ROW_PAD = 1.4
#: the columns of a slip's table: heading and share of the width
SLIP_COLUMNS = (("Copy", 0.18), ("Title", 0.39), ("", 0.31), ("Entry", 0.12))


def describe(line: SlipLine, say: Words | None = None) -> str:
    """The third cell: the due date, or the return's date, condition and lateness."""
    say = say or words()
    if line.action == RETURNED:
        assert line.returned_on is not None
        text = say("returned {day}", day=line.returned_on.isoformat())
        if line.condition:
            text += f", {say.value('condition', line.condition)}"
        if line.days_late:
            text += ", " + say("{days} d late", days=line.days_late)
        return text
    if line.action == RENEWED:
        return say("due {day} (renewed)", day=line.due.isoformat())
    return say("due {day}", day=line.due.isoformat()) + (
        " " + say("(back-dated)") if line.backdated else ""
    )


def title_cell(line: SlipLine, say: Words | None = None) -> str:
    say = say or words()
    if line.volumes <= 1:
        return line.title
    return line.title + ", " + say("vol. {volume}", volume=line.volume)


def override_notes(slip: Slip, say: Words | None = None) -> list[str]:
    """The footnotes explaining each line marked with :data:`OVERRIDE_MARK`."""
    say = say or words()
    notes = []
    for line in slip.lines:
        if not line.marked:
            continue
        text = say(
            "lent with a supervisor's override of {codes}"
            if line.action == LENT
            else "renewed with a supervisor's override of {codes}",
            codes=", ".join(line.overridden),
        )
        if line.approved_by:
            text += say(", approved by {name}", name=line.approved_by)
        if line.override_reason:
            text += say("; reason: {reason}", reason=line.override_reason)
        notes.append(f"{OVERRIDE_MARK} {line.barcode}: {text}")
    return notes


class _SlipDocument(_Document):
    """A5 pages, one slip each: branch, title, member, the copies, footnotes, entry numbers."""

    def __init__(self, say: Words | None = None) -> None:
        super().__init__()
        self.say = say or words()
        self.set_margins(SLIP_MARGIN, SLIP_MARGIN, SLIP_MARGIN)
        self.set_auto_page_break(False)

    @property
    def width(self) -> float:
        return self.w - 2 * SLIP_MARGIN

    def draw(self, slip: Slip) -> None:
        say = self.say
        title = say(slip.title)
        self.add_page(format=(A5_WIDTH, A5_HEIGHT))
        self.set_title(title)
        self.y = SLIP_MARGIN
        self.use_font(11.5, bold=True)
        self.put_text(SLIP_MARGIN, self.y + 4.5, self.glyphs.clean_line(slip.branch), self.width)
        self.use_font(8, grey=70)
        stamp = slip.printed_at.strftime("%Y-%m-%d %H:%M")
        self.put_text(SLIP_MARGIN, self.y + 9.5, stamp, self.width, "R")
        self.use_font(14, bold=True)
        self.put_text(SLIP_MARGIN, self.y + 10, title, self.width * 0.65)
        self.set_draw_color(90)
        self.set_line_width(0.35)
        self.line(SLIP_MARGIN, self.y + 13, self.w - SLIP_MARGIN, self.y + 13)
        self.y += 17
        self._field(say("Member", context="slip"), f"{slip.member_name} ({slip.member_no})")
        if slip.staff:
            self._field(say("Served by"), slip.staff)
        self.y += 3
        self._table(slip)
        notes = override_notes(slip, say)
        if notes:
            self.y += 3
            for note in notes:
                self._paragraph(note, 8)
        self._closing(slip)

    def _field(self, label: str, value: str) -> None:
        self.use_font(SLIP_PT, bold=True)
        self.put_text(SLIP_MARGIN, self.y + 3.6, label, 24)
        self.use_font(SLIP_PT)
        self.put_text(
            SLIP_MARGIN + 25, self.y + 3.6, self.glyphs.clean_line(value), self.width - 25
        )
        self.y += 5

    def _columns(self) -> list[tuple[str, float, float]]:
        x, columns = SLIP_MARGIN, []
        for heading, share in SLIP_COLUMNS:
            columns.append((self.say(heading) if heading else "", x, self.width * share))
            x += self.width * share
        return columns

    def _table(self, slip: Slip) -> None:
        columns = self._columns()
        actions = {line.action for line in slip.lines}
        third = "Returned" if actions == {RETURNED} else "Due" if RETURNED not in actions else ""
        columns[2] = (self.say(third or "Due / returned"), *columns[2][1:])
        self.use_font(8.5, bold=True)
        self.set_fill_color(225)
        self.rect(SLIP_MARGIN, self.y, self.width, SLIP_LINE + 2 * ROW_PAD, style="F")
        for heading, x, width in columns:
            self.put_text(x + 1.2, self.y + ROW_PAD + 3.3, heading, width - 2.4)
        self.y += SLIP_LINE + 2 * ROW_PAD
        for line in slip.lines:
            mark = f" {OVERRIDE_MARK}" if line.marked else ""
            cells = (
                line.barcode + mark,
                title_cell(line, self.say),
                describe(line, self.say),
                f"#{line.audit_seq}" if line.audit_seq else "",
            )
            self._row(columns, cells)

    def _row(self, columns: list[tuple[str, float, float]], cells: Sequence[str]) -> None:
        self.use_font(SLIP_PT)
        wrapped = [
            wrap(self.glyphs.clean(text), width - 2.4, self.measure, 3)
            for (_, _, width), text in zip(columns, cells, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * SLIP_LINE + 2 * ROW_PAD
        if self.y + height > self.h - SLIP_MARGIN - 20:
            self.add_page(format=(A5_WIDTH, A5_HEIGHT))
            self.y = SLIP_MARGIN
            self.use_font(SLIP_PT)
        for (_, x, width), lines in zip(columns, wrapped, strict=True):
            for index, text in enumerate(lines):
                baseline = self.y + ROW_PAD + index * SLIP_LINE + 3.3
                self.put_text(x + 1.2, baseline, text, width - 2.4)
        self.y += height
        self.set_draw_color(200)
        self.set_line_width(0.15)
        self.line(SLIP_MARGIN, self.y, self.w - SLIP_MARGIN, self.y)

    def _paragraph(self, text: str, size: float) -> None:
        self.use_font(size)
        for line in wrap(self.glyphs.clean(text), self.width, self.measure):
            if self.y + 4 > self.h - SLIP_MARGIN:
                self.add_page(format=(A5_WIDTH, A5_HEIGHT))
                self.y = SLIP_MARGIN
                self.use_font(size)
            self.text(SLIP_MARGIN, self.y + 3.3, line)
            self.y += 4.0

    def _closing(self, slip: Slip) -> None:
        say = self.say
        counts = say.count(len(slip.lines), "copy")
        due = sorted({line.due for line in slip.lines if line.action != RETURNED})
        self.y += 4
        self.use_font(SLIP_PT, bold=True)
        if due:
            first = "{copies}; due {day}" if len(due) == 1 else "{copies}; first due {day}"
            summary = say(first, copies=counts, day=due[0].isoformat())
        else:
            summary = counts
        self.put_text(SLIP_MARGIN, self.y + 3.5, summary, self.width)
        self.y += 7
        entries = (
            "Audit entry {range}: the numbers on this slip are the entries of the record "
            "(audit list)."
            if len(slip.lines) == 1
            else "Audit entries {range}: the numbers on this slip are the entries of the record "
            "(audit list)."
        )
        self._paragraph(
            say(entries, range=slip.audit_range)
            + " "
            + (
                say("Keep this slip until the copies are back.")
                if any(line.action != RETURNED for line in slip.lines)
                else say("Keep this slip as your receipt.")
            ),
            7.5,
        )


def write_slips(
    path: str | os.PathLike[str], slips: Sequence[Slip], language: str | None = None
) -> None:
    """Write ``slips`` to one PDF at ``path``, each on its own A5 page (a long one runs on),
    in ``language`` (``ko_KP``, ``ko``, ``en``), else the branch's printing language.

    Replaces ``path`` in one step; ValueError when ``slips`` is empty, EnvironmentProblem
    when the file cannot be written (refused before any work when the folder cannot take it).
    """
    target = _check_target(path)
    if not slips:
        raise ValueError("no slips to write")
    say = words(language or settings.print_language())
    with _SlipDocument(say) as document:
        for slip in slips:
            document.draw(slip)
        _save(document, target)


def write_slip(
    path: str | os.PathLike[str], results: Iterable[Result], language: str | None = None
) -> list[Slip]:
    """Compose the slips of ``results`` (:func:`slips_for`) and write them to ``path``."""
    slips = slips_for(results)
    write_slips(path, slips, language)
    return slips


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse at once (EnvironmentProblem) a slip file whose folder cannot take it: the
    command line asks before it lends, so a lend is never recorded for a slip that fails."""
    _check_target(path)
