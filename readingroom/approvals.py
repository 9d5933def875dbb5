"""What a loan records as its supervisor's approval, and how a front door says it.

A loan keeps one text of approval (``loan.override_reason``): the reason a supervisor gave
for setting a rule aside, as typed, or, where a back-dated loan set no rule aside, the
back-date's reason as ``back-dated: REASON`` (:func:`readingroom.circulation.lend`).
"""

from __future__ import annotations

from readingroom.messages import phrase

#: how a loan records a back-date's reason where no override was asked
BACKDATED = "back-dated: "


def approval_said(stored: str | None, overridden: bool) -> str | None:
    """A loan's recorded approval as a front door says it: an override's reason as the
    supervisor typed it; a back-date's (a loan with no rule ``overridden``) as the keyed
    phrase of the same English, so a Korean window or PDF says 소급 기록."""
    if stored and not overridden and stored.startswith(BACKDATED):
        return phrase("back-dated: {reason}", reason=stored.removeprefix(BACKDATED))
    return stored
