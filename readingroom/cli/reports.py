"""Report commands: one report as CSV or PDF, the inspector's bundle, and checking a bundle."""

from __future__ import annotations

import argparse
from pathlib import Path

from readingroom import bundle, clock, reports, settings
from readingroom import verify_bundle as verifier
from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers, language_option
from readingroom.clock import parse_date
from readingroom.errors import AuditBroken, BadInput
from readingroom.language import ENDONYMS, LANGUAGES
from readingroom.reports.base import Options
from readingroom.wording import count


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common], help="one report as CSV or PDF")
    p.add_argument("kind", choices=reports.KINDS, metavar="KIND", help=", ".join(reports.KINDS))
    p.add_argument(
        "--format",
        choices=reports.FORMATS,
        help="csv or pdf (default: from the file name, else csv)",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the file to write (an existing one only with --force)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _options(p)
    p.add_argument(
        "--stocktake",
        type=int,
        metavar="N",
        help="the inspection report of stocktake N (default: the newest)",
    )
    language_option(p, "the PDF (and, when given, the CSV's headers and values)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "export-bundle",
        parents=[common],
        help="the reports (CSV and PDF), the audit trail and a verifier with "
        "a signed SHA-256 manifest, for the inspector (supervisor)",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument("--kinds", metavar="K,K...", help="which reports (default: every kind)")
    p.add_argument(
        "--union",
        action="store_true",
        help="for the union catalogue (central import-bundle): the CSVs it reads, borrowers "
        "named by this branch's pseudonyms, the trail's entries withheld but seals and keys",
    )
    _options(p)
    language_option(p, "the PDFs and the sign-off sheet (and, when given, the CSVs)")
    p.set_defaults(func=cmd_export_bundle)

    p = sub.add_parser(
        "check-bundle",
        parents=[common],
        help="check a bundle: its files against the signed manifest, the "
        "audit trail and its seals (exit 4 if any fails)",
    )
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(func=cmd_check_bundle)

    p = sub.add_parser("settings", help="the catalogue's settings")
    settings_sub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    q = settings_sub.add_parser(
        "branch",
        parents=[common],
        help="show the branch name every report and letter carries; with NAME, change it "
        "(supervisor)",
    )
    q.add_argument("name", nargs="?", metavar="NAME")
    q.set_defaults(func=cmd_settings_branch)
    q = settings_sub.add_parser(
        "slip",
        parents=[common],
        help="show whether the desk prints a slip after a lend or return; with always, ask or "
        "never, change it (supervisor)",
    )
    q.add_argument("mode", nargs="?", choices=settings.SLIP_MODES, metavar="always|ask|never")
    q.set_defaults(func=cmd_settings_slip)
    q = settings_sub.add_parser(
        "pickup-days",
        parents=[common],
        help="show how many days a copy set aside for a hold waits to be collected; "
        "with N, change it (supervisor)",
    )
    q.add_argument("days", nargs="?", type=int, metavar="N")
    q.set_defaults(func=cmd_settings_pickup_days)
    q = settings_sub.add_parser(
        "print-language",
        parents=[common],
        help="show the language reports, letters and slips print in; with ko_KP (조선어), "
        "ko (한국어) or en, change it (supervisor)",
    )
    q.add_argument("code", nargs="?", choices=LANGUAGES, metavar="ko_KP|ko|en")
    q.set_defaults(func=cmd_settings_print_language)
    for which, what, where in (
        (settings.SCANNER_PREFIX, "prefix", "before"),
        (settings.SCANNER_SUFFIX, "suffix", "after"),
    ):
        q = settings_sub.add_parser(
            f"scanner-{what}",
            parents=[common],
            help=f"show the characters the barcode scanner sends {where} each code (taken off "
            "at the desk and in a stocktake); with TEXT, change it, with --clear, take it "
            "away (supervisor)",
        )
        q.add_argument("text", nargs="?", metavar="TEXT")
        q.add_argument("--clear", action="store_true", help=f"the scanner sends no {what}")
        q.set_defaults(func=cmd_settings_scanner, which=which, what=what)


def cmd_settings_branch(ctx: Context, args: argparse.Namespace) -> int:
    if args.name is None:
        ctx.open_signed_in()
        name = settings.branch()
        ctx.emit({"branch": name}, f"Branch: {name}")
        return 0
    ctx.open()
    name = settings.set_branch(ctx.actor, args.name).new
    ctx.emit({"branch": name}, f"Branch name set to: {name}")
    return 0


def cmd_settings_slip(ctx: Context, args: argparse.Namespace) -> int:
    if args.mode is None:
        ctx.open_signed_in()
        mode = settings.slip_mode()
        ctx.emit({"slip": mode}, f"Slips: {mode}")
        return 0
    ctx.open()
    mode = settings.set_slip_mode(ctx.actor, args.mode).new
    ctx.emit({"slip": mode}, f"Slips set to: {mode}")
    return 0


def cmd_settings_print_language(ctx: Context, args: argparse.Namespace) -> int:
    if args.code is None:
        ctx.open_signed_in()
        code = settings.print_language()
        ctx.emit({"print_language": code}, f"Printing language: {code} ({ENDONYMS[code]})")
        return 0
    ctx.open()
    changed = settings.set_print_language(ctx.actor, args.code)
    ctx.emit(
        {"print_language": changed.new, "old": changed.old},
        f"Printing language set to: {changed.new} ({ENDONYMS[changed.new]})",
    )
    return 0


def cmd_settings_pickup_days(ctx: Context, args: argparse.Namespace) -> int:
    if args.days is None:
        ctx.open_signed_in()
        days = settings.pickup_days()
        ctx.emit({"pickup_days": days}, f"A set-aside copy waits {days} days to be collected.")
        return 0
    ctx.open()
    changed = settings.set_pickup_days(ctx.actor, args.days)
    ctx.emit(
        {"pickup_days": int(changed.new), "old": int(changed.old)},
        f"A set-aside copy now waits {changed.new} days to be collected (was {changed.old}).",
    )
    return 0


def cmd_settings_scanner(ctx: Context, args: argparse.Namespace) -> int:
    key, what = args.which, args.what
    if args.clear and args.text is not None:
        raise BadInput(f"Give the scanner {what} or --clear, not both.")
    if args.text is None and not args.clear:
        ctx.open_signed_in()
        value = settings.get(key)
        ctx.emit(
            {key: value},
            f"Scanner {what}: {value}" if value else f"Scanner {what}: none",
        )
        return 0
    ctx.open()
    changed = settings.set_scanner_affix(ctx.actor, key, "" if args.clear else args.text)
    ctx.emit(
        {key: changed.new, "old": changed.old},
        f"Scanner {what} set to: {changed.new}" if changed.new else f"Scanner {what} cleared",
    )
    return 0


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day the report is as of")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        help="period start (circulation, overrides, exceptions)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="YYYY-MM-DD",
        help="period end (circulation, overrides, exceptions)",
    )


def _report_options(args: argparse.Namespace) -> Options:
    return Options(
        today=parse_date(args.date) if args.date else clock.today(),
        start=parse_date(args.start, "start date") if args.start else None,
        end=parse_date(args.end, "end date") if args.end else None,
        stocktake_id=getattr(args, "stocktake", None),
        language=getattr(args, "lang", None),
    )


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    fmt = args.format or ("pdf" if Path(args.out).suffix.lower() == ".pdf" else "csv")
    written = reports.export(
        actor, args.kind, fmt, args.out, _report_options(args), force=args.force
    )
    ctx.emit(
        written.as_dict(),
        f"Wrote the {args.kind} report ({count(written.rows, 'row')}) to {written.path}.",
    )
    return 0


def cmd_export_bundle(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    kinds = bundle.parse_kinds(args.kinds)
    exported = bundle.export_bundle(actor, args.out, kinds, _report_options(args), union=args.union)
    lines = [
        f"Wrote {count(len(exported.files), 'file')}, {bundle.MANIFEST}, its signature "
        f"{bundle.SIGNATURE} and the sign-off sheet {bundle.SIGNOFF} to "
        f"{exported.folder}."
    ]
    lines += [f"Left out the {kind} report: {why}" for kind, why in exported.skipped.items()]
    audit_state = exported.info["audit"]
    lines.append(
        f"Audit trail: {'intact' if audit_state['ok'] else 'BROKEN'}, "
        f"{count(audit_state['count'], 'entry')}, latest hash {audit_state['last_hash']}."
    )
    lines.append(f"Manifest SHA-256 {exported.manifest_sha256}, signed by {exported.signer}.")
    if exported.root_fingerprint:
        lines.append("Root fingerprint: " + verifier.format_fingerprint(exported.root_fingerprint))
    lines.append(
        f"Check it with: python {bundle.VERIFIER} (in the folder), or readingroom check-bundle DIR."
    )
    ctx.emit(exported.as_dict(), lines)
    return 0


def bundle_lines(result: bundle.BundleCheck) -> list[str]:
    """What a bundle check found, a line each (files, signature, trail, fingerprint)."""
    lines = [f"{f.name}: {f.status}" for f in result.files]
    lines += [f"not in the manifest: {name}" for name in result.extra]
    lines += [f"problem: {problem}" for problem in result.problems]
    lines += [f"note: {note}" for note in result.notes]
    if result.signed:
        lines.append(f"Manifest signed by {result.signer} (SHA-256 {result.manifest_sha256}).")
    if result.entries is not None:
        lines.append(
            f"Audit trail: {count(result.entries, 'entry')}, {count(result.seals, 'seal')}."
        )
    if result.root_fingerprint:
        lines.append("Root fingerprint: " + verifier.format_fingerprint(result.root_fingerprint))
    return lines


def _all_files_match(n: int) -> str:
    return "The 1 file matches" if n == 1 else f"All {n} files match"


def cmd_check_bundle(ctx: Context, args: argparse.Namespace) -> int:
    result = bundle.check_bundle(args.folder)
    lines = bundle_lines(result)
    if not result.ok:
        ctx.emit(result.as_dict(), lines)
        failures = result.failures or [
            f"it is not signed ({bundle.SIGNATURE} is absent), so nothing shows who made it"
        ]
        raise AuditBroken(
            f"The bundle in {args.folder} does not verify: " + "; ".join(failures) + "."
        )
    ctx.emit(
        result.as_dict(),
        [
            *lines,
            f"{_all_files_match(len(result.files))} the signed "
            "manifest; the audit trail and its seals verify.",
        ],
    )
    return 0
