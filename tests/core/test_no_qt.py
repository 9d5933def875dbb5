"""Importing ``readingroom`` and running non-GUI commands never loads PySide6 (the core works
with no display, as Anki's ``pylib`` does without ``aqt``)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.core.cli_support import BOSS, PASSWORD, REPO

PROBE = textwrap.dedent("""
    import json, pkgutil, sys
    import readingroom
    from readingroom.cli import main

    db, fresh = sys.argv[1], sys.argv[2]
    qt = lambda: sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    report = {"after_import": qt()}
    for info in pkgutil.walk_packages(readingroom.__path__, "readingroom."):
        __import__(info.name)
    report["after_every_module"] = qt()
    codes = {}
    for args in (["search", "x"], ["search", "Proof", "--json"], ["check", "B1", "W1"],
                 ["lend", "B1", "W1"], ["copy", "show", "B1"], ["borrower", "show", "W1"],
                 ["return", "B1", "--condition", "worn"], ["policy", "show"],
                 ["audit", "verify"], ["audit", "list"], ["copy", "show", "NOPE"]):
        codes[" ".join(args)] = main(["--db", db, *args])
    codes["init"] = main(["--db", fresh, "init"])
    report["codes"] = codes
    report["after_commands"] = qt()
    import PySide6.QtCore  # the probe itself can see Qt when it is loaded
    report["probe_sees_qt"] = "PySide6.QtCore" in sys.modules
    print(json.dumps(report))
""")


def test_the_core_and_its_commands_never_load_pyside6(
    db, librarian, make_copy, make_borrower, tmp_path
):
    make_copy("B1")
    make_borrower("W1")
    env = {
        "READINGROOM_USER": BOSS,
        "READINGROOM_PASSWORD": PASSWORD,
        "PATH": "",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), str(tmp_path / "fresh.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["after_import"] == []
    assert report["after_every_module"] == []
    assert report["after_commands"] == []
    assert report["codes"] == {
        "search x": 0,
        "search Proof --json": 0,
        "check B1 W1": 0,
        "lend B1 W1": 0,
        "copy show B1": 0,
        "borrower show W1": 0,
        "return B1 --condition worn": 0,
        "policy show": 0,
        "audit verify": 0,
        "audit list": 0,
        "copy show NOPE": 1,
        "init": 0,
    }
    assert report["probe_sees_qt"] is True
