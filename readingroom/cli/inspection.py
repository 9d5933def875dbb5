"""Inspection commands: schedule, readiness, recall letters, the stocktake, overdue reminders."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
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
from readingroom.cli.context import Context, table
from readingroom.cli.parsers import Subparsers, language_option
from readingroom.clock import parse_date
from readingroom.errors import AuditBroken, BadInput, NotFound
from readingroom.reports.inspection import supervisor_name
from readingroom.seals import format_fingerprint
from readingroom.vocabulary import StocktakeOutcome
from readingroom.wording import count


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


# -- schedule and readiness ---------------------------------------------------------------


def _schedule_text(s: inspection.Schedule) -> str:
    starts = s.freeze_starts
    if s.inspection_date is None or starts is None:
        return "No inspection is scheduled."
    text = (
        f"Inspection on {s.inspection_date.isoformat()} ({s.days_left} days left); "
        f"lending freezes {s.freeze_days} days before, from {starts.isoformat()}."
    )
    return text + (" Lending is frozen now." if s.frozen else "")


def cmd_schedule(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    if args.date is None:
        if args.freeze_days is not None:
            raise BadInput("Give the inspection date with --freeze-days.")
        s = inspection.current_schedule()
    else:
        s = inspection.schedule(actor, parse_date(args.date, "inspection date"), args.freeze_days)
    ctx.emit(s.as_dict(), _schedule_text(s))
    return 0


def cmd_readiness(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    ready = inspection.readiness(_day(args))
    if ready.inspection_date is None:
        head = "No inspection is scheduled."
    else:
        head = f"Inspection on {ready.inspection_date.isoformat()}: {ready.days_left} days left."
    rows = [
        [
            i.reason,
            i.barcode or "(none)",
            i.volume_title,
            " ".join(filter(None, [i.borrower, i.borrower_name])),
            i.due.isoformat() if i.due else "",
            str(i.days_overdue) if i.days_overdue else "",
        ]
        for i in ready.items
    ]
    lines = [head]
    if rows:
        lines += table(rows, ["reason", "barcode", "title", "borrower", "due", "overdue"])
    else:
        lines.append("Every copy is on its shelf.")
    ctx.emit(ready.as_dict(), lines)
    return 0


def cmd_recall(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = inspection.write_recall_letters(ctx.actor, args.out, _day(args), args.lang)
    text: str | list[str]
    if not result.files:
        text = "No loan is overdue or due after the inspection: no letters."
    else:
        text = [
            f"Wrote {count(len(result.files), 'recall letter')} for "
            f"{count(len(result.loans), 'loan')}, each recorded on its loan:",
            *(f"  {path}" for path in result.files),
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
    lines = [f"Opened stocktake {st.id}: {count(st.expected_count, 'copy')} expected."]
    data: dict[str, Any] = {"stocktake": st.id, "expected": st.expected_count, "chain": None}
    if opened.chain is not None:
        data["chain"] = opened.chain.as_dict()
        lines.append(
            "Audit trail since the last signed stocktake: "
            + (
                "intact and extends its recorded head."
                if opened.chain.ok
                else f"NOT VERIFIED: {opened.chain.problem}."
            )
        )
        if not opened.chain.ok:
            print(f"Warning: {opened.chain.problem}", file=sys.stderr)
    ctx.emit(data, lines)
    return 0


def _file_lines(path: str) -> Iterator[tuple[int, str]]:
    try:
        stream = Path(path).open(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        raise BadInput(f"Cannot read {path}: {error.strerror or error}.") from None
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield number, line.strip()


def _scan_inputs(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    for barcode in args.barcodes:
        yield "argument", barcode
    if args.file:
        for number, line in _file_lines(args.file):
            yield f"line {number}", line


def _scan_line(result: stocktake.ScanResult) -> str:
    notes = []
    for flag in result.flags:
        if flag == stocktake.WRONG_LOCATION:
            notes.append(f"wrong location: belongs at {result.expected_location or '(none)'}")
        elif flag == stocktake.RECORDED_ON_LOAN:
            notes.append("records say on loan")
        else:
            notes.append(flag)
    text = f"{result.barcode}  {result.found}/{result.expected}"
    return text + (f"  [{'; '.join(notes)}]" if notes else "")


def cmd_scan(ctx: Context, args: argparse.Namespace) -> int:
    if not args.barcodes and not args.file:
        raise BadInput("Give barcodes to record, or --file FILE.")
    ctx.open()
    actor = ctx.actor
    results, bad = [], 0
    for where, text in _scan_inputs(args):
        try:
            barcode = check_barcode(text)
        except BadInput as error:
            bad += 1
            print(f"{where}: {error.message}", file=sys.stderr)
            continue
        result = stocktake.scan(actor, barcode, args.location)
        results.append(result)
        if not ctx.json:
            print(_scan_line(result), flush=True)  # said only once it is saved
    flagged = {
        flag: [r.barcode for r in results if flag in r.flags] for flag in stocktake.SCAN_FLAGS
    }
    last = results[-1] if results else None
    summary = f"Recorded {count(len(results), 'scan')}"
    if last is not None:
        summary += f"; found {last.found} of {last.expected}"
    counts = ", ".join(f"{flag} {len(codes)}" for flag, codes in flagged.items() if codes)
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
        print(summary + (f" (flagged: {counts})." if counts else "."))
    return 1 if bad else 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    progress = stocktake.progress()
    counts = ", ".join(f"{flag} {n}" for flag, n in progress.flagged.items() if n)
    ctx.emit(
        progress.as_dict(),
        f"Stocktake {progress.stocktake_id} ({progress.status}): found "
        f"{progress.found} of {progress.expected}, {count(progress.scans, 'scan')}"
        + (f"; flagged: {counts}." if counts else "."),
    )
    return 0


def cmd_close(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    closed = stocktake.close(ctx.actor, args.signed_by, args.inspector)
    st, counts = closed.stocktake, closed.counts
    lines = [
        f"Stocktake {st.id} reconciled and signed by {st.signed_by} and the supervisor "
        f"{supervisor_name(st)} on {inspection.signed_head(st).signed_on.isoformat()}"
        + (f"; inspector: {st.inspector}." if st.inspector else "."),
        "  " + ", ".join(f"{outcome} {n}" for outcome, n in counts.items()),
    ]
    for outcome in (
        StocktakeOutcome.MISSING,
        StocktakeOutcome.MISPLACED,
        StocktakeOutcome.UNEXPECTED,
    ):
        if closed.by_outcome[outcome]:
            lines.append(f"  {outcome}: {', '.join(closed.by_outcome[outcome])}")
    if found_on_loan := closed.by_outcome[StocktakeOutcome.PRESENT_ON_LOAN]:
        lines.append(
            f"  {StocktakeOutcome.PRESENT_ON_LOAN} (found, but the records say on loan): "
            f"{', '.join(found_on_loan)}: {stocktake.TAKE_BACK}"
        )
    if closed.repeated:
        lines.append(f"  scanned more than once: {', '.join(closed.repeated)}")
    if closed.marked_missing or closed.found_again:
        titles = _titles(st, {*closed.marked_missing, *closed.found_again})
        for what, barcodes in (
            ("marked missing", closed.marked_missing),
            ("found again, back on the shelf", closed.found_again),
        ):
            if barcodes:
                lines.append(f"  {what} ({len(barcodes)}):")
                lines += [
                    f"    {barcode}  {titles.get(barcode, '')}".rstrip() for barcode in barcodes
                ]
    lines.append(
        f"  audit trail: {'intact' if st.audit_ok else 'BROKEN'}, "
        f"{count(st.audit_count or 0, 'entry')}, latest hash {st.audit_hash}"
    )
    if st.root_fingerprint:
        lines.append(f"  root key fingerprint: {format_fingerprint(st.root_fingerprint)}")
    ctx.emit(closed.as_dict(), lines)
    return 0


def _titles(st: stocktake.Stocktake, barcodes: set[str]) -> dict[str, str]:
    """Each of ``barcodes``' title (with its volume when the work has several), as the
    stocktake recorded it."""
    return {
        o.barcode: f"{o.title}, vol. {o.volume}" if o.volume and o.volume > 1 else o.title
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
            raise NotFound("No stocktake has been signed yet: there is no recorded chain head.")
        head = inspection.signed_head(signed)
        check = head.check()
        where = f"stocktake {signed.id} signed on {head.signed_on.isoformat()}"
    data = {**check.as_dict(), "bundle": checked.as_dict() if checked else None}
    if not check.ok:
        if ctx.json:
            ctx.emit(data)
        raise AuditBroken(
            f"The catalogue's audit trail does not extend the head recorded at "
            f"{where}: {check.problem}."
        )
    sealed = seals.verify_seals()
    data = {**data, "root_fingerprint": sealed.root_fingerprint, "seals": sealed.seals_dict()}
    if not sealed.ok:
        if ctx.json:
            ctx.emit({**data, "ok": False, "problem": sealed.problem})
        raise AuditBroken(f"The audit trail's seals do not verify: {sealed.problem}.")
    fp = sealed.root_fingerprint
    lines = [
        f"The audit trail ({count(check.current_count, 'entry')}) is intact and extends the "
        f"head recorded at {where} (entry {check.recorded_count}).",
        f"Root key fingerprint: {format_fingerprint(fp) if fp else 'none'}; "
        f"{count(sealed.count, 'seal')} verify.",
    ]
    if checked is not None and not checked.signed:
        lines.append(
            "Note: the bundle is not signed (made before signed bundles), so it "
            "cannot show who made it."
        )
    ctx.emit(data, lines)
    return 0


def _checked_bundle(ctx: Context, folder: str) -> BundleCheck:
    """The bundle's own checks first: when it is the bundle that was altered, say so."""
    checked = check_bundle(folder)
    if checked.altered:
        if ctx.json:
            ctx.emit({"ok": False, "bundle": checked.as_dict()})
        raise AuditBroken(
            f"The bundle in {folder} was altered after it was exported (the "
            "bundle fails its own checks; the catalogue was not compared): "
            + "; ".join(checked.failures)
            + "."
        )
    return checked


def _same_catalogue(ctx: Context, folder: str) -> None:
    """Exit 4 when the catalogue is not the bundle's (root key) or was rolled back."""
    problem = check_catalogue_against_bundle(folder)
    if not problem:
        return
    if ctx.json:
        ctx.emit({"ok": False, "problem": problem})
    raise AuditBroken(f"The catalogue does not match the bundle in {folder}: {problem}.")


# -- reminders ----------------------------------------------------------------------------


def _reminder_rows(items: list[reminders.DueReminder]) -> list[str]:
    return table(
        [
            [
                r.barcode,
                r.volume_title,
                r.member_no,
                f"{r.level} ({reminders.LEVEL_NAMES[r.level].lower()})",
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
    text = _reminder_rows(due) if due else [f"No reminders are due on {day.isoformat()}."]
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
        "Not returned at the reading room's closing (now missing):",
        *(
            f"  {u.barcode} {u.title}: {u.name} ({u.member_no}), seat {u.seat}, "
            f"closed {u.closed_at:%Y-%m-%d}"
            for u in unreturned
        ),
    ]


def cmd_reminders_send(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    sent = reminders.send(ctx.actor, args.out, _day(args), args.lang)
    if not sent.reminders:
        text: str | list[str] = f"No reminders are due on {sent.day.isoformat()}."
    else:
        text = [
            f"Recorded {count(len(sent.reminders), 'reminder')} on {sent.day.isoformat()}:",
            *_reminder_rows(sent.reminders),
        ]
        if sent.supervisor_told:
            text.append(
                "Final demands (the supervisor gets a copy): "
                + ", ".join(r.barcode for r in sent.supervisor_told)
            )
        text += [f"  {path}" for path in sent.files]
    text = ([text] if isinstance(text, str) else text) + _unreturned_lines(sent.not_returned)
    ctx.emit(sent.as_dict(), text)
    return 0


def cmd_reminders_delays(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    delays = reminders.set_delays(actor, args.days).delays if args.days else reminders.delays()
    ctx.emit(
        {"delays": list(delays)},
        "Reminder levels at "
        + ", ".join(
            f"{reminders.LEVEL_NAMES[level].lower()} {count(days, 'day')} overdue"
            for level, days in zip(reminders.LEVELS, delays, strict=True)
        )
        + ".",
    )
    return 0


def cmd_reminders_history(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    loan = reminders.latest_loan_of(args.barcode)
    if loan is None:
        raise NotFound(f"{args.barcode} has never been lent.")
    sent = reminders.loan_reminders(loan.id)
    barcode = loan.copy.barcode  # as stored: the argument may be w-1002 or a scan
    lines = [
        f"{barcode}: loan to {loan.borrower.member_no}, due {loan.due.isoformat()}"
        + ("" if loan.returned_at is None else f", returned {loan.returned_on}")
    ]
    lines += [
        f"  {r.sent_on.isoformat()}  level {r.level} ({r.name.lower()}), "
        f"{r.days_overdue} days overdue, by {r.staff}"
        + ("; supervisor told" if r.supervisor_told else "")
        for r in sent
    ]
    if not sent:
        lines.append("  no reminders sent")
    recalls = inspection.loan_recalls(loan.id)
    lines += [
        f"  {r.sent_on.isoformat()}  recall letter {r.level} ({r.reason}"
        + (f", {r.days_overdue} days overdue" if r.days_overdue else "")
        + f"), by {r.staff}"
        for r in recalls
    ]
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
