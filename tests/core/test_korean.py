"""Korean particles chosen from the word before them (readingroom/korean.py)."""

from __future__ import annotations

import pytest

from readingroom import korean


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("간부", "는"),  # a vowel
        ("작가", "는"),
        ("일반인", "은"),  # ㄴ
        ("감독자", "는"),
        ("검열관", "은"),
        ("리명희", "는"),
        ("“전쟁과 평화”", "는"),  # through the closing quote
        ("《전쟁과 평화》", "는"),
        ("장서 점검(3)", "은"),  # the aside in brackets is skipped: 점검
        ("B7", "은"),  # 칠
        ("W2", "는"),  # 이
        ("10", "은"),  # 십
        ("100", "은"),  # 백
        ("2000", "은"),  # 천
        ("0", "은"),  # 영
        ("ROLE", "는"),  # 이 (E)
        ("civilian", "은"),  # 엔 (N)
        ("Seoul", "은"),  # 엘 (L)
    ],
)
def test_topic_particle(word, expected):
    assert korean.particle(word, "은") == expected
    assert korean.particle(word, "은(는)") == expected


def test_each_pair():
    assert korean.attach("리명희", "을") == "리명희를"
    assert korean.attach("리철수", "이") == "리철수가"
    assert korean.attach("김정숙", "이") == "김정숙이"
    assert korean.attach("사서", "와") == "사서와"
    assert korean.attach("검열관", "와") == "검열관과"
    assert korean.attach("B7", "을(를)") == "B7을"


def test_euro_takes_ro_after_a_vowel_and_after_rieul():
    assert korean.attach("사서", "(으)로") == "사서로"
    assert korean.attach("서울", "(으)로") == "서울로"  # ㄹ
    assert korean.attach("검열관", "(으)로") == "검열관으로"
    assert korean.attach("2026-03-01", "(으)로") == "2026-03-01로"  # 일: ㄹ
    assert korean.attach("2026-03-03", "(으)로") == "2026-03-03으로"  # 삼
    assert korean.attach("2026-03-10", "(으)로") == "2026-03-10으로"  # 십
    assert korean.attach("2026-03-02", "(으)로") == "2026-03-02로"  # 이


def test_a_word_that_cannot_be_read_keeps_both_forms():
    assert korean.attach("人間の証明", "을") == "人間の証明을(를)"
    assert korean.attach("", "(으)로") == "(으)로"
    with pytest.raises(ValueError):
        korean.particle("간부", "의")


def test_resolve_a_whole_sentence():
    assert (
        korean.resolve("간부은(는) 감독자 승인이 있어야 합니다.")
        == "간부는 감독자 승인이 있어야 합니다."
    )
    assert korean.resolve("일반인은(는) 안 됩니다") == "일반인은 안 됩니다"
    assert (
        korean.resolve("반납 기한이 2026-03-03(으)로 앞당겨졌습니다.")
        == "반납 기한이 2026-03-03으로 앞당겨졌습니다."
    )
    assert korean.resolve("리명희와(과) 김정숙이(가) 서명") == "리명희와 김정숙이 서명"
    assert korean.resolve("이미 정해진 문장입니다.") == "이미 정해진 문장입니다."
    assert korean.resolve("(으)로 시작") == "(으)로 시작"  # nothing before it to read
