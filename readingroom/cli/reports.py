"""Report commands: one report as CSV or PDF, the inspector's bundle, and checking a bundle."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readingroom import bundle, clock, reports, settings
from readingroom import verify_bundle as verifier
from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers, language_option
from readingroom.clock import parse_date
from readingroom.errors import AuditBroken, BadInput
from readingroom.language import ENDONYMS, LANGUAGES
from readingroom.messages import Count, Text, listed, said
from readingroom.reports.base import Options


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
        ctx.emit({"branch": name}, said("Branch: {name}", name=name))
        return 0
    ctx.open()
    name = settings.set_branch(ctx.actor, args.name).new
    ctx.emit({"branch": name}, said("Branch name set to: {name}", name=name))
    return 0


def cmd_settings_slip(ctx: Context, args: argparse.Namespace) -> int:
    if args.mode is None:
        ctx.open_signed_in()
        mode = settings.slip_mode()
        ctx.emit({"slip": mode}, said("Slips: {slip}", slip=mode))
        return 0
    ctx.open()
    mode = settings.set_slip_mode(ctx.actor, args.mode).new
    ctx.emit({"slip": mode}, said("Slips set to: {slip}", slip=mode))
    return 0


def cmd_settings_print_language(ctx: Context, args: argparse.Namespace) -> int:
    if args.code is None:
        ctx.open_signed_in()
        code = settings.print_language()
        ctx.emit(
            {"print_language": code},
            said("Printing language: {code} ({name})", code=code, name=ENDONYMS[code]),
        )
        return 0
    ctx.open()
    changed = settings.set_print_language(ctx.actor, args.code)
    ctx.emit(
        {"print_language": changed.new, "old": changed.old},
        said(
            "Printing language set to: {code} ({name})",
            code=changed.new,
            name=ENDONYMS[changed.new],
        ),
    )
    return 0


def cmd_settings_pickup_days(ctx: Context, args: argparse.Namespace) -> int:
    if args.days is None:
        ctx.open_signed_in()
        days = settings.pickup_days()
        ctx.emit(
            {"pickup_days": days},
            said("A set-aside copy waits {days} to be collected.", days=Count(days, "day")),
        )
        return 0
    ctx.open()
    changed = settings.set_pickup_days(ctx.actor, args.days)
    ctx.emit(
        {"pickup_days": int(changed.new), "old": int(changed.old)},
        said(
            "A set-aside copy now waits {days} to be collected (was {old}).",
            days=Count(int(changed.new), "day"),
            old=Count(int(changed.old), "day"),
        ),
    )
    return 0


def cmd_settings_scanner(ctx: Context, args: argparse.Namespace) -> int:
    key, what = args.which, args.what
    if args.clear and args.text is not None:
        raise BadInput(said("Give the scanner {what} or --clear, not both.", what=what))
    if args.text is None and not args.clear:
        ctx.open_signed_in()
        value = settings.get(key)
        ctx.emit(
            {key: value},
            said("Scanner {what}: {value}", what=what, value=value)
            if value
            else said("Scanner {what}: none", what=what),
        )
        return 0
    ctx.open()
    changed = settings.set_scanner_affix(ctx.actor, key, "" if args.clear else args.text)
    ctx.emit(
        {key: changed.new, "old": changed.old},
        said("Scanner {what} set to: {value}", what=what, value=changed.new)
        if changed.new
        else said("Scanner {what} cleared", what=what),
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
        said(
            "Wrote the {kind} report ({rows}) to {path}.",
            kind=args.kind,
            rows=Count(written.rows, "row"),
            path=str(written.path),
        ),
    )
    return 0


def cmd_export_bundle(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.open_signed_in()
    kinds = bundle.parse_kinds(args.kinds)
    exported = bundle.export_bundle(actor, args.out, kinds, _report_options(args), union=args.union)
    lines: list[str] = [
        said(
            "Wrote {files}, {manifest}, its signature {signature} and the sign-off sheet "
            "{signoff} to {folder}.",
            files=Count(len(exported.files), "file"),
            manifest=bundle.MANIFEST,
            signature=bundle.SIGNATURE,
            signoff=bundle.SIGNOFF,
            folder=str(exported.folder),
        )
    ]
    lines += [
        said("Left out the {kind} report: {why}", kind=kind, why=why)
        for kind, why in exported.skipped.items()
    ]
    lines.append(_audit_state(exported.info["audit"]))
    lines.append(
        said(
            "Manifest SHA-256 {sha}, signed by {signer}.",
            sha=exported.manifest_sha256,
            signer=exported.signer,
        )
    )
    if exported.root_fingerprint:
        lines.append(_root_fingerprint(exported.root_fingerprint))
    lines.append(
        said(
            "Check it with: python {verifier} (in the folder), or readingroom check-bundle DIR.",
            verifier=bundle.VERIFIER,
        )
    )
    ctx.emit(exported.as_dict(), lines)
    return 0


def _audit_state(audit_state: dict[str, Any]) -> Text:
    """The exported trail's state: intact or broken, its entries and its latest hash."""
    entries = Count(audit_state["count"], "entry")
    if audit_state["ok"]:
        return said(
            "Audit trail: intact, {entries}, latest hash {hash}.",
            entries=entries,
            hash=audit_state["last_hash"],
        )
    return said(
        "Audit trail: BROKEN, {entries}, latest hash {hash}.",
        entries=entries,
        hash=audit_state["last_hash"],
    )


def _root_fingerprint(fingerprint: str) -> Text:
    return said(
        "Root fingerprint: {fingerprint}", fingerprint=verifier.format_fingerprint(fingerprint)
    )


def bundle_lines(result: bundle.BundleCheck) -> list[str]:
    """What a bundle check found, a line each (files, signature, trail, fingerprint). A
    file's status (OK, FAILED, MISSING) and the verifier's problems and notes are its own
    words: the verifier is a script of the standard library alone, read by the inspector."""
    lines: list[str] = [
        said("{file}: {result}", file=f.name, result=f.status) for f in result.files
    ]
    lines += [said("not in the manifest: {file}", file=name) for name in result.extra]
    lines += [said("problem: {problem}", problem=problem) for problem in result.problems]
    lines += [said("note: {note}", note=note) for note in result.notes]
    if result.signed:
        lines.append(
            said(
                "Manifest signed by {signer} (SHA-256 {sha}).",
                signer=str(result.signer),
                sha=str(result.manifest_sha256),
            )
        )
    if result.entries is not None:
        lines.append(
            said(
                "Audit trail: {entries}, {seals}.",
                entries=Count(result.entries, "entry"),
                seals=Count(result.seals, "seal"),
            )
        )
    if result.root_fingerprint:
        lines.append(_root_fingerprint(result.root_fingerprint))
    return lines


def _all_files_match(n: int) -> Text:
    if n == 1:
        return said("The 1 file matches the signed manifest; the audit trail and its seals verify.")
    return said(
        "All {files} match the signed manifest; the audit trail and its seals verify.",
        files=Count(n, "file"),
    )


def cmd_check_bundle(ctx: Context, args: argparse.Namespace) -> int:
    result = bundle.check_bundle(args.folder)
    lines = bundle_lines(result)
    if not result.ok:
        ctx.emit(result.as_dict(), lines)
        failures: str = (
            listed(result.failures)
            if result.failures
            else said(
                "it is not signed ({signature} is absent), so nothing shows who made it",
                signature=bundle.SIGNATURE,
            )
        )
        raise AuditBroken(
            said(
                "The bundle in {folder} does not verify: {failures}.",
                folder=args.folder,
                failures=failures,
            )
        )
    ctx.emit(result.as_dict(), [*lines, _all_files_match(len(result.files))])
    return 0
