"""Reading-room commands: ``room issue/return/status/close``, ``settings room-seats``,
``copy history`` and the second person's confirmation (``--confirmed-by``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from readingroom import call_numbers, catalogue, confirm, room
from readingroom.cli.context import Context, read_password, table
from readingroom.cli.parsers import Subparsers
from readingroom.messages import Count, Param, Text, said
from readingroom.vocabulary import CONDITIONS

if TYPE_CHECKING:
    from readingroom.store.models import StaffUser


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("room", help="the reading room: copies read at the tables")
    room_sub = p.add_subparsers(dest="room_command", metavar="ACTION", required=True)

    q = room_sub.add_parser(
        "issue", parents=[common], help="give a copy to a reader at a table (decided like a lend)"
    )
    q.add_argument("barcode")
    q.add_argument("member_no")
    q.add_argument(
        "--seat",
        type=int,
        metavar="S",
        help="the seat (default: the reader's own, else the lowest free one)",
    )
    q.add_argument("--override", metavar="REASON", help="supervisor's override with a reason")
    _also_option(q, "issued with it at the same table (every volume of a set goes together)")
    q.set_defaults(func=cmd_room_issue)

    q = room_sub.add_parser("return", parents=[common], help="take a copy back from its table")
    q.add_argument("barcode")
    q.add_argument("--condition", choices=CONDITIONS)
    _also_option(q, "taken back with it")
    q.set_defaults(func=cmd_room_return)

    q = room_sub.add_parser("status", parents=[common], help="every copy at the tables now")
    q.set_defaults(func=cmd_room_status)

    q = room_sub.add_parser(
        "close",
        parents=[common],
        help="close the room for the day (refused while a copy is out; --force: a supervisor, "
        "with --reason and a second person's --confirmed-by)",
    )
    q.add_argument("--force", action="store_true", help="close with copies out (supervisor)")
    q.add_argument("--reason", metavar="TEXT", help="why the room closes with copies out")
    _confirmed_by_option(q)
    q.set_defaults(func=cmd_room_close)

    settings_parser = sub.choices.get("settings")
    if settings_parser is not None:
        settings_sub = next(
            action
            for action in settings_parser._actions
            if isinstance(action, argparse._SubParsersAction)
        )
        q = settings_sub.add_parser(
            "room-seats",
            parents=[common],
            help="show how many seats the reading room has; with N, change it (supervisor)",
        )
        q.add_argument("seats", nargs="?", type=int, metavar="N")
        q.set_defaults(func=cmd_settings_room_seats)

    copy_parser = sub.choices.get("copy")
    if copy_parser is not None:
        copy_sub = next(
            action
            for action in copy_parser._actions
            if isinstance(action, argparse._SubParsersAction)
        )
        q = copy_sub.add_parser(
            "history", parents=[common], help="every move of a copy (the custody ledger)"
        )
        q.add_argument("barcode")
        q.set_defaults(func=cmd_copy_history)


def _confirmed_by_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--confirmed-by",
        metavar="NAME",
        help="the second staff member who confirms (their password on standard input)",
    )


def confirmer(ctx: Context, name: str | None) -> StaffUser | None:
    """The second staff member named by ``--confirmed-by``, signed in with the password on
    standard input (after the actor's own, when that is read there too); None if none."""
    if name is None:
        return None
    actor = ctx.actor  # signs in first: its password is the first line of stdin, if there
    if name.strip().casefold() == actor.username.casefold():
        return confirm.second_person(actor, name, "")  # refused: the same person twice
    password = read_password(said("Password for {name} (confirming): ", name=name))
    return confirm.second_person(actor, name, password)


def _item_line(item: room.InRoom) -> list[str]:
    return [
        str(item.seat),
        item.barcode,
        _title(item.title, item.volume, item.volumes),
        f"{item.name} ({item.member_no})",
        item.since.strftime("%H:%M"),
        said("{minutes} min", minutes=item.minutes),
    ]


def _title(title: str, volume: int, volumes: int) -> str:
    """A copy's title, with its volume when the work has several (keyed: 제2권 in Korean)."""
    return said("{title}, vol. {volume}", title=title, volume=volume) if volumes > 1 else title


def _decision_lines(decision: Any, head: Text) -> list[str]:
    lines: list[str] = [head]
    if decision.overridden:
        lines.append(said("  overridden: {codes}", codes=", ".join(decision.codes)))
    return lines


def _also_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--also", action="append", default=[], metavar="BARCODE", help=f"another copy {what}"
    )


def cmd_room_issue(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    if args.also:
        together = room.issue_together(
            ctx.actor,
            [args.barcode, *args.also],
            args.member_no,
            seat=args.seat,
            override_reason=args.override,
        )
        lines: list[str] = []
        for issued in together.issued:
            lines += _issued_lines(issued)
        ctx.emit({"issued": [_issued_json(issued) for issued in together.issued]}, lines)
        return 0
    issued = room.issue(
        ctx.actor, args.barcode, args.member_no, seat=args.seat, override_reason=args.override
    )
    ctx.emit(_issued_json(issued), _issued_lines(issued))
    return 0


def _issued_json(issued: room.RoomIssued) -> dict[str, Any]:
    return issued.decision.as_dict() | issued.item.as_dict() | {"audit_seq": issued.audit_seq}


def _issued_lines(issued: room.RoomIssued) -> list[str]:
    item = issued.item
    return _decision_lines(
        issued.decision,
        said(
            "{barcode} is with {member} at seat {seat}.",
            barcode=item.barcode,
            member=item.member_no,
            seat=item.seat,
        ),
    )


def cmd_room_return(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    if args.also:
        together = room.return_together(
            ctx.actor, [args.barcode, *args.also], condition=args.condition
        )
        ctx.emit(
            {"returned": [_returned_json(back) for back in together.returned]},
            [_returned_text(back) for back in together.returned],
        )
        return 0
    back = room.return_from_room(ctx.actor, args.barcode, condition=args.condition)
    ctx.emit(_returned_json(back), _returned_text(back))
    return 0


def _returned_json(back: room.RoomReturned) -> dict[str, Any]:
    return back.item.as_dict() | {
        "status": back.copy_status,
        "condition": back.condition,
        "set_aside_for": back.set_aside_for,
        "audit_seq": back.audit_seq,
    }


def _returned_text(back: room.RoomReturned) -> Text:
    params: dict[str, Param] = {
        "barcode": back.item.barcode,
        "seat": back.item.seat,
        "status": back.copy_status,
    }
    if back.set_aside_for:
        return said(
            "{barcode} is back from seat {seat}; it is now {status}. Set aside for {member}.",
            member=back.set_aside_for,
            **params,
        )
    return said("{barcode} is back from seat {seat}; it is now {status}.", **params)


def _visit_line(visit: room.Visit) -> list[str]:
    back = said("not returned") if visit.outcome == "not-returned" else said("returned")
    if visit.condition:
        back = said("{back} ({condition})", back=back, condition=visit.condition)
    return [
        str(visit.seat),
        visit.barcode,
        _title(visit.title, visit.volume, visit.volumes),
        f"{visit.name} ({visit.member_no})",
        f"{visit.since:%H:%M}-{visit.until:%H:%M}",
        back,
    ]


def cmd_room_status(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    items = room.in_room()
    seats = room.seats()
    visits = room.visits_on()
    lines: list[str]
    if not items:
        lines = [said("Nobody is reading in the room ({seats}).", seats=Count(seats, "seat"))]
    else:
        lines = [
            said(
                "{count} in the reading room ({seats}):",
                count=len(items),
                seats=Count(seats, "seat"),
            )
        ]
        lines += table(
            [_item_line(item) for item in items],
            ["Seat", "Barcode", "Title", "Reader", "Since", "For"],
            right=(0, 5),
        )
    if visits:
        lines += ["", said("Earlier today ({count} back from the tables):", count=len(visits))]
        lines += table(
            [_visit_line(visit) for visit in visits],
            ["Seat", "Barcode", "Title", "Reader", "From-to", "Back"],
            right=(0,),
        )
    ctx.emit(
        {
            "seats": seats,
            "items": [item.as_dict() for item in items],
            "visits_today": [visit.as_dict() for visit in visits],
        },
        lines,
    )
    return 0


def cmd_room_close(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    if not args.force and (args.reason is not None or args.confirmed_by is not None):
        from readingroom.errors import BadInput

        raise BadInput(said("--reason and --confirmed-by go with --force; nothing was changed."))
    second = confirmer(ctx, args.confirmed_by) if args.force else None
    closed = room.close(ctx.actor, force=args.force, reason=args.reason, confirmed_by=second)
    lines: list[str] = [
        said("The reading room is closed ({at}).", at=f"{closed.closed_at:%Y-%m-%d %H:%M}")
    ]
    for item in closed.not_returned:
        lines.append(
            said(
                "  not returned at closing: {barcode} {title} ({member}, seat {seat}): now missing",
                barcode=item.barcode,
                title=item.title,
                member=item.member_no,
                seat=item.seat,
            )
        )
    if closed.forced:
        lines.append(
            said(
                "  closed by {user}, confirmed by {confirmer}",
                user=ctx.actor.username,
                confirmer=str(closed.confirmed_by),
            )
        )
    ctx.emit(closed.as_dict() | {"audit_seq": closed.audit_seq}, lines)
    return 0


def cmd_settings_room_seats(ctx: Context, args: argparse.Namespace) -> int:
    if args.seats is None:
        ctx.open_signed_in()
        seats = room.seats()
        ctx.emit(
            {"room_seats": seats},
            said("The reading room has {seats}.", seats=Count(seats, "seat")),
        )
        return 0
    ctx.open()
    changed = room.set_seats(ctx.actor, args.seats)
    old = int(changed.old) if changed.old.isdigit() else room.DEFAULT_SEATS
    ctx.emit(
        {"room_seats": int(changed.new), "old": old},
        said(
            "The reading room now has {seats} (was {old}).",
            seats=Count(int(changed.new), "seat"),
            old=old,
        ),
    )
    return 0


def cmd_copy_history(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    barcode = catalogue.get_copy(args.barcode).barcode  # as stored: w-1002 or a scan
    moves = catalogue.copy_history(barcode)
    rows = [
        [
            f"#{m.audit_seq}",
            m.at.strftime("%Y-%m-%d %H:%M"),
            f"{m.from_place} -> {m.to_place}",
            m.kind,
            (m.member_no or "") + (f" seat {m.seat}" if m.seat else ""),
            m.staff + (f" + {m.confirmed_by}" if m.confirmed_by else ""),
        ]
        for m in moves
    ]
    lines: list[str] = (
        table(rows, ["Entry", "When", "Move", "Kind", "Reader", "Staff"])
        if rows
        else [said("No moves recorded for {barcode}.", barcode=barcode)]
    )
    changes = call_numbers.call_number_changes(barcode)
    if changes:
        lines += ["", *_call_number_table(changes)]
    ctx.emit(
        {
            "barcode": barcode,
            "moves": [m.as_dict() for m in moves],
            "call_numbers": [c.as_dict() for c in changes],
        },
        lines,
    )
    return 0


def _call_number_table(changes: list[call_numbers.CallNumberChange]) -> list[str]:
    """The copy's call numbers, oldest first: who set each, when, by which change."""
    rows = [
        [
            f"#{c.audit_seq}",
            c.at.strftime("%Y-%m-%d %H:%M"),
            f"{c.old or '-'} -> {c.new or '-'}",
            c.action,
            c.staff,
        ]
        for c in changes
    ]
    return table(rows, ["Entry", "When", "Call number", "Action", "Staff"])
