"""The domain's words in a language: what Reading Room prints (reports, letters, slips, the
bundle's sign-off sheet) in 조선어 (``ko_KP``, the North's standard), 한국어 (``ko``) or English.

One mechanism, without Qt: the domain's **message catalogue**,
``readingroom/resources/translations/domain.csv`` (columns ``context, English, ko, ko_KP``),
keyed by the English source text, as a Qt ``.ts`` file is. The English is the text in the
code; :class:`Words` looks it up and fills its ``{name}`` placeholders from named params, as
a :class:`~readingroom.messages.Reason` is rendered (:class:`readingroom.messages.Template`,
the same ``str()`` of every param). A Korean text may write a particle in both forms after
a placeholder (``{name}은(는)``): :func:`readingroom.korean.resolve` picks the one the
inserted word needs. ``ko_KP`` falls back to ``ko`` where a text has no ``ko_KP`` of its own,
and either to the English where the catalogue lacks the text (a test walks every printed
kind and fails on English left in a Korean PDF).

A *context* tells apart the same English in two roles: ``""`` for sentences and headings,
``status``, ``condition``, ``access``, ``role``, ``outcome``, ``kind``... for the stored words
a report prints as values (``on-loan`` -> 대출중), ``count`` for a counted noun (``{n} copy``
-> ``{n}부``). The terms follow the glossary (``docs/glossary-ko.csv``), which
``scripts/build_translations.py --check`` holds this catalogue to as it does the window's.

The printing language is a branch setting (``settings print-language``,
:func:`readingroom.settings.print_language`); a command's ``--lang`` chooses another for one
run. :func:`from_environment` reads ``LANG``/``LC_ALL`` by the full tag (``ko_KP.UTF-8`` ->
``ko_KP``), for a command line that speaks Korean.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Mapping
from datetime import date, datetime

from readingroom import korean, wording
from readingroom.errors import BadInput
from readingroom.messages import ENGLISH as SENTENCES
from readingroom.messages import (
    MESSAGES,
    Count,
    LoanList,
    Note,
    Param,
    Params,
    Phrases,
    Reason,
    Template,
    Text,
    said,
)
from readingroom.paths import resource

ENGLISH = "en"
#: the languages Reading Room prints in, the product's own Korean (the North's) first
LANGUAGES = ("ko_KP", "ko", ENGLISH)
#: each language named in itself
ENDONYMS = {"ko_KP": "조선어", "ko": "한국어", ENGLISH: "English"}
KOREAN = ("ko_KP", "ko")
CATALOGUE_NAME = "domain.csv"


def check(code: str) -> str:
    """``code`` when it is a printing language, else BadInput naming the choices."""
    if code not in LANGUAGES:
        choices = ", ".join(f"{c} ({ENDONYMS[c]})" for c in LANGUAGES)
        raise BadInput(
            said("Unknown language {code}: use {choices}.", code=repr(code), choices=choices)
        )
    return code


def from_locale(name: str) -> str | None:
    """The language a locale name asks for, by its full tag: ``ko_KP.UTF-8`` -> ``ko_KP``,
    ``ko_KR.UTF-8`` (any other Korean) -> ``ko``, ``en_GB`` -> ``en``; None for others."""
    tag = name.split(".")[0].split("@")[0].replace("-", "_")
    language, _, region = tag.partition("_")
    if language.lower() == "ko":
        return "ko_KP" if region.upper() == "KP" else "ko"
    if language.lower() == "en":
        return ENGLISH
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first set), or None."""
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(variable):
            return from_locale(environ[variable])
    return None


Entry = dict[str, str]

#: how a stored param names one of several words (``librarian or supervisor``)
ALTERNATIVES = " or "
#: a message's param (by its name) that is a stored word, and the contexts of its words
STORED_PARAMS: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "condition": ("condition",),
    "access": ("access",),
    "role": ("role", "staff-role"),
    "new_role": ("role", "staff-role"),
    "old_role": ("role", "staff-role"),
    "old_access": ("access",),
    "grade": ("condition",),
    "new_access": ("access",),
    "kind": ("report",),
    "wanted": ("staff-role",),
    "what": ("what",),
    "membership": ("membership",),
    "hold": ("hold",),
    "rule": ("rule",),
    "allows": ("allows",),
    "allowed": ("allows",),
    "slip": ("slip-mode",),
    "outcome": ("outcome",),
    "flag": ("scan-flag",),
    "reminder": ("reminder-level",),
    "readiness": ("readiness",),
    "state": ("state",),
    "action": ("audit-action",),
    "table": ("audit-record",),
    "organisation": (MESSAGES,),
    "expires": (MESSAGES,),
}


@functools.cache
def catalogue() -> dict[tuple[str, str], Entry]:
    """(context, English) -> {language: text} of every text of the catalogue."""
    path = resource("translations", CATALOGUE_NAME)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (row["context"], row["English"]): {
            language: row[language] for language in KOREAN if row.get(language)
        }
        for row in rows
    }


class Words:
    """The printed texts of one language: ``words("Page {page} of {pages}", page=2,
    pages=5)``."""

    def __init__(self, language: str = ENGLISH):
        self.language = check(language)

    @property
    def korean(self) -> bool:
        return self.language in KOREAN

    def lookup(self, text: str, context: str = "") -> str:
        """The catalogue's text for ``text`` in this language, or ``text`` itself."""
        if not self.korean:
            return text
        entry = catalogue().get((context, text))
        if entry is None:
            return text
        return entry.get(self.language) or entry.get("ko") or text

    def __call__(self, text: str, /, context: str = "", **params: Param) -> str:
        """``text`` in this language with its ``{name}`` placeholders filled from
        ``params`` (a particle after a placeholder in the form the inserted word needs)."""
        translated = self.lookup(text, context)
        rendered = Template(translated).render(params) if params else translated
        return korean.resolve(rendered) if self.korean and params else rendered

    def text(self, message: str) -> str:
        """A message in this language: a :class:`~readingroom.messages.Text` by its key (the
        catalogue's text of its template, its params each in this language); any other
        string as it is (a name, a code, a line the catalogue does not key)."""
        if not isinstance(message, Text) or not self.korean:
            return str(message)
        entry = catalogue().get((message.context, message.template))
        template = (entry.get(self.language) or entry.get("ko")) if entry else None
        if not template:
            return str(message)  # not translated yet: the whole sentence in English
        filled = {
            name: self._param(name, value, message.context)
            for name, value in message.params.items()
        }
        return korean.resolve(Template(template).render(filled))

    def _param(self, name: str, value: Param, context: str) -> Param:
        if isinstance(value, Text):
            return self.text(value)
        if isinstance(value, Phrases):
            return self.phrases(context, value)
        if isinstance(value, Count):
            return self.count(value.n, value.noun)
        if isinstance(value, LoanList):
            return self._reason_params({name: value})[name]
        if isinstance(value, Reason | Note):
            return self.reason(value)
        if isinstance(value, str):  # a stored word: by the param's name (a phrase's: or its own)
            contexts = (*STORED_PARAMS.get(name, ()), *([context] if context != MESSAGES else []))
            if name in STORED_PARAMS and ALTERNATIVES in value:  # "librarian or supervisor"
                words = [self.stored(contexts, word) for word in value.split(ALTERNATIVES)]
                return self.lookup(ALTERNATIVES, MESSAGES).join(words)
            return self.stored(contexts, value)
        return value

    def stored(self, contexts: tuple[str, ...], value: str) -> str:
        """A stored word in this language: the first of ``contexts`` that knows it, else
        ``value`` as it is (a code, a name)."""
        for context in contexts:
            word = self.lookup(value, context)
            if word != value:
                return word
        return value

    def value(self, kind: str, value: object) -> str:
        """A stored word as printed: ``value("status", "on-loan")`` is 대출중 in ko_KP and
        ``on-loan`` in English (a report prints the stable word)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self("yes" if value else "no")
        return self.lookup(str(value), kind)

    def phrases(self, kind: str, value: object) -> str:
        """A cell of stored words and phrases as printed: :class:`Phrases` and keyed
        phrases by their keys; a plain string (a stored word, a code, a name, a reason a
        supervisor typed, the note a stocktake line stored before migration 0026) through
        :meth:`value`, whole: a text the catalogue does not know stays as it is. No sentence
        is ever parsed back into its params."""
        if isinstance(value, Phrases) and self.korean:
            return value.separator.join(self.phrases(kind, part) for part in value.parts)
        if isinstance(value, Text) and self.korean:
            return self.text(value)
        return self.value(kind, value)

    def reason(self, reason: Reason | Note) -> str:
        """A refusal's reason (or a note) in this language: its code's sentence from the
        catalogue (context ``reason``, keyed by the English template of
        :data:`readingroom.messages.ENGLISH`), its params filled (a role and a copy's status
        in this language's words); the English sentence where there is none."""
        if not self.korean:
            return reason.message
        template = SENTENCES[reason.key]
        text = self.lookup(template.text, "reason")
        if text == template.text:
            return reason.message
        return korean.resolve(Template(text).render(self._reason_params(reason.params)))

    def _reason_params(self, params: Params) -> dict[str, Param]:
        filled: dict[str, Param] = {}
        for name, value in params.items():
            if name in ("role", "status"):
                filled[name] = self.value(name, value)
            elif isinstance(value, LoanList):
                text = ", ".join(f"{barcode} ({member})" for barcode, member in value.named)
                if value.more > 0:
                    text += self(" and {more} more", context="reason", more=value.more)
                filled[name] = text
            else:
                filled[name] = value
        return filled

    def count(self, n: int, noun: str) -> str:
        """``n`` with ``noun`` counted: ``1 copy``, ``3 copies``; in Korean the catalogue's
        ``{n} copy`` (``{n}부``), else the number and the noun's word."""
        if not self.korean:
            return wording.count(n, noun)
        key = f"{{n}} {noun}"
        counted = self.lookup(key, "count")
        if counted != key:
            return counted.replace("{n}", str(n))
        return f"{n} {self.lookup(noun)}"

    def day(self, value: date | datetime | str | None) -> str:
        """A day as a letter or a first page writes it: ``2026-12-07`` in English,
        ``2026년 12월 7일`` in Korean."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value[:10])
            except ValueError:
                return value
        else:
            day = value.date() if isinstance(value, datetime) else value
        if not self.korean:
            return day.isoformat()
        return f"{day.year}년 {day.month}월 {day.day}일"

    def quote(self, text: str) -> str:
        """``text`` in the language's quotation marks: “…”, or 《…》 in ko_KP."""
        return f"《{text}》" if self.language == "ko_KP" else f"“{text}”"

    def salutation(self, name: str) -> str:
        """A letter's first line: ``Dear 리명희,``, ``리명희 님``, ``리명희 동지``."""
        return self("Dear {name},", name=name)


@functools.cache
def words(language: str | None = None) -> Words:
    """The :class:`Words` of ``language`` (English when None)."""
    return Words(language or ENGLISH)
