"""Inspection commands: schedule, readiness, recall letters, the stocktake, overdue reminders."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from readingroom import clock, inspection, reminders, seals, stocktake
from readingroom.bundle import (
    BundleCheck,
    check_bundle,
    check_catalogue_against_bundle,
    check_chain_against_bundle,
)
from readingroom.catalogue import check_barcode
from readingroom.cli import localise
from readingroom.cli.context import Context, remark, table, terminal_text
from readingroom.cli.parsers import Subparsers, language_option
from readingroom.clock import parse_date
from readingroom.errors import AuditBroken, BadInput, NotFound
from readingroom.imports import cannot_read
from readingroom.messages import Count, Param, Text, listed, said
from readingroom.reports.inspection import supervisor_name
from readingroom.seals import format_fingerprint
from readingroom.vocabulary import StocktakeOutcome


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("inspection", help="the annual inspection: readiness and stocktake")
    insp = p.add_subparsers(dest="inspection_command", metavar="ACTION", required=True)

    q = insp.add_parser(
        "schedule", parents=[common], help="set the next inspection (with no date: show it)"
    )
    q.add_argument("date", nargs="?", metavar="YYYY-MM-DD")
    q.add_argument(
        "--freeze-days",
        type=int,
        metavar="N",
        help="days before the inspection when lending is frozen (default 7)",
    )
    q.set_defaults(func=cmd_schedule)

    q = insp.add_parser(
        "readiness", parents=[common], help="every copy not on its shelf, and what must come back"
    )
    _date_option(q, "the day to judge readiness on")
    q.set_defaults(func=cmd_readiness)

    q = insp.add_parser(
        "recall",
        parents=[common],
        help="recall letters (one PDF per borrower) for loans overdue or due after the inspection",
    )
    q.add_argument("--out", required=True, metavar="DIR")
    _date_option(q, "the letters' date: today (the default) or later, never earlier")
    language_option(q, "the letters")
    q.set_defaults(func=cmd_recall)

    q = insp.add_parser("start", parents=[common], help="open a stocktake")
    q.set_defaults(func=cmd_start)

    q = insp.add_parser(
        "scan", parents=[common], help="record scanned barcodes (or --file, one barcode a line)"
    )
    q.add_argument("barcodes", nargs="*", metavar="BARCODE")
    q.add_argument("--file", metavar="FILE", help="a file of barcodes, one a line")
    q.add_argument("--location", metavar="NAME", help="where these copies were found")
    q.set_defaults(func=cmd_scan)

    q = insp.add_parser(
        "status", parents=[common], help="the newest stocktake's progress (found / expected)"
    )
    q.set_defaults(func=cmd_status)

    q = insp.add_parser(
        "close", parents=[common], help="reconcile and sign the stocktake (supervisor)"
    )
    q.add_argument("--signed-by", required=True, metavar="NAME")
    q.add_argument(
        "--inspector",
        metavar="NAME",
        help="the external inspector's name, kept with the stocktake and printed on the "
        "report's signature line",
    )
    q.set_defaults(func=cmd_close)

    q = insp.add_parser(
        "verify-chain",
        parents=[common],
        help="check the audit trail still extends the head recorded at the "
        "last signed stocktake (or in a bundle)",
    )
    q.add_argument("--bundle", metavar="DIR", help="take the recorded head from a bundle")
    q.set_defaults(func=cmd_verify_chain)

    p = sub.add_parser("reminders", help="overdue reminders")
    rem = p.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    q = rem.add_parser("due", parents=[common], help="reminders due on a day")
    _date_option(q, "the day (default today)")
    q.set_defaults(func=cmd_reminders_due)
    q = rem.add_parser(
        "send", parents=[common], help="record the due reminders and write the letters"
    )
    _date_option(q, "the letters' date: today (the default) or later, never earlier")
    q.add_argument("--out", required=True, metavar="DIR")
    language_option(q, "the letters")
    q.set_defaults(func=cmd_reminders_send)
    q = rem.add_parser(
        "delays",
        parents=[common],
        help="days overdue for levels 1, 2 and 3 (with a value: set them)",
    )
    q.add_argument("days", nargs="?", metavar="D1,D2,D3")
    q.set_defaults(func=cmd_reminders_delays)
    q = rem.add_parser("history", parents=[common], help="the reminders sent for a loan")
    q.add_argument("barcode")
    q.set_defaults(func=cmd_reminders_history)


def _date_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--date", metavar="YYYY-MM-DD", help=what)


def _day(args: argparse.Namespace) -> date:
    return parse_date(args.date) if args.date else clock.today()


def _joined(parts: Sequence[str], separator: str = ", ") -> str:
    """``parts`` (each a message of its own) as one message, ``a, b, c`` or ``a; b; c``,
    each part still in the language by its key."""
    if not parts:
        return ""
    text = parts[-1]
    for part in reversed(parts[:-1]):
        if separator == "; ":
            text = said("{first}; {rest}", first=part, rest=text)
        else:
            text = said("{first}, {rest}", first=part, rest=text)
    return text


# -- schedule and readiness ---------------------------------------------------------------


def _schedule_text(s: inspection.Schedule) -> Text:
    starts = s.freeze_starts
    if s.inspection_date is None or starts is None:
        return said("No inspection is scheduled.")
    params: dict[str, Param] = {
        "day": s.inspection_date,
        "days": Count(s.days_left or 0, "day"),
        "freeze": Count(s.freeze_days, "day"),
        "starts": starts,
    }
    if s.frozen:
        return said(
            "Inspection on {day} ({days} left); lending freezes {freeze} before, from "
            "{starts}. Lending is frozen now.",
            **params,
        )
    return said(
        "Inspection on {day} ({days} left); lending freezes {freeze} before, from {starts}.",
        **params,
    )


def cmd_schedule(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    if args.date is None:
        if args.freeze_days is not None:
            raise BadInput(said("Give the inspection date with --freeze-days."))
        s = inspection.current_schedule()
    else:
        s = inspection.schedule(actor, parse_date(args.date, "inspection date"), args.freeze_days)
    ctx.emit(s.as_dict(), _schedule_text(s))
    return 0


def cmd_readiness(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    ready = inspection.readiness(_day(args))
    if ready.inspection_date is None:
        head = said("No inspection is scheduled.")
    else:
        head = said(
            "Inspection on {day}: {days} left.",
            day=ready.inspection_date,
            days=Count(ready.days_left or 0, "day"),
        )
    rows = [
        [
            i.reason,
            i.barcode or said("(none)"),
            i.volume_title,
            " ".join(filter(None, [i.borrower, i.borrower_name])),
            i.due.isoformat() if i.due else "",
            str(i.days_overdue) if i.days_overdue else "",
        ]
        for i in ready.items
    ]
    lines: list[str] = [head]
    if rows:
        lines += table(rows, ["reason", "barcode", "title", "borrower", "due", "overdue"])
    else:
        lines.append(said("Every copy is on its shelf."))
    ctx.emit(ready.as_dict(), lines)
    return 0


def cmd_recall(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = inspection.write_recall_letters(ctx.actor, args.out, _day(args), args.lang)
    text: str | list[str]
    if not result.files:
        text = said("No loan is overdue or due after the inspection: no letters.")
    else:
        text = [
            said(
                "Wrote {letters} for {loans}, each recorded on its loan:",
                letters=Count(len(result.files), "recall letter"),
                loans=Count(len(result.loans), "loan"),
            ),
            *(f"  {path}" for path in result.files),  # a path alone: nothing to translate
        ]
    ctx.emit(
        {
            "files": [str(p) for p in result.files],
            "loans": [
                {
                    "barcode": loan.barcode,
                    "member_no": loan.member_no,
                    "due": loan.due.isoformat(),
                    "reason": loan.reason,
                }
                for loan in result.loans
            ],
        },
        text,
    )
    return 0


# -- stocktake ----------------------------------------------------------------------------


def cmd_start(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    opened = stocktake.start(ctx.actor)
    st = opened.stocktake
    lines: list[str] = [
        said(
            "Opened stocktake {stocktake}: {copies} expected.",
            stocktake=st.id,
            copies=Count(st.expected_count, "copy"),
        )
    ]
    data: dict[str, Any] = {"stocktake": st.id, "expected": st.expected_count, "chain": None}
    if opened.chain is not None:
        data["chain"] = opened.chain.as_dict()
        problem = opened.chain.problem
        lines.append(
            said(
                "Audit trail since the last signed stocktake: intact and extends its recorded head."
            )
            if opened.chain.ok
            else said(
                "Audit trail since the last signed stocktake: NOT VERIFIED: {problem}.",
                problem=problem,
            )
        )
        if not opened.chain.ok:
            remark(said("Warning: {problem}", problem=problem))
    ctx.emit(data, lines)
    return 0


def _file_lines(path: str) -> Iterator[tuple[int, str]]:
    try:
        stream = Path(path).open(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        raise BadInput(cannot_read(path, error)) from None
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield number, line.strip()


def _scan_inputs(args: argparse.Namespace) -> Iterator[tuple[int | None, str]]:
    """Each barcode to record, with its line in ``--file`` (None: an argument)."""
    for barcode in args.barcodes:
        yield None, barcode
    if args.file:
        yield from _file_lines(args.file)


def _rejected(line: int | None, problem: str) -> Text:
    if line is None:
        return said("argument: {problem}", problem=problem)
    return said("line {line}: {problem}", line=line, problem=problem)


def _scan_line(result: stocktake.ScanResult) -> Text:
    notes: list[str] = []
    for flag in result.flags:
        if flag == stocktake.WRONG_LOCATION:
            notes.append(
                said(
                    "wrong location: belongs at {location}",
                    location=result.expected_location or said("(none)"),
                )
            )
        elif flag == stocktake.RECORDED_ON_LOAN:
            notes.append(said("records say on loan"))
        else:
            notes.append(said("{flag}", flag=flag))
    if notes:
        return said(
            "{barcode}  {found}/{expected}  [{notes}]",
            barcode=result.barcode,
            found=result.found,
            expected=result.expected,
            notes=_joined(notes, "; "),
        )
    return said(
        "{barcode}  {found}/{expected}",
        barcode=result.barcode,
        found=result.found,
        expected=result.expected,
    )


def _flag_counts(counts: dict[str, int]) -> str:
    """``wrong-location 2, repeat 1``: each flag met, with how many scans it marks."""
    return _joined([said("{flag} {count}", flag=flag, count=n) for flag, n in counts.items() if n])


def _scan_summary(results: list[stocktake.ScanResult], flagged: str) -> Text:
    scans = Count(len(results), "scan")
    if not results:
        if flagged:
            return said("Recorded {scans} (flagged: {flagged}).", scans=scans, flagged=flagged)
        return said("Recorded {scans}.", scans=scans)
    last = results[-1]
    if flagged:
        return said(
            "Recorded {scans}; found {found} of {expected} (flagged: {flagged}).",
            scans=scans,
            found=last.found,
            expected=last.expected,
            flagged=flagged,
        )
    return said(
        "Recorded {scans}; found {found} of {expected}.",
        scans=scans,
        found=last.found,
        expected=last.expected,
    )


def cmd_scan(ctx: Context, args: argparse.Namespace) -> int:
    if not args.barcodes and not args.file:
        raise BadInput(said("Give barcodes to record, or --file FILE."))
    ctx.open()
    actor = ctx.actor
    results, bad = [], 0
    say = localise.words()
    for line, text in _scan_inputs(args):
        try:
            barcode = check_barcode(text)
        except BadInput as error:
            bad += 1
            remark(_rejected(line, error.message))
            continue
        result = stocktake.scan(actor, barcode, args.location)
        results.append(result)
        if not ctx.json:  # said only once it is saved
            print(terminal_text(localise.sentence(_scan_line(result), say)), flush=True)
    flagged = {
        flag: [r.barcode for r in results if flag in r.flags] for flag in stocktake.SCAN_FLAGS
    }
    last = results[-1] if results else None
    if ctx.json:
        ctx.emit(
            {
                "stocktake": last.stocktake_id if last else None,
                "scans": [r.as_dict() for r in results],
                "found": last.found if last else None,
                "expected": last.expected if last else None,
                "flagged": flagged,
                "rejected": bad,
            }
        )
    else:
        counts = _flag_counts({flag: len(codes) for flag, codes in flagged.items()})
        ctx.emit({}, _scan_summary(results, counts))
    return 1 if bad else 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    progress = stocktake.progress()
    counts = _flag_counts(dict(progress.flagged))
    params: dict[str, Param] = {
        "stocktake": progress.stocktake_id,
        "state": str(progress.status),
        "found": progress.found,
        "expected": progress.expected,
        "scans": Count(progress.scans, "scan"),
    }
    ctx.emit(
        progress.as_dict(),
        said(
            "Stocktake {stocktake} ({state}): found {found} of {expected}, {scans}; "
            "flagged: {flagged}.",
            flagged=counts,
            **params,
        )
        if counts
        else said(
            "Stocktake {stocktake} ({state}): found {found} of {expected}, {scans}.", **params
        ),
    )
    return 0


def _signed(st: stocktake.Stocktake) -> Text:
    params: dict[str, Param] = {
        "stocktake": st.id,
        "signer": str(st.signed_by),
        "supervisor": supervisor_name(st),
        "day": inspection.signed_head(st).signed_on,
    }
    if st.inspector:
        return said(
            "Stocktake {stocktake} reconciled and signed by {signer} and the supervisor "
            "{supervisor} on {day}; inspector: {inspector}.",
            inspector=st.inspector,
            **params,
        )
    return said(
        "Stocktake {stocktake} reconciled and signed by {signer} and the supervisor "
        "{supervisor} on {day}.",
        **params,
    )


def _trail_at_close(st: stocktake.Stocktake) -> Text:
    entries = Count(st.audit_count or 0, "entry")
    hash_ = str(st.audit_hash)
    if st.audit_ok:
        return said(
            "  audit trail: intact, {entries}, latest hash {hash}", entries=entries, hash=hash_
        )
    return said("  audit trail: BROKEN, {entries}, latest hash {hash}", entries=entries, hash=hash_)


def cmd_close(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    closed = stocktake.close(ctx.actor, args.signed_by, args.inspector)
    st, counts = closed.stocktake, closed.counts
    outcomes = [said("{outcome} {count}", outcome=o, count=n) for o, n in counts.items()]
    lines: list[str] = [_signed(st), said("  {outcomes}", outcomes=_joined(outcomes))]
    for outcome in (
        StocktakeOutcome.MISSING,
        StocktakeOutcome.MISPLACED,
        StocktakeOutcome.UNEXPECTED,
    ):
        if closed.by_outcome[outcome]:
            barcodes = ", ".join(closed.by_outcome[outcome])
            lines.append(said("  {outcome}: {barcodes}", outcome=outcome, barcodes=barcodes))
    if found_on_loan := closed.by_outcome[StocktakeOutcome.PRESENT_ON_LOAN]:
        lines.append(
            said(
                "  {outcome} (found, but the records say on loan): {barcodes}: {take_back}",
                outcome=StocktakeOutcome.PRESENT_ON_LOAN,
                barcodes=", ".join(found_on_loan),
                take_back=stocktake.TAKE_BACK,
            )
        )
    if closed.repeated:
        lines.append(
            said("  scanned more than once: {barcodes}", barcodes=", ".join(closed.repeated))
        )
    if closed.marked_missing or closed.found_again:
        lines += _changed_copies(st, closed.marked_missing, closed.found_again)
    lines.append(_trail_at_close(st))
    if st.root_fingerprint:
        lines.append(
            said(
                "  root key fingerprint: {fingerprint}",
                fingerprint=format_fingerprint(st.root_fingerprint),
            )
        )
    ctx.emit(closed.as_dict(), lines)
    return 0


def _changed_copies(
    st: stocktake.Stocktake, marked_missing: list[str], found_again: list[str]
) -> list[str]:
    """The copies the close marked missing and those it found again, each with its title."""
    titles = _titles(st, {*marked_missing, *found_again})
    lines: list[str] = []
    if marked_missing:
        lines.append(said("  marked missing ({count}):", count=len(marked_missing)))
        lines += [_titled(barcode, titles) for barcode in marked_missing]
    if found_again:
        lines.append(said("  found again, back on the shelf ({count}):", count=len(found_again)))
        lines += [_titled(barcode, titles) for barcode in found_again]
    return lines


def _titled(barcode: str, titles: dict[str, str]) -> str:
    title = titles.get(barcode)
    if not title:
        return f"    {barcode}"
    return said("    {barcode}  {title}", barcode=barcode, title=title)


def _titles(st: stocktake.Stocktake, barcodes: set[str]) -> dict[str, str]:
    """Each of ``barcodes``' title (with its volume when the work has several), as the
    stocktake recorded it."""
    return {
        o.barcode: said("{title}, vol. {volume}", title=o.title, volume=o.volume)
        if o.volume and o.volume > 1
        else o.title
        for o in stocktake.outcomes(st)
        if o.barcode in barcodes
    }


def cmd_verify_chain(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    checked = None
    if args.bundle:
        checked = _checked_bundle(ctx, args.bundle)
        _same_catalogue(ctx, args.bundle)
        check, where = check_chain_against_bundle(args.bundle)
    else:
        signed = inspection.last_signed_stocktake()
        if signed is None:
            raise NotFound(
                said("No stocktake has been signed yet: there is no recorded chain head.")
            )
        head = inspection.signed_head(signed)
        check = head.check()
        where = said(
            "stocktake {stocktake} signed on {day}", stocktake=signed.id, day=head.signed_on
        )
    data = {**check.as_dict(), "bundle": checked.as_dict() if checked else None}
    if not check.ok:
        if ctx.json:
            ctx.emit(data)
        raise AuditBroken(
            said(
                "The catalogue's audit trail does not extend the head recorded at "
                "{where}: {problem}.",
                where=where,
                problem=check.problem,
            )
        )
    sealed = seals.verify_seals()
    data = {**data, "root_fingerprint": sealed.root_fingerprint, "seals": sealed.seals_dict()}
    if not sealed.ok:
        if ctx.json:
            ctx.emit({**data, "ok": False, "problem": sealed.problem})
        raise AuditBroken(
            said("The audit trail's seals do not verify: {problem}.", problem=sealed.problem)
        )
    lines: list[str] = [
        said(
            "The audit trail ({entries}) is intact and extends the head recorded at {where} "
            "(entry {entry}).",
            entries=Count(check.current_count, "entry"),
            where=where,
            entry=str(check.recorded_count),
        ),
        _seals_line(sealed.root_fingerprint, sealed.count),
    ]
    if checked is not None and not checked.signed:
        lines.append(
            said(
                "Note: the bundle is not signed (made before signed bundles), so it "
                "cannot show who made it."
            )
        )
    ctx.emit(data, lines)
    return 0


def _seals_line(fingerprint: str | None, count: int) -> Text:
    seals_ = Count(count, "seal")
    if fingerprint:
        return said(
            "Root key fingerprint: {fingerprint}; {seals} verify.",
            fingerprint=format_fingerprint(fingerprint),
            seals=seals_,
        )
    return said("Root key fingerprint: none; {seals} verify.", seals=seals_)


def _checked_bundle(ctx: Context, folder: str) -> BundleCheck:
    """The bundle's own checks first: when it is the bundle that was altered, say so."""
    checked = check_bundle(folder)
    if checked.altered:
        if ctx.json:
            ctx.emit({"ok": False, "bundle": checked.as_dict()})
        raise AuditBroken(
            said(
                "The bundle in {folder} was altered after it was exported (the bundle fails "
                "its own checks; the catalogue was not compared): {failures}.",
                folder=folder,
                failures=listed(checked.failures),
            )
        )
    return checked


def _same_catalogue(ctx: Context, folder: str) -> None:
    """Exit 4 when the catalogue is not the bundle's (root key) or was rolled back."""
    problem = check_catalogue_against_bundle(folder)
    if not problem:
        return
    if ctx.json:
        ctx.emit({"ok": False, "problem": problem})
    raise AuditBroken(
        said(
            "The catalogue does not match the bundle in {folder}: {problem}.",
            folder=folder,
            problem=problem,
        )
    )


# -- reminders ----------------------------------------------------------------------------


def _reminder_rows(items: list[reminders.DueReminder]) -> list[str]:
    return table(
        [
            [
                r.barcode,
                r.volume_title,
                r.member_no,
                said(
                    "{level} ({reminder})",
                    level=r.level,
                    reminder=reminders.LEVEL_NAMES[r.level].lower(),
                ),
                str(r.days_overdue),
            ]
            for r in items
        ],
        ["barcode", "title", "member", "level", "days overdue"],
    )


def cmd_reminders_due(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    day = _day(args)
    due = reminders.due_reminders(day)
    unreturned = reminders.not_returned_at_closing()
    text = _reminder_rows(due) if due else [said("No reminders are due on {day}.", day=day)]
    ctx.emit(
        {
            "reminders": [r.as_dict() for r in due],
            "not_returned": [u.as_dict() for u in unreturned],
        },
        text + _unreturned_lines(unreturned),
    )
    return 0


def _unreturned_lines(unreturned: list[Any]) -> list[str]:
    """The copies not returned at the reading room's closing (still missing), by reader."""
    if not unreturned:
        return []
    return [
        said("Not returned at the reading room's closing (now missing):"),
        *(
            said(
                "  {barcode} {title}: {name} ({member}), seat {seat}, closed {closed}",
                barcode=u.barcode,
                title=u.title,
                name=u.name,
                member=u.member_no,
                seat=u.seat,
                closed=u.closed_at.date(),
            )
            for u in unreturned
        ),
    ]


def cmd_reminders_send(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    sent = reminders.send(ctx.actor, args.out, _day(args), args.lang)
    text: list[str]
    if not sent.reminders:
        text = [said("No reminders are due on {day}.", day=sent.day)]
    else:
        text = [
            said(
                "Recorded {reminders} on {day}:",
                reminders=Count(len(sent.reminders), "reminder"),
                day=sent.day,
            ),
            *_reminder_rows(sent.reminders),
        ]
        if sent.supervisor_told:
            text.append(
                said(
                    "Final demands (the supervisor gets a copy): {barcodes}",
                    barcodes=", ".join(r.barcode for r in sent.supervisor_told),
                )
            )
        text += [f"  {path}" for path in sent.files]  # a path alone: nothing to translate
    ctx.emit(sent.as_dict(), text + _unreturned_lines(sent.not_returned))
    return 0


def cmd_reminders_delays(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    delays = reminders.set_delays(actor, args.days).delays if args.days else reminders.delays()
    first, second, final = (Count(days, "day") for days in delays)
    ctx.emit(
        {"delays": list(delays)},
        said(
            "Reminder levels at reminder {first} overdue, second notice {second} overdue, "
            "final demand {final} overdue.",
            first=first,
            second=second,
            final=final,
        ),
    )
    return 0


def _reminder_line(r: Any) -> Text:
    params: dict[str, Param] = {
        "day": r.sent_on,
        "level": r.level,
        "reminder": r.name.lower(),
        "days": Count(r.days_overdue, "day"),
        "staff": r.staff,
    }
    if r.supervisor_told:
        return said(
            "  {day}  level {level} ({reminder}), {days} overdue, by {staff}; supervisor told",
            **params,
        )
    return said("  {day}  level {level} ({reminder}), {days} overdue, by {staff}", **params)


def _recall_line(r: Any) -> Text:
    params: dict[str, Param] = {
        "day": r.sent_on,
        "level": r.level,
        "readiness": r.reason,
        "staff": r.staff,
    }
    if r.days_overdue:
        return said(
            "  {day}  recall letter {level} ({readiness}, {days} overdue), by {staff}",
            days=Count(r.days_overdue, "day"),
            **params,
        )
    return said("  {day}  recall letter {level} ({readiness}), by {staff}", **params)


def cmd_reminders_history(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    loan = reminders.latest_loan_of(args.barcode)
    if loan is None:
        raise NotFound(said("{barcode} has never been lent.", barcode=args.barcode))
    sent = reminders.loan_reminders(loan.id)
    barcode = loan.copy.barcode  # as stored: the argument may be w-1002 or a scan
    lines: list[str] = [
        said(
            "{barcode}: loan to {member}, due {due}",
            barcode=barcode,
            member=loan.borrower.member_no,
            due=loan.due,
        )
        if loan.returned_at is None
        else said(
            "{barcode}: loan to {member}, due {due}, returned {returned}",
            barcode=barcode,
            member=loan.borrower.member_no,
            due=loan.due,
            returned=str(loan.returned_on),
        )
    ]
    lines += [_reminder_line(r) for r in sent]
    if not sent:
        lines.append(said("  no reminders sent"))
    recalls = inspection.loan_recalls(loan.id)
    lines += [_recall_line(r) for r in recalls]
    ctx.emit(
        {
            "barcode": barcode,
            "member_no": loan.borrower.member_no,
            "due": loan.due.isoformat(),
            "reminders": [r.as_dict() for r in sent],
            "recalls": [r.as_dict() for r in recalls],
        },
        lines,
    )
    return 0
