"""Desk commands: check, lend, return, renew, holds and a borrower's account."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from readingroom import borrower_notes, borrowers, catalogue, circulation, holds, room, staff
from readingroom.cli import localise
from readingroom.cli.context import Context, read_password
from readingroom.cli.notes import note_record, register_notes
from readingroom.cli.parsers import Subparsers, language_option
from readingroom.clock import parse_date
from readingroom.decision import Decision
from readingroom.errors import BadInput, EnvironmentProblem, Refused
from readingroom.messages import Count, Param, Text, said
from readingroom.vocabulary import CONDITIONS, HoldStatus

if TYPE_CHECKING:  # the type alone: the command reads what the service returns
    from readingroom.borrowers import BorrowerSaved


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[common], help="the lending decision; changes nothing")
    p.add_argument("barcode")
    p.add_argument("member_no")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("lend", parents=[common], help="lend a copy to a borrower")
    p.add_argument("barcode")
    p.add_argument("member_no")
    p.add_argument("--override", metavar="REASON", help="supervisor's override with a reason")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="record a loan made earlier (supervisor, with --reason)",
    )
    p.add_argument("--reason", metavar="TEXT", help="why a loan is recorded back-dated")
    p.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="BARCODE",
        help="another copy lent in the same basket (every volume of a set goes out together)",
    )
    _slip_option(p, "loan")
    p.set_defaults(func=cmd_lend)

    p = sub.add_parser("return", parents=[common], help="take a copy back")
    p.add_argument("barcode")
    p.add_argument("--condition", choices=CONDITIONS)
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="record a return made earlier (supervisor, with --reason)",
    )
    p.add_argument("--reason", metavar="TEXT", help="why a return is recorded back-dated")
    p.add_argument(
        "--conservation",
        action="store_true",
        help="send the copy to conservation with the return (out of circulation until "
        "`conservation release`)",
    )
    p.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="BARCODE",
        help="another copy brought back in the same basket (a set comes back whole)",
    )
    _slip_option(p, "return")
    p.set_defaults(func=cmd_return)

    p = sub.add_parser("renew", parents=[common], help="renew the copy's loan from today")
    p.add_argument("barcode")
    p.add_argument("--override", metavar="REASON", help="supervisor's override with a reason")
    p.set_defaults(func=cmd_renew)

    p = sub.add_parser(
        "hold", parents=[common], help="join (or with --cancel leave) the waiting list"
    )
    p.add_argument("barcode")
    p.add_argument("member_no")
    p.add_argument("--cancel", action="store_true")
    p.set_defaults(func=cmd_hold)

    p = sub.add_parser("holds", help="waiting lists as a whole")
    holds_sub = p.add_subparsers(dest="holds_command", metavar="ACTION", required=True)
    q = holds_sub.add_parser(
        "expire",
        parents=[common],
        help="expire holds whose set-aside copy was not collected by its pickup date "
        "(the copy passes to the next in line or back to the shelf)",
    )
    q.set_defaults(func=cmd_holds_expire)

    p = sub.add_parser("borrower", help="borrowers")
    borrower_sub = p.add_subparsers(dest="borrower_command", metavar="ACTION", required=True)
    q = borrower_sub.add_parser("show", parents=[common], help="a borrower, active loans and holds")
    q.add_argument("member_no")
    q.set_defaults(func=cmd_borrower_show)
    register_borrower_edits(borrower_sub, common)
    register_pin(borrower_sub, common)
    register_notes(borrower_sub, common)


def _slip_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--slip",
        metavar="FILE.pdf",
        help=f"also write the {what}'s slip (branch, member, copy, audit entry) to FILE.pdf",
    )
    language_option(parser, "the slip")


def _check_slip(args: argparse.Namespace) -> None:
    """A slip file whose folder cannot take it is refused before anything is recorded."""
    if args.slip is not None:
        from readingroom import slip  # fpdf2 loads only to write a slip

        slip.check_target(args.slip)


def _write_slip(ctx: Context, args: argparse.Namespace, result: Any) -> None:
    if args.slip is None:
        return
    from readingroom import slip

    try:
        written = slip.write_slip(args.slip, [result], args.lang)
    except EnvironmentProblem as error:
        raise _slip_not_written(error) from None
    if not ctx.json:
        print(localise.sentence(_slip_written(args.slip, written[0].audit_range)))


def _slip_not_written(error: EnvironmentProblem) -> EnvironmentProblem:
    return EnvironmentProblem(
        said("It is recorded, but the slip was not written: {message}", message=error.message)
    )


def _slip_written(path: str, audit_range: str) -> Text:
    return said("Slip written to {path} (audit entry {entries}).", path=path, entries=audit_range)


def register_pin(borrower_sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """``borrower pin MEMBER [--clear]``: the member's PIN for the writers' screen."""
    q = borrower_sub.add_parser(
        "pin",
        parents=[common],
        help="set (PIN from a prompt or stdin) or --clear a member's PIN for the writers' screen",
    )
    q.add_argument("member_no")
    q.add_argument("--clear", action="store_true", help="take the PIN away")
    q.set_defaults(func=cmd_borrower_pin)


#: what a decision acted on says, given its due date (None: none)
Done = Callable[[str | None], Text]


def _decision_text(decision: Decision, done: Done) -> list[str]:
    if not decision.allowed:
        return [
            said("Refused:"),
            *(
                said("  {code}: {reason}", code=str(r.code), reason=r)
                if r.overridable
                else said("  {code}: {reason} (no override)", code=str(r.code), reason=r)
                for r in decision.reasons
            ),
        ]
    lines: list[str] = [done(decision.due.isoformat() if decision.due else None)]
    if decision.overridden:
        lines.append(said("  overridden: {codes}", codes=", ".join(decision.codes)))
    lines += [said("  note: {note}", note=note) for note in decision.notes]
    return lines


def _allowed(due: str | None) -> Text:
    return said("Allowed; due {due}.", due=due) if due else said("Allowed.")


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    decision = circulation.check(args.barcode, args.member_no)
    ctx.emit(decision.as_dict(), _decision_text(decision, _allowed))
    return 0 if decision.allowed else Refused.exit_code


def _backdate(args: argparse.Namespace) -> date | None:
    """``--date`` and ``--reason`` go together: a back-dated entry is explained."""
    if args.date is None:
        if args.reason is not None:
            raise BadInput(said("--reason explains a back-dated entry: give it with --date."))
        return None
    if args.reason is None or not args.reason.strip():
        raise BadInput(
            said(
                "--date records an entry made on an earlier day: a supervisor's act "
                "that needs --reason TEXT."
            )
        )
    return parse_date(args.date)


def cmd_lend(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    on = _backdate(args)
    _check_slip(args)
    if args.also:
        return _lend_basket(ctx, args, on)
    lent = circulation.lend(
        ctx.actor,
        args.barcode,
        args.member_no,
        override_reason=args.override,
        on=on,
        backdate_reason=args.reason,
    )
    decision = lent.decision
    data = decision.as_dict() | (
        {"slip": args.slip, "audit_seq": lent.audit_seq} if args.slip else {}
    )
    ctx.emit(data, _decision_text(decision, _lent_words(lent)))
    _write_slip(ctx, args, lent)
    return 0


def _lent_words(lent: circulation.Lent) -> Done:
    """``Lent RR00005 to W-1004``: the copy and the member as stored (the arguments may be
    ``rr00005`` or a scan with the scanner's prefix and suffix)."""
    barcode, member = lent.loan.copy.barcode, lent.loan.borrower.member_no

    def done(due: str | None) -> Text:
        if due:
            return said(
                "Lent {barcode} to {member}; due {due}.", barcode=barcode, member=member, due=due
            )
        return said("Lent {barcode} to {member}.", barcode=barcode, member=member)

    return done


def _lend_basket(ctx: Context, args: argparse.Namespace, on: date | None) -> int:
    """``lend B1 MEMBER --also B2 --also B3``: every copy lent in one write, each decided
    with the others as its basket (a set goes out whole)."""
    if on is not None:
        raise BadInput(said("A basket (--also) is lent today: record back-dated loans one by one."))
    barcodes = [args.barcode, *args.also]
    together = circulation.lend_together(
        ctx.actor, barcodes, args.member_no, override_reason=args.override
    )
    lines: list[str] = []
    for lent in together.lent:
        lines += _decision_text(lent.decision, _lent_words(lent))
    ctx.emit(
        {
            "lent": [
                {"barcode": lent.loan.copy.barcode} | lent.decision.as_dict()
                for lent in together.lent
            ]
        },
        lines,
    )
    if args.slip is not None:
        _write_slips(ctx, args, list(together.lent))
    return 0


def _write_slips(ctx: Context, args: argparse.Namespace, results: list[Any]) -> None:
    from readingroom import slip

    try:
        written = slip.write_slip(args.slip, results)
    except EnvironmentProblem as error:
        raise _slip_not_written(error) from None
    if not ctx.json:
        print(localise.sentence(_slip_written(args.slip, written[0].audit_range)))


def _return_basket(ctx: Context, args: argparse.Namespace, on: date | None) -> int:
    """``return B1 --also B2``: every copy taken back in one write (a set brought back whole
    records no incomplete set)."""
    if on is not None or args.conservation:
        raise BadInput(
            said(
                "A basket (--also) is taken back today, without --conservation: "
                "record those returns one by one."
            )
        )
    barcodes = [args.barcode, *args.also]
    together = circulation.return_together(ctx.actor, barcodes, condition=args.condition)
    lines: list[str] = []
    for returned in together.returned:
        lines += _return_text(returned.loan.copy.barcode, returned)
    ctx.emit(
        {
            "returned": [
                {
                    "barcode": returned.loan.copy.barcode,
                    "condition": returned.loan.return_condition,
                    "status": returned.copy_status,
                    "worse": returned.worse,
                }
                for returned in together.returned
            ]
        },
        lines,
    )
    if args.slip is not None:
        _write_slips(ctx, args, list(together.returned))
    return 0


def cmd_return(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    on = _backdate(args)
    _check_slip(args)
    if args.also:
        return _return_basket(ctx, args, on)
    returned = circulation.return_copy(
        ctx.actor,
        args.barcode,
        condition=args.condition,
        on=on,
        backdate_reason=args.reason,
        conservation=args.conservation,
    )
    loan, barcode = returned.loan, returned.loan.copy.barcode
    returned_on = loan.returned_on
    assert returned_on is not None, "return_copy sets the return date"
    ctx.emit(
        {
            "barcode": barcode,
            "returned": returned_on.isoformat(),
            "condition": loan.return_condition,
            "status": returned.copy_status,
            "days_overdue": max(0, (returned_on - loan.due).days),
            "worse": returned.worse,
            "conservation": returned.to_conservation,
        }
        | ({"slip": args.slip, "audit_seq": returned.audit_seq} if args.slip else {}),
        _return_text(barcode, returned),
    )
    _write_slip(ctx, args, returned)
    return 0


def _return_text(barcode: str, returned: circulation.ReturnResult) -> list[str]:
    if returned.to_conservation:
        return [
            said(
                "Returned {barcode}; sent to conservation (out of circulation until released).",
                barcode=barcode,
            )
        ]
    lines: list[str] = [
        said(
            "Returned {barcode}; it is now {status}.", barcode=barcode, status=returned.copy_status
        )
    ]
    if returned.worse:
        lines.append(
            said(
                "  It came back worse than it went out: `conservation send {barcode}` sends it "
                "to conservation.",
                barcode=barcode,
            )
        )
    return lines


def cmd_renew(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    renewed = circulation.renew(ctx.actor, args.barcode, override_reason=args.override)
    decision, barcode = renewed.decision, renewed.loan.copy.barcode  # as stored
    ctx.emit(decision.as_dict(), _decision_text(decision, _renewed(barcode)))
    return 0


def _renewed(barcode: str) -> Done:
    def done(due: str | None) -> Text:
        if due:
            return said("Renewed {barcode}; due {due}.", barcode=barcode, due=due)
        return said("Renewed {barcode}.", barcode=barcode)

    return done


def cmd_hold(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    barcode = catalogue.get_copy(args.barcode).barcode  # as stored: w-1002 or a scan
    if args.cancel:
        cancelled = holds.cancel_hold(ctx.actor, args.barcode, args.member_no)
        member_no = cancelled.hold.borrower.member_no
        ctx.emit(
            {"barcode": barcode, "member_no": member_no, "status": HoldStatus.CANCELLED},
            said("{member} left the waiting list.", member=member_no),
        )
        return 0
    placed = holds.place_hold(ctx.actor, args.barcode, args.member_no)
    set_aside = placed.set_aside.barcode if placed.set_aside is not None else None
    position, member_no = placed.position, placed.hold.borrower.member_no
    text = (
        said("Copy {barcode} is set aside for {member}.", barcode=set_aside, member=member_no)
        if set_aside
        else said(
            "{member} is number {position} on the waiting list.",
            member=member_no,
            position=position,
        )
    )
    ctx.emit(
        {
            "barcode": barcode,
            "member_no": member_no,
            "status": placed.hold.status,
            "position": position,
            "set_aside": set_aside,
        },
        text,
    )
    return 0


def cmd_holds_expire(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    expired = holds.expire_set_aside(ctx.actor).expired
    lines: list[str]
    if not expired:
        lines = [said("No set-aside copy is past its pickup date: nothing expired.")]
    else:
        lines = [said("{holds} expired:", holds=Count(len(expired), "hold"))]
        lines += [_expired_line(gone) for gone in expired]
    ctx.emit({"expired": [gone.as_dict() for gone in expired]}, lines)
    return 0


def _expired_line(gone: holds.HoldExpired) -> Text:
    params: dict[str, Param] = {
        "barcode": gone.barcode,
        "title": gone.title,
        "volume": gone.volume,
        "member": gone.member_no,
        "day": gone.pickup_by.isoformat(),
    }
    if gone.passed_to:
        return said(
            "  {barcode} {title} vol. {volume}: {member} did not collect it by {day}; "
            "now set aside for {next}",
            next=gone.passed_to,
            **params,
        )
    return said(
        "  {barcode} {title} vol. {volume}: {member} did not collect it by {day}; "
        "back on the shelf",
        **params,
    )


def cmd_borrower_pin(ctx: Context, args: argparse.Namespace) -> int:
    from readingroom import kiosk

    ctx.open()
    actor = ctx.actor
    if args.clear:
        cleared = kiosk.clear_pin(actor, args.member_no)
        ctx.emit(
            {"member_no": cleared.member_no, "pin": cleared.has_pin},
            said(
                "{member} has no PIN now: the writers' screen refuses them.",
                member=cleared.member_no,
            ),
        )
        return 0
    staff.require_desk(actor)
    pin = read_password(
        said("New PIN for {member} (4 to 8 digits): ", member=args.member_no), confirm=True
    )
    changed = kiosk.set_pin(actor, args.member_no, pin)
    ctx.emit(
        {"member_no": changed.member_no, "pin": changed.has_pin},
        said("Set the PIN of {member} for the writers' screen.", member=changed.member_no),
    )
    return 0


def cmd_borrower_show(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    info = borrowers.borrower_info(args.member_no)
    lines: list[str] = [
        said(
            "{member}: {name} ({role}, {membership})",
            member=info["member_no"],
            name=info["name"],
            role=info["role"],
            membership=info["status"],
        )
    ]
    lines += [_loan_line(loan) for loan in info["loans"]]
    lines += [
        said(
            "  hold: {title} vol. {volume} ({hold})",
            title=h["title"],
            volume=h["volume"],
            hold=h["status"],
        )
        for h in info["holds"]
    ]
    notes = borrower_notes.notes_of(info["member_no"])  # what the desk shows at the scan
    lines += [
        said(
            "  note {note}: {text} ({author}, {day})",
            note=n.id,
            text=n.text,
            author=n.author,
            day=f"{n.written_at:%Y-%m-%d}",
        )
        for n in notes
    ]
    unreturned = [u for u in room.not_returned() if u.member_no == info["member_no"]]
    lines += [
        said(
            "  NOT RETURNED at the reading room's closing: {barcode} {title} (seat {seat}, {day})",
            barcode=u.barcode,
            title=u.title,
            seat=u.seat,
            day=f"{u.closed_at:%Y-%m-%d}",
        )
        for u in unreturned
    ]
    ctx.emit(
        info
        | {
            "notes": [note_record(n) for n in notes],
            "not_returned": [u.as_dict() for u in unreturned],
        },
        lines,
    )
    return 0


def _loan_line(loan: dict[str, Any]) -> Text:
    """A loan of ``borrower show``: the copy, its due date, whether it is overdue and the
    reminders sent for it (each combination its own sentence)."""
    params: dict[str, Param] = {
        "barcode": loan["barcode"],
        "title": loan["title"],
        "due": loan["due"],
    }
    if loan["reminders"]:
        params |= {"reminders": loan["reminders"], "level": loan["reminder_level"]}
        if loan["overdue"]:
            return said(
                "  {barcode}  {title}  due {due}  OVERDUE  reminders sent: {reminders} "
                "(latest level {level})",
                **params,
            )
        return said(
            "  {barcode}  {title}  due {due}  reminders sent: {reminders} (latest level {level})",
            **params,
        )
    if loan["overdue"]:
        return said("  {barcode}  {title}  due {due}  OVERDUE", **params)
    return said("  {barcode}  {title}  due {due}", **params)


# -- borrower add / edit / suspend / reinstate ------------------------------------------------


def register_borrower_edits(borrower_sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """The window's borrower edits as commands (each audited with old and new values)."""
    q = borrower_sub.add_parser("add", parents=[common], help="register a borrower")
    q.add_argument("member_no")
    q.add_argument("--name", required=True)
    q.add_argument("--role", required=True, metavar="ROLE", help="writer, cadre or civilian")
    q.add_argument("--organisation", default="")
    q.add_argument("--expires", metavar="YYYY-MM-DD", help="membership expiry")
    q.set_defaults(func=cmd_borrower_add)

    q = borrower_sub.add_parser(
        "edit", parents=[common], help="change a borrower's name, role, organisation or expiry"
    )
    q.add_argument("member_no")
    q.add_argument("--name")
    q.add_argument(
        "--role",
        metavar="ROLE",
        help="writer, cadre or civilian (supervisor; refused while a loan the "
        "new role may not have is out)",
    )
    q.add_argument("--organisation")
    q.add_argument("--expires", metavar="YYYY-MM-DD|none", help="membership expiry")
    q.set_defaults(func=cmd_borrower_edit)

    q = borrower_sub.add_parser(
        "suspend", parents=[common], help="suspend a membership (no loans or holds)"
    )
    q.add_argument("member_no")
    q.add_argument("--reason", required=True)
    q.set_defaults(func=cmd_borrower_suspend)

    q = borrower_sub.add_parser("reinstate", parents=[common], help="lift a suspension")
    q.add_argument("member_no")
    q.set_defaults(func=cmd_borrower_reinstate)


def _borrower_line(record: dict[str, Any]) -> Text:
    return said(
        "  {member}: {name} ({role}, {membership}, {organisation}, {expires})",
        member=record["member_no"],
        name=record["name"],
        role=record["role"],
        membership=record["status"],
        organisation=record["organisation"] or "no organisation",
        expires=record["expires"] or "no expiry",
    )


def _emit_borrower(ctx: Context, saved: BorrowerSaved, done: Callable[[str], Text]) -> int:
    record = borrowers.borrower_record(saved.borrower)
    ctx.emit(record, [done(record["member_no"]), _borrower_line(record)])
    return 0


def cmd_borrower_add(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    saved = borrowers.add_borrower(
        ctx.actor,
        args.member_no,
        name=args.name,
        role=args.role,
        organisation=args.organisation,
        expires=args.expires,
    )
    return _emit_borrower(ctx, saved, lambda member: said("Added {member}.", member=member))


def cmd_borrower_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes = {
        name: getattr(args, name)
        for name in ("name", "role", "organisation", "expires")
        if getattr(args, name) is not None
    }
    if changes.get("expires", "").strip().lower() == "none":
        changes["expires"] = None
    if not changes:
        raise BadInput(said("Nothing to change: give --name, --role, --organisation or --expires."))
    ctx.open()
    saved = borrowers.edit_borrower(ctx.actor, args.member_no, **changes)
    return _emit_borrower(ctx, saved, lambda member: said("Changed {member}.", member=member))


def cmd_borrower_suspend(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    saved = borrowers.suspend_borrower(ctx.actor, args.member_no, args.reason)
    return _emit_borrower(ctx, saved, lambda member: said("Suspended {member}.", member=member))


def cmd_borrower_reinstate(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    saved = borrowers.reinstate_borrower(ctx.actor, args.member_no)
    return _emit_borrower(ctx, saved, lambda member: said("Reinstated {member}.", member=member))
