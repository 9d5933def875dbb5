"""Wear and conservation: the condition rows of the policy (CONDITION_RESTRICTED, a
supervisor's override), a return worse than it went out, the copy sent to conservation (out
of circulation) and released with the grade it came back in, all audited."""

from __future__ import annotations

import json

import pytest

from readingroom import audit, catalogue, circulation, condition_policy, conservation
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.restriction_rules import condition_allows, condition_rows
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def shelf(db, supervisor, librarian, make_copy, make_borrower):
    make_copy("RR00044", "Proof of the Man", author="Seiichi Morimura", volume=1, volumes=3)
    make_borrower("W-1001")
    make_borrower("W-1002")


def test_condition_rows_default_and_a_supervisor_changes_one(shelf, supervisor, librarian):
    assert [(r.grade, r.allows) for r in condition_rows()] == [
        ("good", "loan"),
        ("worn", "loan"),
        ("ragged", "reading-room"),
        ("damaged", "none"),
    ]
    with pytest.raises(NotPermitted):
        condition_policy.set_condition_rule(librarian, "worn", "reading-room")
    with pytest.raises(BadInput):
        condition_policy.set_condition_rule(supervisor, "worn", "sometimes")
    changed = condition_policy.set_condition_rule(supervisor, "worn", "reading-room")
    assert (changed.old, changed.row.allows) == ("loan", "reading-room")
    assert condition_allows("worn") == "reading-room"
    entry = AuditEntry.get_by_id(changed.audit_seq)
    assert entry.action == "policy-condition"
    assert "condition_rule" in json.loads(entry.details)["after"]
    assert audit.verify().ok


def test_a_ragged_copy_is_refused_and_a_supervisor_may_override(shelf, supervisor, librarian):
    circulation.lend(librarian, "RR00044", "W-1001")
    back = circulation.return_copy(librarian, "RR00044", condition="ragged")
    assert back.worse and not back.to_conservation
    decision = circulation.check("RR00044", "W-1002")
    assert decision.codes == ["CONDITION_RESTRICTED"] and decision.overridable
    assert "reading room only" in decision.reasons[0].message
    with pytest.raises(Refused):
        circulation.lend(librarian, "RR00044", "W-1002")
    lent = circulation.lend(supervisor, "RR00044", "W-1002", override_reason="for the seminar")
    assert lent.decision.overridden and lent.decision.codes == ["CONDITION_RESTRICTED"]


def test_a_damaged_grade_allows_nothing(shelf, supervisor):
    condition_policy.set_condition_rule(supervisor, "worn", "none")
    catalogue.edit_copy(supervisor, "RR00044", condition="worn")
    decision = circulation.check("RR00044", "W-1001")
    assert decision.codes == ["CONDITION_RESTRICTED"]
    assert "may not be used at all" in decision.reasons[0].message


def test_sent_to_conservation_with_the_return_and_released(shelf, supervisor, librarian):
    circulation.lend(librarian, "RR00044", "W-1001")
    back = circulation.return_copy(
        librarian, "RR00044", condition="ragged", conservation=True, note="spine split"
    )
    assert back.to_conservation and back.copy_status == "damaged"
    (stay,) = conservation.at_conservation()
    assert (stay.barcode, stay.sent_condition, stay.sent_by) == ("RR00044", "ragged", "lib")
    decision = circulation.check("RR00044", "W-1002")
    assert decision.codes == ["NOT_AVAILABLE"]
    assert decision.reasons[0].message == "This copy is at conservation."
    with pytest.raises(BadInput, match="already"):
        conservation.send(librarian, "RR00044")
    released = conservation.release(librarian, "RR00044", condition="worn", note="reglued")
    assert (
        released.copy_status == "available" and released.conservation.released_condition == "worn"
    )
    assert conservation.at_conservation() == []
    assert circulation.check("RR00044", "W-1002").allowed
    with pytest.raises(BadInput, match="not at conservation"):
        conservation.release(librarian, "RR00044", condition="good")
    actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]
    assert "conservation-send" in actions and "conservation-release" in actions
    assert audit.verify().ok


def test_a_copy_on_loan_is_not_sent(shelf, librarian, inspector):
    circulation.lend(librarian, "RR00044", "W-1001")
    with pytest.raises(BadInput, match="on loan"):
        conservation.send(librarian, "RR00044")
    with pytest.raises(NotPermitted):
        conservation.send(inspector, "RR00044")


def test_the_command_line(shelf, db, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    assert cli("lend", "RR00044", "W-1001").code == 0
    run = cli("return", "RR00044", "--condition", "ragged", user="lib")
    assert run.code == 0 and "worse than it went out" in run.out
    run = cli("conservation", "send", "RR00044", "--note", "spine", "--json")
    assert run.code == 0 and run.json()["barcode"] == "RR00044"
    listed = cli("conservation", "list", "--json").json()["conservation"]
    assert [c["barcode"] for c in listed] == ["RR00044"]
    assert cli("lend", "RR00044", "W-1002").code == 3
    run = cli("conservation", "release", "RR00044", "--condition", "good", "--note", "rebound")
    assert run.code == 0 and "available" in run.out
    assert cli("conservation", "list").out.strip() == "No copy is at conservation."
    # with the return itself
    assert cli("lend", "RR00044", "W-1001").code == 0
    run = cli("return", "RR00044", "--condition", "damaged", "--conservation", "--json")
    assert run.code == 0 and run.json()["conservation"] is True
    shown = cli("policy", "show", "--json").json()["conditions"]
    assert {"grade": "ragged", "allows": "reading-room"} in shown
    assert cli("policy", "condition", "ragged", "none", user="lib").code == 5
    assert cli("policy", "condition", "ragged", "none").code == 0
    assert "ragged" in cli("policy", "show").out
