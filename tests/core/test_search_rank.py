"""Search results best match first, as SQLite's FTS5 ranks them (bm25) and a PostgreSQL
server ranks them the same way (``rr_search_rank``): a short record naming the word beats
a long one, a rare word weighs more than a common one, a word twice beats it once."""

from __future__ import annotations

import pytest

from readingroom import catalogue, demo, writers_catalogue
from readingroom.store.db import MIGRATION_TABLE, close_database, database, open_database

BOTH = pytest.mark.both_databases


@pytest.fixture
def demo_shelf(db, supervisor):
    demo.load_demo(supervisor)


@BOTH
@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("korean", "Japanese–Korean Dictionary"),  # the shorter of two records naming it
        ("camel", "The Lady of the Camellias"),  # a prefix
        ("dumas camellias", "The Lady of the Camellias"),  # author and title together
        ("les mis", "Les Misérables"),
        ("misera", "Les Misérables"),  # accents folded
        ("b", "Boule de Suif"),  # two words starting with b in a short record
    ],
)
def test_the_best_match_comes_first(demo_shelf, text, best):
    found = [work.title for work in catalogue.search(text)]
    assert found[0] == best, found


@BOTH
def test_a_word_twice_beats_it_once(make_copy):
    make_copy("RR9001", "Sea of Night", author="Ann Roe")  # first made: first by title and id
    make_copy("RR9002", "Sea of Night", author="Night Owl")
    ranked = [work.author for work in catalogue.search("night")]
    assert ranked == ["Night Owl", "Ann Roe"]


@BOTH
def test_a_rarer_word_weighs_more(make_copy):
    for number, place in enumerate(("Train", "Garden", "Harbour")):
        make_copy(f"RR910{number}", f"Night {place}", author="Ann Roe")
    make_copy("RR9201", "Night Night Quiet", author="Ed Fox")  # the common word twice
    make_copy("RR9202", "Quiet Quiet Night", author="Ed Fox")  # the rare word twice
    ranked = [work.title for work in catalogue.search("night quiet")]
    assert ranked == ["Quiet Quiet Night", "Night Night Quiet"]  # every word required


@BOTH
def test_the_writers_catalogue_lists_the_best_match_first(demo_shelf):
    titles = [work.title for work in writers_catalogue.search("korean")]
    assert titles[0] == "Japanese–Korean Dictionary"


@pytest.mark.parametrize("db_backend", ["postgresql"], indirect=True)
def test_a_server_catalogue_made_before_the_ranking_gets_it_when_opened(
    db_path, supervisor, make_copy
):
    make_copy("RR9001", "Sea of Night", author="Ann Roe")
    make_copy("RR9002", "Sea of Night", author="Night Owl")
    database.execute_sql(  # as a server catalogue made before migration 0025
        "DROP FUNCTION rr_search_rank(tsvector, text[], float8[]); "
        f"DELETE FROM {MIGRATION_TABLE} WHERE name LIKE '0025%'"
    )
    close_database()
    open_database(db_path)
    assert [work.author for work in catalogue.search("night")] == ["Night Owl", "Ann Roe"]


@BOTH
def test_odd_text_is_ranked_without_error(make_copy):
    make_copy("RR9001", "O'Neil's \"Quoted\" Back\\slash 100% _under_", author="Ann Roe")
    make_copy("RR9002", "인간의 증명", author="森村誠一")
    for text in ("o'neil", '"quoted', "back\\slash", "100%", "_under", "인간", "森村", "a\"b'c"):
        catalogue.search(text)  # a bad rank statement would raise here
    assert [w.title for w in catalogue.search("o'neil quoted")][0].startswith("O'Neil")
    assert [w.title for w in catalogue.search("인간")] == ["인간의 증명"]
