"""Restrictions and conservation on the command line: ``restrict``, ``restrictions list``,
``unrestrict``, ``conservation list`` and ``conservation release``."""

from __future__ import annotations

import argparse

from readingroom import clock, conservation, restrictions
from readingroom.cli import localise
from readingroom.cli.context import Context, table
from readingroom.cli.parsers import Subparsers
from readingroom.clock import parse_date
from readingroom.messages import Param, Text, said
from readingroom.restrictions import RestrictionView
from readingroom.vocabulary import CONDITIONS


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "restrict",
        parents=[common],
        help="withhold a work (by its id: every copy and volume) or a copy (by its barcode), "
        "with a reason and an authority (supervisor)",
    )
    p.add_argument("target", metavar="WORK_ID|BARCODE")
    p.add_argument("--reason", metavar="TEXT", required=True, help="why it is withheld")
    p.add_argument(
        "--authority", metavar="TEXT", required=True, help="who ordered it (a body, a letter)"
    )
    p.add_argument("--from", dest="starts", metavar="YYYY-MM-DD", help="first day (today)")
    p.add_argument("--until", dest="ends", metavar="YYYY-MM-DD", help="the day it lifts by itself")
    p.set_defaults(func=cmd_restrict)

    p = sub.add_parser("restrictions", help="restrictions as a whole")
    restrictions_sub = p.add_subparsers(
        dest="restrictions_command", metavar="ACTION", required=True
    )
    q = restrictions_sub.add_parser(
        "list", parents=[common], help="the restrictions not lifted, in force or to come"
    )
    q.add_argument(
        "--expiring-within",
        type=int,
        metavar="DAYS",
        help="only those whose end day is within DAYS days",
    )
    q.add_argument("--all", action="store_true", help="lifted and ended ones too")
    q.set_defaults(func=cmd_restrictions_list)

    p = sub.add_parser(
        "unrestrict", parents=[common], help="lift restriction ID before its end day (supervisor)"
    )
    p.add_argument("restriction_id", type=int, metavar="ID")
    p.add_argument("--reason", metavar="TEXT", required=True, help="why it is lifted")
    p.set_defaults(func=cmd_unrestrict)

    p = sub.add_parser("conservation", help="copies sent to conservation")
    conservation_sub = p.add_subparsers(
        dest="conservation_command", metavar="ACTION", required=True
    )
    q = conservation_sub.add_parser("list", parents=[common], help="the copies at conservation now")
    q.set_defaults(func=cmd_conservation_list)
    q = conservation_sub.add_parser(
        "send",
        parents=[common],
        help="send a copy on the shelf to conservation (out of circulation until released)",
    )
    q.add_argument("barcode")
    q.add_argument("--note", metavar="TEXT", default="", help="what it needs")
    q.set_defaults(func=cmd_conservation_send)
    q = conservation_sub.add_parser(
        "release",
        parents=[common],
        help="a copy back from conservation, with the grade it is in now and what was done",
    )
    q.add_argument("barcode")
    q.add_argument("--condition", choices=CONDITIONS, required=True)
    q.add_argument("--note", metavar="TEXT", default="", help="what was done")
    q.set_defaults(func=cmd_conservation_release)


def cmd_restrict(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    starts = parse_date(args.starts, "first day") if args.starts else None
    ends = parse_date(args.ends, "end day") if args.ends else None
    saved = restrictions.restrict(
        ctx.actor,
        args.target,
        reason=args.reason,
        authority=args.authority,
        starts=starts,
        ends=ends,
    )
    found = saved.restriction
    ctx.emit(found.as_dict(), _placed_text(found))
    return 0


def _placed_text(found: RestrictionView) -> Text:
    params: dict[str, Param] = {
        "restriction": found.id,
        "target": found.target,
        "title": found.title,
        "starts": found.starts.isoformat(),
        "authority": found.authority,
    }
    if found.ends:
        return said(
            "Restriction {restriction} on {target} ({title}): from {starts} until {ends}, "
            "on the authority of {authority}.",
            ends=found.ends.isoformat(),
            **params,
        )
    return said(
        "Restriction {restriction} on {target} ({title}): from {starts}, on the authority "
        "of {authority}.",
        **params,
    )


def cmd_unrestrict(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    found = restrictions.unrestrict(ctx.actor, args.restriction_id, args.reason).restriction
    ctx.emit(
        found.as_dict(),
        said(
            "Restriction {restriction} on {target} ({title}) lifted.",
            restriction=found.id,
            target=found.target,
            title=found.title,
        ),
    )
    return 0


def cmd_restrictions_list(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    day = clock.today()
    found = restrictions.list_restrictions(
        expiring_within=args.expiring_within, lifted=args.all, today=day
    )
    lines: list[str]
    if not found:
        lines = [said("No restrictions.")]
    else:
        lines = table(
            [
                [
                    str(r.id),
                    localise.sentence(r.target),
                    r.title,
                    r.authority,
                    r.starts.isoformat(),
                    r.ends.isoformat() if r.ends else "",
                    r.state(day),
                    r.reason,
                ]
                for r in found
            ],
            ["ID", "Withholds", "Title", "Authority", "From", "Until", "State", "Reason"],
        )
    ctx.emit({"restrictions": [r.as_dict(day) for r in found]}, lines)
    return 0


def cmd_conservation_list(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    found = conservation.at_conservation()
    lines: list[str]
    if not found:
        lines = [said("No copy is at conservation.")]
    else:
        lines = table(
            [
                [
                    c.barcode,
                    c.title,
                    str(c.volume),
                    f"{c.sent_at:%Y-%m-%d}",
                    c.sent_by,
                    c.sent_condition,
                    c.note,
                ]
                for c in found
            ],
            ["Barcode", "Title", "Vol.", "Sent", "By", "Condition", "Note"],
        )
    ctx.emit({"conservation": [c.as_dict() for c in found]}, lines)
    return 0


def cmd_conservation_send(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    sent = conservation.send(ctx.actor, args.barcode, note=args.note).conservation
    ctx.emit(
        sent.as_dict(),
        said("{barcode} sent to conservation; it is out of circulation.", barcode=sent.barcode),
    )
    return 0


def cmd_conservation_release(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    released = conservation.release(
        ctx.actor, args.barcode, condition=args.condition, note=args.note
    )
    found = released.conservation
    ctx.emit(
        found.as_dict() | {"status": released.copy_status},
        said(
            "{barcode} back from conservation ({condition}); it is now {status}.",
            barcode=found.barcode,
            condition=args.condition,
            status=released.copy_status,
        ),
    )
    return 0
