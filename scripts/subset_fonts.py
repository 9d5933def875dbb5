"""Make the fallback fonts of ``readingroom/resources/fonts/`` from Debian's Noto packages.

    apt-get download fonts-noto-cjk fonts-noto-core
    dpkg -x fonts-noto-cjk_*.deb PACKAGES; dpkg -x fonts-noto-core_*.deb PACKAGES
    python scripts/subset_fonts.py PACKAGES          # writes the subsets, prints sizes/SHA-256
    python scripts/subset_fonts.py PACKAGES --check  # exit 1 if a bundled subset differs

NanumGothic (bundled whole) draws Hangul, the Hanja of KS X 1001, Latin-1, Greek and Cyrillic.
The window and the PDFs fall back, character by character, through these subsets (in this
order, see ``readingroom.fonts``):

- ``NotoSans-{Regular,Bold}.ttf``: Latin (Latin-1, Extended-A/B/Additional: Vietnamese,
  ō, Polish, Turkish...), the combining marks, IPA, Greek (and polytonic), Cyrillic.
- ``NotoSansHebrew-{Regular,Bold}.ttf``: Hebrew, with its points (a right-to-left script).
- ``NotoSansCJKjp-{Regular,Bold}.ttf``: the Japanese face of Noto Sans CJK, cut to the
  characters of JIS X 0208 (kanji, kana), KS X 1001 and GB 2312 (simplified Chinese), the
  kana blocks, CJK punctuation and the full/half-width forms; without what NanumGothic
  draws already (Hangul, the Hanja of KS X 1001, most common ideographs and symbols) and
  without the Latin, Greek and Cyrillic letters that Noto Sans draws. So it holds what
  NanumGothic lacks of those sets: Japanese forms such as 証 and 国, simplified Chinese
  such as 红楼梦, the rarer kana (ゔ). It is never used alone. Its outlines are converted
  from CFF to TrueType (quadratic, within 1 unit of 1000): fpdf2 embeds a CFF font with an
  encoding that pypdf's text extraction misreads (a NUL before each character), a TrueType
  one like the rest.

The subsets are reproducible: same packages and same fontTools give the same bytes (the
fonts' own timestamps are kept). Hinting is dropped (it is most of a TrueType font's size and
a subset renders well without it); the layout tables stay, so Qt still places Hebrew points
and combining marks. fontTools is only needed here, not by the program (fpdf2 brings it).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "readingroom" / "resources" / "fonts"
NOTO = Path("usr/share/fonts/truetype/noto")
NOTO_CJK = Path("usr/share/fonts/opentype/noto")
NANUM = ("NanumGothic.ttf", "NanumGothicBold.ttf")
CJK_JP_INDEX = 0  # the faces of NotoSansCJK-*.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK

Ranges = Iterable[tuple[int, int]]

LATIN_GREEK_CYRILLIC: Ranges = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA, spacing modifier letters
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1AB0, 0x1AFF),  # combining marks, extended
    (0x1DC0, 0x1DFF),  # combining marks, supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x1F00, 0x1FFF),  # Greek Extended (polytonic)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x20D0, 0x20FF),  # combining marks for symbols
    (0x2100, 0x218F),  # letterlike symbols, number forms
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0x2DE0, 0x2DFF),  # Cyrillic Extended-A
    (0xA640, 0xA69F),  # Cyrillic Extended-B
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE20, 0xFE2F),  # combining half marks
)

HEBREW: Ranges = (
    (0x0590, 0x05FF),  # Hebrew
    (0xFB1D, 0xFB4F),  # Hebrew presentation forms
    (0x20AA, 0x20AA),  # new sheqel sign
    (0x0020, 0x0020),  # the spaces and dashes it has: a Hebrew title stays one run of
    (0x00A0, 0x00A0),  # this font in a PDF, which a reader reads back in the right order
    (0x002D, 0x002D),
    (0x2010, 0x2015),
    (0x200C, 0x200F),  # joiners, direction marks
)

CJK_BLOCKS: Ranges = (
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)

LETTERS: Ranges = (  # the Latin, Greek and Cyrillic letters Noto Sans draws
    (0x0000, 0x052F),
    (0x1E00, 0x1FFF),
)

HANGUL: Ranges = (
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # syllables, jamo extended-B
)


def codepoints(ranges: Ranges) -> set[int]:
    return {cp for first, last in ranges for cp in range(first, last + 1)}


def double_byte_charset(encoding: str) -> set[int]:
    """Every character of a 94 x 94 EUC set (JIS X 0208 as euc_jp, KS X 1001 as euc_kr...)."""
    found: set[int] = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                text = bytes((lead, trail)).decode(encoding)
            except UnicodeDecodeError:
                continue
            found.update(ord(char) for char in text)
    return found


def nanum_codepoints() -> set[int]:
    """What both weights of the bundled NanumGothic draw (the first font, never cut)."""
    regular, bold = (TTFont(FONT_DIR / name) for name in NANUM)
    return set(regular.getBestCmap()) & set(bold.getBestCmap())


def cjk_codepoints() -> set[int]:
    national = set().union(*(double_byte_charset(e) for e in ("euc_jp", "euc_kr", "gb2312")))
    wanted = {cp for cp in national if cp >= 0x2000} | codepoints(CJK_BLOCKS)
    return wanted - codepoints(HANGUL) - codepoints(LETTERS) - nanum_codepoints()


@dataclass(frozen=True)
class Subset:
    output: str
    source: Path  # inside the unpacked packages
    codepoints: frozenset[int]
    collection_index: int | None = None


def subsets() -> list[Subset]:
    latin = frozenset(codepoints(LATIN_GREEK_CYRILLIC))
    hebrew = frozenset(codepoints(HEBREW))
    cjk = frozenset(cjk_codepoints())
    made: list[Subset] = []
    for weight in ("Regular", "Bold"):
        made += [
            Subset(f"NotoSans-{weight}.ttf", NOTO / f"NotoSans-{weight}.ttf", latin),
            Subset(f"NotoSansHebrew-{weight}.ttf", NOTO / f"NotoSansHebrew-{weight}.ttf", hebrew),
            Subset(
                f"NotoSansCJKjp-{weight}.ttf",
                NOTO_CJK / f"NotoSansCJK-{weight}.ttc",
                cjk,
                CJK_JP_INDEX,
            ),
        ]
    return made


def options() -> subset.Options:
    chosen = subset.Options()
    chosen.hinting = False
    chosen.notdef_outline = True  # a missing character shows as a box, never as nothing
    chosen.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence notes
    chosen.name_languages = [0x409]
    chosen.recalc_timestamp = False
    chosen.drop_tables += ["DSIG"]
    return chosen


def to_truetype(font: TTFont, max_error: float = 1.0) -> None:
    """Replace ``font``'s CFF outlines by TrueType ones (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = font["glyf"] = newTable("glyf")
    font["loca"] = newTable("loca")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        metrics[name] = (metrics[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names (a CID font's are only "cid01234")
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def make(packages: Path, wanted: Subset) -> bytes:
    source = packages / wanted.source
    if not source.is_file():
        raise SystemExit(f"{source} is missing: unpack fonts-noto-cjk and fonts-noto-core there")
    if wanted.collection_index is None:
        font = TTFont(source, recalcTimestamp=False)
    else:
        font = TTCollection(source, recalcTimestamp=False).fonts[wanted.collection_index]
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=sorted(wanted.codepoints))
    subsetter.subset(font)
    if "CFF " in font:
        to_truetype(font)
    stream = io.BytesIO()
    font.save(stream)
    return stream.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("packages", type=Path, help="folder the .deb packages were unpacked in")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    differ: list[str] = []
    total = 0
    for wanted in subsets():
        data = make(args.packages, wanted)
        target = FONT_DIR / wanted.output
        total += len(data)
        digest = hashlib.sha256(data).hexdigest()
        print(f"    {digest}  {wanted.output}  ({len(data) / 1e6:.2f} MB)")
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                differ.append(wanted.output)
        else:
            target.write_bytes(data)
    print(f"{total / 1e6:.2f} MB in all")
    if differ:
        print(f"out of date: {', '.join(differ)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
