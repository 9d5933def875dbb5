"""A synthetic library for benchmarks and tests: deterministic, large and quick to build.

:func:`generate_library` fills an empty catalogue with works, copies, borrowers and a loan
history drawn from a seeded random generator, so the same seed (and the same ``as_of``
day) always builds the same library. Rows go in as multi-row ``INSERT`` statements inside
one write transaction; the search index and the secondary indexes are built once at the
end (:mod:`readingroom.bulk`), and the whole generation is one audit entry.

The history is plausible rather than random noise: a copy's loans follow one another
without overlapping, popular works are borrowed more, only writers and cadres borrow
(cadres with a supervisor's recorded approval), only lendable works leave the room, and
a few copies are out now (some overdue), missing, withdrawn, lost or damaged.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate, chain, islice
from typing import Any

from readingroom import audit, clock
from readingroom.bulk import bulk_load
from readingroom.errors import BadInput
from readingroom.messages import Code, said
from readingroom.staff import require_supervisor
from readingroom.store.db import database, write_transaction
from readingroom.store.models import Borrower, Copy, Loan, StaffUser, Work
from readingroom.vocabulary import Condition, CopyStatus, Role

MAX_ROWS = 50_000_000
HISTORY_YEARS = 10
LOAN_DAYS = 21
#: share of lendable copies that are out on loan today
OUT_NOW = 0.03
#: a work's popularity is Pareto-distributed (a few works are borrowed far more than the
#: rest) but capped, so no work ends up with thousands of copies
MOST_POPULAR = 40.0
BULK_TABLES = ("work", "copy", "borrower", "loan")

# -- the vocabulary the library is made of ------------------------------------------------------

TITLE_WORDS = """
shadow river winter summer night morning garden house city village mountain harbour
island forest road bridge station letter memory promise silence storm rain snow wind
fire stone glass iron silver golden crimson quiet distant last first lost hidden secret
broken burning falling rising sleeping wandering northern southern eastern western
ship train window door mirror clock lamp candle bell song voice dream journey return
flight exile homecoming autumn spring lake sea shore desert valley field orchard
vineyard factory mine cannery street square tower castle church temple market school
hospital prison camp frontier border war peace revolution people heart hand eye face
mother father daughter son brother sister widow stranger soldier sailor doctor teacher
captain judge thief poet painter singer dancer hunter fisherman farmer worker engineer
detective witness traveller emperor king queen prince saint devil angel ghost wolf fox
horse crow swan tiger bear deer crab whale moon sun star sky cloud dawn dusk evening
midnight year century day hour moment season chronicle story tale legend song ballad
comedy tragedy confession testament diary notebook album portrait map proof points lines
leaf camellias bell tolls heights wind necklace suif man woman children time life death
love honour glory freedom truth justice fortune hope fear anger joy sorrow
""".split()
TITLE_PATTERNS = (
    "The {a}",
    "The {a} {b}",
    "{a} and {b}",
    "The {a} of the {b}",
    "{a} in {b}",
    "A {a} for the {b}",
    "{a} {b}",
    "The Last {a}",
    "{a} of {b}",
    "Beyond the {a}",
)
FIRST_NAMES = """
Anna Boris Clara Daniel Elena Felix Greta Hector Irina Jonas Karl Lena Marco Nadia Oscar
Pavel Rosa Sergei Tomas Ursula Viktor Wanda Yuri Zofia Alain Brigitte Claude Denise Emile
Francoise Gaston Helene Jacques Louise Marcel Nicole Pierre Simone Yves Akira Haruki Kenji
Michiko Naoki Sachiko Takeshi Yoko Hiroshi Keiko Ernest Emily Charles Margaret William
Virginia George Mary Thomas Jane Fyodor Lev Anton Nikolai Ivan Maxim Giovanni Dante Italo
Alessandro Umberto Natalia Miguel Gabriel Isabel Pablo Carmen Federico Jorge Octavio
""".split()
LAST_NAMES = """
Matsumoto Kobayashi Morimura Tanaka Suzuki Watanabe Yamamoto Nakamura Hemingway Bronte
Mitchell Dickens Austen Hardy Woolf Orwell Steinbeck Faulkner London Twain Hugo Dumas
Maupassant Balzac Flaubert Zola Stendhal Camus Sartre Proust Verne Tolstoy Dostoevsky
Chekhov Gorky Pushkin Gogol Turgenev Sholokhov Bulgakov Pasternak Boccaccio Alighieri
Calvino Eco Moravia Pavese Levi Cervantes Lorca Marquez Borges Neruda Paz Goethe Mann
Hesse Kafka Brecht Remarque Grass Boll Fontane Schiller Heine Ibsen Strindberg Hamsun
Lagerlof Andersen Mickiewicz Sienkiewicz Hasek Capek Petofi Kazantzakis Lu Ba Lao
""".split()
KOREAN_SURNAMES = "김 리 박 최 정 강 조 윤 장 한 오 서 신 권 황 안 송 류 홍 전".split()
KOREAN_SYLLABLES = (
    "영 철 명 희 순 옥 수 경 민 정 호 성 은 혜 인 숙 광 남 금 선 일 진 혁 미 향 춘 국 용 란 화"
).split()
LANGUAGES = (
    ("en", 30),
    ("fr", 14),
    ("ru", 16),
    ("ja", 10),
    ("de", 8),
    ("it", 6),
    ("es", 5),
    ("zh", 4),
    ("pl", 2),
    ("cs", 2),
    ("hu", 1),
    ("ko", 2),
)
PUBLISHERS = (
    "문학예술출판사",
    "외국문도서출판사",
    "교육도서출판사",
    "금성청년출판사",
    "Foreign Languages Publishing House",
    "Literature and Art Publishing House",
    "Progress Publishers",
    "Raduga",
    "Gallimard",
    "Einaudi",
    "Penguin Classics",
)
PROVINCES = ("Pyongan", "Hwanghae", "Hamgyong", "Kangwon", "Jagang", "Ryanggang", "Central")
ACCESS = (("lendable", 90), ("reading-room", 7), ("staff-only", 3))
VOLUMES = ((1, 92), (2, 4), (3, 3), (4, 1))
CONDITIONS = (("good", 70), ("worn", 22), ("ragged", 8))
#: statuses out of circulation, as shares of all copies
RARE_STATUSES = (
    (CopyStatus.MISSING, 0.003),
    (CopyStatus.WITHDRAWN, 0.005),
    (CopyStatus.LOST, 0.002),
    (CopyStatus.DAMAGED, 0.003),
)
ROLES = ((Role.WRITER, 85), (Role.CADRE, 12), (Role.CIVILIAN, 3))
APPROVAL = "Approved for the union's study programme (generated history)"


@dataclass(frozen=True)
class LibrarySpec:
    """How big a library to build, from which seed, and as of which day."""

    works: int
    copies: int
    borrowers: int
    loans: int
    seed: int = 1
    as_of: date | None = None

    def check(self) -> None:
        for name in ("works", "copies", "borrowers", "loans"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= MAX_ROWS:
                raise BadInput(
                    said(
                        "Bad number of {name} {value}: between 0 and {most}.",
                        name=name,
                        value=repr(value),
                        most=f"{MAX_ROWS:,}",
                    )
                )
        if self.copies and not self.works:
            raise BadInput(said("Copies need works: give --works."))
        if self.loans and not (self.copies and self.borrowers):
            raise BadInput(said("Loans need copies and borrowers."))


@dataclass
class GenerationResult:
    works: int = 0
    copies: int = 0
    borrowers: int = 0
    loans: int = 0
    active_loans: int = 0
    seed: int = 1
    as_of: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class _Weighted:
    """Draws from ``(value, weight)`` pairs with one ``random()`` and a bisection."""

    def __init__(self, rng: random.Random, weighted: tuple[tuple[Any, float], ...]):
        self.rng, self.values = rng, [v for v, _ in weighted]
        self.cumulative = list(accumulate(w for _, w in weighted))

    def __call__(self) -> Any:
        return self.values[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def korean_name(rng: random.Random) -> str:
    syllables = len(KOREAN_SYLLABLES)
    return (
        KOREAN_SURNAMES[int(rng.random() * len(KOREAN_SURNAMES))]
        + KOREAN_SYLLABLES[int(rng.random() * syllables)]
        + KOREAN_SYLLABLES[int(rng.random() * syllables)]
    )


def isbn13(number: int) -> str:
    """A valid ISBN-13 in the 978-89 (Korean) range for a serial number."""
    body = f"{number % 10**7:07d}"
    # 9 7 8 8 9 weigh 1 3 1 3 1 (sum 71); the body's digits weigh 3 1 3 1 3 1 3
    total = 71 + 3 * sum(map(int, body[0::2])) + sum(map(int, body[1::2]))
    return f"978-89-{body[:4]}-{body[4:]}-{(10 - total % 10) % 10}"


# -- the rows -------------------------------------------------------------------------------


class _Library:
    """Rows drawn from one seeded generator, in a fixed order (so a seed is a library)."""

    def __init__(self, spec: LibrarySpec, staff_id: int, as_of: date):
        self.spec, self.staff_id, self.as_of = spec, staff_id, as_of
        self.rng = random.Random(spec.seed)
        self.created = str(datetime.combine(as_of, datetime.min.time()).replace(hour=9))
        self.volumes = array("b")
        self.lendable = bytearray()
        self.popularity = array("d")
        self._days: dict[int, str] = {}

    def works(self) -> Iterator[tuple[Any, ...]]:
        rng, pick = self.rng, self._pick
        language, access = _Weighted(rng, LANGUAGES), _Weighted(rng, ACCESS)
        volumes = _Weighted(rng, VOLUMES)
        # a word's weight falls with its rank (Zipf), as words in real titles do
        word_weights = list(accumulate(1 / (rank + 1) for rank in range(len(TITLE_WORDS))))
        for work_id in range(1, self.spec.works + 1):
            a, b = (w.capitalize() for w in rng.choices(TITLE_WORDS, cum_weights=word_weights, k=2))
            title = pick(TITLE_PATTERNS).format(a=a, b=b)
            lang = language()
            translator = korean_name(rng) if lang != "ko" else ""
            original = title if lang == "en" else (f"{b} {a}" if rng.random() < 0.7 else "")
            n = volumes()
            kind = access()
            self.volumes.append(n)
            self.lendable.append(kind == "lendable")
            self.popularity.append(min(rng.paretovariate(1.2), MOST_POPULAR))
            yield (
                work_id,
                title,
                "",
                f"{pick(FIRST_NAMES)} {pick(LAST_NAMES)}",
                original,
                lang,
                translator,
                pick(PUBLISHERS),
                self._between(1950, 2023),
                isbn13(work_id),
                "",
                kind,
                n,
                self.created,
            )

    def copies(self) -> Iterator[tuple[Any, ...]]:
        """Every volume of every work once (while copies last), the rest to popular works."""
        rng, spec = self.rng, self.spec
        condition = _Weighted(rng, CONDITIONS)
        slots: list[tuple[int, int]] = []
        for work_id in range(1, spec.works + 1):
            slots.extend((work_id, v) for v in range(1, self.volumes[work_id - 1] + 1))
        extra = spec.copies - len(slots)
        if extra < 0:
            del slots[spec.copies :]
        else:
            weights = list(accumulate(self.popularity))
            for work_id in rng.choices(range(1, spec.works + 1), cum_weights=weights, k=extra):
                slots.append((work_id, self._between(1, self.volumes[work_id - 1])))
        slots.sort()
        self.copy_work = array("i", (w for w, _ in slots))
        self.status = [CopyStatus.AVAILABLE] * len(slots)
        for status, share in RARE_STATUSES:
            for index in rng.sample(range(len(slots)), int(len(slots) * share)):
                self.status[index] = status
        for index, (work_id, volume) in enumerate(slots):
            damaged = self.status[index] == CopyStatus.DAMAGED
            grade = Condition.DAMAGED if damaged else condition()
            yield (
                index + 1,
                f"B{index + 1:08d}",
                work_id,
                volume,
                f"Stack {chr(self._between(65, 76))}/{self._between(1, 40)}",
                self.status[index],
                grade,
                self.created,
            )

    def borrowers(self) -> Iterator[tuple[Any, ...]]:
        rng, pick = self.rng, self._pick
        role = _Weighted(rng, ROLES)
        self.roles = bytearray()
        for borrower_id in range(1, self.spec.borrowers + 1):
            kind = role()
            self.roles.append(b"wcv"[tuple(Role).index(kind)])
            name = (
                korean_name(rng)
                if rng.random() < 0.8
                else f"{pick(FIRST_NAMES)} {pick(LAST_NAMES)}"
            )
            yield (
                borrower_id,
                f"{kind[0].upper()}-{borrower_id:07d}",
                name,
                kind,
                f"Writers' Union, {pick(PROVINCES)} Branch",
                "suspended" if rng.random() < 0.01 else "active",
                self._day(self.as_of.toordinal() + self._between(-200, 1500)),
                self.created,
            )

    def loans(self) -> Iterator[tuple[Any, ...]]:
        """Past loans spread over each copy's history, then the loans out today."""
        rng, spec, pick = self.rng, self.spec, self._pick
        lenders = [i + 1 for i, r in enumerate(self.roles) if r != ord("v")]
        eligible = [
            i + 1
            for i, w in enumerate(self.copy_work)
            if self.lendable[w - 1] and self.status[i] == CopyStatus.AVAILABLE
        ]
        if not lenders or not eligible:
            raise BadInput(said("Loans need lendable copies and borrowers who may borrow."))
        out_now = min(int(len(eligible) * OUT_NOW), spec.loans // 20)
        weights = list(accumulate(self.popularity[self.copy_work[c - 1] - 1] for c in eligible))
        per_copy: dict[int, int] = {}
        for copy_id in rng.choices(eligible, cum_weights=weights, k=spec.loans - out_now):
            per_copy[copy_id] = per_copy.get(copy_id, 0) + 1
        today = self.as_of.toordinal()
        start = today - 365 * HISTORY_YEARS
        span = today - 60 - start
        loan_id = 0
        for copy_id in sorted(per_copy):
            count = per_copy[copy_id]
            period = span / count
            longest = max(1, int(period / 2))
            for j in range(count):
                loan_id += 1
                lent = start + int(j * period + rng.random() * period / 2)
                days = min(longest, 3 + int(rng.random() * 33))
                yield self._loan(loan_id, copy_id, pick(lenders), lent, days)
        self.out = rng.sample(eligible, out_now)
        holding: dict[int, int] = {}
        for copy_id in self.out:
            borrower = pick(lenders)
            while holding.get(borrower, 0) >= 3:
                borrower = pick(lenders)
            holding[borrower] = holding.get(borrower, 0) + 1
            loan_id += 1
            yield self._loan(loan_id, copy_id, borrower, today - int(rng.random() * 60), None)

    def _pick(self, items: Sequence[Any]) -> Any:
        """A uniform choice (``random()`` is several times quicker than ``choice``)."""
        return items[int(self.rng.random() * len(items))]

    def _between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def _day(self, ordinal: int) -> str:
        text = self._days.get(ordinal)
        if text is None:
            text = self._days[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def _loan(
        self, loan_id: int, copy_id: int, borrower: int, lent: int, days: int | None
    ) -> tuple[Any, ...]:
        cadre = self.roles[borrower - 1] == 99  # ord("c")
        minutes = int(self.rng.random() * 420)
        clock_time = f" {10 + minutes // 60:02d}:{minutes % 60:02d}:00"
        day = self._day
        returned = None if days is None else day(lent + days)
        return (
            loan_id,
            copy_id,
            borrower,
            self.staff_id,
            day(lent),
            day(lent) + clock_time,
            day(lent + LOAN_DAYS),
            0,
            returned,
            None if returned is None else returned + clock_time,
            self.staff_id if cadre else None,
            APPROVAL if cadre else None,
            Code.APPROVAL_REQUIRED.value if cadre else "",
        )


# -- writing ----------------------------------------------------------------------------------

COLUMNS = {
    "work": (
        "id",
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
        "created_at",
    ),
    "copy": ("id", "barcode", "work_id", "volume", "location", "status", "condition", "created_at"),
    "borrower": (
        "id",
        "member_no",
        "name",
        "role",
        "organisation",
        "status",
        "expires",
        "created_at",
    ),
    "loan": (
        "id",
        "copy_id",
        "borrower_id",
        "staff_id",
        "lent_on",
        "lent_at",
        "due",
        "renewals",
        "returned_on",
        "returned_at",
        "override_by_id",
        "override_reason",
        "overridden_codes",
    ),
}
#: rows per INSERT statement. Many rows a statement, not ``executemany``: SQLite builds the
#: lookup table for a CHECK (... IN (...)) constraint once per statement, and per row that
#: made the copy table four times slower to fill (profiled: 10 µs of 13 µs a row).
ROWS_PER_INSERT = 500


def _insert_sql(table: str, rows: int) -> str:
    values = "(" + ", ".join("?" * len(COLUMNS[table])) + ")"
    return f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) VALUES " + ", ".join([values] * rows)


def _insert(table: str, rows: Iterator[tuple[Any, ...]]) -> int:
    full = _insert_sql(table, ROWS_PER_INSERT)
    count = 0
    while chunk := list(islice(rows, ROWS_PER_INSERT)):
        sql = full if len(chunk) == ROWS_PER_INSERT else _insert_sql(table, len(chunk))
        database.execute_sql(sql, list(chain.from_iterable(chunk)))
        count += len(chunk)
    return count


def _check_empty() -> None:
    for model in (Work, Copy, Borrower, Loan):
        if model.select().exists():
            raise BadInput(
                said(
                    "generate fills a new, empty catalogue; this one already has {table}s.",
                    table=model._meta.table_name,
                )
            )


def generate_library(actor: StaffUser, spec: LibrarySpec) -> GenerationResult:
    """Fill an empty catalogue with the library ``spec`` describes (supervisor only)."""
    require_supervisor(actor)
    spec.check()
    as_of = spec.as_of or clock.today()
    library = _Library(spec, actor.id, as_of)
    result = GenerationResult(seed=spec.seed, as_of=as_of.isoformat())
    with write_transaction():
        _check_empty()
        with bulk_load(BULK_TABLES):
            result.works = _insert("work", library.works())
            result.copies = _insert("copy", library.copies())
            result.borrowers = _insert("borrower", library.borrowers())
            if spec.loans:
                result.loans = _insert("loan", library.loans())
                result.active_loans = len(library.out)
                _mark_out(library.out)
        audit.record(actor, "generate", "library", "", result.as_dict())
    return result


def _mark_out(copy_ids: list[int]) -> None:
    database.cursor().executemany(
        "UPDATE copy SET status = ? WHERE id = ?", [(CopyStatus.ON_LOAN, c) for c in copy_ids]
    )
