"""Small helpers for text printed to people on the command line and in files.

- :func:`count` says a number with its noun in the right form: ``1 copy``, ``2 copies``,
  never ``1 copy(ies)``. Every count the command line prints goes through it.
- :func:`display_width`, :func:`pad` and :func:`clip` measure text as a terminal shows it:
  East Asian wide and fullwidth characters (Hangul, CJK ideographs) take two columns,
  combining marks none, so a table with Korean and Latin text lines up.

Nothing here imports the rest of ``readingroom`` (the window has its own plural forms, Qt's).
"""

from __future__ import annotations

import unicodedata

#: nouns whose plural is not the noun plus "s" or "es" by the usual rule
_IRREGULAR = {"entry": "entries", "copy": "copies", "library": "libraries", "child": "children"}


def plural_of(noun: str) -> str:
    """The English plural of ``noun``: ``copy`` -> ``copies``, ``loan`` -> ``loans``,
    ``box`` -> ``boxes``; the last word of a phrase is the one that changes."""
    head, space, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        plural = _IRREGULAR[last]
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return head + space + plural


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with ``noun`` in the form the number takes: ``count(1, "copy")`` is
    ``"1 copy"``, ``count(3, "copy")`` is ``"3 copies"``, ``count(0, "loan")`` is
    ``"0 loans"``. ``plural`` gives a form the rule would get wrong."""
    return f"{n} {noun if n == 1 else (plural or plural_of(noun))}"


def char_width(char: str) -> int:
    """Columns a terminal gives ``char``: 2 for East Asian wide/fullwidth, 0 for a combining
    mark or a control character, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (``"리명희"`` takes 6, ``"Kim"`` 3)."""
    return sum(char_width(char) for char in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        columns = char_width(char)
        if used + columns > width - 1:
            break
        kept.append(char)
        used += columns
    return "".join(kept) + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns (on the left when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
