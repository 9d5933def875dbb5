"""The inspection report: the stocktake's outcome per copy, its sign-off and the audit chain.

The PDF's first page answers who and when before any row: the branch, the period since the
previous signed stocktake, the inspection day, who opened the stocktake, who scanned (each
with first and last scan and count), who closed and signed it and the inspector, the audit
chain head and the root fingerprint (at signing and now), the last export bundle's manifest
hash, and the comparison with the previous signed stocktake (copies added, withdrawn,
missing again, found again; :func:`compare`).

The discrepancies come first (missing, misplaced, unexpected, found while on loan), a
missing copy with what the records say happened to it last; then every other line. A
line's note also says when the copy was added, is missing again or found again since the
previous signed stocktake (so the CSV, whose columns stay as they were, carries it too).

The CSV repeats the stocktake's sign-off and the audit chain head recorded at signing on
every row (so the file alone carries them, and the next inspection can check that the audit
trail still extends that head); the PDF prints them once, under the table, with signature
lines for the inspector and the supervisor.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from readingroom import audit, seals, settings, staff, stocktake
from readingroom.errors import NotFound
from readingroom.inspection import signed_head
from readingroom.language import Words, words
from readingroom.messages import Phrases, phrase
from readingroom.reports.base import Column, Options, Report, Row, Section
from readingroom.seals import format_fingerprint
from readingroom.store.db import database
from readingroom.store.inspection_models import (
    MISPLACED,
    MISSING,
    OUTCOMES,
    PRESENT_ON_LOAN,
    STOCKTAKE_SIGNED,
    UNEXPECTED,
    Stocktake,
)

#: the outcomes an inspector asks about first
DISCREPANCIES = (MISSING, MISPLACED, UNEXPECTED, PRESENT_ON_LOAN)

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 2.7),
    Column("volume", "Vol.", 0.6),
    Column("outcome", "Outcome", 1.55, values="outcome"),
    Column("borrower", "Borrower", 1.1),
    Column("due", "Due", 1.3),
    Column("location", "Location", 1.2),
    Column("condition", "Condition", 1.2, values="condition"),
    Column("found_location", "Found at", 1.2),
    Column("scans", "Scans", 0.8, pdf=False),
    Column("note", "Note", 2.4, values="phrase"),
    Column("stocktake", "Stocktake", 1.0, pdf=False),
    Column("stocktake_status", "Status", 1.0, pdf=False),
    Column("signed_by", "Signed by", 1.0, pdf=False),
    Column("signed_on", "Signed on", 1.0, pdf=False),
    Column("supervisor", "Supervisor", 1.0, pdf=False),
    Column("audit_verified", "Audit verified", 1.0, pdf=False),
    Column("audit_count", "Audit entries", 1.0, pdf=False),
    Column("audit_hash", "Audit hash", 1.0, pdf=False),
)


def _sign_off(st: Stocktake) -> tuple[object, ...]:
    verified = "" if st.audit_ok is None else ("ok" if st.audit_ok else "broken")
    return (
        st.id,
        st.status,
        st.signed_by,
        st.signed_on,
        st.closed_by,
        verified,
        st.audit_count,
        st.audit_hash,
    )


def supervisor_name(st: Stocktake) -> str:
    """The supervisor who closed the stocktake, as "Full Name (username)"."""
    name, username = st.closed_by_name or "", st.closed_by or ""
    if not name or name == username:
        return username
    return name if username.casefold() in name.casefold() else f"{name} ({username})"


def reconciliation(expected: int, counts: dict[str, int], say: Words | None = None) -> str:
    """The totals an inspector checks: every expected copy has exactly one outcome, and the
    unexpected barcodes come on top."""
    say = say or words()
    accounted = [outcome for outcome in OUTCOMES if outcome != UNEXPECTED]
    total = sum(counts[outcome] for outcome in accounted)
    sum_text = " + ".join(
        f"{say.value('outcome', outcome)} {counts[outcome]}" for outcome in accounted
    )
    verdict = (
        "" if total == expected else say(" — DOES NOT ADD UP: {total} accounted for", total=total)
    )
    return say(
        "Expected {expected} = {sum}{verdict}; unexpected barcodes scanned besides: {unexpected}.",
        expected=expected,
        sum=sum_text,
        verdict=verdict,
        unexpected=counts[UNEXPECTED],
    )


def _named(username: str) -> str:
    """A staff member as "Full Name (username)", or the user name alone when that is all
    there is (an account since removed, or one without a full name)."""
    try:
        name = staff.get_staff(username).display_name
    except NotFound:
        return username
    return username if name == username else f"{name} ({username})"


def summary_lines(st: Stocktake, say: Words | None = None) -> list[str]:
    say = say or words()
    counts = stocktake.outcome_counts(st)
    repeated = stocktake.repeated_barcodes(st)
    outcomes = ", ".join(f"{say.value('outcome', o)} {counts[o]}" for o in OUTCOMES)
    lines = [
        say(
            "Stocktake {id}: opened {at} by {name}; {copies} expected.",
            id=st.id,
            at=f"{st.opened_at:%Y-%m-%d %H:%M}",
            name=_named(st.opened_by),
            copies=say.count(st.expected_count, "copy"),
        ),
        say("Outcomes: {outcomes}.", outcomes=outcomes),
        reconciliation(st.expected_count, counts, say),
    ]
    lines += [
        say(
            "Scanned by {name}: {scans}, first {first}, last {last}.",
            name=_named(who.staff),
            scans=say.count(who.scans, "scan"),
            first=who.first,
            last=who.last,
        )
        for who in stocktake.scanners(st)
    ]
    if repeated:
        lines.append(say("Scanned more than once: {barcodes}.", barcodes=", ".join(repeated)))
    if not st.is_signed:
        lines.append(
            say("NOT SIGNED: the stocktake is still open; these outcomes are provisional.")
        )
        return lines
    head = signed_head(st)
    signed = say(
        "Signed off on {day} by {signer} and the supervisor {supervisor}",
        day=head.signed_on.isoformat(),
        signer=signer(st.signed_by or ""),
        supervisor=supervisor_name(st),
    )
    lines.append(signed + (say("; inspector: {name}.", name=st.inspector) if st.inspector else "."))
    state = say("intact") if st.audit_ok else say("BROKEN ({problem})", problem=st.audit_problem)
    lines.append(
        say(
            "Audit trail at signing: {state}; {count} entries, latest hash {hash}.",
            state=state,
            count=head.count,
            hash=head.last_hash,
        )
    )
    if st.root_fingerprint:
        lines.append(
            say(
                "Root key fingerprint at signing: {fingerprint}.",
                fingerprint=format_fingerprint(st.root_fingerprint),
            )
        )
    check = head.check()
    lines.append(
        say(
            "Audit trail now: intact, {count} entries, and it extends the head recorded at "
            "signing.",
            count=check.current_count,
        )
        if check.ok
        else say("Audit trail now: NOT VERIFIED: {problem}.", problem=say.text(check.problem))
    )
    return lines


# -- the comparison with the previous signed stocktake -------------------------------------


@dataclass(frozen=True)
class Compared:
    """One copy in the comparison: its barcode, title (with the volume of a set) and what
    is said of it (its outcome now, or its status for a copy no longer expected)."""

    copy_id: int
    barcode: str
    title: str
    detail: str = ""

    @property
    def text(self) -> str:
        return " — ".join(part for part in (self.barcode, self.title, self.detail) if part)


@dataclass(frozen=True)
class Comparison:
    """What changed since the previous signed stocktake (``previous`` None: there is none):
    copies ``added`` (expected now, not then), ``withdrawn`` (expected then, not now),
    ``missing_again`` (missing then and now) and ``found_again`` (missing then, accounted
    for now), each by barcode."""

    previous: Stocktake | None
    added: list[Compared] = field(default_factory=list)
    withdrawn: list[Compared] = field(default_factory=list)
    missing_again: list[Compared] = field(default_factory=list)
    found_again: list[Compared] = field(default_factory=list)
    #: each copy's note in the report's lines ("added since stocktake 3", ...)
    notes: dict[int, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "withdrawn": len(self.withdrawn),
            "missing again": len(self.missing_again),
            "found again": len(self.found_again),
        }

    def note(self, copy_id: int | None) -> str:
        """What the comparison says of one copy of this stocktake ("" for nothing)."""
        return "" if copy_id is None else self.notes.get(copy_id, "")


def previous_signed(st: Stocktake) -> Stocktake | None:
    """The newest signed stocktake before ``st``."""
    found: Stocktake | None = (
        Stocktake.select()
        .where((Stocktake.id < st.id) & (Stocktake.status == STOCKTAKE_SIGNED))
        .order_by(Stocktake.id.desc())
        .first()
    )
    return found


def _expected(stocktake_id: int) -> dict[int, str]:
    rows = database.execute_sql(
        "SELECT copy_id, barcode FROM stocktake_expected WHERE stocktake_id = ?", (stocktake_id,)
    )
    return dict(rows.fetchall())


def _titles(copy_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """Each copy's barcode, title (with the volume of a set) and status now."""
    ids = list(copy_ids)
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        block = ids[start : start + 500]
        rows = database.execute_sql(
            "SELECT c.id, c.barcode, w.title, c.volume, w.volumes, c.status FROM copy c "
            f"JOIN work w ON w.id = c.work_id WHERE c.id IN ({', '.join('?' for _ in block)})",
            block,
        )
        for copy_id, barcode, title, volume, volumes, status in rows:
            named = f"{title}, vol. {volume}" if max(volume or 1, volumes or 1) > 1 else title
            found[copy_id] = (barcode, named, status)
    return found


def compare(st: Stocktake) -> Comparison:
    """``st`` against the previous signed stocktake (for an open one: its live outcomes)."""
    previous = previous_signed(st)
    if previous is None:
        return Comparison(None)
    then, now = _expected(previous.id), _expected(st.id)
    was_missing = {
        copy_id
        for (copy_id,) in database.execute_sql(
            "SELECT copy_id FROM stocktake_outcome WHERE stocktake_id = ? AND outcome = ? "
            "AND copy_id IS NOT NULL",
            (previous.id, MISSING),
        )
    }
    outcome_now = {o.copy_id: o.outcome for o in stocktake.outcomes(st) if o.copy_id is not None}
    added = sorted(set(now) - set(then))
    withdrawn = sorted(set(then) - set(now))
    again = sorted(c for c in was_missing & set(now) if outcome_now.get(c) == MISSING)
    found = sorted(c for c in was_missing & set(now) if outcome_now.get(c) not in (MISSING, None))
    info = _titles([*added, *withdrawn, *again, *found])

    def listed(
        ids: list[int], detail: Callable[[int], str], barcodes: dict[int, str]
    ) -> list[Compared]:
        lines = [
            Compared(
                c, info.get(c, (barcodes[c], "", ""))[0], info.get(c, ("", "", ""))[1], detail(c)
            )
            for c in ids
        ]
        return sorted(lines, key=lambda line: line.barcode)

    n = previous.id
    notes: dict[int, str] = {c: phrase("added since stocktake {n}", n=n) for c in added}
    notes |= {c: phrase("missing again (missing at stocktake {n})", n=n) for c in again}
    notes |= {c: phrase("found again (missing at stocktake {n})", n=n) for c in found}
    return Comparison(
        previous,
        listed(added, lambda c: "", now),
        listed(
            withdrawn,
            lambda c: phrase("now {status}", status=str(info[c][2])) if c in info else "",
            then,
        ),
        listed(again, lambda c: "", now),
        listed(found, lambda c: phrase("now {outcome}", outcome=str(outcome_now[c])), now),
        notes,
    )


# -- the first page -----------------------------------------------------------------------

#: copies listed by name in each part of the comparison on the first page (the rest counted)
LISTED = 40


def person(username: str | None) -> str:
    """A staff member as printed where a person signs: "Full Name (username)", the user
    name alone when the account has no full name (or no longer exists)."""
    return _named(username) if username else ""


def signer(name: str) -> str:
    """The name given with --signed-by: a staff account's user name is printed as its full
    name; any other text as it was given."""
    try:
        user = staff.get_staff(name)
    except NotFound:
        return name
    return _named(user.username)


def period_text(st: Stocktake, previous: Stocktake | None, say: Words | None = None) -> str:
    say = say or words()
    start = (
        say(
            "since stocktake {id} signed on {day}",
            id=previous.id,
            day=say.day(previous.signed_on),
        )
        if previous is not None and previous.signed_on
        else say("the first signed stocktake (no earlier one)")
    )
    end = (
        say("to its signing on {day}", day=say.day(st.signed_on))
        if st.is_signed
        else say("to today (not yet signed)")
    )
    return f"{start}, {end}"


def _last_bundle(say: Words) -> str:
    row = database.execute_sql(
        "SELECT substr(at, 1, 16), entity_id, json_extract(details, '$.manifest_sha256') "
        "FROM audit_entry WHERE action = 'export-bundle' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    inside = say(
        "In a bundle this report is one of the files its manifest (MANIFEST.sha256) lists; "
        "that manifest's SHA-256 is printed on the bundle's sign-off sheet "
        "(inspection-signoff.pdf), which the supervisor's seal key signs."
    )
    if row is None:
        return say("No export bundle recorded yet.") + " " + inside
    at, folder, sha = row
    return (
        say(
            "Last export bundle: {folder}, {at}, manifest SHA-256 {sha}.",
            folder=folder,
            at=at.replace("T", " "),
            sha=format_fingerprint(sha or ""),
        )
        + " "
        + inside
    )


def cover(
    st: Stocktake, compared: Comparison | None = None, say: Words | None = None
) -> list[Section]:
    """The first page: who, when, the audit trail's head, and the comparison."""
    say = say or words()
    previous = previous_signed(st)
    scheduled = st.inspection_date if st.is_signed else settings.inspection_date()
    counts = stocktake.outcome_counts(st)
    facts: list[tuple[str, str]] = [
        (say("Branch"), settings.branch()),
        (say("Period"), period_text(st, previous, say)),
        (say("Inspection date"), say.day(scheduled) if scheduled else say("not recorded")),
        (
            say("Stocktake"),
            f"{st.id}, " + (say("signed") if st.is_signed else say("OPEN: outcomes provisional")),
        ),
        (
            say("Opened"),
            say("{at} by {name}", at=f"{st.opened_at:%Y-%m-%d %H:%M}", name=person(st.opened_by)),
        ),
        (say("Copies expected"), str(st.expected_count)),
        (say("Totals"), reconciliation(st.expected_count, counts, say)),
    ]
    scanned = [
        (
            person(who.staff),
            say(
                "{scans}, first {first}, last {last}",
                scans=say.count(who.scans, "scan"),
                first=who.first[:16],
                last=who.last[:16],
            ),
        )
        for who in stocktake.scanners(st)
    ]
    if st.is_signed:
        signed = [
            (
                say("Closed"),
                say(
                    "{at} by the supervisor {name}",
                    at=f"{st.closed_at:%Y-%m-%d %H:%M}",
                    name=supervisor_name(st),
                ),
            ),
            (say("Signed by"), signer(st.signed_by or "")),
            (say("Signed on"), say.day(st.signed_on)),
            (
                say("Inspector"),
                st.inspector or say("not recorded (signed without --inspector)"),
            ),
        ]
        if problem := _names_against_trail(st):
            signed.append((say("Against the trail"), problem))
    else:
        signed = []
    return [
        Section(say("The stocktake"), tuple(facts)),
        Section(
            say("Who scanned"),
            tuple(scanned),
            lines=() if scanned else (say("Nobody has scanned yet."),),
        ),
        Section(
            say("Closed and signed"),
            tuple(signed),
            lines=()
            if signed
            else (say("Not closed or signed yet: the outcomes are provisional."),),
        ),
        Section(say("The audit trail"), tuple(_trail_facts(st, say))),
        _comparison_section(compared or compare(st), say),
    ]


def _names_against_trail(st: Stocktake) -> str:
    """ "" when the names the stocktake row keeps are those its ``stocktake-signed`` entry
    recorded; else what differs (the row was changed outside Reading Room)."""
    row = database.execute_sql(
        "SELECT json_extract(details, '$.signed_by'), json_extract(details, '$.inspector') "
        "FROM audit_entry WHERE action = 'stocktake-signed' AND entity = 'stocktake' "
        "AND entity_id = ? ORDER BY id DESC LIMIT 1",
        (str(st.id),),
    ).fetchone()
    if row is None:
        return "NO stocktake-signed entry in the audit trail"
    differ = [
        f"the trail says {what} {said!r}, the stocktake {kept!r}"
        for what, said, kept in (
            ("signed by", row[0], st.signed_by),
            ("inspector", row[1], st.inspector),
        )
        if said != kept
    ]
    return "DOES NOT MATCH: " + "; ".join(differ) if differ else ""


def _trail_facts(st: Stocktake, say: Words) -> list[tuple[str, str]]:
    count, last_hash = audit.chain_head()
    root = seals.root_fingerprint()
    facts = []
    if st.is_signed:
        head = signed_head(st)
        state = (
            say("intact") if st.audit_ok else say("BROKEN ({problem})", problem=st.audit_problem)
        )
        facts.append(
            (
                say("Chain head at signing"),
                say(
                    "entry {n}, SHA-256 {hash} ({state})",
                    n=head.count,
                    hash=head.last_hash,
                    state=state,
                ),
            )
        )
        check = head.check()
        facts.append(
            (
                say("Chain head now"),
                say("entry {n}, SHA-256 {hash}", n=count, hash=last_hash)
                + "; "
                + (
                    say("it extends the head recorded at signing")
                    if check.ok
                    else say("NOT VERIFIED: {problem}", problem=say.text(check.problem))
                ),
            )
        )
        if st.root_fingerprint:
            facts.append(
                (say("Root fingerprint at signing"), format_fingerprint(st.root_fingerprint))
            )
    else:
        facts.append(
            (say("Chain head now"), say("entry {n}, SHA-256 {hash}", n=count, hash=last_hash))
        )
    facts.append(
        (
            say("Root fingerprint now"),
            format_fingerprint(root) if root else say("none (no seal key yet)"),
        )
    )
    facts.append((say("Bundle manifest"), _last_bundle(say)))
    return facts


def _counts_text(compared: Comparison, say: Words) -> str:
    return ", ".join(f"{say.value('phrase', what)} {n}" for what, n in compared.counts().items())


def _comparison_section(compared: Comparison, say: Words) -> Section:
    if compared.previous is None:
        return Section(
            say("Compared with the previous signed stocktake"),
            new_page=True,
            lines=(say("There is no earlier signed stocktake to compare with."),),
        )
    p = compared.previous
    head = say(
        "Stocktake {id}, signed on {day}: {counts}.",
        id=p.id,
        day=say.day(p.signed_on),
        counts=_counts_text(compared, say),
    )
    fields: list[tuple[str, str]] = []
    for label, lines in (
        ("Added", compared.added),
        ("Withdrawn", compared.withdrawn),
        ("Missing again", compared.missing_again),
        ("Found again", compared.found_again),
    ):
        if not lines:
            continue
        fields += [
            (f"{say(label)} ({len(lines)})" if n == 0 else "", _compared_text(line, say))
            for n, line in enumerate(lines[:LISTED])
        ]
        if len(lines) > LISTED:
            fields.append(
                (
                    "",
                    say(
                        "... and {n} more (the CSV's notes name each).",
                        n=len(lines) - LISTED,
                    ),
                )
            )
    return Section(
        say("Compared with stocktake {id}, the previous signed one", id=p.id),
        tuple(fields),
        new_page=True,
        lines=(head,),
    )


def _compared_text(line: Compared, say: Words) -> str:
    detail = say.phrases("phrase", line.detail) if line.detail else ""
    return " — ".join(part for part in (line.barcode, line.title, detail) if part)


def signatures(st: Stocktake) -> tuple[str, str]:
    """The signature lines with their printed names: the inspector entered at the close,
    the supervisor who closed it (full name, else the user name)."""
    inspector = f"Inspector\n{st.inspector}" if st.inspector else "Inspector"
    supervisor = f"Supervisor\n{supervisor_name(st)}" if st.closed_by else "Supervisor"
    return inspector, supervisor


def build(options: Options) -> Report:
    say = options.words
    st = stocktake.get_stocktake(options.stocktake_id)
    sign_off = _sign_off(st)
    compared = functools.cache(lambda: compare(st))  # once, and only when asked for

    def line(o: stocktake.Outcome, note: str) -> Row:
        return (
            o.barcode,
            o.title,
            o.volume,
            o.outcome,
            o.borrower,
            o.due,
            o.location,
            o.condition,
            o.found_location,
            o.scans,
            note,
            *sign_off,
        )

    def rows() -> Iterator[Row]:
        """The discrepancies first (a missing copy with what the records say happened to
        it last), then every other line, each part by barcode."""
        found = [o for o in stocktake.outcomes(st) if o.outcome in DISCREPANCIES]
        missing = [o.copy_id for o in found if o.outcome == MISSING and o.copy_id is not None]
        last = stocktake.last_known(missing, st.id)
        for o in found:
            said = last.get(o.copy_id) if o.outcome == MISSING and o.copy_id else None
            since = compared().note(o.copy_id)
            yield line(o, Phrases(part for part in (o.remark, since, said) if part))
        for o in stocktake.outcomes(st):
            if o.outcome not in DISCREPANCIES:
                since = compared().note(o.copy_id)
                yield line(o, Phrases(part for part in (o.remark, since) if part))

    period = say("Stocktake {id} · opened {day}", id=st.id, day=f"{st.opened_at:%Y-%m-%d}")
    period += (
        say(" · signed {day}", day=signed_head(st).signed_on.isoformat())
        if st.is_signed
        else say(" · not signed")
    )
    return Report(
        "inspection",
        say("Inspection report — stocktake {id}", id=st.id),
        period,
        COLUMNS,
        rows,
        lambda: [*summary_lines(st, say), *_comparison_summary(compared(), say)],
        signatures(st),
        settings.branch(),
        cover=lambda: cover(st, compared(), say),
    )


def _comparison_summary(compared: Comparison, say: Words | None = None) -> list[str]:
    if compared.previous is None:
        return []
    say = say or words()
    return [
        say(
            "Since stocktake {id} (signed {day}): {counts}.",
            id=compared.previous.id,
            day=say.day(compared.previous.signed_on),
            counts=_counts_text(compared, say),
        )
    ]
