"""A barcode scanner's prefix and suffix (issue 11): characters a scanner is set to send
before and after each code, kept as the catalogue's settings (``settings scanner-prefix``,
``settings scanner-suffix``, a supervisor's change, audited) and taken off every scan at
the desk and in a stocktake; a code keyed in by hand (with neither) is still found."""

from __future__ import annotations

import json

import pytest

from readingroom import codes, desk, settings, stocktake
from readingroom.errors import BadInput, NotFound, NotPermitted
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess


@pytest.fixture
def cli(db, supervisor, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


def test_strip_affixes_takes_them_off_only_where_they_are():
    assert codes.strip_affixes("*K0020*", "*", "*") == "K0020"
    assert codes.strip_affixes("\x02]c1k0020#\r\n", "]C1", "#") == "k0020"
    assert codes.strip_affixes("K0020", "*", "*") == "K0020"  # keyed in by hand
    assert codes.strip_affixes("*", "*", "") == "*"  # nothing but the prefix
    assert codes.scanned_forms("*RR1*", "*", "*") == ["RR1", "*RR1*"]
    assert codes.scanned_forms("RR1", "", "") == ["RR1"]


def test_a_supervisor_sets_them_audited_and_others_may_not(supervisor, librarian):
    assert settings.scanner_affixes() == ("", "")
    changed = settings.set_scanner_affix(supervisor, settings.SCANNER_PREFIX, " ]C1 ")
    assert (changed.old, changed.new) == ("", "]C1")
    settings.set_scanner_affix(supervisor, settings.SCANNER_SUFFIX, "#")
    assert settings.scanner_affixes() == ("]C1", "#")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "setting-change" and entry.entity_id == "scanner_suffix"
    with pytest.raises(NotPermitted):
        settings.set_scanner_affix(librarian, settings.SCANNER_PREFIX, "*")
    for bad in ("a b", "\x1b[", "123456789"):
        with pytest.raises(BadInput):
            settings.set_scanner_affix(supervisor, settings.SCANNER_PREFIX, bad)
    assert settings.scanner_affixes() == ("]C1", "#")
    settings.set_scanner_affix(supervisor, settings.SCANNER_PREFIX, "")
    assert settings.scanner_affixes() == ("", "#")


def test_the_desk_takes_them_off_a_scan(supervisor, make_copy, make_borrower):
    make_copy("K0020")
    make_borrower("W-1002")
    settings.set_scanner_affix(supervisor, settings.SCANNER_PREFIX, "*")
    settings.set_scanner_affix(supervisor, settings.SCANNER_SUFFIX, "*")
    assert desk.identify("*k0020*") == desk.Scan(desk.COPY, "K0020")
    assert desk.identify("*W-1002*\r") == desk.Scan(desk.BORROWER, "W-1002")
    assert desk.identify("K0020") == desk.Scan(desk.COPY, "K0020")  # keyed in by hand
    with pytest.raises(NotFound):
        desk.identify("*K9999*")


def test_a_stocktake_scan_records_the_copy_without_them(supervisor, librarian, make_copy):
    make_copy("K0020")
    settings.set_scanner_affix(supervisor, settings.SCANNER_PREFIX, "]C1")
    stocktake.start(librarian)
    assert stocktake.scan(librarian, "]c1k0020").barcode == "K0020"
    unknown = stocktake.scan(librarian, "]C1zz-404")
    assert unknown.barcode == "ZZ-404" and "unknown" in unknown.flags


def test_the_commands_show_set_and_clear_them(cli, librarian):
    shown = cli("settings", "scanner-prefix")
    assert shown.code == 0 and shown.out.strip() == "Scanner prefix: none"
    set_ = cli("settings", "scanner-prefix", "*")
    assert set_.code == 0 and set_.out.strip() == "Scanner prefix set to: *"
    assert cli("settings", "scanner-suffix", "#").code == 0
    assert json.loads(cli("settings", "scanner-suffix", "--json").out) == {"scanner_suffix": "#"}
    assert cli("settings", "scanner-prefix", "a b").code == 1
    assert cli("settings", "scanner-prefix", "*", "--clear").code == 1
    assert cli("settings", "scanner-prefix", "!", user="lib").code == 5
    assert settings.scanner_affixes() == ("*", "#")
    cleared = cli("settings", "scanner-prefix", "--clear")
    assert cleared.code == 0 and cleared.out.strip() == "Scanner prefix cleared"
    assert settings.scanner_affixes() == ("", "#")
