"""Calling a service function from a page: a refusal or bad input is shown, never raised.

Environment problems (a locked or damaged database) and bugs are not caught here: the
window's error handling shows them in their own dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.operations import SHOWN_INLINE
from ui.widgets.message_bar import MessageBar

__all__ = ["SHOWN_INLINE", "attempt"]


def attempt(
    bar: MessageBar, action: Callable[..., Any], *args: Any, **kwargs: Any
) -> tuple[bool, Any]:
    """``(True, action(*args, **kwargs))``, or ``(False, error)`` with the error on ``bar``."""
    try:
        return True, action(*args, **kwargs)
    except SHOWN_INLINE as error:
        bar.show_error(error)
        return False, error
