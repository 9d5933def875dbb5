"""Every kind of PDF the program writes keeps a title in any script as it is written.

One catalogue (tests/core/scripts_support.py: Korean with Hanja, Japanese, Chinese, Russian,
Greek, Vietnamese, French, a macron, Hebrew) is lent out, stocktaken and overdue; then every
report kind, the reminder letters, the recall letters and a signed bundle are written once,
their text extracted with pypdf and compared with the catalogue in NFC. A title printed as
``人間の?明`` or ``Seicho`` fails. The fonts (readingroom.fonts) draw each character; the
PDF writer (readingroom.pdf) picks them by character and puts Hebrew in visual order.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from readingroom import (
    bundle,
    clock,
    fonts,
    inspection,
    reminders,
    reports,
    seals,
    settings,
    staff,
    stocktake,
)
from readingroom.pdf import PLACEHOLDER, visual_order
from readingroom.store.db import close_database, open_database
from tests.core.inspection_support import Calendar
from tests.core.scripts_support import AUTHORS, READERS, TITLES, add_books, lend_books, nfc

PASSWORD = "pass-word-1"
BRANCH = "작가동맹 도서실 · Bibliothèque Nguyễn"
SIGNER = "Lê Văn Thịnh"
#: the report kinds that list every copy (overrides lists only lends past a refusal: none here)
LISTING_KINDS = ("inventory", "loans", "overdue", "inspection", "condition", "circulation")


def text_of(path: Path) -> str:
    return nfc(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the program, written once from the catalogue: name -> path."""
    out = tmp_path_factory.mktemp("scripts")
    files: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        patch.setattr(seals, "KDF", seals.KdfParams(time_cost=1, memory_cost=1024, parallelism=1))
        calendar = Calendar(patch)
        open_database(out / "catalogue.db", create=True)
        try:
            boss = staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
            settings.set_branch(boss, BRANCH)
            add_books(boss)
            lend_books(boss)
            calendar.shift(60)
            stocktake.start(boss)
            stocktake.close(boss, SIGNER)
            for kind in reports.KINDS:
                files[kind] = reports.write(kind, "pdf", out / f"{kind}.pdf").path
            for path in reminders.send(boss, out / "reminders").files:
                files[f"reminder {path.stem}"] = path
            inspection.schedule(boss, clock.today() + timedelta(days=10))
            for path in inspection.write_recall_letters(boss, out / "recall").files:
                files[f"recall {path.stem}"] = path
            signed_in = staff.authenticate("boss", PASSWORD)
            folder = bundle.export_bundle(signed_in, out / "bundle").folder
            for path in sorted(folder.glob("*.pdf")):
                files[f"bundle {path.name}"] = path
        finally:
            close_database()
    return files


def test_the_catalogue_holds_every_script() -> None:
    scripts = {
        unicodedata.name(char).split()[0]
        for title in TITLES + AUTHORS
        for char in title
        if char.isalpha()
    }
    for script in ("HANGUL", "CJK", "HIRAGANA", "CYRILLIC", "GREEK", "LATIN", "HEBREW"):
        assert script in scripts
    assert all(unicodedata.is_normalized("NFC", title) for title in TITLES)


@pytest.mark.parametrize("kind", LISTING_KINDS)
def test_every_report_prints_every_title_as_written(written, kind: str) -> None:
    text = text_of(written[kind])
    missing = [title for title in TITLES if nfc(title) not in text]
    assert not missing, f"{kind}.pdf lost or changed {missing}"
    assert "Seicho" not in text and f"人間の{PLACEHOLDER}" not in text


def test_the_inspection_report_keeps_its_signer_and_branch(written) -> None:
    text = text_of(written["inspection"])
    assert nfc(SIGNER) in text
    assert nfc(BRANCH) in text


def test_every_letter_names_its_titles_and_reader_as_written(written) -> None:
    letters = {
        name: path for name, path in written.items() if name.startswith(("reminder", "recall"))
    }
    assert len(letters) == 2 * (len(READERS) + 1) - 1  # reminders, recalls, supervisor's copies
    seen = " ".join(text_of(path) for path in letters.values())
    for title in TITLES:
        assert nfc(title) in seen
    for reader in READERS:
        assert nfc(reader) in seen
    for name, path in letters.items():
        assert nfc(BRANCH) in text_of(path), name


def test_the_bundle_reports_and_sign_off_keep_every_title(written) -> None:
    for kind in LISTING_KINDS:
        text = text_of(written[f"bundle {kind}.pdf"])
        assert all(nfc(title) in text for title in TITLES), kind
    sheet = text_of(written["bundle inspection-signoff.pdf"])
    assert nfc(BRANCH) in sheet


def test_the_pdfs_embed_only_the_bundled_fonts(written) -> None:
    families = {face.pdf_family.lower() for face in fonts.STACK}
    used: set[str] = set()
    for path in written.values():
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor.get_object()
                name = font["/BaseFont"].split("+")[-1].lower().removesuffix("bold")
                used.add(name)
    assert used <= families
    assert used == families  # each fallback was needed by some title


def test_hebrew_is_drawn_right_to_left_inside_a_left_to_right_line() -> None:
    assert visual_order("סיפור פשוט") == "טושפ רופיס"
    assert visual_order("Final: סיפור פשוט (2), due") == "Final: (2) טושפ רופיס, due"
    assert visual_order("Seichō 人間の証明") == "Seichō 人間の証明"  # no right-to-left: as is
    assert visual_order("ספר (א)") == "(א) רפס"  # brackets mirrored in the right-to-left run
    shalom = unicodedata.normalize("NFC", "ש\u05b8\u05c1ל\u05d5\u05b9ם")  # with points
    assert visual_order(shalom) == "ם\u05d5\u05b9לש\u05b8\u05c1"  # each after its letter


def test_each_font_file_is_listed_with_its_licence_beside_it() -> None:
    folder = fonts.files()[0].parent
    assert {path.name for path in fonts.files()} == {path.name for path in folder.glob("*.ttf")}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    notices = {
        name: (folder / name).read_text(encoding="utf-8")
        for name in ("OFL.txt", "OFL-Noto.txt", "OFL-NotoCJK.txt")
    }
    assert all("SIL OPEN FONT LICENSE" in text for text in notices.values())
    assert "NAVER" in notices["OFL.txt"]
    for path in fonts.files():
        assert path.name in readme  # where it came from
        if path.name.startswith("Noto"):
            licence = "OFL-NotoCJK.txt" if "CJK" in path.name else "OFL-Noto.txt"
            assert path.name in notices[licence]  # the notice names the files it covers
