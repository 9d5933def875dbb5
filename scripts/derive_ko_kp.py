"""Draft the North's Korean (``ko_KP``, 문화어) from the South's (``ko``) for unreviewed texts.

    python scripts/derive_ko_kp.py            # fill every unfinished ko_KP text with a draft
    python scripts/derive_ko_kp.py --show     # print ko -> draft for the unfinished texts

A draft is the ``ko`` translation with the glossary's words (docs/glossary-ko.csv, ko -> ko_KP)
and the North's spelling rules applied:

- no initial-sound rule in Sino-Korean words: 이용 -> 리용, 이력 -> 리력, 예외 -> 례외,
  양호 -> 량호, 연도 -> 년도, 이유 -> 리유 (a list of the words the window uses: the rule
  depends on the character, not on the sound, so 예약 and 연장 stay);
- 되어/되었 -> 되여/되였 (and the like after ㅣ, ㅐ, ㅚ, ㅟ), -ㄹ까요 -> -ㄹ가요;
- no 사이시옷: 횟수 -> 회수, 윗부분 -> 웃부분;
- dependent nouns joined to the word before: 할 수 있습니다 -> 할수 있습니다, 나쁜 것 -> 나쁜것,
  대출 중 -> 대출중, 반납 시 -> 반납시, 검열 전 -> 검열전;
- compound nouns written together: 반납 기한 -> 반납기한, 장서 목록 -> 장서목록 (a list);
- the North's words: 프로그램 -> 프로그람, 페이지 -> 페지, 폴더 -> 등록부, 데모 -> 시범;
- quotation marks “…” -> 《…》.

The draft is written to ``readingroom_ko_KP.ts`` as *unfinished*: Qt leaves it out and shows
``ko`` until a reviewer corrects the text and marks it finished (in Qt Linguist, or by
removing ``type="unfinished"``). Finished texts are never touched. Then run
``python scripts/build_translations.py``.
"""

from __future__ import annotations

import argparse
import functools
import html
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_translations import read_glossary, read_ts, ts_path  # noqa: E402

#: Sino-Korean words whose first character is written with ㄹ/ㄴ in the North (no 두음 법칙)
INITIAL_SOUND = {
    "이용": "리용",
    "이력": "리력",
    "이유": "리유",
    "예외": "례외",
    "양호": "량호",
    "연도": "년도",
    "이상 없음": "리상없음",
    "예:": "례:",
    "영수증": "령수증",
}
#: words of the North's standard for the South's
WORDS = {
    "한국어": "조선어",
    "프로그램": "프로그람",
    "페이지": "페지",
    "컴퓨터": "콤퓨터",
    "파일": "화일",
    "폴더": "등록부",
    "데모": "시범",
    "이탈리아어": "이딸리아어",
    "러시아어": "로씨야어",
    "스페인어": "에스빠냐어",
    "독일어": "도이췰란드어",
    "체인": "사슬",
    "필터": "선별",
    "메시지": "통보문",
    "매니페스트": "명세서",
    "횟수": "회수",
    "윗부분": "웃부분",
}
#: compound nouns the North writes as one word
COMPOUNDS = (
    "장서 목록",
    "장서 점검",
    "감사 기록",
    "대출 규정",
    "대기자 명단",
    "반납 기한",
    "보존 등급",
    "이용 등급",
    "소장 현황",
    "열람실 전용",
    "직원 전용",
    "최종 독촉",
    "예외 승인",
    "정지 해제",
    "대출 허용",
    "회원 번호",
    "회원 자격",
    "예약 보관",
    "예약 서가",
    "대출 한도",
    "대출 이력",
    "대출 목록",
    "대출 현황",
    "대출 일수",
    "대출 동결",
    "관외 대출",
    "연체 대출",
    "연체 일수",
    "연장 횟수",
    "세부 내용",
    "사용자 이름",
    "지부 이름",
    "페이지 이름",
    "암호 문구",
    "검열 일정",
    "검열 준비",
    "소재 불명",
    "미리 보기",
    "뿌리 열쇠",
    "봉인 열쇠",
    "작가용 화면",
    "스캔 입력란",
    "감독자 승인",
    "오류 보고서",
    "보고서 종류",
    "반납 받",
    "반납받",
    "로그 폴더",
    "로그 파일",
    "독촉 단계",
    "독촉 기준일",
    "자동 잠금",
    "이용 불가",
    "이용 중지",
    "읽기 전용",
    "대출 요약",
    "변경 저장",
    "규정 변경",
    "규정 저장",
    "1차 독촉",
    "2차 독촉",
    "예약 취소",
    "서명 완료",
    "검증 실패",
    "확인 실패",
)
HANGUL = "\uac00-\ud7a3"


def _has_rieul(syllable: str) -> bool:
    code = ord(syllable) - 0xAC00
    return 0 <= code <= 11171 and code % 28 == 8


def join_dependent_nouns(text: str) -> str:
    """수 after a verb's -ㄹ form, 것 after any word, 중 after a noun: joined to the word."""

    def join_su(match: re.Match[str]) -> str:
        before = match.group(1)
        return before + "수" if _has_rieul(before) else match.group(0)

    text = re.sub(rf"([{HANGUL}]) 수(?=[ 만도가는를]|$)", join_su, text)
    text = re.sub(rf"(?<=[{HANGUL}]) 것", "것", text)
    text = re.sub(rf"(?<=[{HANGUL}]) 중(?=[ ,.:;)…·인이입도에]|$)", "중", text)
    text = re.sub(rf"(?<=[{HANGUL}]) (시|전|후)(?=[ ,.:;)…에]|$)", r"\1", text)
    return text


def north_endings(text: str) -> str:
    """되어/되었 -> 되여/되였 (after ㅣ-like vowels), -ㄹ까요 -> -ㄹ가요."""
    text = re.sub(r"(되|뀌|쉬|튀|비|내|개|매|세)어(?=[ 야서도]|$|[.,)])", r"\1여", text)
    text = re.sub(r"(되|뀌|쉬|튀|내|개|매|세)었", r"\1였", text)

    def gayo(match: re.Match[str]) -> str:
        return match.group(1) + "가요" if _has_rieul(match.group(1)) else match.group(0)

    return re.sub(rf"([{HANGUL}])까요", gayo, text)


@functools.cache
def _glossary_words() -> list[tuple[str, str]]:
    """(ko, ko_KP) of every glossary word, each spelt as one, with alternatives paired."""
    return [
        (south, north)
        for term in read_glossary()
        for south, north in zip(term.words["ko"], term.words["ko_KP"], strict=False)
        if "…" not in south and "{" not in south
    ]


def derive(text: str) -> str:
    """The draft ko_KP of the ``ko`` text ``text``."""
    out = text
    for compound in sorted(COMPOUNDS, key=len, reverse=True):
        out = out.replace(compound, compound.replace(" ", ""))
    for south, north in _glossary_words():
        out = out.replace(south.replace(" ", ""), north).replace(south, north)
    for south, north in sorted({**INITIAL_SOUND, **WORDS}.items(), key=lambda p: -len(p[0])):
        out = out.replace(south, north)
    out = out.replace("“", "《").replace("”", "》")
    out = north_endings(out)
    return join_dependent_nouns(out)


def _unescape(text: str) -> str:
    return html.unescape(text)


def fill_drafts(path: Path, drafts: dict[tuple[str, str], str]) -> int:
    """Write ``drafts`` into the unfinished messages of ``path`` (kept unfinished)."""
    text = path.read_text(encoding="utf-8")
    filled = 0

    def context(block: re.Match[str]) -> str:
        nonlocal filled
        name = _unescape(re.search(r"<name>(.*?)</name>", block.group(0), re.S).group(1))

        def message(found: re.Match[str]) -> str:
            nonlocal filled
            body = found.group(0)
            source = _unescape(re.search(r"<source>(.*?)</source>", body, re.S).group(1))
            draft = drafts.get((name, source))
            unfinished = re.search(
                r'<translation type="unfinished"(?:/>|>(.*?)</translation>)', body, re.S
            )
            if draft is None or unfinished is None:
                return body
            filled += 1
            new = f'<translation type="unfinished">{escape(draft)}</translation>'
            return body[: unfinished.start()] + new + body[unfinished.end() :]

        return re.sub(r"<message>.*?</message>", message, block.group(0), flags=re.S)

    text = re.sub(r"<context>.*?</context>", context, text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the drafts, write nothing")
    args = parser.parse_args(argv)
    south, north = read_ts(ts_path("ko")), read_ts(ts_path("ko_KP"))
    todo = sorted(north.unfinished & set(south.translations))
    drafts = {key: derive(south.translations[key]) for key in todo}
    if args.show:
        for (context, source), draft in drafts.items():
            print(f"[{context}] {source!r}\n  ko    {south.translations[(context, source)]}")
            print(f"  ko_KP {draft}")
        return 0
    filled = fill_drafts(ts_path("ko_KP"), drafts)
    print(f"{filled} draft(s) written to {ts_path('ko_KP').name}, marked unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
