"""The inspector's export bundle: the reports, the whole audit trail, a verifier, a signed
manifest and a sign-off sheet.

A bundle is a folder::

    KIND.csv, KIND.pdf        each chosen report in both formats
    bundle.json               the export: who, when, kinds, the audit head, the root fingerprint
    audit-trail.jsonl         every audit entry, one JSON object a line (seals and keys too)
    verify_bundle.py          the standalone verifier (Python + ``cryptography`` only)
    MANIFEST.sha256           SHA-256 of each file above (``sha256sum -c`` reads it)
    inspection-signoff.pdf    one page: the manifest's SHA-256, the root fingerprint, the
                              chain head, the signer, and lines for the inspector's signature
    MANIFEST.sha256.sig       the supervisor's Ed25519 signature of the manifest, and of the
                              sign-off sheet bound to the manifest's SHA-256

The sign-off sheet cannot be inside the manifest it names, so it is the one file outside it;
the signature file covers it. Only a supervisor signed in with their password (their seal
key unlocked) exports a bundle. The export is built in a hidden folder beside the target and
renamed into place in the same write transaction that records its audit entry, so a full
disk or a crash leaves no half folder and no export without its entry.

:func:`check_bundle` runs every check of :mod:`readingroom.verify_bundle` (the same code the
inspector runs); :func:`check_chain_against_bundle` checks that today's audit trail still
extends the head the bundle recorded, and :func:`check_catalogue_against_bundle` that the
catalogue is the one the bundle came from (same root key) and was not rolled back to an
older copy.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readingroom import audit, clock, pseudonyms, reports, seals, settings, union_bundle
from readingroom import verify_bundle as verifier
from readingroom.errors import BadInput, EnvironmentProblem, NotFound, NotPermitted, os_problem
from readingroom.inspection import (
    ChainCheck,
    chain_extends,
    last_signed_stocktake,
    signed_head,
)
from readingroom.language import Words
from readingroom.messages import Text, said
from readingroom.reports.base import Options
from readingroom.reports.base import write as write_report
from readingroom.store.db import database, read_transaction, write_transaction
from readingroom.store.models import AuditEntry, StaffUser
from readingroom.vocabulary import StocktakeStatus

MANIFEST = verifier.MANIFEST
SIGNATURE = verifier.SIGNATURE
SIGNOFF = verifier.SIGNOFF
INFO = verifier.INFO
TRAIL = verifier.TRAIL
VERIFIER = verifier.VERIFIER
BUNDLE_FORMAT = verifier.SIGNED_FORMAT
OK, FAILED, MISSING = verifier.OK, verifier.FAILED, verifier.MISSING
CHUNK = verifier.CHUNK
EXPORT_ACTION = "export-bundle"
_PARTIAL = ".partial-"
sha256_file = verifier.sha256_file


# -- export -------------------------------------------------------------------------------


def parse_kinds(text: str | None) -> list[str]:
    """``"inventory,loans"`` as a list of report kinds (every kind when empty)."""
    if not text:
        return list(reports.KINDS)
    kinds: list[str] = []
    for part in text.split(","):
        kind = part.strip()
        if not kind:
            continue
        if kind not in reports.KINDS:
            raise BadInput(
                said(
                    "Unknown report kind {value}: use some of {choices}.",
                    value=repr(kind),
                    choices=", ".join(reports.KINDS),
                )
            )
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        raise BadInput(said("Name at least one report kind."))
    return kinds


@dataclass
class Exported:
    folder: Path
    files: list[Path] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    manifest_sha256: str = ""
    signer: str = ""
    root_fingerprint: str | None = None

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.folder),
            "files": [p.name for p in self.files],
            "skipped": self.skipped,
            "manifest": MANIFEST,
            "manifest_sha256": self.manifest_sha256,
            "signature": SIGNATURE,
            "signoff": SIGNOFF,
            "signer": self.signer,
            "root_fingerprint": self.root_fingerprint,
            "audit": self.info.get("audit"),
            "signed_head": self.info.get("signed_head"),
        }


def export_bundle(
    actor: StaffUser,
    out_dir: str | Path,
    kinds: list[str] | None = None,
    options: Options | None = None,
    *,
    union: bool = False,
) -> Exported:
    """Write a signed bundle into ``out_dir`` (a new or empty folder), audited.

    ``union``: the union catalogue's bundle (:mod:`readingroom.union_bundle`): only the
    kinds and columns it reads, as CSV, borrowers named by the branch's pseudonyms, the
    trail's entries withheld but for the seal keys and seals.

    Supervisor only, signed in with the password (the manifest is signed with their seal
    key): anyone else gets NotPermitted before anything is written. The inspection report is
    left out when there is no stocktake. On any failure (a full disk included) nothing is
    left: no target folder, no hidden work folder, no audit entry.
    """
    key = _signing_key(actor)
    kinds = kinds or list(reports.KINDS)
    secret = pseudonyms.branch_secret(actor)  # the union's CSVs are in every bundle
    if union:
        kinds = union_bundle.kinds(kinds)
        if not kinds:
            raise BadInput(
                said(
                    "A union bundle carries the inventory, overrides, inspection and "
                    "circulation reports: name some of them."
                )
            )
    target = _target(Path(out_dir))
    _remove_stale_work(target)
    work = Path(
        tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{_PARTIAL}{os.getpid()}-")
    )
    try:
        options = reports.prepared_by(actor, options)  # their name on the signature lines
        result = _write_bundle(work, actor, key, kinds, options, secret, union=union)
        _sync(work)
        _publish(actor, work, target, result)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise EnvironmentProblem(
            said(
                "Cannot write the bundle {target}: {why}. Nothing was written; free some "
                "disk space or choose another folder.",
                target=str(target),
                why=os_problem(error),
            )
        ) from error
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.folder = target
    result.files = [target / path.name for path in result.files]
    return result


def _signing_key(actor: StaffUser) -> Any:
    """The actor's unlocked seal key, or NotPermitted saying who may export."""
    if getattr(actor, "role", None) != "supervisor":
        raise NotPermitted(
            said(
                "Only a supervisor can export a bundle: its manifest is signed "
                "with the supervisor's seal key."
            )
        )
    try:
        return seals.signing_key(actor)
    except NotPermitted as refused:
        raise NotPermitted(
            said(
                "Only a supervisor signed in with their password can export a bundle: {problem}",
                problem=refused.message,
            )
        ) from None


def _target(folder: Path) -> Path:
    """``folder`` made absolute, refused unless it is new or an empty folder."""
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise BadInput(said("{folder} is a file, not a folder.", folder=str(folder)))
    if folder.is_dir() and any(folder.iterdir()):
        raise BadInput(
            said(
                "The folder {folder} is not empty; give a new or empty folder for the bundle.",
                folder=str(folder),
            )
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EnvironmentProblem(
            said(
                "Cannot create the folder {folder}: {why}.",
                folder=str(folder.parent),
                why=os_problem(error),
            )
        ) from error
    if not os.access(folder.parent, os.W_OK):
        raise EnvironmentProblem(
            said(
                "Cannot write the bundle into {folder}: the folder is read-only. Choose "
                "another folder.",
                folder=str(folder.parent),
            )
        )
    return folder


def _remove_stale_work(target: Path) -> None:
    """Hidden work folders of this target left by an export that was killed half way."""
    for leftover in target.parent.glob(f".{target.name}{_PARTIAL}*"):
        pid = leftover.name[len(f".{target.name}{_PARTIAL}") :].split("-", 1)[0]
        if leftover.is_dir() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _write_bundle(
    work: Path,
    actor: StaffUser,
    key: Any,
    kinds: list[str],
    options: Options,
    secret: str,
    *,
    union: bool = False,
) -> Exported:
    """The bundle's files in ``work``: the reports (CSV and PDF) and the whole trail for
    the inspector, with the union catalogue's CSVs beside them (``union-KIND.csv``: the
    branch's pseudonyms, made with ``secret``, for member numbers); or, ``union``, the union
    bundle's CSVs alone and the trail with its entries withheld."""
    result = Exported(work, signer=actor.username)
    files_by_kind: dict[str, list[str]] = {}
    union_files: dict[str, str] = {}
    formats = (reports.CSV,) if union else reports.FORMATS
    for kind in kinds:
        try:
            report = reports.build(kind, options)
        except NotFound as missing:
            result.skipped[kind] = missing.message
            continue
        if kind in union_bundle.COLUMNS:
            pseudonymised = union_bundle.union_report(report, secret)
            name = f"{kind}.csv" if union else union_bundle.file_name(kind)
            written = write_report(pseudonymised, reports.CSV, work / name)
            result.files.append(written.path)
            union_files[kind] = name
            if union:
                files_by_kind.setdefault(kind, []).append(name)
                continue
        for fmt in formats:
            written = write_report(report, fmt, work / f"{kind}.{fmt}")
            result.files.append(written.path)
            files_by_kind.setdefault(kind, []).append(written.path.name)
    with read_transaction():  # the trail file ends exactly at the head bundle.json records
        result.root_fingerprint = seals.root_fingerprint()
        result.info = _info(actor, options, files_by_kind, result.skipped, result.root_fingerprint)
        result.info |= {"pseudonyms": union_bundle.PSEUDONYMS, union_bundle.FILES: union_files}
        if union:
            result.info |= {union_bundle.UNION_KEY: True}
        result.files.append(write_trail(work / TRAIL, withheld=union))
        result.files.append(_write_json(work / INFO, result.info))
    result.files.append(_copy_verifier(work))
    write_manifest(work, [path.name for path in result.files])
    result.manifest_sha256 = sha256_file(work / MANIFEST)
    _write_signoff(work / SIGNOFF, actor, result, options.words)
    _write_signature(work, actor, key, result)
    return result


def _info(
    actor: StaffUser,
    options: Options,
    files_by_kind: dict[str, list[str]],
    skipped: dict[str, str],
    root: str | None,
) -> dict[str, Any]:
    verification = audit.verify()
    signed = last_signed_stocktake()
    head = None
    if signed is not None:
        recorded = signed_head(signed)
        head = {
            "stocktake": signed.id,
            "signed_on": recorded.signed_on.isoformat(),
            "signed_by": signed.signed_by,
            "supervisor": signed.closed_by,
            "supervisor_name": signed.closed_by_name or signed.closed_by,
            "inspector": signed.inspector,  # entered at the close (None before migration 0017)
            "inspection_date": (
                signed.inspection_date.isoformat() if signed.inspection_date else None
            ),
            "count": recorded.count,
            "hash": recorded.last_hash,
        }
    return {
        "bundle_format": BUNDLE_FORMAT,
        "branch": settings.branch(),
        "exported_at": clock.now().isoformat(),
        "exported_by": actor.username,
        "as_of": options.today.isoformat(),
        "kinds": list(files_by_kind),
        "files_by_kind": files_by_kind,
        "skipped": skipped,
        "audit": verification.as_dict(),
        "signed_head": head,
        "root_fingerprint": root,
        "signed": True,
        "audit_trail": TRAIL,
    }


def trail_lines() -> Iterator[str]:
    """Every audit entry as one JSON line, oldest first, streamed from one SQLite cursor
    (no model objects: a third faster at 2,000,000 entries, and nothing held in memory)."""
    cursor = database.execute_sql(
        "SELECT id, at, staff, action, entity, entity_id, details, prev_hash, hash "
        "FROM audit_entry ORDER BY id"
    )
    fields, dumps = verifier.TRAIL_FIELDS, json.dumps
    for row in cursor:
        yield (
            dumps(dict(zip(fields, row, strict=True)), ensure_ascii=False, separators=(",", ":"))
            + "\n"
        )


def write_trail(path: Path, *, withheld: bool = False) -> Path:
    """The whole audit trail into ``path`` (streamed: 2,000,000 entries are fine);
    ``withheld``: as a union bundle carries it (:func:`union_bundle.withheld_line`)."""
    lines = trail_lines()
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(map(union_bundle.withheld_line, lines) if withheld else lines)
    return path


def _write_json(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _copy_verifier(work: Path) -> Path:
    target = work / VERIFIER
    shutil.copyfile(Path(verifier.__file__), target)
    return target


def _write_signoff(path: Path, actor: StaffUser, result: Exported, say: Words) -> None:
    from readingroom.pdf import write_signoff_sheet  # fpdf2 loads only to write a PDF

    state, grouped = result.info["audit"], verifier.format_fingerprint
    root = result.root_fingerprint
    signer_key = verifier.fingerprint(seals.public_key_hex(actor))
    count = state["count"]
    write_signoff_sheet(
        path,
        branch=result.info["branch"],
        exported_at=result.info["exported_at"][:16].replace("T", " "),
        fields=[
            (say("Manifest"), MANIFEST),
            (say("SHA-256 of the manifest"), grouped(result.manifest_sha256)),
            (say("Root fingerprint"), grouped(root) if root else say("(none)")),
            (
                say("Audit trail"),
                say("{count} entries, intact", count=count)
                if state["ok"]
                else say("{count} entries, BROKEN", count=count),
            ),
            (
                say("Chain head"),
                say("entry {n}: {hash}", n=count, hash=grouped(state["last_hash"])),
            ),
            (
                say("Signed by"),
                say(
                    "{name} ({username}), supervisor",
                    name=actor.display_name,
                    username=actor.username,
                ),
            ),
            (say("Signer's key"), grouped(signer_key)),
            (
                say("Reports"),
                ", ".join(say.value("report", kind) for kind in result.info["kinds"])
                or say("(none)"),
            ),
        ],
        signer=actor.display_name,
        words=say,
    )


def _write_signature(work: Path, actor: StaffUser, key: Any, result: Exported) -> None:
    manifest = (work / MANIFEST).read_bytes()
    signoff = sha256_file(work / SIGNOFF)
    signature = {
        "signer": actor.username,
        "public_key": seals.public_key_hex(actor),
        "signature": key.sign(manifest).hex(),
        "root_fingerprint": result.root_fingerprint,
        "signoff": SIGNOFF,
        "signoff_sha256": signoff,
        "signoff_signature": key.sign(
            verifier.signoff_message(result.manifest_sha256, signoff)
        ).hex(),
    }
    _write_json(work / SIGNATURE, signature)


def _sync(work: Path) -> None:
    """Every file of the work folder on disk before it is renamed into place."""
    for path in work.iterdir():
        with path.open("rb") as stream:
            os.fsync(stream.fileno())


def _publish(actor: StaffUser, work: Path, target: Path, result: Exported) -> None:
    """Audit the export and rename the work folder to ``target`` as one step."""
    details = {
        "folder": str(target),
        "kinds": result.info["kinds"],
        "skipped": sorted(result.skipped),
        "files": [p.name for p in result.files],
        "manifest_sha256": result.manifest_sha256,
        "root_fingerprint": result.root_fingerprint,
        "audit_head": result.info["audit"]["count"],
    }
    moved = False
    try:
        with write_transaction():
            audit.record(actor, EXPORT_ACTION, "bundle", target.name, details)
            _rename(work, target)
            moved = True
    except BaseException:
        if moved:
            shutil.rmtree(target, ignore_errors=True)
        raise
    _sync_folder(target.parent)


def _rename(work: Path, target: Path) -> None:
    try:
        os.replace(work, target)  # an empty target folder is replaced whole
    except OSError as error:
        raise EnvironmentProblem(
            said(
                "Cannot write the bundle {target}: {why}. Nothing was written.",
                target=str(target),
                why=os_problem(error),
            )
        ) from error


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_manifest(folder: Path, names: list[str]) -> Path:
    lines = [f"{sha256_file(folder / name)}  {name}\n" for name in sorted(names)]
    path = folder / MANIFEST
    path.write_text("".join(lines), encoding="utf-8")
    return path


# -- checking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileCheck:
    name: str
    status: str  # OK, FAILED or MISSING


@dataclass
class BundleCheck:
    """Every check of :mod:`readingroom.verify_bundle` on one bundle."""

    folder: Path
    files: list[FileCheck] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signed: bool = False
    signer: str | None = None
    root_fingerprint: str | None = None
    entries: int | None = None
    head: str | None = None
    seals: int = 0
    manifest_sha256: str | None = None

    @property
    def ok(self) -> bool:
        """Every file matches, nothing was added, the signature and the trail verify."""
        return self.signed and not self.altered

    @property
    def altered(self) -> bool:
        """Something in the bundle fails a check (an unsigned old bundle is not altered)."""
        return bool(self.problems or self.extra or self.failed)

    @property
    def failed(self) -> list[FileCheck]:
        return [f for f in self.files if f.status != OK]

    @property
    def failures(self) -> list[str]:
        """Each failed check in words, files first: a changed, missing or added file keyed
        (the verifier's :func:`~readingroom.verify_bundle.failures` in its English), then
        the verifier's problems in its own words."""
        changed = [
            said("{file}: missing since the manifest was written", file=f.name)
            if f.status == verifier.MISSING
            else said("{file}: changed since the manifest was written", file=f.name)
            for f in self.files
            if f.status != verifier.OK
        ]
        added = [
            said("{file}: not in the manifest (added after export)", file=name)
            for name in self.extra
        ]
        return [*changed, *added, *self.problems]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": {f.name: f.status for f in self.files},
            "extra": self.extra,
            "problems": self.problems,
            "notes": self.notes,
            "signed": self.signed,
            "signer": self.signer,
            "root_fingerprint": self.root_fingerprint,
            "entries": self.entries,
            "head": self.head,
            "seals": self.seals,
            "manifest_sha256": self.manifest_sha256,
        }


def check_bundle(folder: str | Path) -> BundleCheck:
    """Every file against the signed manifest, nothing added, each kind present, the trail
    recomputed, seals and keys back to the root: what ``verify_bundle.py`` checks.

    Raises NotFound when the folder has no manifest. Needs no database.
    """
    try:
        report = verifier.verify(folder)
    except verifier.NotABundle as error:
        raise NotFound(_not_a_bundle(error)) from None
    return BundleCheck(
        Path(folder),
        [FileCheck(name, status) for name, status in report.files.items()],
        report.extra,
        report.problems,
        report.notes,
        report.signed,
        report.signer,
        report.root_fingerprint,
        report.entries,
        report.head,
        report.seals,
        report.manifest_sha256,
    )


def _not_a_bundle(error: verifier.NotABundle) -> Text:
    """The verifier's refusal of a folder, keyed by its template (the verifier needs
    nothing of Reading Room, so it makes no keyed message of its own); what the system said
    of an unreadable manifest in the user's words."""
    params: dict[str, str] = dict(error.params)
    if isinstance(error.__cause__, OSError):
        params["problem"] = os_problem(error.__cause__)
    return Text(error.template, params)


def recorded_head(folder: str | Path) -> tuple[int, str, str]:
    """The chain head a bundle recorded: ``(count, hash, where)`` from its signed stocktake.

    Read from ``bundle.json``, or else from the inspection report's CSV columns.
    """
    folder = Path(folder)
    info_path = folder / INFO
    if info_path.is_file():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        head = info.get("signed_head")
        if head:
            return (
                int(head["count"]),
                str(head["hash"]),
                (f"stocktake {head['stocktake']} signed on {head['signed_on']}"),
            )
    csv_path = folder / "inspection.csv"
    if csv_path.is_file():
        with csv_path.open(encoding="utf-8", newline="") as stream:
            row = next(csv.DictReader(stream), None)
        if row and row.get("stocktake_status") == StocktakeStatus.SIGNED and row.get("audit_hash"):
            return (
                int(row["audit_count"]),
                row["audit_hash"],
                (f"stocktake {row['stocktake']} signed on {row['signed_on']}"),
            )
    raise NotFound(said("The bundle in {folder} records no signed stocktake.", folder=str(folder)))


def exported_head(folder: str | Path) -> tuple[int, str, str] | None:
    """The chain head at export ``(count, hash, where)``, when ``bundle.json`` records an
    intact trail (None for an older bundle or one exported from a broken trail)."""
    info_path = Path(folder) / INFO
    if not info_path.is_file():
        return None
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        state = info["audit"]
        if info.get("bundle_format", 1) < BUNDLE_FORMAT or state["ok"] is not True:
            return None
        return (
            int(state["count"]),
            str(state["last_hash"]),
            (f"the bundle's export on {str(info['exported_at'])[:10]} (entry {state['count']})"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def check_chain_against_bundle(folder: str | Path) -> tuple[ChainCheck, str]:
    """Does the open database's audit trail extend the head the bundle recorded?

    The head at export when the bundle records one (so a catalogue rolled back to an older
    copy, with fewer entries than the bundle, fails), else the head signed with its stocktake.
    """
    count, last_hash, where = exported_head(folder) or recorded_head(folder)
    return chain_extends(count, last_hash), where


def _bundle_info(folder: Path) -> dict[str, Any]:
    try:
        info = json.loads((folder / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def check_catalogue_against_bundle(folder: str | Path) -> str:
    """``""`` when the open catalogue can be the one the bundle was exported from, else the
    problem: another root key (another catalogue, or its keys replaced), fewer entries than
    at export (a rollback to an older copy), or the entry that was the newest at export
    changed since (rolled back and written again, or rewritten)."""
    info = _bundle_info(Path(folder))
    recorded = info.get("root_fingerprint")
    current = seals.root_fingerprint()
    if recorded and recorded != current:
        shown = seals.format_fingerprint(current) if current else "none"
        return (
            f"the catalogue's root key fingerprint ({shown}) differs from the bundle's "
            f"({seals.format_fingerprint(str(recorded))}): this is not the catalogue the "
            "bundle was exported from, or its seal keys were replaced"
        )
    exported = info.get("audit") or {}
    count, at_export = exported.get("count"), exported.get("last_hash")
    if not exported.get("ok") or not isinstance(count, int) or not isinstance(at_export, str):
        return ""
    newest, _ = audit.chain_head()
    if newest < count:
        return (
            f"the catalogue's newest audit entry is {newest} but the bundle was exported "
            f"at entry {count}: the database was rolled back to an older copy"
        )
    entry = AuditEntry.get_or_none(AuditEntry.id == count) if count else None
    if (entry.hash if entry is not None else audit.GENESIS) != at_export:
        return (
            f"entry {count}, the newest when the bundle was exported, no longer has the "
            "hash it had then: the database was replaced by an older copy or rewritten"
        )
    return ""
