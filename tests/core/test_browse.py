"""The window's table reads: filtered and sorted in SQL, rows by id, details and histories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from readingroom import audit, borrowers, catalogue, circulation, holds
from readingroom.browse import audit_log, loans, waiting, works
from readingroom.browse import borrowers as borrower_browse
from readingroom.errors import BadInput, NotFound, NotPermitted
from readingroom.store.db import database

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

TODAY = date.today()


@pytest.fixture
def shelf(supervisor, make_copy):
    """Three works: a translated novel (2 copies), a Japanese one, a staff-only reference."""
    make_copy("B1", "For Whom the Bell Tolls", author="Ernest Hemingway", translator="Choe")
    make_copy("B2", "For Whom the Bell Tolls", author="Ernest Hemingway", translator="Choe")
    make_copy("P1", "Points and Lines", author="Seichō Matsumoto")
    make_copy("R1", "Guide to Style", author="Editors", access="staff-only")
    catalogue.edit_work(
        supervisor, catalogue.get_copy("P1").work_id, original_language="ja", year=1989
    )
    catalogue.edit_work(
        supervisor, catalogue.get_copy("B1").work_id, original_language="en", year=1974
    )
    return {barcode: catalogue.get_copy(barcode).work_id for barcode in ("B1", "P1", "R1")}


def titles(ids: list[int]) -> list[str]:
    rows = works.work_rows(ids)
    return [rows[i].title for i in ids]


def test_works_sorted_by_title_and_reversed(shelf):
    assert titles(works.work_ids()) == [
        "For Whom the Bell Tolls",
        "Guide to Style",
        "Points and Lines",
    ]
    assert titles(works.work_ids(descending=True)) == [
        "Points and Lines",
        "Guide to Style",
        "For Whom the Bell Tolls",
    ]


def test_works_sorted_by_year_put_unknown_years_last_both_ways(shelf):
    assert titles(works.work_ids(sort="year"))[-1] == "Guide to Style"
    assert titles(works.work_ids(sort="year", descending=True)) == [
        "Points and Lines",
        "For Whom the Bell Tolls",
        "Guide to Style",
    ]


def test_works_sorted_by_translator_and_language(shelf):
    assert (
        titles(works.work_ids(sort="translator", descending=True))[0] == "For Whom the Bell Tolls"
    )
    assert titles(works.work_ids(sort="language", descending=True))[0] == "Points and Lines"


def test_search_matches_author_translator_and_prefixes(shelf):
    assert titles(works.work_ids(works.WorkFilter(text="hemingw"))) == ["For Whom the Bell Tolls"]
    assert titles(works.work_ids(works.WorkFilter(text="choe"))) == ["For Whom the Bell Tolls"]
    assert titles(works.work_ids(works.WorkFilter(text="matsumoto points"))) == ["Points and Lines"]
    assert works.work_ids(works.WorkFilter(text="nothing-like-it")) == []


def test_a_copys_barcode_finds_its_work_and_names_the_copy(shelf):
    """Typed or scanned into the catalogue's search, as it is or in small letters, with
    spaces around: the work comes first and the screen names the copy to select."""
    for typed in ("P1", "p1", "  P1 "):
        screen = works.first_screen(works.WorkFilter(text=typed))
        assert screen.copy == (shelf["P1"], "P1") and screen.ids[0] == shelf["P1"]
        assert titles(works.work_ids(works.WorkFilter(text=typed))) == ["Points and Lines"]
        assert works.work_count(works.WorkFilter(text=typed)) == 1
    # a barcode beside words of titles: the copy's work is among the matches, named first
    assert works.first_screen(works.WorkFilter(text="b2")).copy == (shelf["B1"], "B2")
    # the other filters still hold: a staff-only work's copy is not found where it is hidden
    hidden = works.WorkFilter(text="R1", include_staff_only=False)
    assert works.first_screen(hidden).copy is None and works.work_ids(hidden) == []
    assert works.first_screen(works.WorkFilter(text="P")).copy is None  # no such barcode


def test_search_text_without_words_falls_back_to_like(shelf, supervisor):
    catalogue.edit_work(supervisor, shelf["R1"], title="Guide to Style (100%)")
    assert titles(works.work_ids(works.WorkFilter(text="%)"))) == ["Guide to Style (100%)"]


def test_filters_by_access_language_and_copy_status(shelf, supervisor, make_borrower):
    assert titles(works.work_ids(works.WorkFilter(access="staff-only"))) == ["Guide to Style"]
    assert titles(works.work_ids(works.WorkFilter(language="ja"))) == ["Points and Lines"]
    catalogue.edit_copy(supervisor, "B2", status="missing")
    assert titles(works.work_ids(works.WorkFilter(status="missing"))) == ["For Whom the Bell Tolls"]
    assert works.work_count(works.WorkFilter(status="available")) == 3
    assert "Guide to Style" not in titles(
        works.work_ids(works.WorkFilter(include_staff_only=False))
    )


def test_unknown_sort_is_bad_input(shelf):
    with pytest.raises(BadInput):
        works.work_ids(sort="title; DROP TABLE work")


def test_work_rows_count_copies_by_status_and_waiting(shelf, supervisor, librarian, make_borrower):
    make_borrower("W-1")
    make_borrower("W-2")
    circulation.lend(supervisor, "P1", "W-1")
    holds.place_hold(supervisor, "P1", "W-2")
    catalogue.edit_copy(supervisor, "B2", status="lost", confirmed_by=librarian)
    rows = works.work_rows([shelf["B1"], shelf["P1"]])
    bell, points = rows[shelf["B1"]], rows[shelf["P1"]]
    assert (bell.copies, bell.available, bell.out_of_circulation) == (2, 1, 1)
    assert (points.on_loan, points.available, points.waiting) == (1, 0, 1)


def test_work_detail_names_borrower_due_date_and_hold(shelf, supervisor, make_borrower):
    make_borrower("W-1", name="Ri Myong-hui")
    make_borrower("W-2")
    loan = circulation.lend(supervisor, "B1", "W-1").loan
    holds.place_hold(supervisor, "B1", "W-2")  # B2 is on the shelf: set aside for W-2
    detail = works.work_detail(shelf["B1"])
    by_barcode = {line.barcode: line for line in detail.copies}
    assert by_barcode["B1"].member_no == "W-1"
    assert by_barcode["B1"].borrower_name == "Ri Myong-hui"
    assert by_barcode["B1"].due == loan.due
    assert (by_barcode["B2"].status, by_barcode["B2"].held_for) == ("held", "W-2")
    assert detail.waiting == 1


def test_copy_histories_newest_first(shelf, supervisor, make_borrower):
    make_borrower("W-1")
    make_borrower("W-2")
    circulation.lend(
        supervisor, "P1", "W-1", on=TODAY - timedelta(days=10), backdate_reason="entered late"
    )
    circulation.return_copy(
        supervisor,
        "P1",
        condition="worn",
        on=TODAY - timedelta(days=5),
        backdate_reason="entered late",
    )
    circulation.lend(supervisor, "P1", "W-2")
    circulation.return_copy(supervisor, "P1", condition="ragged", note="spine split")
    history = works.copy_loan_history("P1")
    assert [line.member_no for line in history] == ["W-2", "W-1"]
    assert history[1].return_condition == "worn"
    conditions = works.condition_history("P1")
    assert [(c.grade, c.staff) for c in conditions] == [("ragged", "boss"), ("worn", "boss")]
    assert conditions[0].note == "spine split"


def test_work_detail_of_unknown_work_is_not_found(db):
    with pytest.raises(NotFound):
        works.work_detail(999)


def test_work_rows_fetch_any_number_of_ids_in_blocks(db, supervisor):
    with database.atomic():
        for n in range(2500):
            database.execute_sql(
                "INSERT INTO work (title, author, created_at) VALUES (?, 'A', '2026-01-01')",
                [f"Work {n:05d}"],
            )
    ids = works.work_ids()
    assert len(ids) == 2500
    rows = works.work_rows(ids)
    assert len(rows) == 2500 and rows[ids[-1]].title == "Work 02499"


@pytest.fixture
def many(db):
    """300 works, added in the reverse of their title order, a third of them staff-only."""
    with database.atomic():
        for n in reversed(range(300)):
            database.execute_sql(
                "INSERT INTO work (title, author, translator, year, access, created_at) "
                "VALUES (?, ?, ?, ?, ?, '2026-01-01')",
                [
                    f"Storm {n:03d}",
                    f"Author {n % 7}",
                    f"Tr {n % 5}",
                    None if n % 11 == 0 else 1900 + n % 13,
                    "staff-only" if n % 3 == 0 else "lendable",
                ],
            )


def test_first_screen_is_the_head_of_the_full_order_with_the_true_count(many):
    for key in works.WORK_SORTS:
        for descending in (False, True):
            for filters in (works.WorkFilter(), works.WorkFilter(access="staff-only")):
                full = works.work_ids(filters, key, descending)
                screen = works.first_screen(filters, key, descending, limit=40)
                assert screen.ids == full[:40], (key, descending, filters)
                assert screen.count == len(full) and not screen.complete


def test_a_short_list_comes_whole_in_the_first_screen(shelf):
    screen = works.first_screen(limit=128)
    assert screen.complete and screen.count == 3 and screen.ids == works.work_ids()
    found = works.first_screen(works.WorkFilter(text="hemingw"), "year", True, limit=128)
    assert found.complete and titles(found.ids) == ["For Whom the Bell Tolls"]
    assert works.first_screen(works.WorkFilter(text="no such words")).ids == []


def test_a_search_shows_matches_from_the_index_before_sorting_and_counting(many):
    filters = works.WorkFilter(text="storm", access="lendable")
    screen = works.first_screen(filters, limit=25)
    every = works.work_ids(filters)
    assert len(every) == 200 and not screen.complete and screen.count is None
    assert len(screen.ids) == 25 and set(screen.ids) <= set(every)  # the filter applies
    whole = works.first_screen(filters, "author", limit=500)
    assert whole.complete and whole.ids == works.work_ids(filters, "author")


def test_a_one_letter_word_beside_a_longer_one_still_has_to_match(many):
    # on a server the letter is tested on the works the longer word finds, not looked up
    # in the index: the screen holds the same works, each matching both words
    filters = works.WorkFilter(text="author 3")
    every = works.work_ids(filters)
    assert len(every) == 94  # "Author 3" (n % 7 == 3) or "Tr 3" (n % 5 == 3), of 300
    screen = works.first_screen(filters, limit=20)
    assert len(screen.ids) == 20 and set(screen.ids) <= set(every)
    whole = works.first_screen(filters, limit=100)
    assert whole.complete and whole.ids == every
    assert works.first_screen(works.WorkFilter(text="storm 9"), limit=20).ids == []


def test_a_first_screen_brings_the_lines_of_its_works_when_asked(many):
    filters = works.WorkFilter(text="storm")
    screen = works.first_screen(filters, limit=25, with_rows=True)
    assert list(screen.rows) == screen.ids and screen.rows == works.work_rows(screen.ids)
    short = works.first_screen(works.WorkFilter(access="staff-only"), limit=500, with_rows=True)
    assert short.complete and set(short.rows) == set(short.ids)
    assert works.first_screen(filters, limit=25).rows == {}  # not asked: ids only


# -- borrowers ------------------------------------------------------------------------------


@pytest.fixture
def members(supervisor, make_borrower, make_copy):
    make_borrower("W-1", name="An Writer")
    make_borrower("W-2", name="Bo Writer", status="suspended")
    make_borrower("C-1", role="cadre", name="Cho Cadre", expires=TODAY - timedelta(days=1))
    make_copy("X1")
    make_copy("X2")
    circulation.lend(supervisor, "X2", "W-1")
    circulation.lend(
        supervisor, "X1", "W-1", on=TODAY - timedelta(days=30), backdate_reason="entered late"
    )


def member_nos(ids: list[int]) -> list[str]:
    rows = borrower_browse.borrower_rows(ids)
    return [rows[i].member_no for i in ids]


def test_borrowers_search_filter_and_sort(members):
    assert member_nos(borrower_browse.borrower_ids()) == ["W-1", "W-2", "C-1"]
    assert member_nos(
        borrower_browse.borrower_ids(borrower_browse.BorrowerFilter(text="cadre"))
    ) == ["C-1"]
    assert member_nos(
        borrower_browse.borrower_ids(borrower_browse.BorrowerFilter(status="suspended"))
    ) == ["W-2"]
    assert member_nos(
        borrower_browse.borrower_ids(
            borrower_browse.BorrowerFilter(role="writer"), sort="member_no", descending=True
        )
    ) == ["W-2", "W-1"]
    assert member_nos(borrower_browse.borrower_ids(sort="overdue", descending=True))[0] == "W-1"


def test_borrower_rows_count_loans_overdue_and_expiry(members):
    rows = {
        row.member_no: row
        for row in borrower_browse.borrower_rows(borrower_browse.borrower_ids()).values()
    }
    assert (rows["W-1"].loans, rows["W-1"].overdue) == (2, 1)
    assert rows["C-1"].expired(TODAY) and not rows["W-1"].expired(TODAY)


def test_borrower_history_lists_loans_past_and_present_and_holds(members, supervisor):
    holds.place_hold(supervisor, "X2", "C-1")
    circulation.return_copy(supervisor, "X1", condition="good")
    history = borrower_browse.borrower_history("W-1")
    assert [(line.barcode, line.active) for line in history.loans] == [("X2", True), ("X1", False)]
    assert history.loans[1].days_overdue(TODAY) == 9
    cadre = borrower_browse.borrower_history("C-1")
    assert [(h.title, h.status, h.barcode) for h in cadre.holds] == [
        ("Points and Lines", "ready", "X1")
    ]


# -- loans ------------------------------------------------------------------------------------


def test_loans_overdue_first_with_days_and_filter(members, supervisor, make_borrower, make_copy):
    make_borrower("C-9", role="cadre", name="Approved Cadre")
    make_copy("Z1", "Decameron", author="Boccaccio")
    circulation.lend(
        supervisor,
        "Z1",
        "C-9",
        override_reason="Seminar",
        on=TODAY - timedelta(days=3),
        backdate_reason="entered late",
    )
    ids = loans.loan_ids(sort="overdue", descending=True)
    rows = loans.loan_rows(ids)
    first = rows[ids[0]]
    assert (first.barcode, first.days_overdue, first.overdue) == ("X1", 9, True)
    assert [rows[i].barcode for i in loans.loan_ids(sort="due")][0] == "X1"
    assert [rows[i].barcode for i in loans.loan_ids(loans.LoanFilter(overdue_only=True))] == ["X1"]
    cadre = rows[loans.loan_ids(loans.LoanFilter(text="Approved"))[0]]
    assert (cadre.approved_by, cadre.override_reason) == ("boss", "Seminar")
    assert loans.loan_counts() == (3, 1)


def test_returned_loans_leave_the_loans_table(members, supervisor):
    circulation.return_copy(supervisor, "X1")
    assert [loans.loan_rows([i])[i].barcode for i in loans.loan_ids()] == ["X2"]


# -- audit log ----------------------------------------------------------------------------------


def test_audit_newest_first_and_filtered(members, supervisor, librarian):
    borrowers.reinstate_borrower(supervisor, "W-2")  # lifting a suspension: a supervisor
    borrowers.suspend_borrower(librarian, "W-2", "kept a volume two months")
    ids = audit_log.audit_ids()
    rows = audit_log.audit_rows(ids)
    assert ids == sorted(ids, reverse=True)
    assert rows[ids[0]].action == "borrower-suspend"
    assert audit_log.audit_ids(audit_log.AuditFilter(staff="lib")) == [ids[0]]
    lends = audit_log.audit_ids(audit_log.AuditFilter(action="lend"))
    assert len(lends) == 2
    assert audit_log.audit_ids(audit_log.AuditFilter(text="X2", action="lend")) == lends[1:]
    assert audit_log.audit_ids(audit_log.AuditFilter(until=TODAY - timedelta(days=1))) == []
    assert audit_log.audit_ids(audit_log.AuditFilter(since=TODAY, until=TODAY)) == ids
    assert {"lend", "borrower-reinstate", "borrower-suspend"} <= set(audit_log.audit_actions())
    assert audit_log.audit_staff() == ["boss", "lib", "system"]  # system: the baseline


def test_audit_dates_the_wrong_way_round_are_bad_input(db):
    with pytest.raises(BadInput):
        audit_log.audit_ids(audit_log.AuditFilter(since=TODAY, until=TODAY - timedelta(1)))


# -- waiting lists ---------------------------------------------------------------------------------


@pytest.fixture
def queue_for_points(supervisor, make_copy, make_borrower):
    make_copy("Q1")
    for member_no in ("W-1", "W-2", "W-3", "W-4"):
        make_borrower(member_no)
    circulation.lend(supervisor, "Q1", "W-1")
    for member_no in ("W-3", "W-2", "W-4"):
        holds.place_hold(supervisor, "Q1", member_no)
    return catalogue.get_copy("Q1").work_id


def test_queue_in_order_and_set_aside_on_return(queue_for_points, supervisor):
    assert [(q.position, q.member_no) for q in waiting.queue(queue_for_points)] == [
        (1, "W-3"),
        (2, "W-2"),
        (3, "W-4"),
    ]
    circulation.return_copy(supervisor, "Q1")
    lines = waiting.queue(queue_for_points)
    assert [(q.position, q.member_no, q.barcode) for q in lines] == [
        (0, "W-3", "Q1"),
        (1, "W-2", None),
        (2, "W-4", None),
    ]
    aside = waiting.set_aside()
    assert [(s.barcode, s.member_no, s.days_waiting) for s in aside] == [("Q1", "W-3", 0)]
    listed = waiting.works_with_waiting_lists()
    assert [(w.title, w.waiting, w.ready) for w in listed] == [("Points and Lines", 2, 1)]


def test_cancel_hold_by_id_passes_the_copy_on_and_is_audited(
    queue_for_points, supervisor, librarian, inspector
):
    circulation.return_copy(supervisor, "Q1")
    first = waiting.queue(queue_for_points)[0]
    with pytest.raises(NotPermitted):
        holds.cancel_hold_by_id(inspector, first.hold_id)
    holds.cancel_hold_by_id(librarian, first.hold_id)
    assert [(q.position, q.member_no) for q in waiting.queue(queue_for_points)] == [
        (0, "W-2"),
        (1, "W-4"),
    ]
    assert audit_log.audit_rows(audit_log.audit_ids()[:2])  # written
    assert audit.verify().ok
    with pytest.raises(NotFound):
        holds.cancel_hold_by_id(librarian, first.hold_id)
