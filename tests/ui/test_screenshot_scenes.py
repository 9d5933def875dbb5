"""The screenshots show what issue 11 asked for (its "Done when"): the desk's basket with two
copies that may be lent and one refused, a borrower's note at the desk, and a slip in its
print preview; each scene set up as ``readingroom screenshots`` sets it up."""

from __future__ import annotations

from ui import operations
from ui.dialogs.slip_dialog import SlipDialog
from ui.screenshots import _scenes


def test_the_scenes_show_a_basket_a_note_and_a_slip(qtbot, make_window):
    window = make_window("supervisor")
    window.ask_before_closing = False  # the basket is left as the screenshot shows it
    scenes = dict(_scenes(window))

    scenes["desk-basket"]()
    desk = window.pages["desk"]
    model = desk.basket_model
    states = [str(model.data(model.index(row, 6))) for row in range(model.rowCount())]
    assert len(states) == 3 and [s.startswith("Refused") for s in states].count(True) == 1
    assert desk.action_button.text() == "Lend all 2 (Enter)"
    assert desk.hold_button.isVisible()  # the refused copy is on loan: a hold is offered

    scenes["desk-borrower-note"]()
    notes = desk.borrower_panel.notes
    assert notes.isVisible() and "Asked to return vol. 2" in notes.text.text()

    dialog = scenes["slip-preview"]()
    qtbot.addWidget(dialog)
    operations.settle()
    assert isinstance(dialog, SlipDialog) and dialog.isVisible()
    assert dialog.preview.page_count == 1 and len(dialog.slips) == 1
    dialog.close()
