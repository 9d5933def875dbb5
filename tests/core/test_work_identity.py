"""A catalogue import finds each row's work through the ``work_identity`` index (0004)."""

from __future__ import annotations

from readingroom import imports
from readingroom.store.db import database


def query_plan(query) -> str:
    sql, params = query.sql()
    rows = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(row[-1] for row in rows)


def test_the_import_looks_a_work_up_by_index_not_by_scanning(db, make_copy):
    make_copy("RR1", "Points and Lines", author="Seichō Matsumoto", translator="이정희")
    query = imports.identity_query(("Points and Lines", "Seichō Matsumoto", "이정희"))
    plan = query_plan(query)
    assert "INDEX work_identity (title=? AND author=? AND translator=?)" in plan, plan
    assert [work.title for work in query] == ["Points and Lines"]
    assert (
        imports.identity_query(("points and lines", "Seichō Matsumoto", "이정희")).count() == 0
    )  # exact, case kept: the import's rule
