"""First run: a new empty catalogue with its first supervisor
(:func:`readingroom.catalogue_file.create_catalogue`, named here too), or the demo collection.

Both leave the proxy connected to the new file. They may run in a worker thread before
the window has opened any database (the proxy's connections are per thread).
"""

from __future__ import annotations

from pathlib import Path

from readingroom import demo, staff
from readingroom.catalogue_file import Progress, create_catalogue, open_catalogue
from readingroom.language import ENGLISH

__all__ = ["create_catalogue", "demo_supervisor", "open_or_create_demo"]


def _quiet(_: str) -> None:
    """The default progress callback: say nothing."""


def demo_supervisor() -> tuple[str, str, str]:
    """User name, password and full name of the demo collection's supervisor."""
    for username, password, role, full_name in demo.DEMO_ACCOUNTS:
        if role == staff.SUPERVISOR:
            return username, password, full_name
    raise LookupError("the demo accounts have no supervisor")


def open_or_create_demo(path: Path, progress: Progress = _quiet, language: str = ENGLISH) -> None:
    """Open the demo collection at ``path``, filling a new file first if there is none (in
    ``language``: its branch, names and recorded reasons, :func:`readingroom.demo.load_demo`)."""
    path = Path(path)
    if path.exists():
        progress("Opening the demo collection")
        open_catalogue(path)
        return

    def load(supervisor: staff.Actor) -> None:
        progress("Loading the demo collection")
        demo.load_demo(supervisor, language)

    # built whole under a hidden name: a failed build leaves nothing, the next start retries
    create_catalogue(path, *demo_supervisor(), progress=progress, demo=True, fill=load)
