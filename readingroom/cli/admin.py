"""Commands that keep the catalogue itself: init, staff accounts, the policy, the audit trail."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from readingroom import audit, checkpoint, condition_policy, demo, policy, seals, staff, trail
from readingroom.catalogue_file import create_catalogue
from readingroom.cli import localise
from readingroom.cli.context import Context, read_password, table
from readingroom.cli.parsers import Subparsers
from readingroom.errors import AuditBroken, BadInput, NotPermitted
from readingroom.messages import Count, Text, listed, said
from readingroom.paths import data_dir
from readingroom.restriction_rules import ALLOWANCES, condition_rows
from readingroom.vocabulary import ACCESS_CLASSES, CONDITIONS, ROLES, RULES, STAFF_ROLES


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create a new catalogue database")
    p.add_argument("--demo", action="store_true", help="add the demo collection")
    p.add_argument(
        "--full-name",
        metavar="TEXT",
        help="the first supervisor's full name, which letters and reports sign with "
        "(else the user name)",
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the database with SQLCipher (passphrase from READINGROOM_KEY or a prompt)",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("staff", help="staff accounts")
    staff_sub = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    q = staff_sub.add_parser("add", parents=[common], help="add a staff account")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=STAFF_ROLES)
    q.add_argument("--full-name", default="")
    q.set_defaults(func=cmd_staff_add)
    q = staff_sub.add_parser(
        "edit",
        parents=[common],
        help="set an account's full name, which letters, reports and signature lines print "
        "(supervisor)",
    )
    q.add_argument("name")
    q.add_argument("--full-name", required=True, metavar="TEXT")
    q.set_defaults(func=cmd_staff_edit)
    q = staff_sub.add_parser("list", parents=[common], help="list staff accounts")
    q.set_defaults(func=cmd_staff_list)
    q = staff_sub.add_parser(
        "passwd", parents=[common], help="change your password or (supervisor) reset another's"
    )
    q.add_argument("name")
    q.set_defaults(func=cmd_staff_passwd)
    for action, helptext in (
        ("disable", "disable an account (supervisor)"),
        ("enable", "enable a disabled account (supervisor)"),
        ("unlock", "lift a sign-in lockout (supervisor)"),
    ):
        q = staff_sub.add_parser(action, parents=[common], help=helptext)
        q.add_argument("name")
        q.set_defaults(func=cmd_staff_state, action=action)

    p = sub.add_parser("policy", help="the lending policy matrix")
    policy_sub = p.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    q = policy_sub.add_parser("show", parents=[common], help="print the matrix")
    q.set_defaults(func=cmd_policy_show)
    q = policy_sub.add_parser("set", parents=[common], help="change one cell (supervisor)")
    q.add_argument("role", choices=ROLES)
    q.add_argument("access", choices=ACCESS_CLASSES)
    q.add_argument("rule", choices=RULES)
    q.add_argument("--days", type=int)
    q.add_argument("--max", type=int, dest="max_items")
    q.add_argument("--renewals", type=int)
    q.set_defaults(func=cmd_policy_set)
    q = policy_sub.add_parser(
        "condition",
        parents=[common],
        help="what a condition grade allows: loan, reading-room or none (supervisor)",
    )
    q.add_argument("grade", choices=CONDITIONS)
    q.add_argument("allows", choices=ALLOWANCES)
    q.set_defaults(func=cmd_policy_condition)

    p = sub.add_parser("audit", help="the audit trail")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = audit_sub.add_parser(
        "verify",
        parents=[common],
        help="check the hash chain, the seals and their keys; print the "
        "root key's fingerprint (exit 4 when any fails)",
    )
    q.set_defaults(func=cmd_audit_verify)
    q = audit_sub.add_parser(
        "seal", parents=[common], help="sign the chain head with your seal key (supervisor)"
    )
    q.set_defaults(func=cmd_audit_seal)
    q = audit_sub.add_parser(
        "checkpoint",
        parents=[common],
        help="check the whole trail and the tables, then keep the replayed state, signed, "
        "so later checks replay only what came after it (supervisor; exit 4 when a check fails)",
    )
    q.set_defaults(func=cmd_audit_checkpoint)
    q = audit_sub.add_parser("list", parents=[common], help="list entries, newest last")
    q.add_argument("--limit", type=int, default=50, help="how many of the newest (0: all)")
    q.add_argument("--action", help="only entries of this action (e.g. lend-override)")
    q.set_defaults(func=cmd_audit_list)


# -- init ---------------------------------------------------------------------------------


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    if ctx.db_path.exists():
        raise BadInput(
            said("{path} already exists; init never overwrites a database.", path=str(ctx.db_path))
        )
    full_name = (
        staff.clean_full_name(args.full_name, required=True) if args.full_name is not None else ""
    )
    username, password = ctx.identity()
    key = ctx.key() if args.encrypt else None
    if args.encrypt and not key:
        key = read_password(said("Passphrase for the new encrypted database: "), confirm=True)
        if not key:
            raise BadInput(said("An encrypted database needs a passphrase."))
    create_catalogue(
        ctx.db_path,
        username,
        password,
        full_name,
        key=key if args.encrypt else None,
        demo=args.demo,
        fill=(lambda actor: demo.load_demo(actor, localise.words().language))
        if args.demo
        else None,
        make_folder=ctx.db_path.parent == data_dir(),
    )
    ctx.emit(
        {
            "db": str(ctx.db_path),
            "supervisor": username,
            "full_name": full_name,
            "demo": bool(args.demo),
            "encrypted": bool(key),
        },
        _created(str(ctx.db_path), username, full_name, bool(args.demo)),
    )
    return 0


def _created(path: str, user: str, name: str, demo: bool) -> Text:
    if demo and name:
        return said(
            "Created {path} with the demo collection; {user} ({name}) is its first supervisor.",
            path=path,
            user=user,
            name=name,
        )
    if demo:
        return said(
            "Created {path} with the demo collection; {user} is its first supervisor.",
            path=path,
            user=user,
        )
    if name:
        return said(
            "Created {path}; {user} ({name}) is its first supervisor.",
            path=path,
            user=user,
            name=name,
        )
    return said("Created {path}; {user} is its first supervisor.", path=path, user=user)


# -- staff --------------------------------------------------------------------------------


def cmd_staff_add(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor
    password = read_password(
        said("Password for the new account {name}: ", name=args.name), confirm=True
    )
    user = staff.add_staff(actor, args.name, args.role, password, args.full_name).user
    ctx.emit(
        {"name": user.username, "role": user.role},
        said("Added {role} {name}.", role=user.role, name=user.username),
    )
    return 0


def cmd_staff_edit(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor  # signed in before anything about the account is said
    staff.require_supervisor(actor)
    before = staff.get_staff(args.name).full_name
    user = staff.set_full_name(actor, args.name, args.full_name).user
    changed = user.full_name != before
    ctx.emit(
        {"name": user.username, "full_name": user.full_name, "old": before, "changed": changed},
        said("{user} is now {name}.", user=user.username, name=user.full_name)
        if changed
        else said(
            "{user} already has the full name {name}: nothing changed.",
            user=user.username,
            name=user.full_name,
        ),
    )
    return 0


def cmd_staff_list(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    users = staff.list_staff()
    rows = [
        {
            "name": u.username,
            "full_name": u.full_name,
            "role": u.role,
            "active": u.active,
            "locked": bool(u.locked_until),
        }
        for u in users
    ]
    ctx.emit(
        {"staff": rows},
        table(
            [
                [u.username, u.full_name, u.role, "active" if u.active else "disabled"]
                for u in users
            ],
            ["name", "full name", "role", "state"],
        ),
    )
    return 0


def cmd_staff_passwd(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor
    if actor.username != args.name and actor.role != staff.SUPERVISOR:
        raise NotPermitted(said("Only a supervisor may reset another's password."))
    password = read_password(said("New password for {name}: ", name=args.name), confirm=True)
    staff.set_password(actor, args.name, password)
    ctx.emit(
        {"name": args.name, "changed": True},
        said("Changed the password of {name}.", name=args.name),
    )
    return 0


def cmd_staff_state(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor
    if args.action == "unlock":
        staff.unlock(actor, args.name)
    else:
        staff.set_active(actor, args.name, args.action == "enable")
    ctx.emit({"name": args.name, "action": args.action}, _account_changed(args.action, args.name))
    return 0


def _account_changed(action: str, name: str) -> Text:
    """What ``staff disable|enable|unlock NAME`` says (``disable: lib.``), one whole
    sentence each."""
    if action == "disable":
        return said("disable: {name}.", name=name)
    if action == "enable":
        return said("enable: {name}.", name=name)
    return said("unlock: {name}.", name=name)


# -- policy -------------------------------------------------------------------------------


def _describe(rule: policy.Rule) -> str:
    """A policy cell as ``policy show`` lists it (keyed: its rule a stored word)."""
    described: str = rule.rule
    if rule.rule in ("loan", "approval"):
        described = said(
            "{rule} ({days} days, at most {most}, {renewals})",
            rule=rule.rule,
            days=rule.days or 0,
            most=rule.max_items or 0,
            renewals=Count(rule.renewals or 0, "renewal"),
        )
    return said("{rule} [fixed]", rule=described) if rule.fixed else described


def _rule_set(rule: policy.Rule) -> Text:
    """What ``policy set`` says of the cell it changed, a whole sentence for each kind of
    rule."""
    if rule.rule in ("loan", "approval"):
        return said(
            "{role} × {access}: {rule} ({days} days, at most {most}, {renewals})",
            role=rule.role,
            access=rule.access,
            rule=rule.rule,
            days=rule.days or 0,
            most=rule.max_items or 0,
            renewals=Count(rule.renewals or 0, "renewal"),
        )
    return said("{role} × {access}: {rule}", role=rule.role, access=rule.access, rule=rule.rule)


def cmd_policy_show(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    rules = policy.matrix()
    rows = [[r.role, r.access, _describe(r)] for r in rules]
    conditions = condition_rows()
    lines = table(rows, ["role", "access", "rule"])
    lines += ["", *table([[c.grade, c.allows] for c in conditions], ["condition", "allows"])]
    ctx.emit(
        {"policy": [r.as_dict() for r in rules], "conditions": [c.as_dict() for c in conditions]},
        lines,
    )
    return 0


def cmd_policy_condition(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    changed = condition_policy.set_condition_rule(ctx.actor, args.grade, args.allows)
    ctx.emit(
        changed.row.as_dict() | {"old": changed.old},
        said(
            "Copies in {condition} condition: {allowed} -> {allows}.",
            condition=args.grade,
            allowed=changed.old,
            allows=args.allows,
        ),
    )
    return 0


def cmd_policy_set(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    rule = policy.set_rule(
        ctx.actor,
        args.role,
        args.access,
        args.rule,
        days=args.days,
        max_items=args.max_items,
        renewals=args.renewals,
    ).rule
    ctx.emit(rule.as_dict(), _rule_set(rule))
    return 0


# -- audit --------------------------------------------------------------------------------


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    checked = trail.check_trail()
    data = _verify_json(checked.chain, checked.seals) | {
        "table_differences": list(checked.differences[:100]),
        "checkpoint": (
            {"entry": checked.checkpoint[0], "sequence": checked.checkpoint[1]}
            if checked.checkpoint
            else None
        ),
    }
    if checked.ok:
        ctx.emit(
            data,
            [
                said(
                    "Audit trail intact: {entries}, latest hash {hash}; the tables agree with it.",
                    entries=Count(checked.chain.count, "entry"),
                    hash=checked.chain.last_hash,
                ),
                *_checkpoint_lines(checked.checkpoint),
                *_seal_lines(checked.seals),
            ],
        )
        return 0
    if ctx.json:
        ctx.emit(data)
    else:
        ctx.emit(data, _seal_lines(checked.seals))
    raise AuditBroken(checked.problem)


def _verify_json(result: audit.Verification, sealed: seals.SealReport) -> dict[str, Any]:
    count, last_hash = audit.chain_head()
    data = result.as_dict()
    data.update(
        {
            "ok": result.ok and sealed.ok,
            "problem": result.problem or sealed.problem,
            "entries": count,
            "head": {"sequence": count, "hash": last_hash},
            "seals": sealed.seals_dict(),
            "root_fingerprint": sealed.root_fingerprint,
            "unsealed_tail": sealed.unsealed_tail,
        }
    )
    return data


def _checkpoint_lines(used: tuple[int, int] | None) -> list[str]:
    if used is None:
        return [said("Replayed the whole trail (no checkpoint: `audit checkpoint` keeps one).")]
    return [
        said(
            "Replayed from the signed checkpoint of entry {entry} (entries 1-{last} folded "
            "then), every entry hashed.",
            entry=used[0],
            last=used[1],
        )
    ]


def _seal_lines(sealed: seals.SealReport) -> list[str]:
    fp = sealed.root_fingerprint
    lines: list[str] = [
        said("Root key fingerprint: {fingerprint}", fingerprint=seals.format_fingerprint(fp))
        if fp
        else said("Root key fingerprint: none yet (no supervisor has a seal key)")
    ]
    if sealed.key_list:
        keys = listed([_key_text(k) for k in sealed.key_list])
        lines.append(said("Seal keys: {keys}.", keys=keys))
    if not sealed.count:
        lines.append(
            said("Seals: none; {count} entries are not sealed.", count=sealed.unsealed_tail)
        )
    else:
        lines.append(
            said(
                "Seals: {seals}; the last seals entries 1-{last}, by {signer}; {count} entries "
                "after it are not yet sealed.",
                seals=sealed.count,
                last=str(sealed.last_sequence),
                signer=str(sealed.last_signer),
                count=sealed.unsealed_tail,
            )
        )
        lines += [
            said(
                "  seal at entry {entry}: entries 1-{last}, {signer}, {at}",
                entry=s.entry,
                last=s.sequence,
                signer=s.signer,
                at=s.sealed_at[:19],
            )
            for s in sealed.recent
        ]
    if not sealed.ok:
        lines.append(said("SEALS DO NOT VERIFY: {problem}.", problem=sealed.problem))
    return lines


def _key_text(key: dict[str, Any]) -> Text:
    """One seal key as ``audit verify`` lists it, a whole phrase for each case."""
    user, entry, replaced = key["username"], key["entry"], key["replaced_at"]
    if key["root"] and replaced:
        return said(
            "{user} (root, entry {entry}, replaced at entry {replaced})",
            user=user,
            entry=entry,
            replaced=replaced,
        )
    if key["root"]:
        return said("{user} (root, entry {entry})", user=user, entry=entry)
    if replaced:
        return said(
            "{user} (certified by {by}, entry {entry}, replaced at entry {replaced})",
            user=user,
            by=key["certified_by"],
            entry=entry,
            replaced=replaced,
        )
    return said(
        "{user} (certified by {by}, entry {entry})", user=user, by=key["certified_by"], entry=entry
    )


def cmd_audit_seal(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor
    staff.require_supervisor(actor)
    seals.settle(actor)
    sealed = seals.seal_head(actor)
    ctx.emit(
        {
            "entry": sealed.entry.id,
            "sequence": sealed.sequence,
            "hash": sealed.head_hash,
            "signer": sealed.signer,
            "sealed_at": sealed.sealed_at,
            "root_fingerprint": seals.root_fingerprint(),
        },
        said(
            "Sealed entries 1-{last} (hash {hash}) as {signer}: seal entry {entry}.",
            last=sealed.sequence,
            hash=sealed.head_hash,
            signer=sealed.signer,
            entry=sealed.entry.id,
        ),
    )
    return 0


def cmd_audit_checkpoint(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    actor = ctx.actor
    staff.require_supervisor(actor)
    seals.settle(actor)
    made = checkpoint.make(actor)
    ctx.emit(
        made.as_dict(),
        said(
            "Checkpoint kept: the state of entries 1-{last} ({rows} in {parts}), signed by "
            "{signer} in entry {entry}. Later checks replay only the entries after it.",
            last=made.sequence,
            rows=Count(made.rows, "row"),
            parts=Count(made.parts, "part"),
            signer=made.signer,
            entry=made.entry,
        ),
    )
    return 0


def cmd_audit_list(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    entries = trail.recent_entries(args.limit, args.action)
    ctx.emit(
        {"entries": [asdict(e) for e in entries]},
        table(
            [
                [
                    str(e.id),
                    e.at[:19],
                    e.staff,
                    e.action,
                    said("{table} {row}", table=e.entity, row=e.entity_id),
                    e.details,
                ]
                for e in entries
            ],
            ["#", "at", "staff", "action", "entity", "details"],
        ),
    )
    return 0
