"""The domain's reasons and notes in the window's language, keyed by their stable code.

The domain (:mod:`readingroom.decision`) explains each refusal with a code and an English
sentence carrying the particulars ("The membership expired on 2026-03-01."). In English the
window shows that sentence as it is. In another language it shows the translated sentence
for the code, with the particulars taken from the English one; a sentence worded in a way
this table does not know gets the code's general translation, never a wrong one. The codes
themselves (ROLE_NOT_PERMITTED...) are never translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from readingroom import decision
from readingroom.decision import Reason
from readingroom.errors import ReadingRoomError, Refused
from ui.models import labels

CONTEXT = "Reasons"

Fill = Callable[[str], str]


def _same(value: str) -> str:
    return value


def _role(value: str) -> str:
    return labels.role(value).lower()


def _copy_status(value: str) -> str:
    return labels.copy_status(value).lower()


@dataclass(frozen=True)
class Wording:
    """An English sentence of the domain (a regular expression) and its translatable text,
    whose ``%1``, ``%2``... are the expression's groups, each passed through its fill."""

    english: str
    text: str
    fills: tuple[Fill, ...] = ()

    def render(self, message: str) -> str | None:
        """The translated sentence for ``message``, or None if this wording is not it."""
        match = re.fullmatch(self.english, message)
        if match is None:
            return None
        text = translate(self.text)
        fills = self.fills or (_same,) * len(match.groups())
        return labels.fill(
            text, *(fill(value) for fill, value in zip(fills, match.groups(), strict=True))
        )


def _loan_list(value: str) -> str:
    """``B1 lent to W1, B2 lent to W3 and 4 more`` as ``B1 (W1), B2 (W3) and 4 more``, the
    words in the window's language."""
    more = re.search(r" and (\d+) more$", value)
    if more:
        value = value[: more.start()]
    text = re.sub(r"([^\s,]+) lent to ([^\s,]+)", r"\1 (\2)", value)
    if more:
        text += translate(QT_TRANSLATE_NOOP("Reasons", " and %1 more")).replace("%1", more.group(1))
    return text


DAY = r"(\d{4}-\d{2}-\d{2})"
NUMBER = r"(\d+)"

#: every sentence of readingroom/decision.py, by code
WORDINGS: dict[str, tuple[Wording, ...]] = {
    decision.ROLE_NOT_PERMITTED: (
        Wording(
            r"A (\w+) may never borrow this\.",
            QT_TRANSLATE_NOOP("Reasons", "A %1 may never borrow this."),
            (_role,),
        ),
    ),
    decision.APPROVAL_REQUIRED: (
        Wording(
            r"A (\w+) may borrow this only with a supervisor's approval\.",
            QT_TRANSLATE_NOOP("Reasons", "A %1 may borrow this only with a supervisor's approval."),
            (_role,),
        ),
    ),
    decision.NOT_FOR_LOAN: (
        Wording(
            r"Staff-only works are never lent\.",
            QT_TRANSLATE_NOOP("Reasons", "Staff-only works are never lent."),
        ),
        Wording(
            r"This work may be read in the reading room only\.",
            QT_TRANSLATE_NOOP("Reasons", "This work may be read in the reading room only."),
        ),
    ),
    decision.BORROWER_SUSPENDED: (
        Wording(
            r"The borrower's membership is suspended\.",
            QT_TRANSLATE_NOOP("Reasons", "The borrower's membership is suspended."),
        ),
    ),
    decision.BORROWER_EXPIRED: (
        Wording(
            rf"The membership expired on {DAY}\.",
            QT_TRANSLATE_NOOP("Reasons", "The membership expired on %1."),
        ),
    ),
    decision.HAS_OVERDUE: (
        Wording(
            rf"The borrower holds {NUMBER} overdue loans?\.",
            QT_TRANSLATE_NOOP("Reasons", "The borrower holds %1 overdue loan(s)."),
        ),
    ),
    decision.LOAN_LIMIT: (
        Wording(
            rf"The borrower already has {NUMBER} items? on loan \(limit {NUMBER}\)\.",
            QT_TRANSLATE_NOOP("Reasons", "The borrower already has %1 item(s) on loan (limit %2)."),
        ),
    ),
    decision.NOT_AVAILABLE: (
        Wording(
            r"This copy is ([\w-]+)\.",
            QT_TRANSLATE_NOOP("Reasons", "This copy is %1."),
            (_copy_status,),
        ),
    ),
    decision.ON_LOAN: (
        Wording(
            rf"This copy is already lent \(due {DAY}\)\.",
            QT_TRANSLATE_NOOP("Reasons", "This copy is already lent (due %1)."),
        ),
    ),
    decision.HELD_FOR_OTHER: (
        Wording(
            r"This copy is set aside for another borrower's hold\.",
            QT_TRANSLATE_NOOP("Reasons", "This copy is set aside for another borrower's hold."),
        ),
    ),
    decision.INSPECTION_FREEZE: (
        Wording(
            rf"Lending is frozen before the inspection on {DAY}\.",
            QT_TRANSLATE_NOOP("Reasons", "Lending is frozen before the inspection on %1."),
        ),
    ),
    decision.RENEWAL_LIMIT: (
        Wording(
            rf"The loan has been renewed {NUMBER} times? \(limit {NUMBER}\)\.",
            QT_TRANSLATE_NOOP("Reasons", "The loan has been renewed %1 time(s) (limit %2)."),
        ),
        Wording(
            rf"The borrower gave this back today after {NUMBER} renewals? "
            rf"\(limit {NUMBER}\): lending it again would renew it beyond the limit\.",
            QT_TRANSLATE_NOOP(
                "Reasons",
                "The borrower gave this back today after %1 renewal(s) "
                "(limit %2): lending it again would renew it beyond the "
                "limit.",
            ),
        ),
    ),
    decision.WAITING_LIST: (
        Wording(
            rf"{NUMBER} other borrowers? (?:is|are) waiting for this work\.",
            QT_TRANSLATE_NOOP("Reasons", "%1 other borrower(s) waiting for this work."),
        ),
    ),
    decision.HAS_ACTIVE_LOANS: (
        Wording(
            r"This change would leave current loans the rules forbid: (.+)\. "
            r"Take them back first\.",
            QT_TRANSLATE_NOOP(
                "Reasons",
                "This change would leave current loans the rules forbid: %1. Take them back first.",
            ),
            (_loan_list,),
        ),
        Wording(
            r"This change would leave a current loan the rules forbid\. "
            r"Take it back first\.",
            QT_TRANSLATE_NOOP(
                "Reasons",
                "This change would leave a current loan the rules forbid. Take it back first.",
            ),
        ),
    ),
}

#: what each code means when its sentence is worded in a way the table does not know
GENERAL = {
    decision.ROLE_NOT_PERMITTED: QT_TRANSLATE_NOOP(
        "Reasons", "This borrower's role may never borrow this."
    ),
    decision.APPROVAL_REQUIRED: QT_TRANSLATE_NOOP(
        "Reasons", "This borrower may borrow this only with a supervisor's approval."
    ),
    decision.BORROWER_SUSPENDED: QT_TRANSLATE_NOOP(
        "Reasons", "The borrower's membership is suspended."
    ),
    decision.BORROWER_EXPIRED: QT_TRANSLATE_NOOP(
        "Reasons", "The borrower's membership has expired."
    ),
    decision.HAS_OVERDUE: QT_TRANSLATE_NOOP("Reasons", "The borrower holds an overdue loan."),
    decision.LOAN_LIMIT: QT_TRANSLATE_NOOP("Reasons", "The borrower is at the loan limit."),
    decision.ON_LOAN: QT_TRANSLATE_NOOP("Reasons", "This copy is already lent."),
    decision.HELD_FOR_OTHER: QT_TRANSLATE_NOOP(
        "Reasons", "This copy is set aside for another borrower's hold."
    ),
    decision.NOT_FOR_LOAN: QT_TRANSLATE_NOOP("Reasons", "This work is not lent to take home."),
    decision.NOT_AVAILABLE: QT_TRANSLATE_NOOP("Reasons", "This copy is not available."),
    decision.INSPECTION_FREEZE: QT_TRANSLATE_NOOP(
        "Reasons", "Lending is frozen before the inspection."
    ),
    decision.RENEWAL_LIMIT: QT_TRANSLATE_NOOP(
        "Reasons", "The loan has been renewed as often as allowed."
    ),
    decision.WAITING_LIST: QT_TRANSLATE_NOOP(
        "Reasons", "Other borrowers are waiting for this work."
    ),
    decision.HAS_ACTIVE_LOANS: QT_TRANSLATE_NOOP(
        "Reasons", "This change would leave a current loan the rules forbid."
    ),
}

#: the decision's notes (not reasons: nothing is refused)
NOTES = (
    Wording(
        rf"The due date is brought forward to {DAY}, the day before the inspection on "
        rf"{DAY}\.",
        QT_TRANSLATE_NOOP(
            "Reasons", "The due date is brought forward to %1, the day before the inspection on %2."
        ),
    ),
)


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def is_translated(text: str) -> bool:
    """Whether an installed translation has words for ``text`` (not so in English)."""
    return translate(text) != text


def explain(reason: Reason) -> str:
    """``reason`` in the window's language (the domain's own sentence in English)."""
    return _render(WORDINGS.get(reason.code, ()), reason.message, GENERAL.get(reason.code))


def explain_note(note: str) -> str:
    return _render(NOTES, note, None)


def error_text(error: ReadingRoomError) -> str:
    """An error's message; a refusal's reasons each in the window's language."""
    if isinstance(error, Refused) and error.decision.reasons:
        return "; ".join(explain(r) for r in error.decision.reasons)
    return error.message


def _render(wordings: tuple[Wording, ...], message: str, general: str | None) -> str:
    for wording in wordings:
        if re.fullmatch(wording.english, message):
            return wording.render(message) if is_translated(wording.text) else message
    if general is not None and is_translated(general):
        return translate(general)
    return message
