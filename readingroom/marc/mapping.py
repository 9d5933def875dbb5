"""A MARC record as a work and its copies, and back (the field map is in the package doc).

:func:`work_from_record` validates with the catalogue's own helpers, so a record is
accepted exactly when the same work typed into the catalogue would be. :func:`record_for`
is its inverse for the records this app writes (leader/18 ``c``: no ISBD punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from pymarc import Field, Record, Subfield
from pymarc.field import Indicators

from readingroom import contents
from readingroom.catalogue import (
    LIBRARY_TEXT_FIELDS,
    check_barcode,
    check_choice,
    clean_text,
    parse_positive,
    work_values,
)
from readingroom.codes import normalise as normalise_code
from readingroom.errors import BadInput
from readingroom.marc.languages import MARC_LANGUAGE_CODES, NOT_ONE_LANGUAGE
from readingroom.messages import said
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
    *LIBRARY_TEXT_FIELDS,
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

KOHA_STATUS = (("0", CopyStatus.WITHDRAWN), ("1", CopyStatus.LOST), ("4", CopyStatus.DAMAGED))
KOHA_MISSING = "4"  # Koha's LOST authorised value for "Missing"
#: what an exported item names as its home and holding branch ($a, $b) and item type ($y)
KOHA_BRANCH = "RR"
KOHA_ITEM_TYPE = "BK"

#: relator terms ($e, lower case, without the final stop) that say translator
TRANSLATOR_TERMS = frozenset(
    (
        "tr",
        "trans",
        "transl",
        "trad",
        "tł",
        "tłum",
        "käänt",
        "över",
        "övers",
        "übers",
        "перевод",
        "пер",
        "переводчик",
        "역",
        "옮김",
        "역자",
        "번역",
        "譯",
        "译",
        "訳",
        "翻譯",
        "翻译",
        "翻訳",
        "訳者",
        "譯者",
    )
)
#: beginnings of relator terms that say translator, in the languages records come in
TRANSLATOR_STEMS = (
    "translat",
    "traduc",
    "traduz",
    "tradut",
    "traduit",
    "tłumacz",
    "kääntäj",
    "översätt",
    "übersetz",
    "перевод",
    "prevod",
    "překlad",
    "fordít",
    "vertal",
)


# -- a record as a work (import) ---------------------------------------------------------------


class MarcCopy(NamedTuple):
    barcode: str
    volume: int
    location: str
    status: str
    condition: str
    call_number: str = ""


@dataclass(frozen=True)
class MarcWork:
    """A record mapped to a work's validated column values and its barcoded copies, the
    numbers it is known by (``(kind, value)``, see :class:`WorkIdentifier`), and whether it
    is a translation whose original language the record does not give."""

    values: dict[str, Any]
    copies: tuple[MarcCopy, ...]
    identifiers: tuple[tuple[str, str], ...] = field(default=())
    language_unknown: bool = False


_SEPARATORS = re.compile(r"[\s/:;,=／：；，＝]+$")  # also the full-width forms of CJK records
#: a final stop that belongs to the word: an initial (``J.``, ``v.``) or an abbreviation
_KEEP_PERIOD = re.compile(
    r"(?:(?<!\w)[^\W\d_]|\b(?:Inc|Ltd|Bros|Co|Corp|Mrs|Mr|Dr|Jr|Sr|St|etc|ed|eds|ca|vol|no|"
    r"pbk|hbk)|\.\.)\.$",
    re.IGNORECASE,
)
_VOLUMES = re.compile(r"^\s*(\d+)\s*v(?:ol|\b|\.)", re.IGNORECASE)
_ONLY_VOLUMES = re.compile(r"\d+\s*v\.?", re.IGNORECASE)
_VOLUME = re.compile(r"v(?:ol)?\.?\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_ISBN = re.compile(r"[0-9Xx][0-9Xx-]*")
_CONDITION = re.compile(r"condition:\s*(\w+)", re.IGNORECASE)
_LINK = re.compile(r"(\d{3})-(\d{2})")


class MarcField(Protocol):
    """What the mapping reads of a field: pymarc's ``Field`` (a record pymarc read) or
    :class:`readingroom.marc.reading.PlainField` (one the import read from its bytes)."""

    @property
    def tag(self) -> str: ...
    @property
    def data(self) -> str | None: ...
    @property
    def control_field(self) -> bool: ...
    @property
    def indicator1(self) -> str: ...
    @property
    def subfields(self) -> Sequence[tuple[str, str]]: ...
    def get(self, code: str) -> str | None: ...
    def get_subfields(self, *codes: str) -> list[str]: ...


_NONE: list[MarcField] = []


class _Fields:
    """A record's fields by tag (one pass over the record) and its punctuation convention,
    with its 880 fields (the vernacular script) by the tag and occurrence they stand for."""

    def __init__(self, leader: str, fields: Iterable[MarcField]):
        self.by_tag: dict[str, list[MarcField]] = {}
        self.linked: dict[tuple[str, str], MarcField] = {}
        self.vernacular: dict[str, list[MarcField]] = {}
        for item in fields:
            self.by_tag.setdefault(item.tag, []).append(item)
            if item.tag == "880" and not item.control_field:
                found = _LINK.match(item.get("6") or "")
                if found:
                    tag, occurrence = found.groups()
                    self.vernacular.setdefault(tag, []).append(item)
                    if occurrence != "00":
                        self.linked[(tag, occurrence)] = item
        # Leader/18 "c" says ISBD punctuation is omitted (as in our own records).
        self.isbd = len(leader) < 19 or leader[18] != "c"

    def all(self, *tags: str) -> list[MarcField]:
        """The fields of ``tags``, in that order (read them; never change the list)."""
        if len(tags) == 1:  # most lookups: the record's own list, not a copy
            return self.by_tag.get(tags[0], _NONE)
        return [f for tag in tags for f in self.by_tag.get(tag, ())]

    def control(self, tag: str) -> str:
        found = self.by_tag.get(tag)
        return (found[0].data or "") if found and found[0].control_field else ""

    def first_field(self, *tags: str) -> MarcField | None:
        for tag in tags:
            for item in self.by_tag.get(tag, ()):
                if not item.control_field:
                    return item
        return None

    def first(self, tags: Iterable[str], code: str) -> str:
        for tag in tags:
            for item in self.by_tag.get(tag, ()):
                if not item.control_field:
                    value = item.get(code)
                    if value:
                        return self.clean(value)
        return ""

    def joined(self, item: MarcField | None, codes: str, between: str = " ") -> str:
        """The subfields ``codes`` of ``item``, each cleaned, in their order."""
        if item is None:
            return ""
        parts = [self.clean(v) for v in item.get_subfields(*codes)]
        return between.join(p for p in parts if p)

    def lines(self, tags: Iterable[str], codes: str, between: str = " ") -> str:
        """One line per field of ``tags`` (its subfields ``codes``), repeats left out."""
        seen: list[str] = []
        for item in self.all(*tags):
            text = self.joined(item, codes, between) if not item.control_field else ""
            if text and text not in seen:
                seen.append(text)
        return "\n".join(seen)

    def vernacular_of(self, item: MarcField | None) -> MarcField | None:
        """The 880 field that gives ``item`` in its own script (linked by ``$6 880-NN``)."""
        link = (item.get("6") or "") if item is not None else ""
        if item is None or not link.startswith("880-"):
            return None
        return self.linked.get((item.tag, link[4:6]))

    def clean(self, text: str) -> str:
        """The text without ISBD punctuation (exact text in records that omit it)."""
        if not self.isbd:
            return text
        text = _SEPARATORS.sub("", text.strip())
        if text.endswith(".") and not _KEEP_PERIOD.search(text):
            text = text[:-1].rstrip()
        return text


def _relator(text: str) -> str:
    return text.lower().strip(" .,;:()[]")


def _is_translator(item: MarcField) -> bool:
    """An added entry whose relator term ($e, $j) or code ($4) says translator."""
    codes = [_relator(v) for v in item.get_subfields("4")]
    if "trl" in codes:
        return True
    for value in item.get_subfields("e", "j"):
        for term in re.split(r"[,;&]| and ", value):
            term = _relator(term)
            if term in TRANSLATOR_TERMS or term.startswith(TRANSLATOR_STEMS):
                return True
    return False


def _role(item: MarcField) -> str:
    """What an added entry's relator says the name did (``editor``; ``ill``)."""
    terms = [_relator(v) for v in item.get_subfields("e", "j")]
    return ", ".join(t for t in terms if t) or ", ".join(
        _relator(v) for v in item.get_subfields("4") if _relator(v)
    )


#: a translator named in a statement of responsibility (245 $c), before or after the name
_TRANSLATED_BY = re.compile(
    r"\b(?:translated|transl\.|tr\.|rendered into \w+|traduit|traduction|traducción|"
    r"traduzione|tradução|übersetzt|übertragen|przełożył[a]?|tłumaczył[a]?|"
    r"tłumaczenie|перевод|пер\.|översatt|käännös|suomentanut)"
    r"(?:\s+(?:from|de|del|dal|aus|from the|de l'|z|с|från)\s+[\w'ʹ]+(?:\s+\w+)?)?"
    r"(?:\s+(?:by|par|por|da|di|von|av|de|de la))?\s+(?P<name>[^;=/]+)",
    re.IGNORECASE,
)
_NAME_TRANSLATED = re.compile(r"(?P<name>[^;=/,]+?)\s*(?:옮김|역|번역|譯|译|訳|翻訳|翻譯)\s*$")


def _translators_in(statement: str) -> list[str]:
    """Translators a statement of responsibility names (``translated by A and B``)."""
    names: list[str] = []
    for part in re.split(r"\s*[;/=]\s*", statement):
        found = _TRANSLATED_BY.search(part) or _NAME_TRANSLATED.search(part)
        if found:
            text = found.group("name").strip(" .,[]")
            names += [n.strip(" .,") for n in re.split(r"\s+(?:and|et|y|e|und|i|и)\s+|,\s*", text)]
    return [n for n in names if n]


def _code(text: str) -> str:
    """A MARC language code written in ``text`` (``(eng)`` is ``eng``), or "" if none."""
    code = re.sub(r"[^a-z]", "", text.lower())
    return code if code in MARC_LANGUAGE_CODES and code not in NOT_ONE_LANGUAGE else ""


def _codes(values: Iterable[str]) -> list[str]:
    found = []
    for value in values:
        text = value.strip()
        if len(text) > 3 and len(text) % 3 == 0 and text.isalpha():
            # pre-2001 practice: several codes run together in one subfield
            found += [_code(text[i : i + 3]) for i in range(0, len(text), 3)]
        else:
            found.append(_code(text))
    return [c for c in found if c]


def _language(fields: _Fields, translated: bool) -> tuple[str, bool]:
    """The original language (ISO 639-1 where there is one, else the MARC code) and whether
    the record is a translation that does not say it (041 $h)."""
    if not fields.isbd:  # our own records: the codes exactly as catalogued
        original = [v for f in fields.all("041") for v in f.get_subfields("h")]
        if original or any(f.indicator1 == "1" for f in fields.all("041")):
            return (MARC_LANGUAGES.get(original[0], original[0]) if original else ""), False
        fixed = fields.control("008")[35:38]
        if fixed.strip() and fixed not in ("und", "|||"):
            return MARC_LANGUAGES.get(fixed, fixed), False
        given = next((v for f in fields.all("041") for v in f.get_subfields("a")), "")
        return MARC_LANGUAGES.get(given, given), False
    found = _codes(v for f in fields.all("041") for v in f.get_subfields("h"))
    if found:
        return MARC_LANGUAGES.get(found[0], found[0]), False
    if translated or any(f.indicator1 == "1" for f in fields.all("041")):
        # 008 and 041 $a give the language of the translation, not of its original
        return "", True
    found = _codes([fields.control("008")[35:38]]) or _codes(
        v for f in fields.all("041") for v in f.get_subfields("a")
    )
    return (MARC_LANGUAGES.get(found[0], found[0]), False) if found else ("", False)


def _year(fields: _Fields) -> Any:
    text = fields.first(("264", "260"), "c")
    if text and not fields.isbd:
        return text
    found = _YEAR.search(text)
    if found:
        return found.group()
    fixed = fields.control("008")[7:11]
    return fixed if fixed.isdigit() else None


def _title(fields: _Fields, item: MarcField | None) -> str:
    return fields.joined(item, "anp")


def _isbns(fields: _Fields) -> list[str]:
    """Every ISBN of 020 $a as written (without its qualifier, such as ``(pbk.)``)."""
    found = []
    for value in (v for f in fields.all("020") for v in f.get_subfields("a")):
        if fields.isbd:
            match = _ISBN.match(value.strip())
            value = match.group() if match else ""
        if value and value not in found:
            found.append(value)
    return found


def compact_isbn(text: str) -> str:
    """An ISBN's digits (and final X) alone: how ISBNs are compared."""
    return re.sub(r"[^0-9X]", "", text.upper())


def isbn_forms(text: str) -> list[str]:
    """The compact ISBN and its other form (ISBN-10 and its 978 ISBN-13, either way)."""
    isbn = compact_isbn(text)
    if len(isbn) == 10 and isbn[:9].isdigit():
        body = "978" + isbn[:9]
        check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
        return [isbn, body + str(check)]
    if len(isbn) == 13 and isbn.startswith("978") and isbn.isdigit():
        body = isbn[3:12]
        total = sum(int(d) * (10 - i) for i, d in enumerate(body))
        check = (11 - total % 11) % 11
        return [isbn, body + ("X" if check == 10 else str(check))]
    return [isbn] if isbn else []


def _identifiers(fields: _Fields, isbns: list[str]) -> tuple[tuple[str, str], ...]:
    """What the record is known by: its own number with its source ("(003)001"), other
    systems' numbers (035), its ISBNs (compact) and its LCCN (010)."""
    found: list[tuple[str, str]] = []
    number, source = fields.control("001").strip(), fields.control("003").strip()
    if number and source:
        # a 001 without its 003 names a record only within one library's system (Koha's
        # biblionumbers 1, 2, 3...): records from two libraries would be taken for one
        found.append(("record", f"({source}){number}"))
    for value in (v for f in fields.all("035") for v in f.get_subfields("a")):
        if value.strip():
            found.append(("system", value.strip()))
    for isbn in isbns:
        found += [("isbn", form) for form in isbn_forms(isbn)]
    for value in (v for f in fields.all("010") for v in f.get_subfields("a")):
        if value.strip():
            found.append(("lccn", value.strip()))
    return tuple(dict.fromkeys(found))


def _names(fields: _Fields) -> tuple[list[MarcField], list[MarcField]]:
    """The added entries (700/710/711): translators, and every other name."""
    translators: list[MarcField] = []
    others: list[MarcField] = []
    for item in fields.all("700", "710", "711"):
        if item.get("a"):
            (translators if _is_translator(item) else others).append(item)
    return translators, others


def _name(fields: _Fields, item: MarcField | None) -> str:
    """A main or added entry's name: a person's $a, a body's $a with its units ($b)."""
    if item is None:
        return ""
    linked = (item.get("6") or "")[:3] if item.tag == "880" else item.tag
    return fields.joined(item, "ab" if linked in ("110", "710") else "a", ". ")


def _contributor(fields: _Fields, item: MarcField) -> str:
    name, role = _name(fields, item), _role(item)
    return f"{name} ({role})" if role else name


def _physical(fields: _Fields) -> str:
    lines = [fields.joined(item, "abce", " ; ") for item in fields.all("300")]
    # "3 v." alone says no more than the number of volumes (our own export writes it so)
    return "\n".join(line for line in lines if line and not _ONLY_VOLUMES.fullmatch(line))


def _subjects(fields: _Fields) -> str:
    lines: list[str] = []
    for item in fields.all("600", "610", "611", "630", "650", "651", "655"):
        heading = fields.joined(item, "abcdqt")
        parts = [heading] + [fields.clean(v) for v in item.get_subfields("v", "x", "y", "z")]
        text = " -- ".join(p for p in parts if p)
        if text and text not in lines:
            lines.append(text)
    return "\n".join(lines)


def work_from_record(record: Record) -> MarcWork:
    """The work and copies a record describes, validated (:class:`BadInput` says why not)."""
    return work_from_fields(str(record.leader), record.fields)


def work_from_fields(leader: str, items: Iterable[MarcField]) -> MarcWork:
    """:func:`work_from_record` of a record's leader and fields (pymarc's or the import's
    own :class:`readingroom.marc.reading.PlainField`)."""
    fields = _Fields(leader, items)
    title_field = fields.first_field("245")
    title = _title(fields, title_field)
    if not title:
        raise BadInput(said("no title (245 $a)"))
    author_field = fields.first_field("100", "110", "111")
    author = _name(fields, author_field)
    translator_fields, others = _names(fields)
    translators = [fields.clean(f.get("a") or "") for f in translator_fields]
    vernacular_translators = [
        fields.clean(v.get("a") or "")
        for f in translator_fields
        if (v := fields.vernacular_of(f)) is not None and v.get("a")
    ]
    responsibility = fields.first(("245",), "c")
    vernacular_title_field = fields.vernacular_of(title_field) or next(
        iter(fields.vernacular.get("245", ())), None
    )
    if not translators and fields.isbd:
        translators = _translators_in(responsibility)
    if not vernacular_translators and vernacular_title_field is not None and fields.isbd:
        vernacular_translators = _translators_in(vernacular_title_field.get("c") or "")
    vernacular_author = fields.vernacular_of(author_field)
    language, language_unknown = _language(
        fields, bool(translators or vernacular_translators or fields.all("765"))
    )
    isbns = _isbns(fields)
    found = next((m for f in fields.all("300") if (m := _VOLUMES.match(f.get("a") or ""))), None)
    values = work_values(
        {
            "title": title,
            "subtitle": fields.first(("245",), "b"),
            "author": author or "-",  # no author is allowed here (films, anonymous works)
            "original_title": fields.first(("240", "130"), "a") or fields.first(("765",), "t"),
            "original_language": language,
            "translator": "; ".join(dict.fromkeys(translators)),
            "publisher": fields.first(("264", "260"), "b"),
            "year": _year(fields),
            "isbn": isbns[0] if isbns else "",
            "notes": "\n".join(v for f in fields.all("500") for v in f.get_subfields("a")),
            "access": fields.first((LOCAL_TAG,), "a") or "lendable",
            "volumes": found.group(1) if found else 1,
            "title_vernacular": _title(fields, vernacular_title_field),
            "author_vernacular": _name(fields, vernacular_author),
            "translator_vernacular": "; ".join(dict.fromkeys(vernacular_translators)),
            "responsibility": responsibility,
            "edition": fields.lines(("250",), "ab"),
            "series": fields.lines(("490",), "av", " ; ")
            or fields.lines(("830", "800", "810", "811"), "atv", " ; "),
            "subjects": _subjects(fields),
            "variant_titles": fields.lines(("246",), "abnp"),
            "call_number": fields.joined(fields.first_field("050", "090", "099"), "ab"),
            "physical": _physical(fields),
            "place": fields.first(("264", "260"), "a"),
            "contents": "\n".join(contents.entries(fields.lines(("505",), "agrt", " ")))
            if "505" in fields.by_tag
            else "",
            "contributors": "\n".join(dict.fromkeys(_contributor(fields, f) for f in others)),
            "control_number": fields.control("001").strip(),
            "control_source": fields.control("003").strip(),
        }
    )
    values["author"] = author and values["author"]
    _check_encoding(values)
    copies = tuple(_copies(fields))
    named = contents.volume_names(values["contents"]) if values["contents"] else {}
    highest = max((c.volume for c in copies), default=1)
    if not found and named:  # no count in 300: the volumes the contents names
        highest = max(highest, *named)
    if highest > values["volumes"]:
        if found:
            raise BadInput(
                said(
                    "an item is volume {highest} but 300 $a says {volumes} volumes",
                    highest=highest,
                    volumes=values["volumes"],
                )
            )
        values["volumes"] = highest
    return MarcWork(values, copies, _identifiers(fields, isbns), language_unknown)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_encoding(values: dict[str, Any]) -> None:
    if not _CONTROL.search("\n".join(v for v in values.values() if isinstance(v, str))):
        return  # one search over every field: the usual case
    for name, value in values.items():
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found:
            raise BadInput(
                said(
                    "a control character ({character}) in the {what}: a damaged character "
                    "encoding?",
                    character=f"U+{ord(found.group()):04X}",
                    what=name.replace("_", " "),
                )
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
            raise BadInput(
                said(
                    "item {number} ({tag} $p {barcode}): {problem}",
                    number=number,
                    tag=item.tag,
                    barcode=barcode[:40],
                    problem=exc.message,
                )
            ) from None


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
    if tag == "952":  # Koha: $c shelving location, $o call number
        location = codes.get("c", "")
        call_number = codes.get("o", "")
        volume_text = codes.get("h", "")
        status = _koha_status(codes)
        note = _CONDITION.search(codes.get("x", ""))
        condition = note.group(1).lower() if note else Condition.GOOD
    else:  # holdings: $b location, $c shelving location, $h $i call number
        location = " / ".join(v for v in (codes.get("b"), codes.get("c")) if v)
        call_number = " ".join(v for v in (codes.get("h"), codes.get("i")) if v)
        volume_text = codes.get("3", "")
        status, condition = CopyStatus.AVAILABLE, Condition.GOOD
    found = _VOLUME.search(volume_text) if volume_text else None
    return MarcCopy(  # positional, in the order of its fields (a million copies a file)
        check_barcode(normalise_code(barcode)),  # k0020 is K0020, as at the desk
        parse_positive(found.group(1), "volume") if found else 1,
        clean_text(location.strip() if isbd else location, "location"),
        status,
        condition if condition == "good" else check_choice(condition, CONDITIONS, "condition"),
        clean_text(call_number.strip() if isbd else call_number, "call number"),
    )


# -- a work as a record (export) ---------------------------------------------------------------

LEADER = "00000nam a2200000 c 4500"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: articles a title may begin with that filing skips (245 second indicator)
_ARTICLES = re.compile(
    r"^(?:the|an?|les?|la|l'|der|die|das|ein|eine|el|los|las|il|lo|gli|o|os|as|het|de|"
    r"una?|un')(?:\s+|(?<=')(?=\w))",
    re.IGNORECASE,
)


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


def script_code(text: str) -> str:
    """The 880 $6 script identification code of ``text`` (``$1`` for CJK, ``(N`` Cyrillic,
    ``(S`` Greek, ``(2`` Hebrew and ``(3`` Arabic, right to left), "" if none of these."""
    for char in text:
        point = ord(char)
        if 0xAC00 <= point <= 0xD7AF or 0x1100 <= point <= 0x11FF or 0x3040 <= point <= 0x30FF:
            return "$1"
        if 0x4E00 <= point <= 0x9FFF or 0x3400 <= point <= 0x4DBF or 0xF900 <= point <= 0xFAFF:
            return "$1"
        if 0x0400 <= point <= 0x04FF:
            return "(N"
        if 0x0370 <= point <= 0x03FF:
            return "(S"
        if 0x0590 <= point <= 0x05FF:
            return "(2/r"
        if 0x0600 <= point <= 0x06FF:
            return "(3/r"
    return ""


def _name_indicator(name: str) -> str:
    """100/700 first indicator: 1 for a surname first (``Hugo, Victor``), else 0."""
    return "1" if "," in name else "0"


def _non_filing(title: str) -> str:
    found = _ARTICLES.match(title)
    return str(len(found.group())) if found and len(found.group()) <= 9 else "0"


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


class _Linker:
    """Gives fields their 880s: ``880-01`` in the field, ``TAG-01/$1`` in the 880."""

    def __init__(self) -> None:
        self.vernacular: list[Field] = []

    def link(self, item: Field, vernacular: str) -> Field:
        if not vernacular:
            return item
        number = f"{len(self.vernacular) + 1:02d}"
        script = script_code(vernacular)
        item.subfields.insert(0, Subfield("6", f"880-{number}"))
        codes = [Subfield("6", f"{item.tag}-{number}" + (f"/{script}" if script else ""))]
        codes += [Subfield("a", _text(vernacular))]
        self.vernacular.append(Field("880", item.indicators, codes))
        return item


def record_for(
    work: dict[str, Any],
    copies: Iterable[dict[str, Any]],
    identifiers: Iterable[tuple[str, str]] = (),
) -> Record:
    """The MARC record of a work and its copies (the inverse of :func:`work_from_record`)."""
    record = Record(leader=LEADER, force_utf8=True)
    linker = _Linker()
    known: dict[str, list[str]] = {}
    for kind, value in identifiers:
        known.setdefault(kind, []).append(value)
    fields: list[Field | None] = []
    if work.get("control_number"):
        fields.append(Field("001", data=_text(work["control_number"])))
    if work.get("control_source"):
        fields.append(Field("003", data=_text(work["control_source"])))
    fields.append(Field("008", data=_fixed_fields(work)))
    fields += [_field("010", "  ", a=value) for value in known.get("lccn", ())]
    isbns = [work["isbn"]] if work["isbn"] else []
    written = {form for isbn in isbns for form in isbn_forms(isbn)}
    for isbn in known.get("isbn", ()):
        if isbn not in written:
            isbns.append(isbn)
            written.update(isbn_forms(isbn))
    fields += [_field("020", "  ", a=isbn) for isbn in isbns]
    fields += [_field("035", "  ", a=value) for value in known.get("system", ())]
    fields.append(_language_field(work))
    if work.get("call_number"):
        fields.append(_field("090", "  ", a=work["call_number"]))
    if work["author"]:
        author = _field("100", _name_indicator(work["author"]) + " ", a=work["author"])
        fields.append(linker.link(author, work.get("author_vernacular", "")))
    if work["original_title"]:
        fields.append(_field("240", "10", a=work["original_title"]))
    title = _field(
        "245",
        ("1" if work["author"] else "0") + _non_filing(work["title"]),
        a=work["title"],
        b=work["subtitle"],
        c=work.get("responsibility", ""),
    )
    fields.append(linker.link(title, work.get("title_vernacular", "")))
    fields += [_field("246", "3 ", a=line) for line in _lines(work.get("variant_titles", ""))]
    fields += [_field("250", "  ", a=line) for line in _lines(work.get("edition", ""))]
    if work["publisher"] or work["year"] or work.get("place"):
        fields.append(
            _field(
                "264",
                " 1",
                a=work.get("place", ""),
                b=work["publisher"],
                c=str(work["year"]) if work["year"] else "",
            )
        )
    physical = _lines(work.get("physical", ""))
    if work["volumes"] > 1 and not any(
        (m := _VOLUMES.match(line)) and int(m.group(1)) == work["volumes"] for line in physical
    ):
        physical.insert(0, f"{work['volumes']} v.")
    fields += [_field("300", "  ", a=line) for line in physical]
    fields += [_field("490", "0 ", a=line) for line in _lines(work.get("series", ""))]
    if work["notes"]:
        fields.append(_field("500", "  ", a=work["notes"]))
    if note := contents.note(work.get("contents", "")):
        fields.append(_field("505", "0 ", a=note))
    fields += [_field("650", " 4", a=line) for line in _lines(work.get("subjects", ""))]
    fields += _contributor_fields(work.get("contributors", ""))
    fields += _translator_fields(work, linker)
    fields.extend(_item_field(work, copy) for copy in copies)
    fields.append(_field(LOCAL_TAG, "  ", a=work["access"]))
    fields += linker.vernacular
    record.add_field(*(f for f in fields if f is not None))
    return record


def _split_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(";") if name.strip()] if text else []


def _translator_fields(work: dict[str, Any], linker: _Linker) -> list[Field]:
    """One 700 per translator (never ``A; B``), each linked to its vernacular form."""
    names = _split_names(work["translator"])
    vernacular = _split_names(work.get("translator_vernacular", ""))
    made = []
    for number, name in enumerate(names):
        item = _field("700", _name_indicator(name) + " ", a=name, e="translator", **{"4": "trl"})
        made.append(linker.link(item, vernacular[number] if number < len(vernacular) else ""))
    return made


_ROLE = re.compile(r"^(?P<name>.+?) \((?P<role>[^()]+)\)$")


def _contributor_fields(text: str) -> list[Field]:
    made = []
    for line in _lines(text):
        found = _ROLE.match(line)
        name, role = (found.group("name"), found.group("role")) if found else (line, "")
        made.append(_field("700", _name_indicator(name) + " ", a=name, e=role))
    return made


def _field(tag: str, indicators: str, **subfields: str) -> Field:
    return Field(
        tag,
        Indicators(*indicators),
        [Subfield(code, _text(value)) for code, value in subfields.items() if value],
    )


def _item_field(work: dict[str, Any], copy: dict[str, Any]) -> Field:
    status = copy["status"]
    codes: dict[str, str] = {
        "a": KOHA_BRANCH,
        "b": KOHA_BRANCH,
        "c": copy["location"],
        "o": copy.get("call_number", ""),
        "p": copy["barcode"],
        "y": KOHA_ITEM_TYPE,
    }
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
