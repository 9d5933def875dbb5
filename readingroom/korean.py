"""Korean particles chosen from the word they follow: 은/는, 이/가, 을/를, 와/과, (으)로.

A Korean particle has two forms, one after a final consonant (batchim), one after a vowel;
(으)로 takes 로 after a vowel *and* after ㄹ. A translation that inserts a word (a name, a
role, a date) before a particle writes both forms, ``{role}은(는)``, and :func:`resolve`
picks the one the inserted word needs once it is in place: ``간부은(는)`` becomes ``간부는``.

The word's sound is read from its last letter or digit:

- a Hangul syllable: its own final consonant;
- digits: the Sino-Korean reading of the number's end (1 일, 3 삼, 10 십, 100 백, 1000 천,
  10000 만; 0 alone is 영), so ``2026-03-01`` ends in 일 and takes 로, ``B7`` in 칠;
- Latin letters: the Korean name of the last letter, as codes and barcodes are spelt out
  (L 엘, M 엠, N 엔, R 알 end in a consonant; every other letter in a vowel);
- a closing bracket ends a parenthesised aside the particle skips (``점검(3)`` → 점검),
  closing quotation marks (” 》 」 ’) are looked through.

A word in another script (Hanja, kana) has no reading here: its particle keeps both forms,
``人間の証明을(를)``, which a reader still understands. Nothing else in the text changes.
"""

from __future__ import annotations

import re

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
RIEUL = 8  # ㄹ, the index of the final consonant in a syllable's code

#: the final consonant's index (0 for none) of each digit's Sino-Korean reading
DIGITS = {"1": RIEUL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": RIEUL, "8": RIEUL, "9": 0}
#: a number ending in zeros ends in the reading of its last power of ten:
#: 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ) up to 천만, 억 (ㄱ) up to 천억, 조 (none) beyond
ZEROS = {1: 17, 2: 1, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 1, 9: 1, 10: 1, 11: 1}
ZERO = 21  # 영 (ㅇ)
#: Latin letters whose Korean name ends in a consonant: 엘, 엠, 엔, 알
LATIN = {"l": RIEUL, "m": 16, "n": 4, "r": RIEUL}

#: each particle's forms: (after a consonant, after a vowel)
FORMS = {
    "은": ("은", "는"),
    "는": ("은", "는"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
}
#: how a translation writes a particle whose form depends on the word before it
MARKERS = {
    "은(는)": "은",
    "는(은)": "은",
    "이(가)": "이",
    "가(이)": "이",
    "을(를)": "을",
    "를(을)": "을",
    "과(와)": "과",
    "와(과)": "과",
    "(으)로": "으로",
}
_MARKER = re.compile(r"(?<=\S)(" + "|".join(re.escape(m) for m in MARKERS) + ")")
_CLOSING_QUOTES = "”’\"'》」』〉"
_BRACKETS = {")": "(", "]": "[", "）": "（"}


def _spoken_end(word: str) -> str:
    """What of ``word`` the particle follows: an aside in brackets and closing quotes off."""
    text = word.rstrip()
    while text:
        last = text[-1]
        if last in _BRACKETS:
            start = text.rfind(_BRACKETS[last])
            if start <= 0:
                return text[:-1]
            text = text[:start].rstrip()
        elif last in _CLOSING_QUOTES or last in ".,;:!?…":
            text = text[:-1].rstrip()
        else:
            return text
    return text


def final_consonant(word: str) -> int | None:
    """The index (1–27) of the final consonant ``word`` ends in as read aloud, 0 when it
    ends in a vowel, None when it cannot be read (empty, another script)."""
    text = _spoken_end(word)
    if not text:
        return None
    last = text[-1]
    if HANGUL_FIRST <= ord(last) <= HANGUL_LAST:
        return (ord(last) - HANGUL_FIRST) % 28
    if last.isascii() and last.isdigit():
        digits = re.search(r"\d+$", text)
        number = digits.group(0) if digits else last
        if number[-1] != "0":
            return DIGITS[number[-1]]
        if int(number) == 0:
            return ZERO
        zeros = len(number) - len(number.rstrip("0"))
        return ZEROS.get(zeros, 0)
    if last.isascii() and last.isalpha():
        return LATIN.get(last.lower(), 0)
    return None


def particle(word: str, name: str) -> str:
    """The form of particle ``name`` (either form, or a marker such as ``을(를)``) that follows
    ``word``: ``particle("간부", "은")`` is ``"는"``. Both forms, ``"은(는)"``, when ``word``
    cannot be read."""
    base = MARKERS.get(name, name)
    if base not in FORMS:
        raise ValueError(f"not a particle with two forms: {name!r}")
    after_consonant, after_vowel = FORMS[base]
    final = final_consonant(word)
    if final is None:
        return "(으)로" if after_consonant == "으로" else f"{after_consonant}({after_vowel})"
    if after_consonant == "으로":
        return after_vowel if final in (0, RIEUL) else after_consonant
    return after_consonant if final else after_vowel


def attach(word: str, name: str) -> str:
    """``word`` followed by the right form of particle ``name``: ``attach("리명희", "을")``."""
    return word + particle(word, name)


def resolve(text: str) -> str:
    """``text`` with every two-form particle (``은(는)``, ``이(가)``, ``을(를)``, ``와(과)``,
    ``(으)로``) after a word replaced by the form that word takes; the rest unchanged."""

    def choose(match: re.Match[str]) -> str:
        return particle(text[: match.start()], match.group(1))

    return _MARKER.sub(choose, text)
