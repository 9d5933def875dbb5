"""The register of exceptions: everything out of the ordinary, in one place, by date.

Read from the audit trail, one row per exception, in the order the entries were made:

==================  ==================================================================
kind                the entries it comes from
==================  ==================================================================
override            ``lend-override``, ``renew-override``: the approver, the codes set
                    aside and the reason given
backdated-loan      a ``lend`` or ``lend-override`` recorded for an earlier day: the day
                    claimed (``claimed``) beside the day entered (``date``)
backdated-return    a ``return`` recorded for an earlier day, likewise
backdated-room      a ``room-issue`` (or its override) or ``room-return`` recorded for an
                    earlier time of its day (the room's paper register): the time claimed
                    (``claimed``) beside the time entered
refused             ``lend-refused`` (:mod:`readingroom.refusals`): who tried to lend
                    which copy to whom, and every code of the refusal
copy-out            a copy taken out of the collection: marked missing, lost or
                    withdrawn by hand (``copy-edit``) or missing at a stocktake's close
                    (``copy-missing``)
copy-back           a copy back in: found at a stocktake (``copy-found``) or marked
                    available again from missing, lost or withdrawn
restore             ``restore``, ``restore-unverified``: the catalogue replaced by a backup
policy              ``policy-set`` (a cell of the lending policy),
                    ``policy-condition`` (a condition row of the policy),
                    ``inspection-schedule`` (the inspection date and its lending freeze)
                    and ``setting-change`` of the pickup days or the reminder delays
role-change         ``borrower-edit`` that changed a borrower's role (a cadre made a
                    writer for one loan and a cadre again needs no override otherwise)
access-change       ``work-edit`` that changed a work's access class
reinstated          ``borrower-reinstate``: a suspension lifted
revived             ``borrower-edit`` that gave a lapsed membership a running expiry
outside-change      ``outside-change``: tracked rows found changed by another program
                    (sqlite3 on the file), recorded by the system at the next write
restriction         ``restrict``, ``unrestrict`` and ``restriction-lifted`` (by schedule):
                    a work or copy withheld or released, with the authority and reason
incomplete-set      ``incomplete-set``: a set issued together brought back short, the
                    member and the volumes kept back
==================  ==================================================================

A back-dated override gives two rows (``override`` and ``backdated-loan``) from one entry;
``entry`` names the audit entry of each row, so the inspector can find it in the trail.
``date`` is the day the entry was made; the period selects on it. Staff are named as
"Full Name (username)". The CSV columns are a contract: new ones go at the end.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from readingroom import settings
from readingroom.language import Words, words
from readingroom.messages import Phrases, phrase
from readingroom.reports.base import Column, Options, Report, Row, between, plural
from readingroom.store.db import database
from readingroom.vocabulary import CopyStatus

#: on paper the widths are millimetres of a landscape A4 page (273 in all): the day, the
#: longest kind and the longest code each fit on one line; the reason given has the most room
COLUMNS = (
    Column("date", "Date", 20.3),
    Column("kind", "Kind", 30.5, values="kind"),
    Column("barcode", "Barcode", 17.5),
    Column("title", "Title", 20),
    Column("member", "Member", 16.7),
    Column("borrower", "Borrower", 18),
    Column("role", "Role", 0.8, pdf=False, values="role"),
    Column("staff", "Staff", 20),
    Column("approver", "Approved by", 20),
    Column("codes", "Codes", 36.6),
    Column("reason", "Reason given", 32.0, values="phrase"),
    # on paper the details say the day claimed beside the day entered
    Column("claimed", "Date claimed", pdf=False),
    Column("details", "Details", 30, values="phrase"),
    Column("entry", "Entry", 11.5),
    Column("recorded_at", "Recorded", pdf=False),
)

#: the kinds of exception, in the words of the CSV's ``kind`` column (stable)
OVERRIDE, BACKDATED_LOAN, BACKDATED_RETURN, REFUSED = (
    "override",
    "backdated-loan",
    "backdated-return",
    "refused",
)
COPY_OUT, COPY_BACK, RESTORE, POLICY = "copy-out", "copy-back", "restore", "policy"
#: a supervisor's edits that change how the rules apply to a borrower or a work (made for
#: one loan and undone, each would set a rule aside with no override to show for it)
ROLE_CHANGE, ACCESS_CHANGE, REINSTATED, REVIVED = (
    "role-change",
    "access-change",
    "reinstated",
    "revived",
)
#: rows changed by another program than Reading Room (readingroom.audit.OUTSIDE_CHANGE)
OUTSIDE = "outside-change"
RESTRICTION, INCOMPLETE_SET = "restriction", "incomplete-set"
BACKDATED_ROOM = "backdated-room"
KINDS = (
    OVERRIDE,
    BACKDATED_LOAN,
    BACKDATED_RETURN,
    REFUSED,
    COPY_OUT,
    COPY_BACK,
    RESTORE,
    POLICY,
    ROLE_CHANGE,
    ACCESS_CHANGE,
    REINSTATED,
    REVIVED,
    OUTSIDE,
    RESTRICTION,
    INCOMPLETE_SET,
    BACKDATED_ROOM,
)

#: the statuses that take a copy out of the collection
OUT_OF_COLLECTION = frozenset({CopyStatus.MISSING, CopyStatus.LOST, CopyStatus.WITHDRAWN})

#: the actions read, all of them but a lend's and a return's (most of the trail) at once
_ACTIONS = (
    "lend-override",
    "renew-override",
    "lend-refused",
    "copy-edit",
    "copy-missing",
    "copy-found",
    "restore",
    "restore-unverified",
    "policy-set",
    "inspection-schedule",
    "borrower-edit",
    "borrower-reinstate",
    "work-edit",
    "outside-change",
    "setting-change",
    # the reading room (readingroom.room): an approved issue, a copy out at a forced closing
    "room-issue-override",
    "room-not-returned",
    "policy-condition",
    "restrict",
    "unrestrict",
    "restriction-lifted",
    "incomplete-set",
)

#: the settings that are rules of the desk (a set-aside copy's wait, the reminders'
#: escalation): changed, each is a policy change; the branch name and the slip are not
_RULE_SETTINGS = {
    "pickup_days": "pickup days {old} to {new}",
    "reminder_days": "reminder delays {old} to {new}",
}

#: the copy and the borrower an entry is about
_BARCODE = (
    "COALESCE(json_extract(a.details, '$.barcode'), "
    "CASE WHEN a.entity = 'copy' THEN a.entity_id END)"
)
_MEMBER = (
    "COALESCE(json_extract(a.details, '$.member_no'), "
    "CASE WHEN a.entity = 'borrower' THEN a.entity_id END)"
)

_ROWS = f"""
    SELECT a.id, a.at, a.staff, a.action, a.details, {_BARCODE}, w.title, b.member_no,
           b.name, b.role, a.entity_id
    FROM audit_entry a
    LEFT JOIN copy c ON c.barcode = {_BARCODE}
    LEFT JOIN work w ON w.id = COALESCE(
        c.work_id, CASE WHEN a.entity = 'work' THEN CAST(a.entity_id AS INTEGER) END)
    LEFT JOIN borrower b ON b.member_no = {_MEMBER}
    WHERE (a.action IN ({", ".join(f"'{action}'" for action in _ACTIONS)})
           OR (a.action IN ('lend', 'return', 'room-issue', 'room-return')
               AND a.details LIKE '%"backdated_to"%'))
      AND (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.at < ?2)
    ORDER BY a.id"""

#: what a refused attempt's ``via`` says in the register (a lend's by default)
_REFUSED_VIA = {
    "desk": phrase("refused at the desk"),
    "room": phrase("reading-room use refused"),
    "desk-room": phrase("reading-room use refused at the desk"),
}
#: the room's acts that may be recorded for an earlier time of the day, and the phrase of
#: when each was made
_ROOM_MADE_AT = {
    "room-issue": "reading-room use made at {time}",
    "room-issue-override": "reading-room use made at {time}",
    "room-return": "return from the reading room made at {time}",
}
#: what an override approved
_APPROVED = {
    "renew-override": "renewal approved",
    "room-issue-override": "reading-room use approved",
}


def _staff_names() -> dict[str, str]:
    """Each staff user name as "Full Name (username)" (the user name alone without one)."""
    return {
        username: f"{full_name} ({username})" if full_name and full_name != username else username
        for username, full_name in database.execute_sql(
            "SELECT username, full_name FROM staff_user"
        )
    }


def _codes(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(code) for code in value)
    return str(value) if value else ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


class _Entry:
    """One audit entry read for the register, and the rows it gives."""

    def __init__(self, raw: tuple[Any, ...], names: dict[str, str]):
        (self.id, at, staff, self.action, details, barcode, title, member, borrower, role) = raw[
            :10
        ]
        self.entity_id = str(raw[10])
        self.at = str(at)
        self.day = self.at[:10]
        self.details: dict[str, Any] = json.loads(details) if details else {}
        after = self.details.pop("after", None)
        #: the rows an entry's after-images are of, as "table id"
        self.rows_written = [
            f"{table} {row}"
            for table, images in (after.items() if isinstance(after, dict) else ())
            for row in (images if isinstance(images, dict) else ())
        ]
        self.names = names
        self.staff = names.get(str(staff), str(staff))
        self.barcode = _text(barcode)
        self.title = _text(title)
        self.member = _text(member or self.details.get("member_no"))
        self.borrower = _text(borrower)
        self.role = _text(role or self.details.get("role"))

    def name(self, username: object) -> str:
        return self.names.get(str(username), str(username)) if username else ""

    def row(
        self,
        kind: str,
        *,
        approver: str = "",
        codes: str = "",
        reason: str = "",
        claimed: str = "",
        details: str = "",
        copy: bool = True,
        member: bool = True,
    ) -> Row:
        return (
            self.day,
            kind,
            self.barcode if copy else "",
            self.title if copy else "",
            self.member if member else "",
            self.borrower if member else "",
            self.role if member else "",
            self.staff,
            approver,
            codes,
            reason,
            claimed,
            details,
            self.id,
            self.at[:16].replace("T", " "),
        )

    def _backdated_room(self) -> Row:
        """A room issue or return recorded for an earlier time of its day."""
        d, claimed = self.details, str(self.details["backdated_to"])
        return self.row(
            BACKDATED_ROOM,
            approver=self.name(d.get("approved_by") or ""),
            reason=_text(d.get("reason")) or phrase("no reason recorded"),
            claimed=claimed,
            details=Phrases(
                (
                    phrase(_ROOM_MADE_AT[self.action], time=claimed[11:16]),
                    phrase("entered at {time}", time=self.at[11:16]),
                ),
                ", ",
            ),
        )

    def rows(self) -> Iterator[Row]:
        d, action = self.details, self.action
        if action.endswith("-override"):
            yield self.row(
                OVERRIDE,
                approver=self.name(d.get("override_by")),
                codes=_codes(d.get("overridden")),
                reason=_text(d.get("override_reason")),
                details=_approved(action, d),
            )
        if d.get("backdated_to") and action in ("lend", "lend-override", "return"):
            kind = BACKDATED_RETURN if action == "return" else BACKDATED_LOAN
            made = "return made on {day}" if action == "return" else "loan made on {day}"
            yield self.row(
                kind,
                approver=self.name(d.get("approved_by") or ""),
                reason=_text(d.get("reason")) or phrase("no reason recorded"),
                claimed=str(d["backdated_to"]),
                details=Phrases(
                    (
                        phrase(made, day=str(d["backdated_to"])),
                        phrase("entered on {day}", day=self.day),
                    ),
                    ", ",
                ),
            )
        if d.get("backdated_to") and action in _ROOM_MADE_AT:
            yield self._backdated_room()
        if action == "lend-refused":
            yield self._refused()
        elif action in ("copy-edit", "copy-missing", "copy-found"):
            yield from self._status_change()
        elif action == "room-not-returned":
            yield self.row(
                COPY_OUT,
                approver=self.name(d.get("confirmed_by") or ""),
                reason=_text(d.get("reason")),
                details=Phrases(
                    (
                        phrase(
                            "not returned at the reading room's closing (seat {seat})",
                            seat=str(d.get("seat")),
                        ),
                        phrase("{old} to {new}", old=d.get("old") or "?", new=str(d.get("new"))),
                    )
                ),
            )
        elif action in ("restore", "restore-unverified"):
            yield self._restore()
        elif action in ("policy-set", "inspection-schedule"):
            yield self._policy()
        elif action in ("borrower-edit", "borrower-reinstate", "work-edit"):
            yield from self._edit()
        elif action == "setting-change" and self.entity_id in _RULE_SETTINGS:
            d = self.details
            said = phrase(
                _RULE_SETTINGS[self.entity_id], old=str(d.get("old")), new=str(d.get("new"))
            )
            yield self.row(POLICY, details=said, copy=False, member=False)
        elif action == OUTSIDE:
            said = phrase(
                "changed outside Reading Room: {tables}",
                tables=", ".join(self.rows_written) or "?",
            )
            yield self.row(OUTSIDE, details=said, copy=False, member=False)
        elif action == "policy-condition":
            said = phrase(
                "condition {grade}: {old} to {new}",
                grade=str(d.get("grade")),
                old=str(d.get("old")),
                new=str(d.get("new")),
            )
            yield self.row(POLICY, details=said, copy=False, member=False)
        elif action in ("restrict", "unrestrict", "restriction-lifted"):
            yield self._restriction()
        elif action == "incomplete-set":
            kept = ", ".join(str(b) for b in d.get("missing") or [])
            yield self.row(
                INCOMPLETE_SET, details=phrase("set back without {barcodes}", barcodes=kept)
            )

    def _refused(self) -> Row:
        d = self.details
        said = [_REFUSED_VIA.get(str(d.get("via")), phrase("lend refused"))]
        if d.get("lend_day"):
            said.append(phrase("asked for {day}", day=str(d["lend_day"])))
        if d.get("override_reason"):
            said += [phrase("an override was asked"), phrase("none is possible")]
        return self.row(
            REFUSED,
            codes=_codes(d.get("refused")),
            reason=_text(d.get("override_reason")),
            details=Phrases(said),
        )

    def _status_change(self) -> Iterator[Row]:
        d = self.details
        old, new = d.get("old"), d.get("new")
        if isinstance(old, dict) or isinstance(new, dict):  # a copy-edit: {"status": ...}
            old = (old or {}).get("status")
            new = (new or {}).get("status")
        if not new or old == new:
            return
        if new in OUT_OF_COLLECTION:
            kind = COPY_OUT
        elif old in OUT_OF_COLLECTION:
            kind = COPY_BACK
        else:
            return
        reason = _text(d.get("reason"))
        stocktake = d.get("stocktake")
        if stocktake is not None and not reason:
            seen = "found at stocktake {n}" if kind == COPY_BACK else "not found at stocktake {n}"
            reason = phrase(seen, n=stocktake)
        details = phrase("{old} to {new}", old=old or "?", new=str(new))
        yield self.row(kind, reason=reason, details=details, member=False)

    def _restriction(self) -> Row:
        d = self.details
        target = (
            phrase("copy {barcode}", barcode=str(d["barcode"]))
            if d.get("barcode")
            else phrase("work {id}", id=str(d.get("work_id")))
        )
        on = {"restriction": str(d.get("restriction")), "target": target}
        if self.action == "restrict":
            placed = (
                phrase(
                    "restriction {restriction} on {target} from {starts} until {ends}",
                    starts=str(d.get("starts")),
                    ends=str(d["ends"]),
                    **on,
                )
                if d.get("ends")
                else phrase(
                    "restriction {restriction} on {target} from {starts}",
                    starts=str(d.get("starts")),
                    **on,
                )
            )
            authority = phrase("on the authority of {authority}", authority=str(d.get("authority")))
            said: str = Phrases((placed, authority), ", ")
        elif self.action == "unrestrict":
            said = phrase("restriction {restriction} on {target} lifted", **on)
        else:
            said = phrase(
                "restriction {restriction} on {target} lifted by schedule ({ends})",
                ends=str(d.get("ends")),
                **on,
            )
        return self.row(
            RESTRICTION,
            reason=_text(d.get("reason")),
            details=said,
            copy=bool(d.get("barcode")),
            member=False,
        )

    def _restore(self) -> Row:
        d = self.details
        said = [phrase("restored from {file}", file=str(d.get("from", "?")))]
        if d.get("restored_entries") is not None:
            said.append(phrase("{n} audit entries", n=d["restored_entries"]))
        if d.get("set_aside"):
            said.append(phrase("the replaced catalogue kept as {file}", file=str(d["set_aside"])))
        if self.action == "restore-unverified" or d.get("verified") is False:
            said.append(phrase("not verified against the catalogue it replaced"))
        return self.row(
            RESTORE,
            reason=_text(d.get("reason")),
            details=Phrases(said),
            copy=False,
            member=False,
        )

    def _edit(self) -> Iterator[Row]:
        """A role or access class changed, a suspension lifted, a lapsed membership revived."""
        d = self.details
        old, new = d.get("old") or {}, d.get("new") or {}
        if self.action == "borrower-reinstate":
            yield self.row(REINSTATED, details=phrase("suspension lifted"), copy=False)
            return
        if self.action == "work-edit":
            if "access" in new and new["access"] != old.get("access"):
                said = phrase(
                    "access {old_access} to {new_access}",
                    old_access=str(old.get("access")),
                    new_access=str(new["access"]),
                )
                yield self.row(ACCESS_CHANGE, details=said, member=False)
            return
        if "role" in new and new["role"] != old.get("role"):
            said = phrase(
                "role {old_role} to {new_role}",
                old_role=str(old.get("role")),
                new_role=str(new["role"]),
            )
            yield self.row(ROLE_CHANGE, details=said, copy=False)
        lapsed, running = old.get("expires"), new.get("expires", "")
        if lapsed and str(lapsed) < self.day and (running is None or str(running) >= self.day):
            now = phrase("now {day}", day=str(running)) if running else phrase("now without end")
            revived = Phrases((phrase("membership expired {day}", day=str(lapsed)), now), ", ")
            yield self.row(REVIVED, details=revived, copy=False)

    def _policy(self) -> Row:
        d = self.details
        old, new = d.get("old") or {}, d.get("new") or {}
        if self.action == "inspection-schedule":
            said: list[str] = [
                phrase(
                    "inspection {old} to {new}",
                    old=str(old.get("date") or "none"),
                    new=str(new.get("date")),
                )
            ]
            if old.get("freeze_days") != new.get("freeze_days"):
                said.append(
                    phrase(
                        "freeze {old} to {new} days",
                        old=str(old.get("freeze_days")),
                        new=str(new.get("freeze_days")),
                    )
                )
            return self.row(POLICY, details=Phrases(said), copy=False, member=False)
        cell = f"{new.get('role', old.get('role'))}/{new.get('access', old.get('access'))}"
        changes = [
            phrase(template, old=str(old.get(key)), new=str(new.get(key)))
            for key, template in (
                ("rule", "rule {old} to {new}"),
                ("days", "days {old} to {new}"),
                ("max_items", "items {old} to {new}"),
                ("renewals", "renewals {old} to {new}"),
            )
            if old.get(key) != new.get(key)
        ]
        changed = phrase(
            "policy {cell}: {changes}",
            cell=cell,
            changes=Phrases(changes) if changes else phrase("saved unchanged"),
        )
        return self.row(POLICY, details=changed, copy=False, member=False)


def _approved(action: str, d: dict[str, Any]) -> Phrases:
    """What an override approved: ``loan approved; due 2026-12-24, after the inspection on
    2026-12-19``, each part with its key."""
    said: list[str] = [phrase(_APPROVED.get(action, "loan approved"))]
    if d.get("due"):
        due: list[str] = [phrase("due {day}", day=str(d["due"]))]
        if d.get("after_inspection"):  # a renewal that runs past the inspection day
            due.append(phrase("after the inspection on {day}", day=str(d["after_inspection"])))
        said.append(Phrases(due, ", "))
    return Phrases(said)


def _params(options: Options) -> tuple[str | None, str | None]:
    start = options.start.isoformat() if options.start else None
    end = (options.end + timedelta(days=1)).isoformat() if options.end else None
    return start, end


def rows_of(options: Options) -> Iterator[Row]:
    """The register's rows for ``options``' period, in the order the entries were made."""
    names = _staff_names()
    for raw in database.execute_sql(_ROWS, _params(options)):
        yield from _Entry(raw, names).rows()


def summary_lines(counts: Counter[str], say: Words | None = None) -> list[str]:
    """``Exceptions: 12 (3 overrides, ...).`` in the order of :data:`KINDS`."""
    say = say or words()
    total = sum(counts.values())
    if not total:
        return [say("No exceptions were recorded in this period.")]
    nouns = {
        OVERRIDE: "override",
        BACKDATED_LOAN: "back-dated loan",
        BACKDATED_RETURN: "back-dated return",
        REFUSED: "refused attempt",
        COPY_OUT: "copy taken out",
        COPY_BACK: "copy back in",
        RESTORE: "restore",
        POLICY: "policy change",
        ROLE_CHANGE: "role change",
        ACCESS_CHANGE: "access class change",
        REINSTATED: "suspension lifted",
        REVIVED: "lapsed membership revived",
        OUTSIDE: "change outside Reading Room",
        RESTRICTION: "restriction",
        INCOMPLETE_SET: "incomplete set",
        BACKDATED_ROOM: "back-dated reading-room record",
    }
    parts = [_counted(counts[kind], nouns[kind], say) for kind in KINDS if counts[kind]]
    return [say("Exceptions: {total} ({parts}).", total=total, parts=", ".join(parts))]


def _counted(count: int, noun: str, say: Words) -> str:
    if say.korean:
        return say.count(count, noun)
    if noun.startswith("copy "):  # copy taken out -> copies taken out
        return f"{count} {'copy' if count == 1 else 'copies'}{noun[4:]}"
    if noun.endswith(("lifted", "revived")):  # suspension lifted -> suspensions lifted
        first, rest = noun.rsplit(" ", 1)
        return f"{plural(count, first)} {rest}"
    if noun.startswith("change "):  # change outside ... -> changes outside ...
        return f"{plural(count, 'change')}{noun[6:]}"
    return plural(count, noun)


def build(options: Options) -> Report:
    say = options.words

    def rows() -> Iterator[Row]:
        return rows_of(options)

    def summary() -> list[str]:
        return summary_lines(Counter(str(row[1]) for row in rows_of(options)), say)

    return Report(
        "exceptions",
        "Register of exceptions",
        between(options.start, options.end, say),
        COLUMNS,
        rows,
        summary,
        ("Librarian", "Supervisor"),
        settings.branch(),
    )
