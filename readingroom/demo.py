"""The demo collection: the safe's translated novels, a few borrowers and demo staff.

It is loaded from ``readingroom/resources/demo`` into its own database file, and loans are
placed relative to today so the desk always has something current, overdue and waiting.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from readingroom import clock, inspection, room, settings
from readingroom.catalogue import edit_work, get_copy
from readingroom.circulation import lend, return_copy
from readingroom.conservation import send as send_to_conservation
from readingroom.holds import place_hold
from readingroom.imports import import_borrowers, import_catalogue
from readingroom.language import ENGLISH, Words, words
from readingroom.paths import resource
from readingroom.restrictions import restrict
from readingroom.staff import DEMO_ACCOUNTS as DEMO_ACCOUNTS  # offered here too
from readingroom.staff import add_staff, get_staff, set_full_name
from readingroom.store.models import StaffUser

#: the demo's inspection is this many days ahead (outside the default 7-day freeze)
DAYS_TO_INSPECTION = 12

#: shown on the sign-in screen only while the app runs on the demo catalogue


@dataclass(frozen=True)
class Contents:
    """What the demo collection holds, counted from its files (the welcome says so)."""

    works: int
    copies: int
    borrowers: int
    staff: int


def contents() -> Contents:
    """The demo's works (as the import groups copies: title, author, translator), copies,
    borrowers and staff accounts, read from its files: never a number written down."""
    with resource("demo", "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        copies = list(csv.DictReader(handle))
    with resource("demo", "borrowers.csv").open(encoding="utf-8", newline="") as handle:
        borrowers = list(csv.DictReader(handle))
    works = {
        tuple((row.get(field) or "").strip() for field in ("title", "author", "translator"))
        for row in copies
    }
    return Contents(len(works), len(copies), len(borrowers), len(DEMO_ACCOUNTS))


def add_demo_accounts(actor: StaffUser) -> None:
    for username, password, role, full_name in DEMO_ACCOUNTS:
        if StaffUser.get_or_none(StaffUser.username == username) is None:
            add_staff(actor, username, role, password, full_name)


def load_demo(actor: StaffUser, language: str = ENGLISH) -> None:
    """Fill the open database with the demo collection (``actor`` is a supervisor), in
    ``language``: in Korean the branch (and its printing language), the borrowers' names
    and organisations and the reasons recorded read in that language (the North's spelling
    in ``ko_KP``), from the domain's catalogue (context :data:`DEMO`); the titles are the
    collection's own.

    The catalogue is marked as the demo first: only there may the demo's accounts have
    their public passwords."""
    say = words(language)
    settings.change(actor, "demo", "1")
    if say.korean:  # a Korean demo's branch is named, and prints, in its language
        settings.set_branch(actor, _local(say, BRANCH))
        settings.set_print_language(actor, language)
    add_demo_accounts(actor)
    if say.korean:  # the staff's names too: 박상호 signs the demo's acts
        for username, _password, _role, full_name in DEMO_ACCOUNTS:
            set_full_name(actor, username, _local(say, full_name))
    with tempfile.TemporaryDirectory() as folder:
        import_catalogue(actor, _local_file(say, Path(folder), "catalogue.csv"))
        import_borrowers(actor, _local_file(say, Path(folder), "borrowers.csv"))
    supervisor = get_staff("supervisor")
    _demo_circulation(supervisor, say)
    _demo_room_visits(supervisor, say)


#: the context of the demo's own words in the domain's catalogue (names, organisations...)
DEMO = "demo"
#: the branch a Korean demo names (an English demo keeps the setting's default)
BRANCH = "Writers' Union, Regional Branch"
#: the columns of the demo's files a Korean demo reads in its language: the borrowers'
#: names and organisations; a work's corporate author, its notes and the copies' places
LOCAL_COLUMNS = {
    "borrowers.csv": ("name", "organisation"),
    "catalogue.csv": ("author", "notes", "location"),
}


def _local(say: Words, text: str) -> str:
    """One of the demo's words in the demo's language (as it is where there is none)."""
    return say(text, context=DEMO)


def _local_file(say: Words, folder: Path, name: str) -> Path:
    """The demo's file ``name`` in the demo's language: in Korean a copy whose
    :data:`LOCAL_COLUMNS` are the catalogue's (리명희 stays 리명희; Ryu Kyong-ae is 류경애 in
    ko_KP; Safe A/1 is 금고 A/1; a foreign author's name as it is)."""
    source = resource("demo", name)
    if not say.korean:
        return Path(str(source))
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [
            {k: _local(say, v) if k in LOCAL_COLUMNS[name] and v else v for k, v in row.items()}
            for row in reader
        ]
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


#: the demo's restriction: a work withheld by an outside authority for a while
RESTRICTED_WORK = "RR00013"  # The Crab Cannery Ship
RESTRICTION_DAYS = 20


def _demo_withheld(supervisor: StaffUser, say: Words) -> None:
    """What withholds copies (issue 14): a restriction on a work, a copy at conservation
    (the third volume of the first Proof of the Man set came back ragged from worn) and a
    set that came back short."""
    _demo_restriction(supervisor, say)
    send_to_conservation(supervisor, CONSERVED, note=_local(say, "Spine split, pages loose"))
    _demo_incomplete_set(supervisor, say)


#: the copy at conservation
CONSERVED = "RR00046"


def _demo_restriction(supervisor: StaffUser, say: Words) -> None:
    """One restriction on a whole work, ending in :data:`RESTRICTION_DAYS` days."""
    work_id = get_copy(RESTRICTED_WORK).work_id
    restrict(
        supervisor,
        str(work_id),
        reason=_local(say, "Withheld while the translation is revised"),
        authority=_local(say, "도 출판지도국 지시 제14호"),
        ends=clock.today() + timedelta(days=RESTRICTION_DAYS),
    )


#: the demo's set issued together, lent whole and brought back short (volume 2 still out)
SET_LENT = ("RR00024", "RR00025")  # Decameron (two volumes), the second set
SET_BACK = ("RR00024",)
SET_MEMBER = "W-1007"
SET_LENT_DAYS_AGO = 20


def _demo_incomplete_set(supervisor: StaffUser, say: Words) -> None:
    """The Decameron goes out as a set: lent whole, volume 1 brought back alone today."""
    edit_work(supervisor, get_copy(SET_LENT[0]).work_id, set_issue=True)
    day = clock.today() - timedelta(days=SET_LENT_DAYS_AGO)
    for barcode in SET_LENT:
        lend(
            supervisor,
            barcode,
            SET_MEMBER,
            on=day,
            backdate_reason=_local(say, PAPER_REGISTER),
            also=[other for other in SET_LENT if other != barcode],
        )
    for barcode in SET_BACK:
        return_copy(supervisor, barcode, also=[other for other in SET_BACK if other != barcode])


#: why the demo's history is back-dated (a supervisor's act with a reason)
PAPER_REGISTER = "Entered from the paper loan register"


def _demo_circulation(supervisor: StaffUser, say: Words) -> None:
    """A few loans and holds, dated relative to today, so every page has something to show."""
    today = clock.today()
    history = [
        # barcode, member, lent days ago, returned days ago, condition on return
        ("RR00045", "W-1003", 150, 131, "ragged"),
        ("RR00001", "W-1001", 120, 104, "good"),
        ("RR00034", "W-1002", 95, 80, "worn"),
        ("RR00046", "W-1002", 70, 52, "ragged"),
        ("RR00026", "W-1004", 45, 30, "good"),
    ]
    for barcode, member_no, lent_ago, returned_ago, condition in history:
        lend(
            supervisor,
            barcode,
            member_no,
            on=today - timedelta(days=lent_ago),
            backdate_reason=_local(say, PAPER_REGISTER),
        )
        return_copy(
            supervisor,
            barcode,
            condition=condition,
            on=today - timedelta(days=returned_ago),
            backdate_reason=_local(say, PAPER_REGISTER),
        )
    lends = [
        # barcode, member, days ago, override reason (cadres need approval).
        # Every copy of Proof of the Man volume 1 goes out, so a writer waits for it.
        ("RR00044", "W-1001", 3, None),
        ("RR00047", "W-1002", 10, None),
        ("RR00048", "W-1002", 10, None),
        ("RR00020", "W-1003", 30, None),
        ("RR00053", "W-1001", 5, None),
        ("RR00050", "C-2001", 38, "Approved for the union's literary seminar"),
    ]
    for barcode, member_no, days_ago, reason in lends:
        lend(
            supervisor,
            barcode,
            member_no,
            override_reason=reason and _local(say, reason),
            on=today - timedelta(days=days_ago),
            backdate_reason=_local(say, PAPER_REGISTER),
        )
    place_hold(supervisor, "RR00044", "W-1004")
    place_hold(supervisor, "RR00008", "W-1002")  # on the shelf: set aside at once
    _demo_withheld(supervisor, say)
    # the annual inspection is near: two loans are due after it and must be recalled
    inspection.schedule(supervisor, today + timedelta(days=DAYS_TO_INSPECTION))


#: a morning in the reading room: (barcode, member, seat); three readers at their tables,
#: the reference works that never leave the room and a volume read there, not carried home
ROOM_MORNING = (
    ("RR00063", "W-1001", 1),
    ("RR00066", "W-1001", 1),
    ("RR00065", "W-1003", 3),
    ("RR00001", "W-1004", 5),
)


#: when each copy of :data:`ROOM_MORNING` went to its table and came back, on the demo's
#: day (hours, minutes): the morning :func:`load_demo` records, over before the demo opens
ROOM_TIMES = (((9, 5), (11, 50)), ((9, 20), (11, 50)), ((9, 40), (10, 55)), ((10, 15), (12, 20)))
#: why the demo's morning is recorded after the fact (a supervisor's act with a reason)
ROOM_REGISTER = "Entered from the reading room's paper register"


def room_visit_times(now: datetime) -> list[tuple[datetime, datetime]]:
    """:data:`ROOM_TIMES` on ``now``'s day; a demo made before the morning was over has its
    morning squeezed, in the same order, into the part of the day already gone."""
    midnight = datetime.combine(now.date(), time.min)
    last = max(returned for _, returned in ROOM_TIMES)
    end = datetime.combine(now.date(), time(*last))
    scale = 1.0 if now > end else (now - midnight) / (end - midnight + timedelta(minutes=1))

    def on_the_day(hour_minute: tuple[int, int]) -> datetime:
        planned = datetime.combine(now.date(), time(*hour_minute)) - midnight
        return midnight + timedelta(seconds=int(planned.total_seconds() * scale))

    return [(on_the_day(issued), on_the_day(back)) for issued, back in ROOM_TIMES]


def _demo_room_visits(supervisor: StaffUser, say: Words) -> None:
    """The demo day's morning in the reading room, over: the readers of
    :data:`ROOM_MORNING` had their copies at their seats and gave them back, each at its
    own time (conditions as they were), through the room's own issue and return. The room
    is empty, so the demo's stocktake can start at once."""
    times = room_visit_times(clock.now())
    visits = sorted(
        [(issued, "issue", line) for line, (issued, _) in zip(ROOM_MORNING, times, strict=True)]
        + [(back, "return", line) for line, (_, back) in zip(ROOM_MORNING, times, strict=True)],
        key=lambda step: (step[0], step[1] != "issue"),  # a copy goes out before it is back
    )
    register = _local(say, ROOM_REGISTER)
    for at, step, (barcode, member_no, seat) in visits:
        if step == "issue":
            room.issue(supervisor, barcode, member_no, seat=seat, at=at, backdate_reason=register)
        else:
            room.return_from_room(supervisor, barcode, at=at, backdate_reason=register)


def reading_room_morning(actor: StaffUser) -> None:
    """Seat three readers at the reading room's tables with the copies they read.

    Not part of :func:`load_demo` (which records a morning already over, see
    :func:`_demo_room_visits`): a copy in the room refuses a stocktake (``ITEMS_IN_ROOM``),
    so the demo's stocktake would wait for the room to close; the screenshots and the
    Reading room page's tests seat their readers with it."""
    for barcode, member_no, seat in ROOM_MORNING:
        room.issue(actor, barcode, member_no, seat=seat)
