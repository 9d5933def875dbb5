"""The inspector's export bundle: chosen reports, a summary and a SHA-256 manifest.

``MANIFEST.sha256`` lists every file of the bundle in the format ``sha256sum -c`` checks
(``<64 hex digits><two spaces><file name>``), so a file changed after export is detected
by that tool or by :func:`check_bundle`. ``bundle.json`` records the audit trail's state at
export, the chain head signed with the newest signed stocktake and the root seal key's
fingerprint; :func:`check_chain_against_bundle` checks that today's audit trail still
extends the signed head, and :func:`check_catalogue_against_bundle` that the catalogue is
the one the bundle came from (same root key) and was not rolled back to an older copy.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readingroom import audit, clock, reports, seals, settings
from readingroom.errors import BadInput, NotFound
from readingroom.inspection import (
    ChainCheck,
    chain_extends,
    last_signed_stocktake,
    prepare_folder,
)
from readingroom.models import AuditEntry
from readingroom.reports.base import Options
from readingroom.reports.base import write as write_report

MANIFEST = "MANIFEST.sha256"
INFO = "bundle.json"
OK, FAILED, MISSING = "OK", "FAILED", "MISSING"
CHUNK = 1 << 20
_MANIFEST_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


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
            raise BadInput(f"Unknown report kind {kind!r}: use some of "
                           f"{', '.join(reports.KINDS)}.")
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        raise BadInput("Name at least one report kind.")
    return kinds


@dataclass
class Exported:
    folder: Path
    files: list[Path] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST

    def as_dict(self) -> dict[str, Any]:
        return {"out": str(self.folder), "files": [p.name for p in self.files],
                "skipped": self.skipped, "manifest": MANIFEST,
                "audit": self.info.get("audit"), "signed_head": self.info.get("signed_head")}


def export_bundle(out_dir: str | Path, kinds: list[str] | None = None,
                  options: Options | None = None) -> Exported:
    """Write the reports (CSV and PDF each), ``bundle.json`` and the manifest into a new
    or empty folder; the inspection report is left out when there is no stocktake."""
    folder = _empty_folder(Path(out_dir))
    options = options or Options()
    result = Exported(folder)
    for kind in kinds or list(reports.KINDS):
        try:
            report = reports.build(kind, options)
        except NotFound as missing:
            result.skipped[kind] = missing.message
            continue
        for fmt in reports.FORMATS:
            written = write_report(report, fmt, folder / f"{kind}.{fmt}")
            result.files.append(written.path)
    result.info = _info(options, [k for k in (kinds or reports.KINDS)
                                  if k not in result.skipped], result.skipped)
    info_path = folder / INFO
    info_path.write_text(json.dumps(result.info, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    result.files.append(info_path)
    write_manifest(folder, [path.name for path in result.files])
    return result


def _empty_folder(folder: Path) -> Path:
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} is a file, not a folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise BadInput(f"The folder {folder} is not empty; give a new or empty folder for "
                       "the bundle.")
    return prepare_folder(folder)


def _info(options: Options, kinds: list[str], skipped: dict[str, str]) -> dict[str, Any]:
    verification = audit.verify()
    signed = last_signed_stocktake()
    head = None
    if signed is not None:
        head = {"stocktake": signed.id, "signed_on": signed.signed_on.isoformat(),
                "signed_by": signed.signed_by, "supervisor": signed.closed_by,
                "count": signed.audit_count, "hash": signed.audit_hash}
    return {"branch": settings.branch(), "exported_at": clock.now().isoformat(),
            "as_of": options.today.isoformat(), "kinds": kinds, "skipped": skipped,
            "audit": verification.as_dict(), "signed_head": head,
            "root_fingerprint": seals.root_fingerprint()}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
    folder: Path
    files: list[FileCheck] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(f.status == OK for f in self.files)

    @property
    def failed(self) -> list[FileCheck]:
        return [f for f in self.files if f.status != OK]

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "files": {f.name: f.status for f in self.files},
                "extra": self.extra, "problems": self.problems}


def check_bundle(folder: str | Path) -> BundleCheck:
    """Compare every file listed in the bundle's manifest with its recorded SHA-256."""
    folder = Path(folder)
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise NotFound(f"{folder} has no {MANIFEST}: it is not an export bundle.")
    result = BundleCheck(folder)
    listed = set()
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = _MANIFEST_LINE.match(line)
        if match is None or not _plain_name(match.group(2)):
            result.problems.append(f"line {number} of {MANIFEST} is not a checksum line")
            continue
        expected, name = match.group(1).lower(), match.group(2)
        listed.add(name)
        path = folder / name
        if not path.is_file():
            result.files.append(FileCheck(name, MISSING))
        else:
            result.files.append(FileCheck(name, OK if sha256_file(path) == expected
                                          else FAILED))
    if not result.files and not result.problems:
        result.problems.append(f"{MANIFEST} lists no files")
    result.extra = sorted(p.name for p in folder.iterdir()
                          if p.is_file() and p.name not in listed and p.name != MANIFEST)
    return result


def _plain_name(name: str) -> bool:
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name


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
            return int(head["count"]), str(head["hash"]), (
                f"stocktake {head['stocktake']} signed on {head['signed_on']}")
    csv_path = folder / "inspection.csv"
    if csv_path.is_file():
        with csv_path.open(encoding="utf-8", newline="") as stream:
            row = next(csv.DictReader(stream), None)
        if row and row.get("stocktake_status") == "signed" and row.get("audit_hash"):
            return int(row["audit_count"]), row["audit_hash"], (
                f"stocktake {row['stocktake']} signed on {row['signed_on']}")
    raise NotFound(f"The bundle in {folder} records no signed stocktake.")


def check_chain_against_bundle(folder: str | Path) -> tuple[ChainCheck, str]:
    """Does the open database's audit trail extend the head the bundle recorded?"""
    count, last_hash, where = recorded_head(folder)
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
        return (f"the catalogue's root key fingerprint ({shown}) differs from the bundle's "
                f"({seals.format_fingerprint(str(recorded))}): this is not the catalogue the "
                "bundle was exported from, or its seal keys were replaced")
    exported = info.get("audit") or {}
    count, at_export = exported.get("count"), exported.get("last_hash")
    if not exported.get("ok") or not isinstance(count, int) or not isinstance(at_export, str):
        return ""
    newest, _ = audit.chain_head()
    if newest < count:
        return (f"the catalogue's newest audit entry is {newest} but the bundle was exported "
                f"at entry {count}: the database was rolled back to an older copy")
    entry = AuditEntry.get_or_none(AuditEntry.id == count) if count else None
    if (entry.hash if entry is not None else audit.GENESIS) != at_export:
        return (f"entry {count}, the newest when the bundle was exported, no longer has the "
                "hash it had then: the database was replaced by an older copy or rewritten")
    return ""
