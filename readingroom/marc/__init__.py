"""MARC 21 in and out: ISO 2709 and MARCXML records as works and copies (with pymarc).

:mod:`~readingroom.marc.reading` reads files record by record, :mod:`~readingroom.marc.mapping`
turns a record into a work and its copies (and back), :mod:`~readingroom.marc.importing`
and :mod:`~readingroom.marc.exporting` are the two service functions. A malformed record is
named by its position and reason; unless ``skip_bad`` is given nothing is imported.

What is read (import)           MARC 21
------------------------------  ------------------------------------------------------------
title, subtitle                 245 $a ($n $p), 245 $b
author                          100 $a, else 110/111 $a, else the first non-translator
                                700/710 $a, else 245 $c
original title                  240 $a, else 130 $a
original language               041 $h (language of the original of a translation), else
                                008/35-37, else 041 $a; MARC codes become ISO 639-1 codes
translator                      700/710 $a whose relator is "translator" ($e) or trl ($4)
publisher, year                 264 $b $c, else 260 $b $c; year else 008/07-10
ISBN, notes                     020 $a, 500 $a
volumes                         300 $a "N v."; raised to the highest item volume
access class                    959 $a (Reading Room's local field), else lendable
copies                          Koha items 952 ($p barcode, $o call number/location or $c,
                                $h "v.N" volume, $0 withdrawn, $1 lost (4 = missing),
                                $4 damaged, $x "condition: GRADE"); holdings 852 ($p barcode,
                                $b / $c location, $3 "v.N")

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
