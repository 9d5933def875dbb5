"""The editable fields of a work, a copy and a borrower, as plain values for a form.

A dialog shows one of these and hands its changes to the service (``catalogue.edit_work``,
``catalogue.edit_copy``, ``borrowers.edit_borrower``); it never holds a live database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from readingroom import borrowers, catalogue
from readingroom.restriction_rules import is_set_issue
from readingroom.store.models import Work


@dataclass(frozen=True)
class WorkForm:
    id: int
    title: str
    subtitle: str
    author: str
    original_title: str
    original_language: str
    translator: str
    publisher: str
    year: int | None
    isbn: str
    access: str
    volumes: int
    notes: str
    #: every volume goes out together (issue 14)
    set_issue: bool = False
    #: the title, author and translator in their own script (MARC 880: Hangul, Hanja, kana…)
    title_vernacular: str = ""
    author_vernacular: str = ""
    translator_vernacular: str = ""


@dataclass(frozen=True)
class CopyForm:
    barcode: str
    volume: int
    location: str
    condition: str
    status: str
    work: WorkForm
    #: the number on the spine label, apart from the shelving location
    call_number: str = ""


@dataclass(frozen=True)
class BorrowerForm:
    id: int
    member_no: str
    name: str
    role: str
    organisation: str
    status: str
    expires: date | None


def _work_form(work: Work) -> WorkForm:
    return WorkForm(
        id=work.id,
        title=work.title,
        subtitle=work.subtitle,
        author=work.author,
        original_title=work.original_title,
        original_language=work.original_language,
        translator=work.translator,
        publisher=work.publisher,
        year=work.year,
        isbn=work.isbn,
        access=work.access,
        volumes=work.volumes,
        notes=work.notes,
        set_issue=is_set_issue(work.id),
        title_vernacular=work.title_vernacular,
        author_vernacular=work.author_vernacular,
        translator_vernacular=work.translator_vernacular,
    )


def work_form(work_id: int) -> WorkForm:
    """Work ``work_id`` as its form shows it (NotFound when there is none)."""
    return _work_form(catalogue.get_work(work_id))


def copy_form(barcode: str) -> CopyForm:
    """The copy ``barcode`` and its work (NotFound when there is none)."""
    copy = catalogue.get_copy(barcode)
    return CopyForm(
        copy.barcode,
        copy.volume,
        copy.location,
        copy.condition,
        copy.status,
        _work_form(copy.work),
        copy.call_number,
    )


def borrower_form(member_no: str) -> BorrowerForm:
    """The borrower ``member_no`` as the form shows them (NotFound when unknown)."""
    b = borrowers.get_borrower(member_no)
    return BorrowerForm(b.id, b.member_no, b.name, b.role, b.organisation, b.status, b.expires)
