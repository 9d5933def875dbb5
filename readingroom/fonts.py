"""The bundled fonts and the order in which a character falls back through them.

One list for the window (``ui.theme`` registers every file with Qt and gives the application
font these families) and for the PDFs (``readingroom.pdf`` embeds them and draws each
character with the first face that holds it). The files are under
``readingroom/resources/fonts/``; its README says where each comes from and under which
licence, and ``scripts/subset_fonts.py`` makes the Noto subsets.

- Noto Sans: Latin with its extensions and combining marks (Vietnamese, Seichō, Les
  Misérables), Greek, Cyrillic, punctuation. It comes first so that a Latin word is drawn
  in one font: NanumGothic has Latin-1 but not ō or ế, and "Seichō" set half in each looks
  patched.
- NanumGothic: Hangul and the Hanja of KS X 1001, in their Korean forms, and the kana.
- Noto Sans Hebrew: Hebrew, a right-to-left script.
- Noto Sans CJK JP: what NanumGothic lacks of JIS X 0208 and GB 2312 (証, 国, 红, ゔ).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readingroom.paths import resource


@dataclass(frozen=True)
class Face:
    """A bundled family in two weights."""

    family: str  # the family name inside the files (what Qt knows it by)
    regular: str
    bold: str

    @property
    def pdf_family(self) -> str:
        """The family's name in fpdf2 (no spaces)."""
        return self.family.replace(" ", "")

    def path(self, bold: bool = False) -> Path:
        return resource("fonts", self.bold if bold else self.regular)


LATIN = Face("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
KOREAN = Face("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf")
HEBREW = Face("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf")
JAPANESE = Face("Noto Sans CJK JP", "NotoSansCJKjp-Regular.ttf", "NotoSansCJKjp-Bold.ttf")
#: every face, in the order a character falls back through them
STACK = (LATIN, KOREAN, HEBREW, JAPANESE)


def families() -> list[str]:
    return [face.family for face in STACK]


def files() -> list[Path]:
    """Every bundled font file, regular then bold, in fallback order."""
    return [face.path(bold) for face in STACK for bold in (False, True)]
