"""The rules' words: every reason code, and the one English template of every sentence.

A :class:`Reason` is a stable code (a contract: the command line's JSON, exit 3, the README's
table) with the particulars that explain it as named ``params``: dates, a role, a copy's
status, counts, the loans an edit would leave. A :class:`Note` is the same for a plain remark
that refuses nothing. Their English sentences are rendered here from :data:`ENGLISH`, the one
place the wording lives; the window renders the same code and params in its own language
(``ui/reasons.py``) and never reads the English sentence back.

A code has one sentence; a few have another wording besides (:class:`Wording`), which keeps
the code: ``NOT_FOR_LOAN`` says "staff-only" or "reading room only".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Union

from readingroom import wording


class Code(StrEnum):
    """The reason codes, the only place they are written (each its own value, never
    translated)."""

    ROLE_NOT_PERMITTED = "ROLE_NOT_PERMITTED"
    APPROVAL_REQUIRED = "APPROVAL_REQUIRED"
    BORROWER_SUSPENDED = "BORROWER_SUSPENDED"
    BORROWER_EXPIRED = "BORROWER_EXPIRED"
    HAS_OVERDUE = "HAS_OVERDUE"
    LOAN_LIMIT = "LOAN_LIMIT"
    ON_LOAN = "ON_LOAN"
    HELD_FOR_OTHER = "HELD_FOR_OTHER"
    NOT_FOR_LOAN = "NOT_FOR_LOAN"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    INSPECTION_FREEZE = "INSPECTION_FREEZE"
    RENEWAL_LIMIT = "RENEWAL_LIMIT"
    WAITING_LIST = "WAITING_LIST"
    #: a renewal that would not move the due date at all
    TOO_SOON = "TOO_SOON"
    #: a hold's refusal: the borrower has the volume on loan already
    ALREADY_ON_LOAN = "ALREADY_ON_LOAN"
    #: an edit's refusal (a borrower's role, a work's access class, a policy cell)
    HAS_ACTIVE_LOANS = "HAS_ACTIVE_LOANS"
    #: the copy is with a reader at a table in the reading room (a lend or a room issue)
    IN_READING_ROOM = "IN_READING_ROOM"
    #: closing the room (or opening a stocktake) while copies are still at the tables
    ITEMS_IN_ROOM = "ITEMS_IN_ROOM"
    #: a restriction (with its reason, authority and dates) withholds the work or the copy
    RESTRICTED = "RESTRICTED"
    #: the copy's condition grade allows less than a take-home loan (the policy's rows)
    CONDITION_RESTRICTED = "CONDITION_RESTRICTED"
    #: a work issued as a set: every volume must be in the same basket
    SET_TOGETHER = "SET_TOGETHER"
    #: a set came back without a volume: it cannot go out again until it is whole
    SET_INCOMPLETE = "SET_INCOMPLETE"


#: the codes a supervisor may override
OVERRIDABLE = frozenset(
    {
        Code.APPROVAL_REQUIRED,
        Code.BORROWER_EXPIRED,
        Code.HAS_OVERDUE,
        Code.LOAN_LIMIT,
        Code.HELD_FOR_OTHER,
        Code.INSPECTION_FREEZE,
        Code.RENEWAL_LIMIT,
        Code.WAITING_LIST,
        Code.TOO_SOON,
        # closing the room anyway: a supervisor, with a second person's confirmation
        Code.ITEMS_IN_ROOM,
        Code.CONDITION_RESTRICTED,
        Code.SET_TOGETHER,
        Code.SET_INCOMPLETE,
    }
)
#: codes of an edit's refusal, never of a lend or a renewal
EDIT_CODES = (Code.HAS_ACTIVE_LOANS,)
#: codes of a hold's refusal (joining a waiting list), never of a lend or a renewal
HOLD_CODES = (Code.ALREADY_ON_LOAN,)
#: codes of closing the reading room, never of a lend or a renewal
ROOM_CODES = (Code.ITEMS_IN_ROOM,)
#: the codes a lend or a renewal may be refused for
DECISION_CODES = tuple(code for code in Code if code not in EDIT_CODES + HOLD_CODES + ROOM_CODES)


class Wording(StrEnum):
    """The sentences that are not a code's own: a second wording of a reason, or a note."""

    #: NOT_FOR_LOAN of a reading-room work (the code's own sentence is staff-only's)
    READING_ROOM_ONLY = "NOT_FOR_LOAN/reading-room"
    #: ROLE_NOT_PERMITTED when the database's own guard refused the loan row
    CIVILIAN_NEVER_LENT = "ROLE_NOT_PERMITTED/civilian"
    #: ON_LOAN when the database's one-loan-per-copy guard refused the loan row
    LENT_AT_ANOTHER_DESK = "ON_LOAN/another-desk"
    #: RENEWAL_LIMIT at a lend: the same volume given back today after its last renewal
    GIVEN_BACK_TODAY = "RENEWAL_LIMIT/given-back-today"
    #: HAS_ACTIVE_LOANS when the loans are not known (the service names them when it can)
    LOANS_NOT_NAMED = "HAS_ACTIVE_LOANS/not-named"
    #: INSPECTION_FREEZE at a renewal: the cap before the inspection would move the due date
    #: earlier (or leave it), so the loan must come back before the inspection
    RETURN_BEFORE_INSPECTION = "INSPECTION_FREEZE/return-before-inspection"
    #: RESTRICTED by a restriction with an end day
    RESTRICTED_UNTIL = "RESTRICTED/until"
    #: CONDITION_RESTRICTED of a grade that allows no use at all (``none``)
    CONDITION_NO_USE = "CONDITION_RESTRICTED/none"
    #: NOT_AVAILABLE of a copy sent to conservation
    IN_CONSERVATION = "NOT_AVAILABLE/conservation"
    #: a note: the due date brought forward before an inspection
    DUE_BROUGHT_FORWARD = "NOTE/due-brought-forward"
    #: IN_READING_ROOM when the database's guard refused the loan row (another desk)
    IN_ROOM_AT_ANOTHER_DESK = "IN_READING_ROOM/another-desk"
    #: a note of a renewal's override of INSPECTION_FREEZE: the loan now runs past the
    #: inspection, so the copy will be out on the inspection day (recorded in the audit entry)
    DUE_AFTER_INSPECTION = "NOTE/due-after-inspection"


Key = Code | Wording


@dataclass(frozen=True)
class LoanList:
    """The loans an edit would leave forbidden: (barcode, member number) of the first few,
    and how many more there are."""

    named: tuple[tuple[str, str], ...]
    more: int = 0

    def __str__(self) -> str:
        text = ", ".join(f"{barcode} lent to {member_no}" for barcode, member_no in self.named)
        return f"{text} and {self.more} more" if self.more > 0 else text


@dataclass(frozen=True)
class Count:
    """A number with the noun it counts: ``3 copies`` in English, ``3부`` in Korean (the
    catalogue's ``{n} copy``, context ``count``). ``noun`` is the singular English noun."""

    n: int
    noun: str

    def __str__(self) -> str:
        return wording.count(self.n, self.noun)


#: what a param may be: str() gives its English (a date its ISO form); a reason or a note of
#: the rules is rendered in the language as :meth:`readingroom.language.Words.reason` does
Param = Union[str, int, date, LoanList, Count, "Reason", "Note"]  # noqa: UP007 (defined below)
Params = Mapping[str, Param]

#: the context in the catalogue of the messages both front doors show (errors, results)
MESSAGES = "cli"


class Text(str):
    """A message with its key: the English sentence (it *is* that string, so it prints, joins
    and compares as today) that also keeps the ``template`` it was made from and its
    ``params``, so a front door shows it in another language by its key and never parses the
    sentence back (:meth:`readingroom.language.Words.text`). A param may itself be a
    :class:`Text` (a sentence inside a sentence), a :class:`Count` or a stored word (a status,
    a role: translated by the param's name, :data:`readingroom.language.STORED_PARAMS`)."""

    template: str
    params: Mapping[str, Param]
    context: str

    def __new__(cls, template: str, params: Mapping[str, Param], context: str = MESSAGES) -> Text:
        english = template.format_map({name: str(value) for name, value in params.items()})
        made = super().__new__(cls, english)
        made.template = template
        made.params = dict(params)
        made.context = context
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # a Text crosses a process (a worker's error)
        return (Text, (self.template, self.params, self.context))


class Worded(Text):
    """A keyed message whose English is someone else's words: the operating system's own
    text of an error (``english``), where the program keys what it means (``keyed``). It
    prints that English as it is; another language shows it by ``keyed``'s key."""

    def __new__(cls, english: str, keyed: Text) -> Worded:
        made = str.__new__(cls, english)
        made.template, made.params, made.context = keyed.template, keyed.params, keyed.context
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Worded, (str(self), Text(self.template, self.params, self.context)))


def said(template: str, /, **params: Param) -> Text:
    """The message ``template`` (English, ``{name}`` placeholders) filled from ``params``:
    ``said("Returned {barcode}; it is now {status}.", barcode="B1", status="available")``.
    The template is the key of its translations in the domain's catalogue (context
    :data:`MESSAGES`); a count is a :class:`Count`, never a number glued to a plural."""
    return Text(template, params)


#: the context of the phrases a report's cell is made of (``back-dated to {day}``)
PHRASES = "phrase"


def phrase(template: str, /, **params: Param) -> Text:
    """A phrase of a report's cell (context :data:`PHRASES`): ``phrase("last lent to
    {member} on {day}", member="W-1", day=day)``; joined with others by :class:`Phrases`."""
    return Text(template, params, PHRASES)


class Phrases(str):
    """A cell made of phrases: their English joined by ``separator`` (what a CSV holds),
    each phrase kept with its key, so a Korean PDF prints each by its key
    (:meth:`readingroom.language.Words.phrases`). A part may be a :class:`Text`, a
    :class:`Phrases` (``; `` between groups of ``, ``) or a plain word (a code, a name)."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Iterable[str], separator: str = "; ") -> Phrases:
        kept = tuple(parts)
        made = super().__new__(cls, separator.join(kept))
        made.parts = kept
        made.separator = separator
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Phrases, (self.parts, self.separator))


@dataclass(frozen=True)
class Template:
    """One English sentence: ``text`` with ``{name}`` placeholders for the params; where a
    count decides the form, ``one`` is the sentence when ``params[count] == 1``."""

    text: str
    one: str | None = None
    count: str | None = None

    def render(self, params: Params) -> str:
        text = self.text
        if self.one is not None and self.count is not None and params[self.count] == 1:
            text = self.one
        return text.format_map({name: str(value) for name, value in params.items()})


#: every sentence of the rules, by its key
ENGLISH: dict[Key, Template] = {
    Code.ROLE_NOT_PERMITTED: Template("A {role} may never borrow this."),
    Wording.CIVILIAN_NEVER_LENT: Template("A civilian is never lent anything."),
    Code.APPROVAL_REQUIRED: Template("A {role} may borrow this only with a supervisor's approval."),
    Code.NOT_FOR_LOAN: Template("Staff-only works are never lent."),
    Wording.READING_ROOM_ONLY: Template("This work may be read in the reading room only."),
    Code.BORROWER_SUSPENDED: Template("The borrower's membership is suspended."),
    Code.BORROWER_EXPIRED: Template("The membership expired on {expires}."),
    Code.HAS_OVERDUE: Template(
        "The borrower holds {overdue} overdue loans.",
        one="The borrower holds {overdue} overdue loan.",
        count="overdue",
    ),
    Code.LOAN_LIMIT: Template(
        "The borrower already has {held} items on loan (limit {limit}).",
        one="The borrower already has {held} item on loan (limit {limit}).",
        count="held",
    ),
    Code.NOT_AVAILABLE: Template("This copy is {status}."),
    Code.ON_LOAN: Template("This copy is already lent (due {due})."),
    Wording.LENT_AT_ANOTHER_DESK: Template("This copy was lent a moment ago, at another desk."),
    Code.HELD_FOR_OTHER: Template("This copy is set aside for another borrower's hold."),
    Code.INSPECTION_FREEZE: Template("Lending is frozen before the inspection on {inspection}."),
    Code.RENEWAL_LIMIT: Template(
        "The loan has been renewed {renewals} times (limit {limit}).",
        one="The loan has been renewed {renewals} time (limit {limit}).",
        count="renewals",
    ),
    Wording.GIVEN_BACK_TODAY: Template(
        "The borrower gave this back today after {renewals} renewals (limit {limit}): "
        "lending it again would renew it beyond the limit.",
        one="The borrower gave this back today after {renewals} renewal (limit {limit}): "
        "lending it again would renew it beyond the limit.",
        count="renewals",
    ),
    Code.WAITING_LIST: Template(
        "{waiting} other borrowers are waiting for this work.",
        one="{waiting} other borrower is waiting for this work.",
        count="waiting",
    ),
    Code.TOO_SOON: Template("The renewal would not extend the loan (due {due})."),
    Wording.RETURN_BEFORE_INSPECTION: Template(
        "The loan must come back before the inspection on {inspection}; a renewal would not "
        "extend it (due {due})."
    ),
    Code.ALREADY_ON_LOAN: Template("The borrower already has this volume on loan (due {due})."),
    Code.HAS_ACTIVE_LOANS: Template(
        "This change would leave current loans the rules forbid: {loans}. Take them back first."
    ),
    Wording.LOANS_NOT_NAMED: Template(
        "This change would leave a current loan the rules forbid. Take it back first."
    ),
    Code.IN_READING_ROOM: Template(
        "This copy is in the reading room, with {member_no} at seat {seat}; it comes back "
        "to the desk first."
    ),
    Wording.IN_ROOM_AT_ANOTHER_DESK: Template(
        "This copy went to the reading room a moment ago, at another desk."
    ),
    Code.ITEMS_IN_ROOM: Template(
        "{count} copies are still in the reading room: {copies}.",
        one="{count} copy is still in the reading room: {copies}.",
        count="count",
    ),
    Code.RESTRICTED: Template(
        "Restriction {restriction} withholds this (on the authority of {authority})."
    ),
    Wording.RESTRICTED_UNTIL: Template(
        "Restriction {restriction} withholds this until {until} (on the authority of {authority})."
    ),
    Code.CONDITION_RESTRICTED: Template(
        "This copy is {condition}: in that condition it may be read in the reading room only."
    ),
    Wording.CONDITION_NO_USE: Template(
        "This copy is {condition}: in that condition it may not be used at all."
    ),
    Wording.IN_CONSERVATION: Template("This copy is at conservation."),
    Code.SET_TOGETHER: Template(
        "This work goes out as a set: volumes {missing} must be lent with it.",
        one="This work goes out as a set: volume {missing} must be lent with it.",
        count="count",
    ),
    Code.SET_INCOMPLETE: Template(
        "This set came back without {missing} (still with {member}): it cannot go out again "
        "until it is whole."
    ),
    Wording.DUE_BROUGHT_FORWARD: Template(
        "The due date is brought forward to {due}, the day before the inspection on {inspection}."
    ),
    Wording.DUE_AFTER_INSPECTION: Template(
        "With this override the loan runs past the inspection on {inspection} (due {due}): "
        "the copy will be out on the inspection day."
    ),
}


def render(key: Key, params: Params) -> str:
    """The English sentence of ``key`` with ``params``."""
    return ENGLISH[key].render(params)


@dataclass(frozen=True)
class Reason:
    """Why a lend, a renewal or an edit is refused: a stable code and its particulars."""

    code: Code
    params: Params = field(default_factory=dict, hash=False)
    #: another wording of the code's sentence (None: the code's own)
    wording: Wording | None = None

    @property
    def key(self) -> Key:
        """Where the sentence is in the catalogue."""
        return self.wording or self.code

    @property
    def message(self) -> str:
        """The English sentence (the command line's, and the window's in English)."""
        return render(self.key, self.params)

    @property
    def overridable(self) -> bool:
        return self.code in OVERRIDABLE

    def as_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "overridable": self.overridable, "message": self.message}

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Note:
    """A remark that refuses nothing (a due date brought forward), with its particulars."""

    wording: Wording
    params: Params = field(default_factory=dict, hash=False)

    @property
    def key(self) -> Key:
        return self.wording

    @property
    def message(self) -> str:
        return render(self.wording, self.params)

    def __str__(self) -> str:
        return self.message


def listed(texts: Sequence[str], separator: str = "; ") -> str:
    """``a; b; c`` of keyed phrases, each kept by its key (a chain of keyed pairs,
    ``{first}; {rest}``; ``separator`` is ``"; "`` or a new line); a part that is no keyed
    phrase (a verifier's own words) as it is."""
    if len(texts) == 1:
        return texts[0]
    template = "{first}\n{rest}" if separator == "\n" else "{first}; {rest}"
    return Text(template, {"first": texts[0], "rest": listed(texts[1:], separator)})
