"""Check a Reading Room inspection bundle on your own: Python 3.10+ and ``cryptography``.

Every bundle carries a copy of this file. The inspector runs it in the bundle's folder::

    python verify_bundle.py            # or: python verify_bundle.py PATH/TO/BUNDLE

It needs nothing of Reading Room: only the standard library and the ``cryptography``
package (``pip install cryptography``). It checks, and says which check failed:

1. every file against ``MANIFEST.sha256`` (SHA-256, the format ``sha256sum -c`` reads), and
   that no file outside the manifest is present except the signature file
   ``MANIFEST.sha256.sig`` and the sign-off sheet ``inspection-signoff.pdf``;
2. that every report kind listed in ``bundle.json`` has its files;
3. the audit trail ``audit-trail.jsonl``: every entry's hash is recomputed, each entry must
   name the one before it, and the end of the chain must be the head ``bundle.json`` records;
4. the supervisors' keys and seals in the trail, by the rules ``readingroom audit verify``
   applies: the first ``seal-key`` entry is the root (self-signed); every other key is
   certified by a current key before it, and replaces its owner's earlier key from there on;
   every seal is signed by its signer's current key over an entry before it that still has
   the hash it names;
5. the manifest's signature (Ed25519, by a certified supervisor key) and the sign-off sheet's
   signature (over the manifest's SHA-256 and the sheet's SHA-256).

At the end it prints the root fingerprint in groups of four. Compare it with the one on
paper from the catalogue (``readingroom audit verify``): a bundle made by a copy of the
catalogue with its own root passes checks 1-5 but shows another fingerprint.

Exit status: 0 every check holds; 4 a check failed (each failure is printed); 1 the folder
is not a bundle or cannot be read; 2 wrong usage; 3 the ``cryptography`` package is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "MANIFEST.sha256"
SIGNATURE = "MANIFEST.sha256.sig"
SIGNOFF = "inspection-signoff.pdf"
INFO = "bundle.json"
TRAIL = "audit-trail.jsonl"
VERIFIER = "verify_bundle.py"
#: files a signed bundle holds beside the files its manifest lists
OUTSIDE_MANIFEST = (MANIFEST, SIGNATURE, SIGNOFF)
#: ``bundle.json``'s ``bundle_format`` from which a bundle is signed and carries its trail
SIGNED_FORMAT = 2

GENESIS = "0" * 64
KEY_CONTEXT = b"readingroom-key-v1\n"
SEAL_CONTEXT = b"readingroom-seal-v1\n"
SIGNOFF_CONTEXT = b"readingroom-signoff-v1\n"
SEAL_KEY_ACTION, SEAL_ACTION = "seal-key", "seal"
#: a union bundle (``bundle.json`` has ``"union": true``) withholds every entry of its trail
#: but these: a withheld line is ``{"id", "prev_hash", "hash", "withheld": true}``
KEPT_WHOLE = (SEAL_KEY_ACTION, SEAL_ACTION)
UNION_KEY, WITHHELD = "union", "withheld"
OK, FAILED, MISSING = "OK", "FAILED", "MISSING"
CHUNK = 1 << 20
EXIT_OK, EXIT_NOT_A_BUNDLE, EXIT_USAGE, EXIT_NO_CRYPTO, EXIT_FAILED = 0, 1, 2, 3, 4
_MANIFEST_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
TRAIL_FIELDS = (
    "id",
    "at",
    "staff",
    "action",
    "entity",
    "entity_id",
    "details",
    "prev_hash",
    "hash",
)


# == THE CHAIN HASH ========================================================================
# The one place this verifier computes an audit entry's hash. It must stay identical to
# ``readingroom.audit.entry_hash`` (a test compares them): SHA-256 of the compact JSON array
# [id, at, staff, action, entity, entity_id, details, prev_hash], UTF-8, not ASCII-escaped,
# where ``details`` is the stored text (canonical JSON) exactly as the trail file gives it.


def entry_hash(
    entry_id: int,
    at: str,
    staff: str,
    action: str,
    entity: str,
    entity_id: str,
    details: str,
    prev_hash: str,
) -> str:
    encoded = json.dumps(
        [entry_id, at, staff, action, entity, entity_id, details, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


# ==========================================================================================


def fingerprint(public_key_hex: str) -> str:
    """A key's fingerprint: SHA-256 of its 32 raw bytes, 64 hex digits."""
    return hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()


def format_fingerprint(fp: str) -> str:
    """``abcd1234…`` as ``abcd 1234 …`` (groups of four, for reading aloud or on paper)."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def signed_ok(public_key_hex: str, signature_hex: str, message: bytes) -> bool:
    """Does ``signature_hex`` verify under the Ed25519 key ``public_key_hex``?"""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def key_message(username: str, public_key_hex: str) -> bytes:
    return KEY_CONTEXT + f"{username}\n{public_key_hex}".encode()


def seal_message(sequence: int, hash_hex: str, sealed_at: str) -> bytes:
    return SEAL_CONTEXT + f"{sequence}\n{hash_hex}\n{sealed_at}".encode()


def signoff_message(manifest_sha256: str, signoff_sha256: str) -> bytes:
    return SIGNOFF_CONTEXT + f"{manifest_sha256}\n{signoff_sha256}".encode()


class NotABundle(Exception):
    """The folder has no manifest, or it cannot be read: its English sentence, and the
    ``template`` and ``params`` it was made from (Reading Room's command line shows it in
    its language by that template; this file needs nothing of Reading Room)."""

    def __init__(self, template: str, **params: object):
        super().__init__(template.format(**params))
        self.template = template
        self.params = {name: str(value) for name, value in params.items()}


# -- the result ----------------------------------------------------------------------------


@dataclass
class Report:
    """What was found: per-file statuses, problems (each a failed check) and the facts."""

    folder: Path
    files: dict[str, str] = field(default_factory=dict)
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
    #: entries whose content a union bundle withholds (only their hashes are checked)
    withheld: int = 0

    @property
    def ok(self) -> bool:
        return self.signed and not self.failures

    @property
    def failures(self) -> list[str]:
        """Every failed check: changed, missing and added files first."""
        return failures(self.files, self.extra, self.problems)

    def fail(self, problem: str) -> None:
        self.problems.append(problem)


def failures(files: dict[str, str], extra: list[str], problems: list[str]) -> list[str]:
    """Each failed check in words: changed, missing and added files, then the rest."""
    changed = [
        f"{name}: {'missing' if status == MISSING else 'changed'} since the manifest was written"
        for name, status in files.items()
        if status != OK
    ]
    added = [f"{name}: not in the manifest (added after export)" for name in extra]
    return [*changed, *added, *problems]


@dataclass
class _Keys:
    """The supervisors' current keys the trail has certified so far (public key hex -> user
    name); a key replaced by its owner's later key is no longer among them."""

    names: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)  # user name -> their current key
    root: str | None = None
    hashes: bytearray | None = None  # every entry's hash, once the whole chain verified


# -- 1. the files and the manifest ---------------------------------------------------------


def read_manifest(folder: Path, report: Report) -> list[tuple[str, str]]:
    """The manifest's ``(name, sha256)`` lines; a bad line is a problem."""
    path = folder / MANIFEST
    if not path.is_file():
        raise NotABundle(
            "{folder} has no {manifest}: it is not an export bundle.",
            folder=folder,
            manifest=MANIFEST,
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NotABundle("Cannot read {path}: {problem}.", path=path, problem=error) from error
    report.manifest_sha256 = sha256_file(path)
    listed: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _MANIFEST_LINE.match(line)
        if match is None or not _plain_name(match.group(2)):
            report.fail(f"line {number} of {MANIFEST} is not a checksum line")
            continue
        listed.append((match.group(2), match.group(1).lower()))
    if not listed and not report.problems:
        report.fail(f"{MANIFEST} lists no files")
    return listed


def check_files(folder: Path, listed: list[tuple[str, str]], report: Report) -> None:
    """Every listed file against its SHA-256; anything else in the folder is extra."""
    for name, expected in listed:
        path = folder / name
        if not path.is_file():
            report.files[name] = MISSING
        else:
            report.files[name] = OK if sha256_file(path) == expected else FAILED
    names = {name for name, _ in listed}
    report.extra = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name not in names and entry.name not in OUTSIDE_MANIFEST
    )


def _plain_name(name: str) -> bool:
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name


# -- 2. bundle.json ------------------------------------------------------------------------


def read_info(folder: Path, report: Report) -> dict[str, Any]:
    path = folder / INFO
    if not path.is_file():
        report.fail(f"{INFO} is missing")
        return {}
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        report.fail(f"{INFO} cannot be read: {error}")
        return {}
    if not isinstance(info, dict):
        report.fail(f"{INFO} is not a JSON object")
        return {}
    return info


def kind_files(info: dict[str, Any]) -> dict[str, list[str]]:
    """The files of each report kind ``bundle.json`` lists (CSV and PDF when not named)."""
    named = _mapping(info.get("files_by_kind"))
    kinds = info.get("kinds")
    kinds = kinds if isinstance(kinds, list) else []
    return {str(kind): list(named.get(kind) or [f"{kind}.csv", f"{kind}.pdf"]) for kind in kinds}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def check_kinds(info: dict[str, Any], listed: list[tuple[str, str]], report: Report) -> None:
    names = {name for name, _ in listed}
    for kind, files in kind_files(info).items():
        absent = [name for name in files if name not in names]
        if absent:
            report.fail(
                f"the {kind} report is listed in {INFO} but "
                + ("its file " if len(absent) == 1 else "its files ")
                + f"{', '.join(absent)} "
                + ("is" if len(absent) == 1 else "are")
                + " not in the manifest"
            )


# -- 3. and 4. the audit trail, its keys and seals -----------------------------------------


def trail_entries(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """``(line number, entry or None, why not)`` for each line, read one at a time."""
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            try:
                entry = json.loads(line)
            except ValueError:
                yield number, None, "is not JSON"
                continue
            if isinstance(entry, dict) and entry.get(WITHHELD) is True:
                yield number, *_withheld(entry)
            elif not isinstance(entry, dict) or any(k not in entry for k in TRAIL_FIELDS):
                yield number, None, f"lacks one of {', '.join(TRAIL_FIELDS)}"
            elif not isinstance(entry["id"], int) or not all(
                isinstance(entry[k], str) for k in TRAIL_FIELDS[1:]
            ):
                yield number, None, "has a field of the wrong type"
            else:
                yield number, entry, ""


def _withheld(entry: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    if set(entry) != {"id", "prev_hash", "hash", WITHHELD} or not isinstance(entry["id"], int):
        return None, "is a withheld entry with other fields than id, prev_hash and hash"
    if not all(isinstance(entry[k], str) for k in ("prev_hash", "hash")):
        return None, "has a field of the wrong type"
    return entry, ""


def check_trail(folder: Path, report: Report, union: bool = False) -> _Keys:
    """Recompute the chain, follow the key certificates and verify every seal. ``union``:
    entries may be withheld (a union bundle); their hashes are followed, not recomputed."""
    keys = _Keys()
    path = folder / TRAIL
    if not path.is_file():
        report.fail(f"{TRAIL} is missing: the bundle does not carry its audit trail")
        return keys
    hashes = bytearray()  # entry N's hash at [32*(N-1), 32*N): 64 MB for 2,000,000 entries
    prev, expected = GENESIS, 1
    for number, entry, why in trail_entries(path):
        if entry is None:
            report.fail(f"{TRAIL} line {number} {why}")
            return keys
        if entry.get(WITHHELD) is True:
            problem = _withheld_problem(entry, expected, prev, union)
            report.withheld += 1
        else:
            problem = _chain_problem(entry, expected, prev)
        if problem:
            report.fail(f"{TRAIL} line {number}: {problem}")
            return keys
        if entry.get("action") == SEAL_KEY_ACTION:
            _take_key(entry, keys, report)
        elif entry.get("action") == SEAL_ACTION:
            _check_seal(entry, keys, hashes, report)
        prev = entry["hash"]
        hashes += bytes.fromhex(prev)
        expected += 1
    report.entries, report.head = expected - 1, prev
    if keys.root is not None:
        report.root_fingerprint = fingerprint(keys.root)
    keys.hashes = hashes
    return keys


def _chain_problem(entry: dict[str, Any], expected: int, prev: str) -> str:
    entry_id = entry["id"]
    if entry_id != expected:
        return (
            f"entry {entry_id} where entry {expected} should be (an entry was deleted, "
            "inserted or moved)"
        )
    if entry["prev_hash"] != prev:
        return f"entry {entry_id} does not follow the entry before it"
    fields = [entry[name] for name in TRAIL_FIELDS[:8]]
    if not _HEX64.match(entry["hash"]) or entry_hash(*fields) != entry["hash"]:
        return f"entry {entry_id} was changed after it was written (its hash does not match)"
    return ""


def _withheld_problem(entry: dict[str, Any], expected: int, prev: str, union: bool) -> str:
    entry_id = entry["id"]
    if not union:
        return (
            f"entry {entry_id} is withheld, but only a union bundle withholds entries: "
            "the inspector's bundle carries every entry whole"
        )
    if entry_id != expected:
        return (
            f"entry {entry_id} where entry {expected} should be (an entry was deleted, "
            "inserted or moved)"
        )
    if entry["prev_hash"] != prev or not _HEX64.match(entry["hash"]):
        return f"entry {entry_id} does not follow the entry before it"
    return ""


def _details(entry: dict[str, Any]) -> dict[str, Any]:
    try:
        details = json.loads(entry["details"])
    except ValueError:
        return {}
    return details if isinstance(details, dict) else {}


def _take_key(entry: dict[str, Any], keys: _Keys, report: Report) -> None:
    """A ``seal-key`` entry: the first is the root (self-signed), every later one certified
    by a current key; it replaces its owner's earlier key from here on."""
    details, who = _details(entry), entry["entity_id"]
    public, certifier = str(details.get("public_key", "")), str(details.get("certifier_key", ""))
    certificate = str(details.get("certificate", ""))
    where = f"entry {entry['id']} (key of {who})"
    if keys.root is None:
        if (
            certifier != public
            or details.get("root") is not True
            or details.get("certified_by") != who
        ):
            report.fail(f"{where}: the first key is not a self-signed root")
            return
    elif certifier not in keys.names:
        report.fail(
            f"{where}: certified by a key that is not certified before it (or was replaced)"
        )
        return
    elif details.get("root") is not False:
        report.fail(f"{where}: a second root key")
        return
    elif details.get("certified_by") != keys.names[certifier]:
        report.fail(f"{where}: certified_by does not name the certifying key's owner")
        return
    if not signed_ok(certifier, certificate, key_message(who, public)):
        report.fail(f"{where}: its certificate does not verify")
        return
    if keys.root is None:
        keys.root = public
    replaced = keys.current.get(who)
    if replaced is not None:
        keys.names.pop(replaced, None)
    keys.names[public], keys.current[who] = who, public


def _check_seal(entry: dict[str, Any], keys: _Keys, hashes: bytearray, report: Report) -> None:
    details = _details(entry)
    where = f"seal at entry {entry['id']}"
    public, signer = str(details.get("public_key", "")), details.get("signer")
    sequence, sealed = details.get("sequence"), str(details.get("hash", ""))
    if keys.names.get(public) is None or keys.names[public] != signer:
        report.fail(
            f"{where}: signed by a key not certified for {signer!r} back to the root "
            "(or replaced before it)"
        )
        return
    if (
        not isinstance(sequence, int)
        or not 0 < sequence < entry["id"]
        or entry["entity_id"] != str(sequence)
    ):
        report.fail(f"{where}: seals entry {sequence!r}, which is not an entry before it")
        return
    stored = hashes[32 * (sequence - 1) : 32 * sequence].hex()
    if stored != sealed:
        report.fail(f"{where}: entry {sequence} no longer has the hash that was sealed")
        return
    message = seal_message(sequence, sealed, str(details.get("sealed_at", "")))
    if not signed_ok(public, str(details.get("signature", "")), message):
        report.fail(f"{where}: the signature does not verify")
        return
    report.seals += 1


def check_head(info: dict[str, Any], keys: _Keys, report: Report) -> None:
    """The trail ends at the head ``bundle.json`` recorded, holds the head signed with the
    stocktake it names, and has the root ``bundle.json`` names."""
    if report.entries is None:
        return  # the trail itself failed (already said why)
    state = _mapping(info.get("audit"))
    count, last = state.get("count"), state.get("last_hash")
    if (count, last) != (report.entries, report.head):
        report.fail(
            f"{TRAIL} ends at entry {report.entries} ({report.head}) but {INFO} "
            f"records entry {count} ({last})"
        )
    signed = _mapping(info.get("signed_head"))
    if signed and keys.hashes is not None:
        number, hashes = signed.get("count"), keys.hashes
        found = (
            (hashes[32 * (number - 1) : 32 * number].hex() if number else GENESIS)
            if isinstance(number, int) and 0 <= number <= len(hashes) // 32
            else None
        )
        if found != signed.get("hash"):
            report.fail(
                f"the head signed with stocktake {signed.get('stocktake')} (entry "
                f"{number}) is not in {TRAIL}"
            )
    recorded = info.get("root_fingerprint")
    if recorded != report.root_fingerprint:
        report.fail(
            f"the root key in {TRAIL} has fingerprint {report.root_fingerprint} but "
            f"{INFO} records {recorded}"
        )


# -- 5. the signatures -----------------------------------------------------------------------


def check_signature(folder: Path, keys: _Keys, report: Report) -> None:
    path = folder / SIGNATURE
    if not path.is_file():
        report.fail(f"{SIGNATURE} is missing: nothing shows who made this bundle")
        return
    try:
        sig = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        sig = None
    if not isinstance(sig, dict):
        report.fail(f"{SIGNATURE} is not a signature file")
        return
    public, signer = str(sig.get("public_key", "")), sig.get("signer")
    report.signer = signer if isinstance(signer, str) else None
    manifest = (folder / MANIFEST).read_bytes()
    if not signed_ok(public, str(sig.get("signature", "")), manifest):
        report.fail(f"the manifest's signature does not verify under the key in {SIGNATURE}")
        return
    if keys.names.get(public) is None or keys.names[public] != signer:
        report.fail(
            f"the manifest is signed by a key that is not certified for {signer!r} "
            "back to the root in the audit trail"
        )
        return
    if sig.get("root_fingerprint") != report.root_fingerprint:
        report.fail(
            f"{SIGNATURE} names root {sig.get('root_fingerprint')} but the trail's "
            f"root is {report.root_fingerprint}"
        )
        return
    report.signed = True
    _check_signoff(folder, sig, public, report)


def _check_signoff(folder: Path, sig: dict[str, Any], public: str, report: Report) -> None:
    path = folder / SIGNOFF
    recorded = sig.get("signoff_sha256")
    if not path.is_file():
        if recorded:
            report.fail(f"{SIGNOFF} is missing")
        return
    digest = sha256_file(path)
    if recorded != digest:
        report.fail(f"{SIGNOFF} was changed or replaced after it was signed")
        return
    message = signoff_message(report.manifest_sha256 or "", digest)
    if not signed_ok(public, str(sig.get("signoff_signature", "")), message):
        report.fail(f"{SIGNOFF}'s signature does not verify")


# -- all of it -------------------------------------------------------------------------------


def verify(folder: str | os.PathLike[str]) -> Report:
    """Every check on the bundle in ``folder`` (raises NotABundle when it is none)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotABundle("{folder} is not a folder.", folder=folder)
    report = Report(folder)
    listed = read_manifest(folder, report)
    check_files(folder, listed, report)
    info = read_info(folder, report)
    check_kinds(info, listed, report)
    signed_format = (
        isinstance(info.get("bundle_format"), int) and info["bundle_format"] >= SIGNED_FORMAT
    )
    if not signed_format and not (folder / SIGNATURE).exists():
        report.notes.append(
            "this bundle is not signed and carries no audit trail (made "
            "before signed bundles): it cannot show who made it"
        )
        return report
    union = info.get(UNION_KEY) is True
    keys = check_trail(folder, report, union)
    if union:
        report.notes.append(
            "a union bundle: borrowers are named by the branch's pseudonyms, and "
            f"{report.withheld} of the trail's {report.entries} entries are withheld "
            "(followed by their hashes; only seal keys and seals are whole); the "
            "inspector's bundle carries every entry"
        )
    check_head(info, keys, report)
    check_signature(folder, keys, report)
    return report


def describe(report: Report) -> list[str]:
    """The report as lines for a person."""
    lines = [f"Bundle: {report.folder}"]
    good = sum(status == OK for status in report.files.values())
    lines.append(f"Files: {good} of {len(report.files)} match {MANIFEST}.")
    if report.entries is not None:
        lines.append(
            f"Audit trail: {report.entries} entries, chain head {report.head}, "
            f"{report.seals} seal{'' if report.seals == 1 else 's'} verified"
            + (f", {report.withheld} withheld." if report.withheld else ".")
        )
    if report.signed:
        lines.append(
            f"Manifest signed by {report.signer} (SHA-256 of {MANIFEST}: {report.manifest_sha256})."
        )
    lines += [f"Note: {note}" for note in report.notes]
    lines += [f"FAILED: {problem}" for problem in report.failures]
    if report.root_fingerprint:
        lines.append("Root fingerprint (compare with the one on paper):")
        lines.append(f"    {format_fingerprint(report.root_fingerprint)}")
    lines.append(
        "RESULT: every check holds." if report.ok else "RESULT: the bundle does NOT verify."
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(
            f"usage: python {VERIFIER} [BUNDLE-FOLDER]   (default: this file's folder)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        import cryptography  # noqa: F401
    except ImportError:
        print("The cryptography package is needed: pip install cryptography", file=sys.stderr)
        return EXIT_NO_CRYPTO
    folder = Path(args[0]) if args else Path(__file__).resolve().parent
    try:
        report = verify(folder)
    except (NotABundle, OSError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_NOT_A_BUNDLE
    for line in describe(report):
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
