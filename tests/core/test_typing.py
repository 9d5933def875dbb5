"""mypy, as configured in pyproject.toml, finds nothing in the modules already made clean.

One run of ``mypy`` from the project's root checks both packages: ``readingroom/`` under
every flag of ``--strict`` (per-module settings in ``[tool.mypy]``) and ``ui/`` under mypy's
defaults. While the rest of the tree is being cleaned, the test only holds the modules in
:data:`CLEAN` to zero errors; once the whole tree is clean it asserts that of every module.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.cli_support import REPO

#: modules mypy must find nothing in (grow this list; at the end it becomes the whole tree)
CLEAN = (
    "readingroom/bulk.py",
    "readingroom/bundle.py",
    "readingroom/cli/app.py",
    "readingroom/cli/catalogue.py",
    "readingroom/cli/circulation.py",
    "readingroom/cli/inspection.py",
    "readingroom/cli/maintenance.py",
    "readingroom/cli/parsers.py",
    "readingroom/cli/reports.py",
    "readingroom/clock.py",
    "readingroom/demo.py",
    "readingroom/files.py",
    "readingroom/generate.py",
    "readingroom/guards.py",
    "readingroom/identity.py",
    "readingroom/imports.py",
    "readingroom/inspection.py",
    "readingroom/inspection_views.py",
    "readingroom/kiosk.py",
    "readingroom/letter.py",
    "readingroom/marc/__init__.py",
    "readingroom/marc/exporting.py",
    "readingroom/marc/importing.py",
    "readingroom/marc/mapping.py",
    "readingroom/marc/reading.py",
    "readingroom/paths.py",
    "readingroom/pdf.py",
    "readingroom/policy.py",
    "readingroom/policy_preview.py",
    "readingroom/reports/__init__.py",
    "readingroom/reports/base.py",
    "readingroom/reports/charts.py",
    "readingroom/reports/circulation.py",
    "readingroom/reports/condition.py",
    "readingroom/reports/inspection.py",
    "readingroom/reports/inventory.py",
    "readingroom/reports/loans.py",
    "readingroom/reports/overdue.py",
    "readingroom/reports/overrides.py",
    "readingroom/seals.py",
    "readingroom/settings.py",
    "readingroom/showcase.py",
    "readingroom/staff.py",
    "readingroom/standing.py",
    "readingroom/store/inspection_models.py",
    "readingroom/store/models.py",
    "readingroom/store/migrations/0001_initial.py",
    "readingroom/store/migrations/0002_inspection.py",
    "readingroom/store/migrations/0003_scale_indexes.py",
    "readingroom/store/migrations/0004_work_identity.py",
    "readingroom/store/migrations/0005_edits_keep_loans.py",
    "readingroom/store/migrations/0006_kiosk_pin.py",
    "readingroom/store/migrations/0007_catalogue_identity.py",
    "readingroom/store/migrations/0008_seal_keys.py",
    "readingroom/store/migrations/0009_after_images.py",
    "readingroom/store/migrations/0010_loan_updates_keep_rules.py",
    "readingroom/store/rows.py",
    "readingroom/trail.py",
    "readingroom/verify_bundle.py",
    "readingroom/writers_catalogue.py",
    "ui/dialogs/__init__.py",
    "ui/dialogs/borrower_dialog.py",
    "ui/dialogs/copy_dialog.py",
    "ui/dialogs/form_dialog.py",
    "ui/dialogs/work_dialog.py",
    "ui/lock.py",
    "ui/operations.py",
    "ui/pages/base.py",
    "ui/pages/borrowers.py",
    "ui/pages/catalogue.py",
    "ui/pages/circulation.py",
    "ui/pages/holds.py",
    "ui/pages/loans.py",
    "ui/pages/policy.py",
    "ui/pages/readiness.py",
    "ui/pages/reminders.py",
    "ui/pages/reports.py",
    "ui/widgets/__init__.py",
    "ui/widgets/ask.py",
    "ui/widgets/data_table.py",
    "ui/widgets/dates.py",
    "ui/widgets/field_grid.py",
    "ui/widgets/filter_combo.py",
    "ui/widgets/folder_ask.py",
    "ui/widgets/heading.py",
    "ui/widgets/message_bar.py",
    "ui/widgets/pdf_preview.py",
    "ui/widgets/steady_table.py",
    "ui/session.py",
    "ui/signin.py",
    "ui/theme.py",
    "ui/welcome.py",
    "ui/writers.py",
)

ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ", re.MULTILINE)


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of one ``mypy`` run over the configured packages (a fresh cache)."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr or done.stdout  # 2: mypy itself failed
    return done.stdout


def errors_in(output: str, paths: tuple[str, ...]) -> list[str]:
    wanted = set(paths)
    return [
        line
        for line in output.splitlines()
        if (found := ERROR.match(line)) and Path(found["path"]).as_posix() in wanted
    ]


def test_the_clean_modules_exist() -> None:
    missing = [path for path in CLEAN if not (REPO / path).is_file()]
    assert not missing, f"CLEAN names files that are gone: {missing}"


def test_mypy_checks_both_packages(mypy_output: str) -> None:
    summary = mypy_output.strip().splitlines()[-1]
    checked = re.search(r"(\d+) source files?", summary)
    assert checked, summary
    expected = len(list((REPO / "readingroom").rglob("*.py"))) + len(
        list((REPO / "ui").rglob("*.py"))
    )
    assert int(checked[1]) >= expected, summary  # every module, not just a few


def test_no_mypy_error_in_the_clean_modules(mypy_output: str) -> None:
    found = errors_in(mypy_output, CLEAN)
    assert not found, "mypy (strict for readingroom/) finds:\n" + "\n".join(found)


def _mypy_as(module: Path, text: str, tmp_path: Path) -> str:
    """mypy's report on ``module`` as if it read ``text`` (``--shadow-file``)."""
    shadow = tmp_path / "shadow.py"
    shadow.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--shadow-file",
            str(module),
            str(shadow),
            str(module),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr or done.stdout
    return done.stdout


UNTYPED = "def untyped(x):\n    return [x]\n"


def test_readingroom_is_held_to_strict(tmp_path: Path) -> None:
    """The per-module flags really are --strict's: an unannotated function is an error in a
    readingroom module, and not in a ui module (ui/ keeps mypy's defaults)."""
    domain = _mypy_as(Path("readingroom/paths.py"), UNTYPED, tmp_path)
    assert "[no-untyped-def]" in domain, domain
    window = _mypy_as(Path("ui/widgets/heading.py"), UNTYPED, tmp_path)
    assert "[no-untyped-def]" not in window, window
