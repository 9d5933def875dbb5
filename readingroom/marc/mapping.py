"""A MARC record as a work and its copies, and back (the field map is in the package doc).

:func:`work_from_record` validates with the catalogue's own helpers, so a record is
accepted exactly when the same work typed into the catalogue would be. :func:`record_for`
is its inverse for the records this app writes (leader/18 ``c``: no ISBD punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from pymarc import Field, Record, Subfield
from pymarc.field import Indicators

from readingroom.catalogue import (
    check_barcode,
    check_choice,
    clean_text,
    parse_positive,
    work_values,
)
from readingroom.codes import normalise as normalise_code
from readingroom.errors import BadInput
from readingroom.store.models import CONDITIONS
from readingroom.vocabulary import Condition, CopyStatus

LOCAL_TAG = "959"
#: the work's columns a record carries, in the order the import stages them
WORK_COLUMNS = (
    "title",
    "subtitle",
    "author",
    "original_title",
    "original_language",
    "translator",
    "publisher",
    "year",
    "isbn",
    "notes",
    "access",
    "volumes",
)

#: MARC language codes and their ISO 639-1 equivalents (the catalogue stores the latter)
MARC_LANGUAGES = {
    "ara": "ar",
    "bul": "bg",
    "chi": "zh",
    "cze": "cs",
    "dan": "da",
    "dut": "nl",
    "eng": "en",
    "est": "et",
    "fin": "fi",
    "fre": "fr",
    "ger": "de",
    "gre": "el",
    "heb": "he",
    "hin": "hi",
    "hrv": "hr",
    "hun": "hu",
    "ice": "is",
    "ita": "it",
    "jpn": "ja",
    "kor": "ko",
    "lat": "la",
    "lav": "lv",
    "lit": "lt",
    "mon": "mn",
    "nor": "no",
    "per": "fa",
    "pol": "pl",
    "por": "pt",
    "rum": "ro",
    "rus": "ru",
    "slo": "sk",
    "slv": "sl",
    "spa": "es",
    "srp": "sr",
    "swe": "sv",
    "tha": "th",
    "tur": "tr",
    "ukr": "uk",
    "vie": "vi",
}
ISO_LANGUAGES = {iso: marc for marc, iso in MARC_LANGUAGES.items()}
NO_LANGUAGE = {"", "und", "zxx", "|||", "   ", "^^^"}

KOHA_STATUS = (("0", CopyStatus.WITHDRAWN), ("1", CopyStatus.LOST), ("4", CopyStatus.DAMAGED))
KOHA_MISSING = "4"  # Koha's LOST authorised value for "Missing"


# -- a record as a work (import) ---------------------------------------------------------------


class MarcCopy(NamedTuple):
    barcode: str
    volume: int
    location: str
    status: str
    condition: str


@dataclass(frozen=True)
class MarcWork:
    """A record mapped to a work's validated column values and its barcoded copies."""

    values: dict[str, Any]
    copies: tuple[MarcCopy, ...]


_SEPARATORS = re.compile(r"[\s/:;,=]+$")
_KEEP_PERIOD = re.compile(r"(?:\b\w{1,2}|\b(?:Inc|Ltd|Bros|Mrs|etc|\.\.))\.$")
_VOLUMES = re.compile(r"^\s*(\d+)\s*v(?:ol|\b|\.)", re.IGNORECASE)
_VOLUME = re.compile(r"v(?:ol)?\.?\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_ISBN = re.compile(r"[0-9Xx][0-9Xx-]*")
_CONDITION = re.compile(r"condition:\s*(\w+)", re.IGNORECASE)


class _Fields:
    """A record's fields by tag (one pass over the record) and its punctuation convention."""

    def __init__(self, record: Record):
        self.by_tag: dict[str, list[Field]] = {}
        for item in record.fields:
            self.by_tag.setdefault(item.tag, []).append(item)
        leader = str(record.leader)
        # Leader/18 "c" says ISBD punctuation is omitted (as in our own records).
        self.isbd = len(leader) < 19 or leader[18] != "c"

    def all(self, *tags: str) -> list[Field]:
        return [f for tag in tags for f in self.by_tag.get(tag, ())]

    def control(self, tag: str) -> str:
        found = self.by_tag.get(tag)
        return (found[0].data or "") if found and found[0].control_field else ""

    def first(self, tags: Iterable[str], code: str) -> str:
        for tag in tags:
            for item in self.by_tag.get(tag, ()):
                if not item.control_field:
                    value = item.get(code)
                    if value:
                        return self.clean(value)
        return ""

    def clean(self, text: str) -> str:
        """The text without ISBD punctuation (exact text in records that omit it)."""
        if not self.isbd:
            return text
        text = _SEPARATORS.sub("", text.strip())
        if text.endswith(".") and not _KEEP_PERIOD.search(text):
            text = text[:-1].rstrip()
        return text


def _is_translator(item: Field) -> bool:
    """An added entry whose relator term ($e) or code ($4) says translator."""
    terms = [v.lower().strip(" .,;") for v in item.get_subfields("e")]
    codes = [v.lower().strip(" .,;") for v in item.get_subfields("4")]
    return "trl" in codes or any(
        t in ("tr", "trans", "transl") or t.startswith("translat") for t in terms
    )


def _language(fields: _Fields) -> str:
    codes = [v.strip() for f in fields.all("041") for v in f.get_subfields("h")]
    if not codes and any(f.indicator1 == "1" for f in fields.all("041")):
        return ""  # a translation whose original language is not recorded
    if not codes:
        fixed = fields.control("008")[35:38].strip()
        codes = [fixed] if fixed not in NO_LANGUAGE else []
    if not codes:
        codes = [v.strip() for f in fields.all("041") for v in f.get_subfields("a")]
    code = next((c for c in codes if c not in NO_LANGUAGE), "")
    if len(code) > 3 and len(code) % 3 == 0 and code.isalpha() and code.islower():
        code = code[:3]  # pre-2001 practice: several codes run together in one subfield
    return MARC_LANGUAGES.get(code, code)


def _year(fields: _Fields) -> Any:
    text = fields.first(("264", "260"), "c")
    if text and not fields.isbd:
        return text
    found = _YEAR.search(text)
    if found:
        return found.group()
    fixed = fields.control("008")[7:11]
    return fixed if fixed.isdigit() else None


def _title(fields: _Fields) -> str:
    for item in fields.all("245"):
        parts = [fields.clean(v) for v in item.get_subfields("a", "n", "p")]
        return " ".join(p for p in parts if p)
    return ""


def _author(fields: _Fields) -> str:
    author = fields.first(("100", "110", "111"), "a")
    if author:
        return author
    for item in fields.all("700", "710"):
        if not _is_translator(item) and (name := item.get("a")):
            return fields.clean(name)
    return fields.first(("245",), "c")


def _isbn(fields: _Fields) -> str:
    text = fields.first(("020",), "a")
    if fields.isbd:
        found = _ISBN.match(text.strip())
        return found.group() if found else ""
    return text


def work_from_record(record: Record) -> MarcWork:
    """The work and copies a record describes, validated (:class:`BadInput` says why not)."""
    fields = _Fields(record)
    title, author = _title(fields), _author(fields)
    if not title:
        raise BadInput("no title (245 $a)")
    if not author:
        raise BadInput("no author (100, 110, 111, 700, 710 or 245 $c)")
    translators = [
        fields.clean(name)
        for f in fields.all("700", "710")
        if (name := f.get("a")) and _is_translator(f)
    ]
    found = _VOLUMES.match(fields.first(("300",), "a"))
    values = work_values(
        {
            "title": title,
            "subtitle": fields.first(("245",), "b"),
            "author": author,
            "original_title": fields.first(("240", "130"), "a"),
            "original_language": _language(fields),
            "translator": "; ".join(translators),
            "publisher": fields.first(("264", "260"), "b"),
            "year": _year(fields),
            "isbn": _isbn(fields),
            "notes": "\n".join(v for f in fields.all("500") for v in f.get_subfields("a")),
            "access": fields.first((LOCAL_TAG,), "a") or "lendable",
            "volumes": found.group(1) if found else 1,
        }
    )
    _check_encoding(values)
    copies = tuple(_copies(fields))
    highest = max((c.volume for c in copies), default=1)
    if highest > values["volumes"]:
        if found:
            raise BadInput(
                f"an item is volume {highest} but 300 $a says {values['volumes']} volumes"
            )
        values["volumes"] = highest
    return MarcWork(values, copies)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_encoding(values: dict[str, Any]) -> None:
    if not _CONTROL.search("\n".join(v for v in values.values() if isinstance(v, str))):
        return  # one search over every field: the usual case
    for name, value in values.items():
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found:
            raise BadInput(
                f"a control character (U+{ord(found.group()):04X}) in the "
                f"{name.replace('_', ' ')}: a damaged character encoding?"
            )


def _copies(fields: _Fields) -> Iterator[MarcCopy]:
    for number, item in enumerate(fields.all("952", "852"), start=1):
        codes = dict(reversed(item.subfields))  # the first value of each code
        barcode = codes.get("p")
        if not barcode:
            continue
        try:
            yield _copy(fields.isbd, item.tag, codes, barcode)
        except BadInput as exc:
            raise BadInput(f"item {number} ({item.tag} $p {barcode[:40]}): {exc.message}") from None


def _koha_status(codes: dict[str, str]) -> str:
    """Koha's withdrawn ($0), lost ($1; 4 is missing) and damaged ($4) item statuses."""
    if "0" not in codes and "1" not in codes and "4" not in codes:
        return CopyStatus.AVAILABLE
    for code, status in KOHA_STATUS:
        value = codes.get(code, "").strip()
        if value and value != "0":
            return CopyStatus.MISSING if code == "1" and value == KOHA_MISSING else status
    return CopyStatus.AVAILABLE


def _copy(isbd: bool, tag: str, codes: dict[str, str], barcode: str) -> MarcCopy:
    if tag == "952":
        location = codes.get("o") or codes.get("c") or ""
        volume_text = codes.get("h", "")
        status = _koha_status(codes)
        note = _CONDITION.search(codes.get("x", ""))
        condition = note.group(1).lower() if note else Condition.GOOD
    else:
        location = " / ".join(v for v in (codes.get("b"), codes.get("c")) if v)
        volume_text = codes.get("3", "")
        status, condition = CopyStatus.AVAILABLE, Condition.GOOD
    found = _VOLUME.search(volume_text) if volume_text else None
    return MarcCopy(
        barcode=check_barcode(normalise_code(barcode)),  # k0020 is K0020, as at the desk
        volume=parse_positive(found.group(1), "volume") if found else 1,
        location=clean_text(location.strip() if isbd else location, "location"),
        status=status,
        condition=condition
        if condition == "good"
        else check_choice(condition, CONDITIONS, "condition"),
    )


# -- a work as a record (export) ---------------------------------------------------------------

LEADER = "00000nam a2200000 c 4500"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return _XML_UNSAFE.sub("\ufffd", str(value))


def _fixed_fields(work: dict[str, Any]) -> str:
    """008 for books: date entered, date type and year, language, fill characters."""
    created = str(work["created_at"] or "")[2:10].replace("-", "") or "000000"
    year = work["year"]
    dates = f"s{year:04d}" if year else "nuuuu"
    language = ISO_LANGUAGES.get(work["original_language"], "und")
    if work["translator"] or len(language) != 3:
        language = "und"
    return f"{created:6.6}{dates}    xx {'|' * 17}{language} d"


def _language_field(work: dict[str, Any]) -> Field | None:
    original = work["original_language"]
    if work["translator"]:
        codes = [Subfield("a", "und")]
        if original:
            codes.append(Subfield("h", ISO_LANGUAGES.get(original, original)))
        return Field("041", Indicators("1", " "), codes)
    if original and original not in ISO_LANGUAGES:
        return Field("041", Indicators("0", " "), [Subfield("a", original)])
    return None


def record_for(work: dict[str, Any], copies: Iterable[dict[str, Any]]) -> Record:
    """The MARC record of a work and its copies (the inverse of :func:`work_from_record`)."""
    record = Record(leader=LEADER, force_utf8=True)
    fields: list[Field | None] = [Field("008", data=_fixed_fields(work))]
    if work["isbn"]:
        fields.append(_field("020", "  ", a=work["isbn"]))
    fields.append(_language_field(work))
    fields.append(_field("100", "0 ", a=work["author"]))
    if work["original_title"]:
        fields.append(_field("240", "10", a=work["original_title"]))
    fields.append(_field("245", "10", a=work["title"], b=work["subtitle"]))
    if work["publisher"] or work["year"]:
        fields.append(
            _field("264", " 1", b=work["publisher"], c=str(work["year"]) if work["year"] else "")
        )
    if work["volumes"] > 1:
        fields.append(_field("300", "  ", a=f"{work['volumes']} v."))
    if work["notes"]:
        fields.append(_field("500", "  ", a=work["notes"]))
    if work["translator"]:
        fields.append(_field("700", "1 ", a=work["translator"], e="translator", **{"4": "trl"}))
    fields.extend(_item_field(work, copy) for copy in copies)
    fields.append(_field(LOCAL_TAG, "  ", a=work["access"]))
    record.add_field(*(f for f in fields if f is not None))
    return record


def _field(tag: str, indicators: str, **subfields: str) -> Field:
    return Field(
        tag,
        Indicators(*indicators),
        [Subfield(code, _text(value)) for code, value in subfields.items() if value],
    )


def _item_field(work: dict[str, Any], copy: dict[str, Any]) -> Field:
    status = copy["status"]
    codes: dict[str, str] = {"p": copy["barcode"], "o": copy["location"]}
    if work["volumes"] > 1 or copy["volume"] > 1:
        codes["h"] = f"v.{copy['volume']}"
    if copy["condition"] != "good":
        codes["x"] = f"condition: {copy['condition']}"
    for code, name in KOHA_STATUS:
        if status == name:
            codes[code] = "1"
    if status == CopyStatus.MISSING:
        codes["1"] = KOHA_MISSING
    return _field("952", "  ", **codes)
