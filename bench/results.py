"""A measured figure beside its anchor and target; the table, the machine and the JSON."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass
class Result:
    """One figure: what was measured, against what, and whether it meets its target."""

    name: str
    value: float | None
    unit: str
    anchor: str = ""
    anchor_value: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.anchor_value:
            return None
        return self.value / self.anchor_value

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def not_measurable(name: str, why: str, target: str = "") -> Result:
    return Result(name, None, "", target=target, note=f"not measurable: {why}")


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def table(results: list[Result]) -> str:
    """The results as an aligned text table (met: yes / NO / - when there is no target)."""
    rows = [("measurement", "value", "anchor", "anchor value", "ratio", "target", "met")]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "-"
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        rows.append(
            (
                r.name,
                _number(r.value, r.unit),
                r.anchor or "-",
                _number(r.anchor_value, r.unit),
                ratio,
                r.target or "-",
                met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"- {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def markdown(results: list[Result], info: dict[str, Any]) -> str:
    """The machine and the results as Markdown (for docs/PERFORMANCE.md)."""
    lines = [
        "| measurement | value | anchor | anchor value | ratio | target | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(
            f"| {r.name} | {_number(r.value, r.unit)} | {r.anchor} | "
            f"{_number(r.anchor_value, r.unit) if r.anchor else ''} | {ratio} | "
            f"{r.target} | {met} |"
        )
    notes = [f"- {r.name}: {r.note}" for r in results if r.note]
    about = ", ".join(f"{k} {v}" for k, v in info.items())
    return "\n".join([f"Measured on: {about}.", "", *lines, "", *notes]) + "\n"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": [round(x, 1) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        import psutil

        info["ram_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    for package in ("PySide6", "peewee", "pymarc"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


def save(path: Path, results: list[Result], sizes: dict[str, Any], seconds: float) -> None:
    data = {
        "machine": machine(),
        "sizes": sizes,
        "seconds": round(seconds, 1),
        "results": [r.as_dict() for r in results],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
