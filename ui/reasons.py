"""The domain's reasons and notes in the window's language, by their key and particulars.

A :class:`~readingroom.messages.Reason` is a stable code with named particulars (``params``:
a date, a role, a copy's status, counts, the loans an edit would leave). In English the window
shows the domain's own sentence (:mod:`readingroom.messages` renders it). In another language
it shows the translation of the key's window text below, its ``{name}`` placeholders filled
with the params, each through the window's labels where it names something (a role, a copy's
status). No sentence is ever read back. The codes themselves (ROLE_NOT_PERMITTED...) are never
translated.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from readingroom import korean
from readingroom.errors import ReadingRoomError, Refused
from readingroom.messages import (
    PHRASES,
    Code,
    Key,
    LoanList,
    Note,
    Param,
    Params,
    Reason,
    Wording,
)
from ui import i18n
from ui.models import labels

CONTEXT = "Reasons"


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def is_translated(text: str) -> bool:
    """Whether an installed translation has words for ``text`` (not so in English)."""
    return translate(text) != text


#: the window's text of every sentence of readingroom/messages.py, by its key
_TEXTS: dict[Key, object] = {
    Code.ROLE_NOT_PERMITTED: QT_TRANSLATE_NOOP("Reasons", "A {role} may never borrow this."),
    Wording.CIVILIAN_NEVER_LENT: QT_TRANSLATE_NOOP("Reasons", "A civilian is never lent anything."),
    Code.APPROVAL_REQUIRED: QT_TRANSLATE_NOOP(
        "Reasons", "A {role} may borrow this only with a supervisor's approval."
    ),
    Code.NOT_FOR_LOAN: QT_TRANSLATE_NOOP("Reasons", "Staff-only works are never lent."),
    Wording.READING_ROOM_ONLY: QT_TRANSLATE_NOOP(
        "Reasons", "This work may be read in the reading room only."
    ),
    Code.BORROWER_SUSPENDED: QT_TRANSLATE_NOOP(
        "Reasons", "The borrower's membership is suspended."
    ),
    Code.BORROWER_EXPIRED: QT_TRANSLATE_NOOP("Reasons", "The membership expired on {expires}."),
    Code.HAS_OVERDUE: QT_TRANSLATE_NOOP("Reasons", "The borrower holds {overdue} overdue loan(s)."),
    Code.LOAN_LIMIT: QT_TRANSLATE_NOOP(
        "Reasons", "The borrower already has {held} item(s) on loan (limit {limit})."
    ),
    Code.NOT_AVAILABLE: QT_TRANSLATE_NOOP("Reasons", "This copy is {status}."),
    Code.ON_LOAN: QT_TRANSLATE_NOOP("Reasons", "This copy is already lent (due {due})."),
    Wording.LENT_AT_ANOTHER_DESK: QT_TRANSLATE_NOOP(
        "Reasons", "This copy was lent a moment ago, at another desk."
    ),
    Code.HELD_FOR_OTHER: QT_TRANSLATE_NOOP(
        "Reasons", "This copy is set aside for another borrower's hold."
    ),
    Code.INSPECTION_FREEZE: QT_TRANSLATE_NOOP(
        "Reasons", "Lending is frozen before the inspection on {inspection}."
    ),
    Code.RENEWAL_LIMIT: QT_TRANSLATE_NOOP(
        "Reasons", "The loan has been renewed {renewals} time(s) (limit {limit})."
    ),
    Wording.GIVEN_BACK_TODAY: QT_TRANSLATE_NOOP(
        "Reasons",
        "The borrower gave this back today after {renewals} renewal(s) "
        "(limit {limit}): lending it again would renew it beyond the limit.",
    ),
    Code.WAITING_LIST: QT_TRANSLATE_NOOP(
        "Reasons", "{waiting} other borrower(s) waiting for this work."
    ),
    Code.TOO_SOON: QT_TRANSLATE_NOOP(
        "Reasons", "The renewal would not extend the loan (due {due})."
    ),
    Wording.RETURN_BEFORE_INSPECTION: QT_TRANSLATE_NOOP(
        "Reasons",
        "The loan must come back before the inspection on {inspection}; a renewal would not "
        "extend it (due {due}).",
    ),
    Code.ALREADY_ON_LOAN: QT_TRANSLATE_NOOP(
        "Reasons", "The borrower already has this volume on loan (due {due})."
    ),
    Code.HAS_ACTIVE_LOANS: QT_TRANSLATE_NOOP(
        "Reasons",
        "This change would leave current loans the rules forbid: {loans}. Take them back first.",
    ),
    Wording.LOANS_NOT_NAMED: QT_TRANSLATE_NOOP(
        "Reasons",
        "This change would leave a current loan the rules forbid. Take it back first.",
    ),
    Code.IN_READING_ROOM: QT_TRANSLATE_NOOP(
        "Reasons",
        "This copy is in the reading room, with {member_no} at seat {seat}; it comes back "
        "to the desk first.",
    ),
    Wording.IN_ROOM_AT_ANOTHER_DESK: QT_TRANSLATE_NOOP(
        "Reasons", "This copy went to the reading room a moment ago, at another desk."
    ),
    Code.ITEMS_IN_ROOM: QT_TRANSLATE_NOOP(
        "Reasons", "{count} copies are still in the reading room: {copies}."
    ),
    Wording.DUE_BROUGHT_FORWARD: QT_TRANSLATE_NOOP(
        "Reasons",
        "The due date is brought forward to {due}, the day before the inspection on {inspection}.",
    ),
    # restrictions and conservation (issue 14)
    Code.RESTRICTED: QT_TRANSLATE_NOOP(
        "Reasons", "Restriction {restriction} withholds this (on the authority of {authority})."
    ),
    Wording.RESTRICTED_UNTIL: QT_TRANSLATE_NOOP(
        "Reasons",
        "Restriction {restriction} withholds this until {until} (on the authority of {authority}).",
    ),
    Code.CONDITION_RESTRICTED: QT_TRANSLATE_NOOP(
        "Reasons",
        "This copy is {condition}: in that condition it may be read in the reading room only.",
    ),
    Wording.CONDITION_NO_USE: QT_TRANSLATE_NOOP(
        "Reasons", "This copy is {condition}: in that condition it may not be used at all."
    ),
    Wording.IN_CONSERVATION: QT_TRANSLATE_NOOP("Reasons", "This copy is at conservation."),
    Code.SET_TOGETHER: QT_TRANSLATE_NOOP(
        "Reasons", "This work goes out as a set: volume(s) {missing} must be lent with it."
    ),
    Code.SET_INCOMPLETE: QT_TRANSLATE_NOOP(
        "Reasons",
        "This set came back without {missing} (still with {member}): it cannot go out again "
        "until it is whole.",
    ),
    Wording.DUE_AFTER_INSPECTION: QT_TRANSLATE_NOOP(
        "Reasons",
        "With this override the loan runs past the inspection on {inspection} (due {due}): "
        "the copy will be out on the inspection day.",
    ),
}
TEXTS: dict[Key, str] = {key: str(text) for key, text in _TEXTS.items()}


def _role(value: Param) -> str:
    return labels.role(str(value)).lower()


def _copy_status(value: Param) -> str:
    return labels.copy_status(str(value)).lower()


def _condition(value: Param) -> str:
    return labels.condition(str(value)).lower()


def _loans(value: Param) -> str:
    """The loans as ``B1 (W1), B2 (W3) and 4 more``, the words in the window's language."""
    if not isinstance(value, LoanList):
        return str(value)
    text = ", ".join(f"{barcode} ({member_no})" for barcode, member_no in value.named)
    if value.more > 0:
        more = str(QT_TRANSLATE_NOOP("Reasons", " and {more} more"))
        text += translate(more).format(more=value.more)
    return text


#: params that name something the window has its own words for, by the param's name
FILLS: dict[str, Callable[[Param], str]] = {
    "role": _role,
    "status": _copy_status,
    "condition": _condition,
    "loans": _loans,
}


def render(key: Key, params: Params, english: str) -> str:
    """The sentence of ``key`` with ``params`` in the window's language (``english``, the
    domain's sentence, when no translation has words for it)."""
    text = TEXTS.get(key)
    if text is None or not is_translated(text):
        return english
    values = {name: FILLS.get(name, str)(value) for name, value in params.items()}
    # a particle after a filled-in word takes the form that word needs: 간부은(는) -> 간부는
    return korean.resolve(translate(text).format_map(values))


def explain(reason: Reason) -> str:
    """``reason`` in the window's language (the domain's own sentence in English)."""
    return render(reason.key, reason.params, reason.message)


def explain_note(note: Note) -> str:
    return render(note.key, note.params, note.message)


def error_text(error: ReadingRoomError) -> str:
    """An error's message; a refusal's reasons each in the window's language."""
    if isinstance(error, Refused) and error.decision.reasons:
        return "; ".join(explain(r) for r in error.decision.reasons)
    return message_text(*error.lines)


def message_text(*lines: str) -> str:
    """Messages of the domain in the window's language, one per line: each keyed message
    (:class:`readingroom.messages.Text`) by its key, any other line as it is."""
    say = i18n.domain_words()
    return "\n".join(say.text(line) for line in lines)


def phrases_text(cell: str) -> str:
    """A cell of the domain's phrases (:class:`readingroom.messages.Phrases`, a stocktake
    line's remark) in the window's language, each phrase by its key."""
    return i18n.domain_words().phrases(PHRASES, cell)
