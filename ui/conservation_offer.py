"""The desk's offer after a return: **Send to conservation**.

A copy that comes back at a worse condition grade than it went out with
(:attr:`readingroom.circulation.ReturnResult.worse`) may go to conservation at once. After
each step of the desk, :func:`offer_conservation` asks (without blocking the desk or taking
the scanner's focus, as the slip's question does) "Send … to conservation?"; "Send" sends
each such copy (:func:`readingroom.conservation.send`, in the calls thread, audited) and the
desk's status line says so. :func:`ask_send` is looked up through this module at call time,
so tests answer it (no modal dialog).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from readingroom import conservation
from readingroom.circulation import ReturnResult
from ui.operations import Changes, CollectionOp
from ui.session import Session
from ui.widgets.ask import question_box

#: a copy sent: its status and the trail change
WRITES = Changes(catalogue=True, holds=True, audit=True)


def tr(text: str) -> str:
    return QCoreApplication.translate("ConservationOffer", text)


def ask_send(parent: QWidget, barcodes: str, answer: Callable[[bool], None]) -> QMessageBox:
    """Ask whether to send ``barcodes`` to conservation; ``answer(True)`` for "Send"."""
    box = question_box(
        parent.window(),
        tr("Send to conservation"),
        tr("{barcodes} came back in a worse condition than it went out. Send to conservation?")
        .format(barcodes=barcodes),
    )  # fmt: skip
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(tr("&Send to conservation"))
    box.button(QMessageBox.StandardButton.No).setText(tr("&Keep in circulation"))
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.finished.connect(lambda _result: answer(box.clickedButton() is yes))
    box.show()
    return box


def worse_returns(results: Iterable[object]) -> list[str]:
    """The barcodes of the returns among ``results`` that came back worse (and were not
    sent with the return)."""
    return [
        r.loan.copy.barcode
        for r in results
        if isinstance(r, ReturnResult) and r.worse and not r.to_conservation
    ]


def offer_conservation(parent: QWidget, session: Session, results: Iterable[object]) -> None:
    """After a desk step: offer to send the copies that came back worse to conservation."""
    barcodes = worse_returns(results)
    if not barcodes or not session.can_change:
        return
    actor = session.actor

    def sent_text(sent: conservation.Sent) -> None:
        barcode = sent.conservation.barcode
        session.show_status(tr("{barcode} sent to conservation.").format(barcode=barcode))

    def answer(send: bool) -> None:
        if not send:
            return
        for barcode in barcodes:
            CollectionOp(parent, partial(conservation.send, actor, barcode), WRITES).success(
                sent_text
            ).run()

    ask_send(parent, ", ".join(barcodes), answer)  # a module global: tests replace it
