"""A catalogue whose titles are in many scripts, shared by the PDF and the window tests.

Korean (Hangul and Hanja), Japanese (kanji and kana), Chinese, Russian, Greek, Vietnamese,
French diacritics, a Japanese author in romaji with a macron and a right-to-left (Hebrew)
title: what issue 13 names, in NFC as the catalogue stores it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from readingroom import borrowers, catalogue, circulation
from readingroom.store.models import StaffUser


@dataclass(frozen=True)
class Book:
    barcode: str
    title: str
    author: str
    script: str


BOOKS = (
    Book("S01", "춘향전 (春香傳)", "작자 미상", "Korean: Hangul and Hanja"),
    Book("S02", "人間の証明", "森村誠一", "Japanese: kanji and kana"),
    Book("S03", "雪国", "川端康成", "Japanese: 国, a shinjitai form"),
    Book("S04", "红楼梦", "曹雪芹", "Chinese, simplified"),
    Book("S05", "Преступление и наказание", "Фёдор Достоевский", "Russian"),
    Book("S06", "Ἰλιάς · Οδύσσεια", "Όμηρος", "Greek, polytonic and monotonic"),
    Book("S07", "Truyện Kiều · Tiếng Việt", "Nguyễn Du", "Vietnamese"),
    Book("S08", "Les Misérables", "Victor Hugo", "French diacritics"),
    Book("S09", "点と線", "Seichō Matsumoto", "a macron (ō)"),
    Book("S10", "סיפור פשוט", "Shmuel Yosef Agnon", "Hebrew, right to left"),
)
TITLES = tuple(unicodedata.normalize("NFC", book.title) for book in BOOKS)
AUTHORS = tuple(unicodedata.normalize("NFC", book.author) for book in BOOKS)


def nfc(text: str) -> str:
    """NFC, every run of white space as one space (how a PDF's text is compared)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def add_books(actor: StaffUser) -> None:
    for book in BOOKS:
        work = catalogue.add_work(actor, title=book.title, author=book.author).work
        catalogue.add_copy(actor, work.id, book.barcode, location="Safe A/1")


READERS = ("김수영", "Nguyễn Thị Hương", "Łucja Wiśniewska", "Ёлкин Пётр", "Ζωή Παπαδοπούλου")


def lend_books(actor: StaffUser) -> None:
    """Every book out, two to each reader (names in several scripts too)."""
    for number, name in enumerate(READERS, start=1):
        borrowers.add_borrower(actor, f"W{number}", name=name, role="writer")
    for index, book in enumerate(BOOKS):
        circulation.lend(actor, book.barcode, f"W{index % len(READERS) + 1}")
