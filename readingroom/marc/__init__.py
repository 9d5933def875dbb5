"""MARC 21 in and out: ISO 2709 and MARCXML records as works and copies (with pymarc).

:mod:`~readingroom.marc.reading` reads files record by record, :mod:`~readingroom.marc.mapping`
turns a record into a work and its copies (and back), :mod:`~readingroom.marc.importing`
and :mod:`~readingroom.marc.exporting` are the two service functions. A malformed record is
named by its position and reason; unless ``skip_bad`` is given nothing is imported.

Every field read and written is listed in the README's MARC table. In short: title
(245 $a $n $p, $b, $c), author (100, else 110 $a $b, else 111; else none), the vernacular
title, author and translators from the 880s linked by $6 (exported as linked 880s),
translators by relator in many languages ($4 trl) or from 245 $c, other names with their
roles, original title (240, 130, 765 $t), original language (041 $h; empty for a translation
without it; else 008/35-37 or 041 $a, checked against the MARC code list), publication
(264/260), edition, physical description, series, notes, contents, subjects, variant titles,
call number, control numbers (001/003, 035, every ISBN, LCCN: a record sent again is
recognised by them) and the copies of Koha's 952 ($c location, $o call number) and of
holdings 852 ($b/$c location, $h $i call number).

Records whose leader does not say ISBD punctuation is omitted (leader/18 other than ``c``)
have the punctuation between elements removed; the records this package writes say it is
omitted, so their text is taken exactly and a catalogue exported here imports back
unchanged. Loans are not catalogue data: a copy on loan or set aside is exported, and comes
back, as available.
"""

from __future__ import annotations

from readingroom.marc.exporting import MarcExportResult, export_marc
from readingroom.marc.importing import (
    Mapped,
    MarcImportResult,
    import_marc,
    mapped_records,
)
from readingroom.marc.mapping import MarcCopy, MarcWork, record_for, work_from_record
from readingroom.marc.reading import RawRecord, read_records

__all__ = [
    "Mapped",
    "MarcCopy",
    "MarcExportResult",
    "MarcImportResult",
    "MarcWork",
    "RawRecord",
    "export_marc",
    "import_marc",
    "mapped_records",
    "read_records",
    "record_for",
    "work_from_record",
]
