"""Helpers for the bundle tests: alter a bundle the way an insider with the files (and their
own tools, but no supervisor's key) would, and run ``verify_bundle.py`` as an inspector does:
a bare Python with only the ``cryptography`` package on its path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from readingroom import verify_bundle as verifier

#: the venv's site-packages only: with ``python -S`` the editable install's .pth file is not
#: read, so ``import readingroom`` fails there and the verifier has only ``cryptography``
SITE_PACKAGES = sysconfig.get_paths()["purelib"]


def bare_python(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": SITE_PACKAGES,
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-S", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def run_verifier(folder: Path) -> subprocess.CompletedProcess:
    """``python verify_bundle.py`` in the bundle's folder."""
    return bare_python(verifier.VERIFIER, cwd=folder)


def manifest_lines(folder: Path) -> list[tuple[str, str]]:
    return [
        (line[66:], line[:64])
        for line in (folder / verifier.MANIFEST).read_text("utf-8").splitlines()
    ]


def remanifest(folder: Path, drop: tuple[str, ...] = ()) -> None:
    """Recompute every manifest line (leaving out ``drop``): what ``sha256sum`` would give."""
    names = [name for name, _ in manifest_lines(folder) if name not in drop]
    (folder / verifier.MANIFEST).write_text(
        "".join(f"{verifier.sha256_file(folder / name)}  {name}\n" for name in sorted(names)),
        "utf-8",
    )


def new_key() -> tuple[Ed25519PrivateKey, str]:
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key, raw.hex()


def signature_file(folder: Path) -> dict:
    return json.loads((folder / verifier.SIGNATURE).read_text("utf-8"))


def resign(folder: Path, key: Ed25519PrivateKey, public_hex: str, signer: str) -> None:
    """Sign the manifest (and the sign-off sheet) with ``key``, as the signature file says."""
    data = signature_file(folder)
    manifest = (folder / verifier.MANIFEST).read_bytes()
    signoff = verifier.sha256_file(folder / verifier.SIGNOFF)
    data.update(
        signer=signer,
        public_key=public_hex,
        signature=key.sign(manifest).hex(),
        signoff_sha256=signoff,
        signoff_signature=key.sign(
            verifier.signoff_message(verifier.sha256_file(folder / verifier.MANIFEST), signoff)
        ).hex(),
    )
    (folder / verifier.SIGNATURE).write_text(json.dumps(data), "utf-8")


def trail(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / verifier.TRAIL).read_text("utf-8").splitlines()]


def write_trail(folder: Path, entries: list[dict], *, rehash_from: int | None = None) -> None:
    """Write the entries back; from ``rehash_from`` on, recompute each hash and the head in
    ``bundle.json`` too (a forgery consistent with itself)."""
    if rehash_from is not None:
        prev = entries[rehash_from - 2]["hash"] if rehash_from > 1 else verifier.GENESIS
        for entry in entries[rehash_from - 1 :]:
            entry["prev_hash"] = prev
            entry["hash"] = prev = verifier.entry_hash(
                *(entry[name] for name in verifier.TRAIL_FIELDS[:8])
            )
        info = json.loads((folder / verifier.INFO).read_text("utf-8"))
        info["audit"].update(count=entries[-1]["id"], last_hash=entries[-1]["hash"])
        (folder / verifier.INFO).write_text(json.dumps(info), "utf-8")
    (folder / verifier.TRAIL).write_text(
        "".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries),
        "utf-8",
    )


def append_entry(
    entries: list[dict], action: str, entity: str, entity_id: str, details: dict, staff: str = "lib"
) -> None:
    last = entries[-1]
    entry = {
        "id": last["id"] + 1,
        "at": "2026-12-01T10:00:00.000000",
        "staff": staff,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": json.dumps(details, sort_keys=True, separators=(",", ":")),
        "prev_hash": last["hash"],
        "hash": "",
    }
    entry["hash"] = verifier.entry_hash(*(entry[name] for name in verifier.TRAIL_FIELDS[:8]))
    entries.append(entry)
