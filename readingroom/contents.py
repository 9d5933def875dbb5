"""A work's contents (MARC 505, formatted contents): one entry a line, and the volumes a set's
contents names.

A library's record of a multi-volume set lists its volumes in 505, entries parted by ISBD's
`` -- `` (or a dash): ``v. 1. Kūkō -- v. 2. Shōmei``. The catalogue keeps one entry a line
(:func:`entries`), and an entry that starts with a volume's number (``v. 1``, ``vol. 2``,
``t. 3``, ``Bd. 4``, ``제1권``, ``第1卷``) names that volume (:func:`volume_names`): the
Catalogue shows the name beside the volume's copies, and the export writes the entries back
as one 505.
"""

from __future__ import annotations

import re

#: what parts two entries of a contents note: ISBD's " -- ", or a spaced dash
_PARTS = re.compile(r"\s+(?:--|—|–)\s+|\s*\n\s*")
#: an entry that starts with a volume's number, and the name after it
_VOLUME = re.compile(
    r"^(?:(?:v|vol|volume|t|tom|bd|kn)\.?\s*(?P<n>\d+)\s*[.:)]?"
    r"|제?\s*(?P<k>\d+)\s*권[.:]?|第?(?P<c>\d+)\s*[卷巻][.:]?)\s*(?P<name>.*)$",
    re.IGNORECASE,
)
#: what the export parts the entries with (ISBD)
SEPARATOR = " -- "


def entries(text: str) -> list[str]:
    """The entries of a contents note, each on its own (repeats left out)."""
    found: list[str] = []
    for part in _PARTS.split(text.strip()):
        part = part.strip().removesuffix(" --").removesuffix("--").strip()
        if part and part not in found:
            found.append(part)
    return found


def volume_names(contents: str) -> dict[int, str]:
    """The volumes the contents names, by number (``{1: "Kūkō", 2: "Shōmei"}``): only entries
    that start with a volume's number; a name ends without its ISBD full stop."""
    names: dict[int, str] = {}
    for entry in entries(contents):
        found = _VOLUME.match(entry)
        if found is None:
            continue
        number = int(found.group("n") or found.group("k") or found.group("c"))
        name = found.group("name").strip().rstrip(".").strip()
        if number > 0 and number not in names:
            names[number] = name
    return names


def note(contents: str) -> str:
    """The stored contents as one formatted contents note (the export's 505 $a)."""
    return SEPARATOR.join(entries(contents))
