"""The one PDF writer: tabular reports and printable letters, with an embedded Korean font.

Everything Reading Room prints (inspection reports, stocktake lists, overdue reminders and
recall letters) goes through this module, which is built on fpdf2 and never imports Qt.

Text is set in the bundled fonts (SIL OFL 1.1, under ``readingroom/resources/fonts/``; the
list and their order are :mod:`readingroom.fonts`), embedded as subsets, each character in
the first that holds it: Noto Sans (Latin with Vietnamese and Seichō, Greek, Cyrillic),
NanumGothic (Hangul, the Hanja of KS X 1001, kana), Noto Sans Hebrew, Noto Sans CJK JP
(証 of 人間の証明, 国 of 雪国, 红楼梦). So a title prints as it is written and stays
extractable by a PDF reader or pypdf.
A line holding right-to-left letters (Hebrew) is put in visual order (the Unicode
bidirectional algorithm, brackets mirrored, points kept on their letter) before it is drawn.

Missing glyphs: a character none of the fonts holds (an emoji, a rare ideograph) is
replaced. Before any text is measured or drawn it is normalised to NFC and each such
character is replaced: first by its decomposition without accents when a font holds that
(ﬁ → fi), otherwise by ``?`` (:data:`PLACEHOLDER`). Control and invisible format characters
are dropped and tabs become spaces. So no input string can make the writer fail or print an
empty box.

Both writers build the whole document in memory (fpdf2 needs that to number pages "Page N
of M") and then replace ``path`` in one step, so a failed export never leaves a half-written
file; a folder that cannot be written to is refused (EnvironmentProblem) before any work
starts. Table rows are consumed one at a time from any iterable, so a generator of 100,000
rows is fine.
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self, TypeVar

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont

from readingroom import clock, fonts
from readingroom.errors import EnvironmentProblem, os_problem
from readingroom.language import Words, words
from readingroom.letter import Letter  # noqa: F401 - re-exported: part of the API
from readingroom.messages import said
from readingroom.paths import resource

FONT_DIR = resource("fonts")
FONT_FAMILY = fonts.STACK[0].pdf_family  # the base font; others by character
STYLES = ("", "B")

PLACEHOLDER = "?"
TOTAL_PAGES_ALIAS = "{pages}"  # room for a 7-digit page count
ELLIPSIS = "..."  # NanumGothic draws U+2026 centred, like Korean "⋯"

MARGIN = 12.0  # mm, all four sides of a report page
MIN_COLUMN_WIDTH = 18.0  # mm; a narrower portrait column sends the report to landscape
MAX_CELL_LINES = 4  # a longer cell is cut with an ellipsis on its last line
CELL_PAD_X = 1.5
CELL_PAD_Y = 1.2

BODY_PT = 8.5
LINE_HEIGHT = 3.9  # mm, for BODY_PT
NOTE_PT = 9.0  # summary lines under the table
NOTE_LINE_HEIGHT = 4.8
SUMMARY_GAP = 4.0  # mm between the table and its summary
SIGNATURE_GAP = 8.0  # mm above the signature blocks
SIGNATURE_BLOCK_HEIGHT = 26.0
COVER_LABEL_WIDTH = 58.0  # mm, the labels of a report's first page
COVER_LINE_HEIGHT = 4.4
COVER_HEADING_HEIGHT = 6.6
COVER_TABLE_ROOM = 50.0  # mm: a table starts under the sections only with this much room
#: a section before a report's table: heading, lines of text across the page, (label,
#: value) lines (an empty label continues the value column), and whether it starts a page
CoverSection = tuple[str, Sequence[str], Sequence[tuple[str, str]], bool]

LETTER_MARGIN = 25.0
LETTER_PT = 10.5
LETTER_LINE_HEIGHT = 5.4

Measure = Callable[[str], float]
T = TypeVar("T")


# --- text that the font can draw ---------------------------------------------------------


_INVISIBLE = frozenset({"Cc", "Cf"})  # control and format characters (NUL, ZWJ, BOM...)
_LINE_BREAKS = frozenset({"\n", "\u2028", "\u2029"})


class _Glyphs:
    """Replaces characters the embedded font cannot draw (see the module docstring)."""

    def __init__(self, cmap_codepoints: Iterable[int]):
        self._codepoints = frozenset(
            cp for cp in cmap_codepoints if unicodedata.category(chr(cp)) not in _INVISIBLE
        )
        self._substitutes: dict[str, str] = {}

    def clean(self, text: str) -> str:
        """``text`` with only characters the font draws, and ``\\n`` for line breaks."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if all(ord(char) in self._codepoints for char in text):
            return text
        return "".join(self._substitute(char) for char in text)

    def clean_line(self, text: str) -> str:
        """Like :meth:`clean`, with line breaks turned into spaces."""
        return self.clean(text).replace("\n", " ")

    def _substitute(self, char: str) -> str:
        if ord(char) in self._codepoints:
            return char
        cached = self._substitutes.get(char)
        if cached is None:
            cached = self._substitutes[char] = self._replacement(char)
        return cached

    def _replacement(self, char: str) -> str:
        if char in _LINE_BREAKS:
            return "\n"
        if char == "\t":
            return " "
        if unicodedata.category(char) in _INVISIBLE | {"Mn"}:
            return ""  # invisible, or a combining mark (variation selector) the font lacks
        plain = "".join(
            c
            for c in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(c) and ord(c) in self._codepoints
        )
        return plain or PLACEHOLDER


_RIGHT_TO_LEFT = frozenset({"R", "AL"})
_STRONG = frozenset({"L", "R", "AL"})  # bidirectional classes of letters
_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def visual_order(line: str) -> str:
    """``line`` in the order its characters are drawn from left to right.

    Unchanged unless it holds a right-to-left letter; then the Unicode bidirectional
    algorithm (fpdf2's) reorders it, brackets in right-to-left runs are mirrored and
    combining marks (Hebrew points) stay after their letter. The base direction is always
    left to right: the documents are in English or Korean, and a line is often only part
    of a paragraph (a sentence that starts with a Hebrew title is still an English one).
    """
    if not any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in line):
        return line
    paragraph = BidiParagraph(text=line, base_direction=TextDirection.LTR)
    drawn: list[str] = []
    marks: list[str] = []
    for resolved in paragraph.get_reordered_characters():
        char = resolved.character
        if resolved.embedding_level % 2:
            if unicodedata.category(char).startswith("M"):
                marks.append(char)  # reversed before its letter: put back after it
                continue
            char = _MIRRORED.get(char, char)
        drawn.append(char)
        drawn.extend(reversed(marks))
        marks.clear()
    drawn.extend(reversed(marks))
    return "".join(drawn)


# --- wrapping -----------------------------------------------------------------------------


def _truncate(text: str, width: float, measure: Measure) -> str:
    """``text`` cut so that it and a trailing ellipsis fit ``width``."""
    if measure(text) <= width:
        return text
    while text and measure(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _break_word(word: str, width: float, measure: Measure) -> Iterator[str]:
    """A word wider than ``width`` in pieces that each fit (at least one character each)."""
    piece = ""
    for char in word:
        if piece and measure(piece + char) > width:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def _wrap_paragraph(text: str, width: float, measure: Measure) -> Iterator[str]:
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            yield line
        pieces = list(_break_word(word, width, measure)) or [""]
        yield from pieces[:-1]
        line = pieces[-1]
    yield line


def wrap(text: str, width: float, measure: Measure, max_lines: int | None = None) -> list[str]:
    """``text`` in lines no wider than ``width``; past ``max_lines`` the last line ends in '…'."""
    if "\n" not in text and measure(text) <= width:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        for line in _wrap_paragraph(paragraph, width, measure):
            lines.append(line)
            if max_lines is not None and len(lines) > max_lines:
                kept = lines[:max_lines]
                kept[-1] = _truncate(kept[-1] + ELLIPSIS, width, measure)
                return kept
    return lines


# --- the document -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Face:
    """One bundled font file: its fpdf2 family and style, and the width of each character
    it holds (in thousandths of the font size, as fpdf2 reckons them)."""

    family: str
    style: str
    path: Path
    widths: dict[int, float]

    @property
    def key(self) -> str:
        return f"{self.family.lower()}{self.style}"


def _font_path(face: fonts.Face, style: str) -> Path:
    path = face.path(bold=style == "B")
    if not path.is_file():
        raise EnvironmentProblem(
            said(
                "The font file {file} is missing from {folder}: reinstall Reading Room.",
                file=path.name,
                folder=str(FONT_DIR),
            )
        )
    return path


@functools.cache
def _coverage() -> dict[str, dict[int, _Face]]:
    """For each style ("" or "B") and each character any bundled font holds, the face that
    draws it: the first of :data:`readingroom.fonts.STACK` that holds it in that weight,
    else in the other weight. Read once per process (a document then loads only the
    fallback fonts its text needs)."""
    probe = FPDF()
    loaded: dict[tuple[str, str], _Face] = {}
    for face in fonts.STACK:
        for style in STYLES:
            path = _font_path(face, style)
            probe.add_font(face.pdf_family, style, str(path))
            font = probe.fonts[f"{face.pdf_family.lower()}{style}"]
            if not isinstance(font, TTFFont):  # add_font() of a .ttf always makes one
                raise EnvironmentProblem(
                    said("The font {font} did not load as TrueType.", font=path.name)
                )
            widths = {cp: font.cw[cp] for cp in font.cmap}
            loaded[face.family, style] = _Face(face.pdf_family, style, path, widths)
            font.close()
    coverage: dict[str, dict[int, _Face]] = {}
    for style in STYLES:
        other = "" if style == "B" else "B"
        chosen: dict[int, _Face] = {}
        for weight in (other, style):  # later assignments win: the wanted weight...
            for face in reversed(fonts.STACK):  # ...and the earlier face
                found = loaded[face.family, weight]
                chosen.update(dict.fromkeys(found.widths, found))
        coverage[style] = chosen
    return coverage


class _Document(FPDF):
    """An A4 document with the bundled fonts and text cleaned for them."""

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_creator("Reading Room")
        # fpdf documents alias_nb_pages(None) as turning the page-count alias off (a faster
        # close), but annotates the argument as str
        self.alias_nb_pages(None)  # type: ignore[arg-type]
        for style in STYLES:  # the fallbacks are added when a character first needs one
            self.add_font(FONT_FAMILY, style, str(_font_path(fonts.STACK[0], style)))
        for style in STYLES:
            self._bundled(f"{FONT_FAMILY.lower()}{style}")
        self._drawn_by = _coverage()
        self._primary = {style: self._drawn_by[style][ord(" ")] for style in STYLES}
        self.glyphs = _Glyphs(self._drawn_by["B"])

    def _bundled(self, key: str) -> TTFFont:
        font = self.fonts[key]
        if not isinstance(font, TTFFont):  # add_font() of a .ttf always makes one
            raise EnvironmentProblem(
                said("The font {font} did not load as a TrueType font.", font=key)
            )
        return font

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close_fonts()

    def close_fonts(self) -> None:
        """Close the font files (fpdf closes only those a written document used; a document
        that fails halfway, or never uses its bold, would otherwise keep them open)."""
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                font.close()

    def use_font(self, size_pt: float, bold: bool = False, grey: int = 0) -> None:
        self.set_font(FONT_FAMILY, "B" if bold else "", size_pt)
        self.set_text_color(grey)

    def measure(self, text: str) -> float:
        """Width in mm of already-cleaned ``text`` in the current size (fast; no shaping)."""
        if not isinstance(self.current_font, TTFFont):
            raise RuntimeError("measure() before use_font(): no bundled font is current")
        widths = self._primary[self.font_style].widths
        try:  # all in the base font (Latin text): no other face can be involved
            units = sum(widths[ord(char)] for char in text)
        except KeyError:
            faces = zip(self._faces(text), text, strict=True)
            units = sum(face.widths.get(ord(char), 0) for face, char in faces)
        return units * self.font_size_pt * 0.001 / self.k

    def _faces(self, text: str) -> list[_Face]:
        """The face that draws each character of ``text``. A letter: the first face that
        holds it. A combining mark: its letter's face when that holds it. A space, digit or
        punctuation between two letters of one face: that face when it holds it (so
        "סיפור פשוט" is one run of one font, which a PDF reader reads back in order).
        Anything else: like a letter."""
        drawn_by, primary = self._drawn_by[self.font_style], self._primary[self.font_style]
        faces = [drawn_by.get(ord(char)) or primary for char in text]  # (primary: not cleaned)
        if all(face is faces[0] for face in faces):
            return faces
        strong = [unicodedata.bidirectional(char) in _STRONG for char in text]
        following: list[_Face | None] = [None] * len(text)  # the next letter's face
        upcoming: _Face | None = None
        for index in range(len(text) - 1, -1, -1):
            if strong[index]:
                upcoming = faces[index]
            following[index] = upcoming
        for index in range(1, len(text)):
            before, char = faces[index - 1], text[index]
            if strong[index] or faces[index] is before or ord(char) not in before.widths:
                continue
            if following[index] is before or unicodedata.combining(char):
                faces[index] = before
        return faces

    def _runs(self, text: str) -> list[tuple[_Face, str]]:
        """``text`` (cleaned) cut into runs that are each drawn by one face."""
        runs: list[tuple[_Face, str]] = []
        for face, char in zip(self._faces(text), text, strict=True):
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def text(self, x: float, y: float, text: str = "") -> None:
        """One line of cleaned text from ``x`` on the baseline ``y``: in visual order, each
        character in the first bundled font that draws it (fpdf2's own text() does not fall
        back to another font, and its fallback in cell() needs every font loaded up front)."""
        widths = self._primary[self.font_style].widths
        if all(ord(char) in widths for char in text):  # Latin: the base font draws it all
            super().text(x, y, text)
            return
        style, size = self.font_style, self.font_size_pt
        for face, run in self._runs(visual_order(text)):
            if face.key not in self.fonts:
                self.add_font(face.family, face.style, str(face.path))
            self.set_font(face.family, face.style, size)
            super().text(x, y, run)
            x += sum(face.widths.get(ord(char), 0) for char in run) * size * 0.001 / self.k
        self.set_font(FONT_FAMILY, style, size)

    def put_text(
        self, x: float, baseline: float, text: str, width: float, align: str = "L"
    ) -> None:
        """One line of cleaned text at ``baseline``, cut to ``width``; align L, R or C."""
        text = _truncate(text, width, self.measure)
        if align != "L":
            spare = width - self.measure(text)
            x += spare if align == "R" else spare / 2
        self.text(x, baseline, text)

    def put_wrapped(
        self, text: str, *, width: float, size_pt: float, line_height: float, bold: bool = False
    ) -> None:
        """``text`` wrapped to ``width`` from the cursor down, onto new pages as needed."""
        self.use_font(size_pt, bold)
        for line in wrap(self.glyphs.clean(text), width, self.measure):
            if self.y + line_height > self.h - self.b_margin:
                self.add_page()
                self.use_font(size_pt, bold)
            self.text(self.l_margin, self.y + line_height * 0.78, line)
            self.y += line_height


@contextmanager
def _quiet_font_subsetting() -> Iterator[None]:
    """Hide fontTools' notices about NanumGothic's hinting tables it drops (harmless)."""

    def drop(record: logging.LogRecord) -> bool:
        return "NOT subset" not in record.getMessage()

    logger = logging.getLogger("fontTools.subset")
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def _cannot_write(target: Path, reason: str) -> EnvironmentProblem:
    """``reason`` a phrase of ours (said) or the system's own words for the failure."""
    return EnvironmentProblem(
        said(
            "Cannot write {path}: {problem}. "
            "Choose another folder, or free some disk space, and try again.",
            path=str(target),
            problem=reason,
        )
    )


def _check_target(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, refused at once (before any work) if its folder cannot take it."""
    target = Path(path)
    if not target.parent.is_dir():
        raise _cannot_write(target, said("the folder does not exist"))
    if not os.access(target.parent, os.W_OK):
        raise _cannot_write(target, said("the folder is read-only"))
    return target


def _save(document: FPDF, target: Path) -> None:
    """Write ``document`` to ``target`` all at once, or leave ``target`` as it was."""
    with _quiet_font_subsetting():
        data = document.output()
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.chmod(0o600)  # private, like every file written (readingroom.files)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise _cannot_write(target, os_problem(error)) from error


# --- table reports ------------------------------------------------------------------------

A4_SHORT, A4_LONG = 210.0, 297.0


@dataclass(frozen=True)
class _Column:
    heading: str
    x: float
    width: float
    align: str = "L"


class _ReportDocument(_Document):
    """Report pages: a header and "Page N of M" footer on each, the table header repeated."""

    def __init__(
        self, *, title: str, branch: str, period: str, generated: str, say: Words | None = None
    ):
        super().__init__()
        self.say = say or words()
        self.set_margins(MARGIN, MARGIN + 17, MARGIN)
        self.set_auto_page_break(True, MARGIN + 8)
        self.set_title(title)
        self.alias_nb_pages(TOTAL_PAGES_ALIAS)
        self.title_text = self.glyphs.clean_line(title)
        self.subtitle_text = self.glyphs.clean_line(" · ".join(t for t in (branch, period) if t))
        self.generated_text = self.say("Generated {at}", at=generated)
        self.columns: list[_Column] = []
        self.repeat_table_header = False
        self.table_header_height = 0.0

    def lay_out(self, columns: Sequence[tuple[str, float]], first_row: Sequence[object]) -> None:
        """Choose the orientation, column positions and alignment (from the first row)."""
        headings = [self.glyphs.clean(str(heading)) for heading, _ in columns]
        weights = [float(weight) for _, weight in columns]
        landscape = not self._fits(headings, weights, A4_SHORT - 2 * MARGIN)
        if landscape:
            self.def_orientation = self.def_orientation.coerce("landscape")
        usable = (A4_LONG if landscape else A4_SHORT) - 2 * MARGIN
        x = MARGIN
        aligns = ["R" if _is_number(value) else "L" for value in first_row] or ["L"] * len(weights)
        for heading, weight, align in zip(headings, weights, aligns, strict=True):
            width = usable * weight / sum(weights)
            self.columns.append(_Column(heading, x, width, align))
            x += width

    def _fits(self, headings: list[str], weights: list[float], usable: float) -> bool:
        self.use_font(BODY_PT, bold=True)
        for heading, weight in zip(headings, weights, strict=True):
            width = usable * weight / sum(weights)
            longest_word = max((self.measure(w) for w in heading.split()), default=0.0)
            if width < MIN_COLUMN_WIDTH or width < longest_word + 2 * CELL_PAD_X:
                return False
        return True

    @property
    def table_width(self) -> float:
        return self.w - 2 * MARGIN

    @property
    def bottom(self) -> float:
        return self.h - self.b_margin

    def header(self) -> None:
        top = MARGIN
        self.use_font(7.5, grey=90)
        generated_width = self.measure(self.generated_text)
        self.text(self.w - MARGIN - generated_width, top + 4.2, self.generated_text)
        self.use_font(13, bold=True)
        self.put_text(MARGIN, top + 5, self.title_text, self.table_width - generated_width - 6)
        self.use_font(9, grey=60)
        self.put_text(MARGIN, top + 10.5, self.subtitle_text, self.table_width)
        self.set_draw_color(120)
        self.set_line_width(0.3)
        self.line(MARGIN, top + 13, self.w - MARGIN, top + 13)
        self.set_y(self.t_margin)
        if self.repeat_table_header:
            self.draw_table_header()

    def footer(self) -> None:
        self.set_draw_color(170)
        self.set_line_width(0.2)
        self.line(MARGIN, self.h - MARGIN - 5, self.w - MARGIN, self.h - MARGIN - 5)
        baseline = self.h - MARGIN - 1.2
        self.use_font(7.5, grey=90)
        title_width = self.table_width * 0.6
        self.put_text(self.w - MARGIN - title_width, baseline, self.title_text, title_width, "R")
        # The total page count is filled in by fpdf2 when the document is closed; only
        # cell() substitutes the alias, and it reserves room for TOTAL_PAGES_ALIAS's length.
        self.use_font(8, grey=40)
        self.c_margin = 0
        self.set_xy(MARGIN, baseline - 2 - 0.3 * self.font_size)  # cell() text sits on this
        self.cell(
            h=4,
            text=self.say("Page {page} of {pages}", page=self.page_no(), pages=TOTAL_PAGES_ALIAS),
        )

    def draw_table_header(self) -> None:
        self.use_font(BODY_PT, bold=True)
        heights = [wrap(c.heading, c.width - 2 * CELL_PAD_X, self.measure, 2) for c in self.columns]
        height = max(len(lines) for lines in heights) * LINE_HEIGHT + 2 * CELL_PAD_Y
        self.set_fill_color(222)
        self.rect(MARGIN, self.y, self.table_width, height, style="F")
        for column, lines in zip(self.columns, heights, strict=True):
            self._draw_lines(column, lines, self.y)
        self.set_draw_color(90)
        self.set_line_width(0.3)
        self.line(MARGIN, self.y + height, self.w - MARGIN, self.y + height)
        self.y += height
        self.table_header_height = height

    def draw_row(self, cells: Sequence[object], shaded: bool, keep_below: float = 0.0) -> None:
        """One table row; on a new page when it does not fit, or when ``keep_below`` mm
        (what must follow it on the same page) do not fit under it while they would fit
        under it on a fresh page."""
        self.use_font(BODY_PT)
        texts = [_cell_text(value) for value in cells]
        lines = [
            wrap(self.glyphs.clean(text), c.width - 2 * CELL_PAD_X, self.measure, MAX_CELL_LINES)
            for c, text in zip(self.columns, texts, strict=True)
        ]
        height = max(len(cell) for cell in lines) * LINE_HEIGHT + 2 * CELL_PAD_Y
        fresh_page_room = self.bottom - self.t_margin - self.table_header_height
        if height + keep_below > fresh_page_room:
            keep_below = 0.0  # cannot be kept together on any page: let it run on
        if self.y + height + keep_below > self.bottom:
            self.add_page()
            self.use_font(BODY_PT)
        if shaded:
            self.set_fill_color(244)
            self.rect(MARGIN, self.y, self.table_width, height, style="F")
        for column, cell_lines in zip(self.columns, lines, strict=True):
            self._draw_lines(column, cell_lines, self.y)
        self.set_draw_color(205)
        self.set_line_width(0.1)
        self.line(MARGIN, self.y + height, self.w - MARGIN, self.y + height)
        self.y += height

    def _draw_lines(self, column: _Column, lines: list[str], top: float) -> None:
        for index, line in enumerate(lines):
            baseline = top + CELL_PAD_Y + index * LINE_HEIGHT + LINE_HEIGHT * 0.78
            self.put_text(
                column.x + CELL_PAD_X, baseline, line, column.width - 2 * CELL_PAD_X, column.align
            )

    def draw_note(self, text: str) -> None:
        """A line of text across the page (the empty-table note, summary lines)."""
        self.put_wrapped(
            text, width=self.table_width, size_pt=NOTE_PT, line_height=NOTE_LINE_HEIGHT
        )

    def draw_cover(self, sections: Sequence[CoverSection]) -> None:
        """The sections before the table: a bold heading, then label and value lines (a
        new page, under the running header, when one does not fit or asks for it)."""
        for heading, lines, fields, new_page in sections:
            at_top = self.y <= self.t_margin + 0.1
            if (new_page and not at_top) or (
                self.y + COVER_HEADING_HEIGHT + COVER_LINE_HEIGHT > self.bottom
            ):
                self.add_page()
            self.y += 2.5
            self.use_font(10.5, bold=True)
            self.put_text(MARGIN, self.y + 4.2, self.glyphs.clean_line(heading), self.table_width)
            self.y += COVER_HEADING_HEIGHT
            for text in lines:
                self._draw_cover_lines(MARGIN, self.table_width, text)
                self.y += 0.8
            for label, value in fields:
                self._draw_cover_field(label, value)

    def _draw_cover_field(self, label: str, value: str) -> None:
        if self.y + COVER_LINE_HEIGHT > self.bottom:
            self.add_page()
        if label:
            self.use_font(NOTE_PT, bold=True)
            self.put_text(
                MARGIN, self.y + 3.6, self.glyphs.clean_line(label), COVER_LABEL_WIDTH - 3
            )
        width = self.table_width - COVER_LABEL_WIDTH
        self._draw_cover_lines(MARGIN + COVER_LABEL_WIDTH, width, value)
        self.y += 0.8

    def _draw_cover_lines(self, x: float, width: float, text: str) -> None:
        """``text`` wrapped to ``width`` at ``x`` from the cursor down, line by line onto
        new pages as needed."""
        self.use_font(NOTE_PT)
        for line in wrap(self.glyphs.clean(text), width, self.measure) or [""]:
            if self.y + COVER_LINE_HEIGHT > self.bottom:
                self.add_page()
                self.use_font(NOTE_PT)
            self.put_text(x, self.y + 3.6, line, width)
            self.y += COVER_LINE_HEIGHT

    @property
    def signatures_per_row(self) -> int:
        return 3 if self.w > A4_SHORT else 2

    def closing_height(self, summary: Sequence[str], signatures: Sequence[str]) -> float:
        """The height in mm of what follows the table: the summary and the signatures."""
        height = 0.0
        if summary:
            self.use_font(NOTE_PT)
            lines = sum(
                len(wrap(self.glyphs.clean(line), self.table_width, self.measure))
                for line in summary
            )
            height += SUMMARY_GAP + lines * NOTE_LINE_HEIGHT
        if signatures:
            rows = math.ceil(len(signatures) / self.signatures_per_row)
            height += SIGNATURE_GAP + rows * SIGNATURE_BLOCK_HEIGHT
        return height

    def draw_closing(self, summary: Sequence[str], signatures: Sequence[str]) -> None:
        if summary:
            self.y += SUMMARY_GAP
            for line in summary:
                self.draw_note(line)
        if signatures:
            self.draw_signatures(signatures)

    def draw_signatures(self, labels: Sequence[str]) -> None:
        per_row = self.signatures_per_row
        rows = [labels[i : i + per_row] for i in range(0, len(labels), per_row)]
        block_width = self.table_width / per_row
        self.y += SIGNATURE_GAP
        for row in rows:
            if self.y + SIGNATURE_BLOCK_HEIGHT > self.bottom:
                self.add_page()
            for index, label in enumerate(row):
                self._draw_signature_block(MARGIN + index * block_width, block_width - 8, label)
            self.y += SIGNATURE_BLOCK_HEIGHT

    def _draw_signature_block(self, x: float, width: float, label: str) -> None:
        """A label ("Inspector"), and under it the printed name when the label has one
        after a line break ("Inspector\nLee Min-jae"), then the signature and date lines."""
        top = self.y
        label, _, printed = label.partition("\n")
        self.use_font(9.5, bold=True)
        self.put_text(x, top + 4, self.glyphs.clean_line(label), width)
        if printed:
            self.use_font(9)
            self.put_text(x, top + 8.6, self.glyphs.clean_line(printed), width)
        self.set_draw_color(60)
        self.set_line_width(0.25)
        signature_width = width * 0.62
        line_y = top + 16
        self.line(x, line_y, x + signature_width, line_y)
        self.line(x + signature_width + 4, line_y, x + width, line_y)
        self.use_font(7.5, grey=80)
        self.text(x, line_y + 3.6, self.say("Signature"))
        self.text(x + signature_width + 4, line_y + 3.6, self.say("Date"))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_columns(columns: Sequence[tuple[str, float]]) -> None:
    if not columns:
        raise ValueError("a table report needs at least one column")
    for heading, weight in columns:
        if not weight > 0:
            raise ValueError(f"column {heading!r} needs a positive relative width, not {weight!r}")


def _mark_last(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item with whether it is the last (one item read ahead)."""
    iterator = iter(items)
    for current in iterator:
        for following in iterator:
            yield current, False
            current = following
        yield current, True


def _checked_rows(rows: Iterable[Sequence[object]], width: int) -> Iterator[Sequence[object]]:
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} cells; the report has {width} columns")
        yield row


def write_table_report(
    path: str | os.PathLike[str],
    *,
    title: str,
    branch: str,
    period: str,
    columns: list[tuple[str, float]],
    rows: Iterable[Sequence[object]],
    summary: Sequence[str] = (),
    signatures: Sequence[str] = (),
    cover: Sequence[CoverSection] = (),
    words: Words | None = None,
) -> None:
    """Write a table report to ``path`` (A4; landscape when the columns need the width).

    ``cover``: sections before the table, each a heading, lines of text across the page,
    ``(label, value)`` lines (an empty label continues the value column) and whether it
    starts a new page; the table follows the last section, on a new page when less than a
    few rows would fit.

    ``columns`` are ``(heading, relative width)`` pairs; the table fills the page width in
    those proportions. The report goes landscape when, on a portrait page, some column would
    be narrower than 18 mm or than the longest word of its heading. Cells print as ``str()``
    (``None`` blank, floats with two decimals), wrap within their column and are cut with
    "..." after four lines; a column whose first cell is a number is right-aligned. Each page
    has a header (title, branch · period, "Generated YYYY-MM-DD HH:MM"), the repeated table
    header and a "Page N of M" footer. ``summary`` lines follow the table; each of
    ``signatures`` (e.g. "Inspector") gets a labelled signature line and date line at the end.
    The summary and signatures stay on the page of the table's last row: when they do not
    fit under it, that row goes over to the next page with them (under the repeated
    headers), so a signature never stands alone on a page.

    ``words``: the language of the fixed words ("Generated", "Page N of M", "Signature",
    "Date", "(no entries)"); the caller gives every other text already in it.

    Raises ValueError for a bad column or a row whose length differs from the columns (the
    file is then left untouched), and EnvironmentProblem when the file cannot be written.
    """
    target = _check_target(path)
    _check_columns(columns)
    generated = clock.now().strftime("%Y-%m-%d %H:%M")
    with _ReportDocument(
        title=title, branch=branch, period=period, generated=generated, say=words
    ) as document:
        checked = _checked_rows(rows, len(columns))
        first_row = next(checked, None)
        document.lay_out(columns, first_row or ())
        document.add_page()
        if cover:
            document.draw_cover(cover)
            if document.y + COVER_TABLE_ROOM > document.bottom:
                document.add_page()
            else:
                document.y += SUMMARY_GAP
        document.draw_table_header()
        document.repeat_table_header = True
        closing = document.closing_height(summary, signatures)
        if first_row is None:
            document.y += 2
            document.draw_note(document.say("(no entries)"))
        else:
            rows_marked = _mark_last(itertools.chain([first_row], checked))
            for count, (row, last) in enumerate(rows_marked, start=1):
                document.draw_row(row, shaded=count % 2 == 0, keep_below=closing if last else 0.0)
        document.repeat_table_header = False
        document.draw_closing(summary, signatures)
        _save(document, target)


# --- letters ------------------------------------------------------------------------------


class _LetterDocument(_Document):
    """Plain A4 pages for letters: no running header or footer, wide margins."""

    def __init__(self) -> None:
        super().__init__()
        self.set_margins(LETTER_MARGIN, LETTER_MARGIN - 5, LETTER_MARGIN)
        self.set_auto_page_break(True, LETTER_MARGIN)

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def draw_letter(self, letter: Letter) -> None:
        self.add_page()
        self._draw_letterhead(letter.branch, letter.date)
        self._draw_address(letter.recipient, letter.address_lines)
        self.y += 8
        self.put_wrapped(
            letter.subject, width=self.text_width, size_pt=11.5, line_height=6, bold=True
        )
        self.y += 4
        for paragraph in letter.paragraphs:
            self.put_wrapped(
                paragraph, width=self.text_width, size_pt=LETTER_PT, line_height=LETTER_LINE_HEIGHT
            )
            self.y += 3
        self._draw_signature(letter.signature)

    def _draw_letterhead(self, branch: str, date: str) -> None:
        self.use_font(12.5, bold=True)
        self.put_text(self.l_margin, self.y + 5, self.glyphs.clean_line(branch), self.text_width)
        self.set_draw_color(90)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.y + 8, self.w - self.r_margin, self.y + 8)
        self.use_font(LETTER_PT)
        self.put_text(
            self.l_margin, self.y + 15, self.glyphs.clean_line(date), self.text_width, "R"
        )
        self.y += 24

    def _draw_address(self, recipient: str, address_lines: Sequence[str]) -> None:
        self.put_wrapped(
            recipient,
            width=self.text_width * 0.6,
            size_pt=LETTER_PT,
            line_height=LETTER_LINE_HEIGHT,
            bold=True,
        )
        for line in address_lines:
            self.put_wrapped(
                line,
                width=self.text_width * 0.6,
                size_pt=LETTER_PT,
                line_height=LETTER_LINE_HEIGHT,
            )

    def _draw_signature(self, signature: str) -> None:
        if self.y + 30 > self.h - self.b_margin:
            self.add_page()
        self.y += 18
        self.set_draw_color(60)
        self.set_line_width(0.25)
        self.line(self.l_margin, self.y, self.l_margin + 65, self.y)
        self.y += 1.5
        self.put_wrapped(
            signature,
            width=self.text_width * 0.6,
            size_pt=LETTER_PT,
            line_height=LETTER_LINE_HEIGHT,
        )


def write_letter(path: str | os.PathLike[str], letters: Iterable[Letter]) -> None:
    """Write ``letters`` to one PDF at ``path``, each starting on a new A4 page.

    Each page has the branch as letterhead, the date, the recipient's address, the subject in
    bold, the paragraphs wrapped to the page and a line to sign above ``signature``. A long
    letter runs on to further pages. Raises ValueError when ``letters`` is empty and
    EnvironmentProblem when the file cannot be written.
    """
    target = _check_target(path)
    letters = iter(letters)
    first = next(letters, None)
    if first is None:
        raise ValueError("no letters to write")
    with _LetterDocument() as document:
        for letter in itertools.chain([first], letters):
            document.draw_letter(letter)
        _save(document, target)


# --- the bundle's sign-off sheet ----------------------------------------------------------

SIGNOFF_LABEL_WIDTH = 52.0  # mm


class _SignoffDocument(_LetterDocument):
    """One A4 page: what identifies a bundle, and lines for the inspector to sign."""

    say: Words = words()

    def draw_sheet(
        self, branch: str, exported_at: str, fields: Sequence[tuple[str, str]], signer: str
    ) -> None:
        say = self.say
        self.add_page()
        self._draw_letterhead(branch, exported_at)
        self.put_wrapped(
            say("Inspection bundle: sign-off"),
            width=self.text_width,
            size_pt=14,
            line_height=7,
            bold=True,
        )
        self.y += 2
        self.put_wrapped(
            say(
                "This sheet identifies the export bundle it came with. The SHA-256 of the "
                "manifest below names every file of the bundle; the manifest and this sheet "
                "are signed with the supervisor's seal key (MANIFEST.sha256.sig). Check the "
                "bundle with: python verify_bundle.py (needs Python and the cryptography "
                "package), and compare the root fingerprint it prints with the one below and "
                "on your paper record."
            ),
            width=self.text_width,
            size_pt=9.5,
            line_height=4.9,
        )
        self.y += 5
        for label, value in fields:
            self._draw_field(label, value)
        self.y += 6
        for label in (
            say("Exported and signed by {signer}", signer=signer),
            say("Received and checked by the inspector"),
        ):
            self._draw_sign_line(label)

    def _draw_field(self, label: str, value: str) -> None:
        top = self.y
        self.use_font(9.5, bold=True)
        self.put_text(
            self.l_margin, top + 4, self.glyphs.clean_line(label), SIGNOFF_LABEL_WIDTH - 3
        )
        self.use_font(10)
        width = self.text_width - SIGNOFF_LABEL_WIDTH
        lines = wrap(self.glyphs.clean(value), width, self.measure) or [""]
        for index, line in enumerate(lines):
            self.text(self.l_margin + SIGNOFF_LABEL_WIDTH, top + 4 + index * 5.2, line)
        self.y = top + max(1, len(lines)) * 5.2 + 2.4

    def _draw_sign_line(self, label: str) -> None:
        self.y += 14
        self.set_draw_color(60)
        self.set_line_width(0.25)
        right = self.l_margin + self.text_width
        self.line(self.l_margin, self.y, self.l_margin + 95, self.y)
        self.line(right - 50, self.y, right, self.y)
        self.use_font(8.5, grey=70)
        self.text(
            self.l_margin,
            self.y + 4,
            self.say("{label}: signature", label=self.glyphs.clean_line(label)),
        )
        self.text(right - 50, self.y + 4, self.say("Date"))
        self.y += 6


def write_signoff_sheet(
    path: str | os.PathLike[str],
    *,
    branch: str,
    exported_at: str,
    fields: Sequence[tuple[str, str]],
    signer: str,
    words: Words | None = None,
) -> None:
    """The one-page sign-off sheet of an export bundle: ``fields`` as label and value rows
    (the manifest's SHA-256, the root fingerprint, the chain head...), then signature and
    date lines for ``signer`` and the inspector, the fixed words in ``words``' language.
    EnvironmentProblem if it cannot be written.
    """
    target = _check_target(path)
    with _SignoffDocument() as document:
        if words is not None:
            document.say = words
        document.draw_sheet(branch, exported_at, fields, signer)
        _save(document, target)
