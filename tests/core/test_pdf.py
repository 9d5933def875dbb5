"""The PDF writer: Korean and accented text survive, pages are numbered, fonts are embedded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from readingroom import clock, fonts
from readingroom.errors import EnvironmentProblem
from readingroom.pdf import PLACEHOLDER, Letter, wrap, write_letter, write_table_report

COLUMNS = [
    ("Barcode", 1.2),
    ("Title", 4.0),
    ("Author", 2.0),
    ("Translator", 1.4),
    ("Condition", 1.2),
    ("Location", 1.2),
    ("Days overdue", 1.1),
]
SAMPLES = [
    ("인간의 증명 (Proof of the Man), vol. 1", "Seiichi Morimura", "김수영"),
    ("Wuthering Heights", "Emily Brontë", "박경리"),
    ("La Dame aux camélias " * 8, "Alexandre Dumas fils", "최민"),  # wraps, then is cut
    ("点と線 (Points and Lines)", "Seichō Matsumoto", "이정희"),  # ō: from Noto Sans
    ("人間の証明 😀\tnul\x00 zwj\u200d", "森村誠一", "—"),  # 証: Noto CJK; no font has 😀
]
ROW_COUNT = 160
SIGNATURES = ["Inspector", "Supervisor"]


def catalogue_rows(count: int) -> Iterator[tuple[object, ...]]:
    for number in range(count):
        title, author, translator = SAMPLES[number % len(SAMPLES)]
        yield (f"RR{number:05d}", title, author, translator, "worn", "Safe A/2", number)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def assert_fonts_embedded(path: Path) -> None:
    for page in PdfReader(path).pages:
        used = page["/Resources"]["/Font"]
        assert used
        for font in used.values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
            # a subset of a bundled font: "ABCDEF+NanumGothicBold", "ABCDEF+NotoSans"...
            name = font["/BaseFont"].split("+")[-1].lower()
            assert any(name.startswith(f.pdf_family.lower()) for f in fonts.STACK), name


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "overdue.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: datetime(2026, 11, 30, 9, 15))
        write_table_report(
            path,
            title="Overdue loans — 연체 대출",
            branch="Writers' Union, Provincial Branch",
            period="2026-11-01 to 2026-11-30",
            columns=COLUMNS,
            rows=catalogue_rows(ROW_COUNT),  # a generator, as the report services pass
            summary=["Copies overdue: 160", "점검 완료 — checked by 김수영"],
            signatures=SIGNATURES,
        )
    return path


@pytest.fixture(scope="module")
def report_texts(report: Path) -> list[str]:
    return page_texts(report)


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "reminders.pdf"
    reminder = Letter(
        recipient="박철호 (Pak Chol-ho)",
        address_lines=["Writers' Union, Provincial Branch", "Room 4, Cultural Hall"],
        date="2026-11-30",
        subject="Third reminder: 인간의 증명, volume 2",
        paragraphs=["Dear Comrade Pak,", "The volume was due back on 2026-10-15. " * 12],
        signature="김수영\nLibrarian",
        branch="Writers' Union, Provincial Branch",
    )
    recall = Letter(
        recipient="Emily Brontë Society",
        address_lines=[],
        date="2026-12-01",
        subject="Recall before the annual inspection 😀",
        paragraphs=["Please return La Dame aux camélias by 2026-12-05."],
        signature="Librarian",
        branch="Writers' Union, Provincial Branch",
    )
    write_letter(path, iter([reminder, recall]))
    return path


def test_report_runs_over_several_pages_each_numbered(report_texts: list[str]) -> None:
    texts = report_texts
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_report_pages_repeat_the_header_and_table_header(report_texts: list[str]) -> None:
    for text in report_texts:  # the last page too: it never holds only the signatures
        assert "Overdue loans — 연체 대출" in text
        assert "Writers' Union, Provincial Branch · 2026-11-01 to 2026-11-30" in text
        assert "Generated 2026-11-30 09:15" in text
        assert "Barcode" in text and "Translator" in text


def test_report_keeps_korean_and_accented_text(report_texts: list[str]) -> None:
    text = "\n".join(report_texts)
    for expected in ("인간의 증명", "김수영", "박경리", "Brontë", "camélias", "点と線", "RR00159"):
        assert expected in text


def test_report_falls_back_per_character_and_substitutes_what_no_font_has(
    report_texts: list[str],
) -> None:
    text = "\n".join(report_texts)
    assert "Seichō Matsumoto" in text  # ō from Noto Sans, never dropped to "Seicho"
    assert f"人間の証明 {PLACEHOLDER}" in text  # 証 from Noto Sans CJK JP; 😀 from none
    for absent in ("😀", "\x00", "\u200d", "Seicho"):
        assert absent not in text


def test_report_ends_with_summary_and_signatures(report_texts: list[str]) -> None:
    last = report_texts[-1]
    assert "Copies overdue: 160" in "\n".join(report_texts)
    for label in SIGNATURES:
        assert label in last
    assert last.count("Signature") == len(SIGNATURES)
    assert last.count("Date") >= len(SIGNATURES)


def test_summary_and_signatures_stay_on_the_page_of_the_last_row(tmp_path: Path) -> None:
    """Tables ending ever closer to the foot of the first page: where the summary and the
    signatures no longer fit under the last row, that row goes over with them."""
    moved = []
    for count in range(11, 16):
        path = tmp_path / f"{count}.pdf"
        write_table_report(
            path,
            title="Loans",
            branch="B",
            period="P",
            columns=[("Barcode", 1.0), ("Title", 3.0), ("Due", 1.0)],
            rows=[(f"RR{n:05d}", "Proof of the Man " * 12, "2026-11-30") for n in range(count)],
            summary=["Loans: many.", "Checked by 김수영."],
            signatures=SIGNATURES,
        )
        texts = page_texts(path)

        def pages_with(text: str, texts: list[str] = texts) -> list[int]:
            return [number for number, page in enumerate(texts) if text in page]

        last_row = pages_with(f"RR{count - 1:05d}")
        assert len(last_row) == 1, count
        for closing in ("Loans: many.", "Checked by 김수영.", *SIGNATURES, "Signature"):
            assert pages_with(closing) == last_row, (count, closing)
        if pages_with(f"RR{count - 2:05d}") != last_row:
            moved.append(count)
    assert moved, "no table in the sweep ended near the foot of a page"


def test_report_embeds_its_font(report: Path) -> None:
    assert_fonts_embedded(report)


def test_report_goes_landscape_only_for_wide_tables(report: Path, tmp_path: Path) -> None:
    wide = PdfReader(report).pages[0].mediabox
    assert wide.width > wide.height
    narrow_path = tmp_path / "narrow.pdf"
    write_table_report(
        narrow_path,
        title="Copies",
        branch="Provincial Branch",
        period="2026",
        columns=[("Barcode", 1), ("Title", 3), ("Condition", 1)],
        rows=[],
    )
    narrow = PdfReader(narrow_path).pages[0]
    assert narrow.mediabox.width < narrow.mediabox.height
    assert "(no entries)" in narrow.extract_text()


def test_report_refuses_a_row_of_the_wrong_length_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    with pytest.raises(ValueError, match="row 2 has 2 cells"):
        write_table_report(
            path,
            title="Bad",
            branch="B",
            period="P",
            columns=[("A", 1), ("B", 1), ("C", 1)],
            rows=iter([("1", "2", "3"), ("1", "2")]),
        )
    assert list(tmp_path.iterdir()) == []


def _open_font_files() -> list[str]:
    return [f.path for f in psutil.Process().open_files() if f.path.endswith(".ttf")]


def test_a_report_that_fails_halfway_leaves_no_font_file_open(tmp_path: Path) -> None:
    """fpdf closes only the fonts a written document used; the writer closes the rest (an
    open file is a ResourceWarning, an error under ``filterwarnings = error``)."""
    before = _open_font_files()
    with pytest.raises(ValueError, match="row 2 has 2 cells") as refused:
        write_table_report(
            tmp_path / "bad.pdf",
            title="Bad",
            branch="B",
            period="P",
            columns=[("A", 1), ("B", 1), ("C", 1)],
            rows=iter([("1", "2", "3"), ("1", "2")]),
        )
    assert refused.traceback  # the failed document is still referenced from here
    assert _open_font_files() == before


def test_report_to_a_missing_folder_is_an_environment_problem(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem, match="Cannot write"):
        write_table_report(
            tmp_path / "no such folder" / "r.pdf",
            title="T",
            branch="B",
            period="P",
            columns=[("A", 1)],
            rows=[("x",)],
        )


def test_letters_one_per_page_with_korean_text(letters: Path) -> None:
    texts = page_texts(letters)
    assert len(texts) == 2
    first, second = texts
    assert "박철호 (Pak Chol-ho)" in first and "김수영" in first
    assert "Third reminder: 인간의 증명, volume 2" in first
    assert "Emily Brontë Society" in second and "camélias" in second
    assert f"Recall before the annual inspection {PLACEHOLDER}" in second


def test_letters_embed_their_font(letters: Path) -> None:
    assert_fonts_embedded(letters)


def test_no_letters_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_letter(tmp_path / "none.pdf", [])
    assert not (tmp_path / "none.pdf").exists()


def test_wrap_fits_the_width_and_cuts_after_max_lines() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    lines = wrap("one two three four five six seven eight nine ten", 10, measure, max_lines=3)
    assert len(lines) == 3
    assert all(measure(line) <= 10 for line in lines)
    assert lines[-1].endswith("...")
    assert wrap("abcdefghijklmnopqrstuvwxyz", 10, measure) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
    assert wrap("short", 10, measure) == ["short"]
    assert wrap("a\nb", 10, measure) == ["a", "b"]
