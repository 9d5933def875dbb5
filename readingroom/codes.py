"""Barcodes and member numbers as a scanner types them or a hand keys them in.

A keyboard-wedge scanner sends what its label holds, and a hand types ``w-1002`` or
`` k0020 `` for W-1002 and K0020: :func:`normalise` gives the one form a code is compared in
(Unicode NFKC, so a full-width ``Ｋ００２０`` is ``K0020``; control and format characters out;
surrounding spaces stripped; letters upper case). :func:`find` looks a code up the way the desk,
the desk's commands and the stocktake do: the code as given (stripped) first, then in the one
form (upper case), then in lower case (a code stored so before codes were normalised).

A scanner set to send characters before and after each code (a prefix and a suffix, the
catalogue's settings ``scanner_prefix`` and ``scanner_suffix``) has them taken off by
:func:`strip_affixes` at the desk and in a stocktake; imports store every code in the one
form (:func:`normalise`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from readingroom import settings
from readingroom.messages import said
from readingroom.store.db import database

#: Unicode categories taken out of a code: control (a scanner's STX/ETX, a stray CR or TAB)
#: and format characters (zero-width spaces and joiners, a byte-order mark)
_DROPPED = frozenset({"Cc", "Cf"})


def _clean(text: str) -> str:
    """NFKC, no control or format characters, no surrounding spaces."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():
        text = "".join(c for c in text if unicodedata.category(c) not in _DROPPED)
    return text.strip()


def normalise(text: str) -> str:
    """``text`` as codes are compared: NFKC, no control or format characters, no surrounding
    spaces, letters upper case."""
    if text.isascii() and text.isprintable():  # NFKC leaves it as it is, nothing to drop
        return text.strip().upper()
    return _clean(text).upper()


def strip_affixes(text: str, prefix: str, suffix: str) -> str:
    """``text`` cleaned (NFKC, no control or format characters, no surrounding spaces), with
    the scanner's ``prefix`` taken off its start and ``suffix`` off its end when it has them
    (letters in either case); a text that is nothing but them is left as it is."""
    base = _clean(text)
    prefix, suffix = _clean(prefix), _clean(suffix)
    if prefix and len(base) > len(prefix) and base[: len(prefix)].upper() == prefix.upper():
        base = base[len(prefix) :]
    if suffix and len(base) > len(suffix) and base[-len(suffix) :].upper() == suffix.upper():
        base = base[: -len(suffix)]
    return base.strip()


def scanned_forms(text: str, prefix: str, suffix: str) -> list[str]:
    """The forms a scan is looked up in, first to last: without the scanner's prefix and
    suffix, then as typed (a code keyed in by hand has neither)."""
    return list(dict.fromkeys(f for f in (strip_affixes(text, prefix, suffix), text) if f))


def code_forms(text: str) -> list[str]:
    """The forms :func:`find` looks ``text`` up in, first to last: as given (stripped),
    normalised (upper case), in lower case, cleaned as typed."""
    given = text.strip()
    base = _clean(text)
    return [form for form in dict.fromkeys((given, base.upper(), base.lower(), base)) if form]


def find(text: str, stored: Callable[[list[str]], set[str]]) -> str | None:
    """The stored code ``text`` names, or None; ``stored(forms)`` gives those of ``forms``
    that are stored as they are.

    The first form of ``text`` that is stored (:func:`code_forms`). All are looked up at
    once in the unique index, so an unknown code costs one look, never a scan of the table.
    """
    return _first_stored(code_forms(text), stored)


def _first_stored(forms: list[str], stored: Callable[[list[str]], set[str]]) -> str | None:
    found = stored(forms) if forms else set()
    return next((form for form in forms if form in found), None)


def _stored(table: str, column: str) -> Callable[[list[str]], set[str]]:
    def look(forms: list[str]) -> set[str]:
        sql = f"SELECT {column} FROM {table} WHERE {column} IN ({', '.join('?' * len(forms))})"
        return {row[0] for row in database.execute_sql(sql, forms)}

    return look


_COPY_STORED = _stored("copy", "barcode")
_MEMBER_STORED = _stored("borrower", "member_no")


def copy_barcode(text: str) -> str | None:
    """The stored barcode of the copy ``text`` names, or None."""
    return find(text, _COPY_STORED)


def member_number(text: str) -> str | None:
    """The stored member number of the borrower ``text`` names, or None."""
    return find(text, _MEMBER_STORED)


def as_given(given: str, code: str) -> str:
    """``code`` for a message about the code a person gave: ``'w-1' (W-1 once normalised)``
    when ``given`` was written otherwise, else ``code`` itself (as imports name a line)."""
    if given.strip() == code:
        return code
    return said("{given} ({code} once normalised)", given=repr(given.strip()), code=code)


def scanned_barcode(text: str) -> str | None:
    """The stored barcode of the copy a scan or a hand names, or None: the scanner's prefix
    and suffix (the catalogue's settings) taken off first, then as typed
    (:func:`scanned_forms`), each looked up as :func:`copy_barcode` does (all in one look)."""
    return _scanned(text, _COPY_STORED)


def scanned_member(text: str) -> str | None:
    """The stored member number a scan or a hand names, or None (as :func:`scanned_barcode`)."""
    return _scanned(text, _MEMBER_STORED)


def scanned_code(text: str) -> str:
    """A scan in the one form, the scanner's prefix and suffix taken off (a code the
    catalogue does not hold, as a stocktake records it)."""
    return normalise(strip_affixes(text, *settings.scanner_affixes()))


def _scanned(text: str, stored: Callable[[list[str]], set[str]]) -> str | None:
    return _first_stored(scanned_code_forms(text), stored)


def scanned_code_forms(text: str) -> list[str]:
    """Every form a scan is looked up in, first to last: each of :func:`scanned_forms`
    (the scanner's affixes off, then as typed) in each of :func:`code_forms`, so that the
    first of them stored is the code :func:`scanned_barcode` finds."""
    forms = scanned_forms(text, *settings.scanner_affixes())
    return list(dict.fromkeys(code for form in forms for code in code_forms(form)))
