"""The bundled fonts cover the character sets issue 13 names, all of them.

Every character of JIS X 0208 (kanji, kana), KS X 1001 (Hangul, Hanja) and GB 2312 is drawn
by some bundled font, and so are Vietnamese, the Latin extensions with combining marks,
Cyrillic, Greek and Hebrew. The sets are read the way ``scripts/subset_fonts.py`` reads them
(its functions, loaded from the file), the fonts' character maps with fontTools.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import unicodedata
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from fontTools.ttLib import TTFont

from readingroom import fonts

ROOT = Path(__file__).resolve().parents[2]


@cache
def subset_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("subset_fonts", ROOT / "scripts/subset_fonts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def drawn(bold: bool) -> frozenset[int]:
    """What the bundled fonts of one weight draw between them."""
    found: set[int] = set()
    for face in fonts.STACK:
        with TTFont(face.path(bold)) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


def assigned(first: int, last: int) -> set[int]:
    return {cp for cp in range(first, last + 1) if unicodedata.category(chr(cp)) != "Cn"}


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("encoding", ["euc_jp", "euc_kr", "gb2312"])
def test_every_character_of_the_national_sets_is_drawn(encoding: str, bold: bool) -> None:
    wanted = subset_script().double_byte_charset(encoding)
    assert len(wanted) > 6800  # 94 x 94 sets, with their ideographs
    lacking = sorted(chr(cp) for cp in wanted - drawn(bold))
    assert not lacking, f"{len(lacking)} of {encoding} drawn by no bundled font: {lacking[:40]}"


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize(
    ("block", "first", "last"),
    [
        ("Latin-1 Supplement", 0x00A0, 0x00FF),
        ("Latin Extended-A", 0x0100, 0x017F),
        ("Latin Extended-B", 0x0180, 0x024F),
        ("combining diacritical marks", 0x0300, 0x036F),
        ("Greek and Coptic", 0x0384, 0x03CE),
        ("Greek Extended", 0x1F00, 0x1FFE),
        ("Cyrillic", 0x0400, 0x04FF),
        ("Vietnamese", 0x1EA0, 0x1EF9),
        ("Hebrew letters and points", 0x05B0, 0x05EA),
        ("Hiragana", 0x3041, 0x3096),
        ("Katakana", 0x30A1, 0x30FA),
        ("Hangul syllables", 0xAC00, 0xD7A3),
    ],
)
def test_every_letter_of_the_blocks_is_drawn(block: str, first: int, last: int, bold: bool) -> None:
    lacking = sorted(chr(cp) for cp in assigned(first, last) - drawn(bold))
    assert not lacking, f"{block}: {lacking}"


def test_the_cjk_subset_holds_only_what_nanumgothic_lacks() -> None:
    script = subset_script()
    cjk = script.cjk_codepoints()
    for char in "証国红楼梦ゔ":
        assert ord(char) in cjk
    nanum = script.nanum_codepoints()
    assert not cjk & nanum
    assert not cjk & script.codepoints(script.HANGUL)


def test_the_fonts_readme_gives_each_file_its_sha256() -> None:
    folder = fonts.files()[0].parent
    listed = dict(
        reversed(line.split())
        for line in (folder / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("    ") and line.strip().endswith(".ttf")
    )
    assert listed == {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in fonts.files()
    }
