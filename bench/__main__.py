"""``python -m bench [--quick] [--dir DIR] [--json FILE] [--only STEP,...]``."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import core, data, postgres, sealing, window
from bench.results import Result, machine, markdown, not_measurable, save, table

STEPS = (
    "search",
    "sort",
    "window",
    "startup",
    "desk",
    "inventory",
    "marc",
    "stocktake",
    "audit",
    "seals",
    "postgres",
)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small library (the CI run): checks the benchmark, not speed",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "readingroom-bench",
        help="where the data is built and cached",
    )
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--markdown", type=Path, help="write the results here as Markdown")
    parser.add_argument("--only", help=f"comma-separated steps of: {', '.join(STEPS)}")
    return parser.parse_args(argv)


def steps(
    sizes: data.Sizes, folder: Path, library: Path, work: Path, demo: Path, quick: bool
) -> list[tuple[str, Callable[[], list[Result]]]]:
    """Read-only figures first, then those that change the working copy."""
    return [
        ("search", lambda: core.measure_search(work, sizes)),
        ("sort", lambda: core.measure_sorts(work)),
        ("window", lambda: window.measure_catalogue_page(work, sizes)),
        ("startup", lambda: window.measure_startup(work, demo, runs=1 if quick else 3)),
        ("desk", lambda: core.measure_desk(work, demo, sizes)),
        ("inventory", lambda: core.measure_inventory(work, folder)),
        ("marc", lambda: core.measure_marc(library, folder)),
        ("stocktake", lambda: core.measure_stocktake(work)),
        (
            "audit",
            lambda: core.measure_audit(
                data.with_checkpoint(data.audit_trail(folder, sizes.audit_entries))
            ),
        ),
        (
            "seals",
            lambda: sealing.measure_sealing(
                demo, data.audit_trail(folder, sizes.audit_entries), runs=3 if quick else 7
            ),
        ),
        ("postgres", lambda: postgres.measure_postgres(folder, library, work, sizes, quick)),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sizes = data.QUICK if args.quick else data.FULL
    only = set(args.only.split(",")) if args.only else set(STEPS)
    folder = args.dir
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"Building the library in {folder} ...", flush=True)
    library, took = data.library(folder, sizes)
    results = [core.generation(took, sizes)]
    work = data.working_copy(library, folder / "work.db")
    demo = data.demo_catalogue(folder)
    for name, step in steps(sizes, folder, library, work, demo, args.quick):
        if name not in only:
            continue
        print(f"Measuring {name} ...", flush=True)
        try:
            results.extend(step())
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the rest
            results.append(not_measurable(name, f"{type(exc).__name__}: {exc}"))
    print()
    print(table(results))
    if args.json:
        save(args.json, results, sizes.as_dict(), time.perf_counter() - started)
        print(f"\nResults written to {args.json}")
    if args.markdown:
        args.markdown.write_text(markdown(results, machine()), encoding="utf-8")
        print(f"Results written to {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
