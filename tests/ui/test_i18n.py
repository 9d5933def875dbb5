"""The Korean translation: in sync with the code, complete, and what a Korean librarian sees.

The window is English (the source language) unless a translation is installed; these tests
install the Korean one through :func:`ui.i18n.install_translator`, as the app does at start.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from readingroom import (
    circulation,
    clock,
    decision,
    first_run,
    holds,
    policy,
    restriction_rules,
    settings,
)
from readingroom.cli import main as cli_main
from readingroom.errors import ReadingRoomError
from readingroom.messages import ENGLISH, Code, LoanList, Note, Reason, Wording
from readingroom.store.db import close_database, open_database
from readingroom.store.models import Borrower, Copy, Hold, Loan, Work
from readingroom.vocabulary import HoldStatus
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from ui import i18n, reasons, registry, writers
from ui.pages.desk import DeskPage

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "readingroom" / "resources" / "translations" / "readingroom_ko.ts"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"%\d+|%[nvm]|\{[a-z_]+\}")
MNEMONIC = re.compile(r"&[^&\s]")


@pytest.fixture
def korean(qapp) -> Iterator[str]:
    """The Korean translation installed as the app installs it; removed afterwards."""
    language = i18n.install_translator(qapp, "ko")
    yield language
    i18n.remove_translators(qapp)


def ts_messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of the Korean .ts."""
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in ET.parse(TS).getroot().iter("context")
        for message in context.iter("message")
    ]


def translated_text(translation: ET.Element) -> str:
    """The translation's text; of a text with a count, its (one Korean) plural form."""
    forms = translation.findall("numerusform")
    return " ".join(form.text or "" for form in forms) if forms else translation.text or ""


# -- the files ----------------------------------------------------------------------------------


def test_the_translation_files_are_in_sync_with_the_code():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_text_is_translated_with_its_placeholders_and_accelerator():
    messages = ts_messages()
    assert len(messages) > 800
    unfinished = [
        source
        for _, source, t in messages
        if t is None
        or t.get("type") in ("unfinished", "obsolete", "vanished")
        or not translated_text(t).strip()
    ]
    assert unfinished == []
    for context, source, translation in messages:
        text = translated_text(translation)
        where = f"[{context}] {source!r} -> {text!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), where
        assert bool(MNEMONIC.search(source)) == bool(MNEMONIC.search(text)), where
        assert re.findall(r"</?\w+>", source) == re.findall(r"</?\w+>", text), where
        for code in Code:
            assert (code in source) == (code in text), where


def test_the_vocabulary_is_used_throughout():
    """One Korean word for each term of the collection's vocabulary."""
    terms = {
        "Stocktake": "장서 점검",
        "Audit log": "감사 기록",
        "Lending policy": "대출 규정",
        "Waiting lists": "대기자 명단",
        "Writer": "작가",
        "Cadre": "간부",
        "Civilian": "일반인",
        "Reading room only": "열람실 전용",
        "Staff only": "직원 전용",
        "inspector": "검열관",
        "supervisor": "감독자",
        "librarian": "사서",
        "Inventory": "소장 현황",
    }
    translated = {source: t.text for _, source, t in ts_messages()}
    assert {source: translated[source] for source in terms} == terms
    texts = [translated_text(t) for _, _, t in ts_messages()]
    assert not [text for text in texts if "감사관" in text]  # the inspector is 검열관


# -- choosing the language ----------------------------------------------------------------------


def test_the_language_comes_from_the_setting_then_the_system():
    korean_system, english_system = QLocale("ko_KR"), QLocale("en_GB")
    north_system = QLocale("ko_KP")
    assert i18n.available_languages() == ["en", "ko", "ko_KP"]
    assert i18n.choose_language("ko", english_system) == "ko"
    assert i18n.choose_language("ko_KP", korean_system) == "ko_KP"
    assert i18n.choose_language("en", korean_system) == "en"
    assert i18n.choose_language("", korean_system) == "ko"
    assert i18n.choose_language("", north_system) == "ko_KP"  # the full tag picks the variant
    assert i18n.choose_language(None, QLocale("ko")) == "ko"
    assert i18n.choose_language(None, english_system) == "en"
    assert i18n.choose_language("fr", english_system) == "en"  # no such translation


def test_installing_english_or_korean(qapp):
    try:
        assert i18n.install_translator(qapp, "en") == "en"
        assert QCoreApplication.translate("MainWindow", "&Session") == "&Session"
        assert i18n.install_translator(qapp, "ko") == "ko" == i18n.current_language()
        assert QCoreApplication.translate("MainWindow", "&Session") == "세션(&S)"
        # Qt's own words (dialog buttons) come from Qt's Korean translation
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
        # and the formats: the circulation chart's months
        assert QLocale().standaloneMonthName(11, QLocale.FormatType.ShortFormat) == "11월"
    finally:
        i18n.remove_translators(qapp)
    assert QCoreApplication.translate("MainWindow", "&Session") == "&Session"
    assert i18n.current_language() == "en"


def test_the_language_menu_stores_the_choice_for_the_next_start(make_window, app_settings):
    window = make_window("librarian", pages=[DeskPage])
    actions = window.language_menu.actions()
    assert [a.data() for a in actions] == ["", "ko_KP", "ko", "en"]
    assert [a.text() for a in actions][1:] == ["조선어", "한국어", "English"]
    assert actions[0].isChecked()  # the system's language until one is chosen
    actions[2].trigger()
    assert app_settings.language == "ko"
    actions[1].trigger()
    assert app_settings.language == "ko_KP"
    assert "next starts" in window.statusBar().currentMessage()
    assert QCoreApplication.translate("MainWindow", "&Session") == "&Session"  # not yet


def test_screenshots_refuse_a_language_without_a_translation(tmp_path, capsys):
    assert cli_main(["screenshots", str(tmp_path / "shots"), "--lang", "xx"]) == 1
    assert "No 'xx' translation" in capsys.readouterr().err
    assert not (tmp_path / "shots").exists()


# -- the window in Korean -----------------------------------------------------------------------


def test_the_window_in_korean(korean, make_window):
    window = make_window("supervisor", pages=registry.page_classes())
    navigation = [window.nav.item(r).text() for r in range(window.nav.count())]
    assert navigation[:4] == ["대출대", "장서 목록", "이용자", "대출 목록"]
    assert "장서 점검" in navigation and "감사 기록" in navigation
    assert all(HANGUL.search(label) for label in navigation)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["세션(&S)", "이동(&G)", "도움말(&H)"]
    assert window.header.user.text().endswith("· 감독자")


def test_a_civilian_is_refused_in_korean_with_the_code_untranslated(korean, qtbot, make_window):
    window = make_window("librarian", pages=[DeskPage])
    page = desk_of(window)
    civilian, copy = borrower("civilian", clean=False), lendable_copy()
    for code in (civilian.member_no, copy.barcode):
        qtbot.keyClicks(page.scan_edit, code)
        qtbot.keyClick(page.scan_edit, "\r")
    wait_for_desk(qtbot, page)
    assert page.banner.tone == "refused"
    assert page.banner.headline.text() == "거절"
    body = page.banner.body.text()
    assert "ROLE_NOT_PERMITTED" in body
    assert "이 이용자의 신분에게는 절대 대출하지 않음" in body  # the code's headline
    assert "일반인에게는 이 자료를 절대 대출할 수 없습니다." in body  # the domain's sentence
    assert "예외 승인 불가" in body
    assert "civilian" not in body and "may never borrow" not in body
    assert "일반인" in page.borrower_panel.details.text()


def test_texts_that_reach_the_window_at_run_time_are_translated(korean, demo_catalogue, tmp_path):
    """The welcome's progress messages (from the domain) and the writers' language names."""
    said: list[str] = []
    close_database()
    try:
        first_run.open_or_create_demo(tmp_path / "new-demo.db", said.append)
        first_run.open_or_create_demo(tmp_path / "new-demo.db", said.append)
    finally:
        close_database()
        open_database(demo_catalogue)
    assert len(said) == 4
    texts = [QCoreApplication.translate("Welcome", text) for text in said]
    texts += [writers.language_name(code) for code in writers.LANGUAGES]
    assert [text for text in texts if not HANGUL.search(text)] == []


# -- the domain's sentences -----------------------------------------------------------------------


def catalogue_copy(barcode: str) -> Copy:
    return Copy.select(Copy, Work).join(Work).where(Copy.barcode == barcode).get()


def domain_reasons(supervisor) -> tuple[list[Reason], list[Note]]:
    """Every reason and note the rules give on the demo catalogue, made to give many kinds:
    a copy set aside, a damaged copy, an inspection in three days, limits of zero."""
    today = clock.today()
    hold = Hold.select().where(Hold.status == HoldStatus.WAITING).order_by(Hold.id).first()
    on_time = [
        loan
        for loan in Loan.select(Loan, Copy)
        .join(Copy)
        .where(Loan.returned_at.is_null() & (Loan.due >= today))
        .order_by(Loan.id)
    ]
    held = next(
        loan
        for loan in on_time
        if (loan.copy.work_id, loan.copy.volume) == (hold.work_id, hold.volume)
    )
    damaged = next(loan for loan in on_time if loan.id != held.id)
    circulation.return_copy(supervisor, held.copy.barcode)  # set aside for the hold
    circulation.return_copy(supervisor, damaged.copy.barcode, condition="damaged")
    for writer in Borrower.select().where(Borrower.id != hold.borrower_id):
        try:  # someone waits for that volume again
            holds.place_hold_on_work(supervisor, hold.work_id, hold.volume, writer.member_no)
            break
        except ReadingRoomError:
            continue
    settings.put("inspection_date", (today + timedelta(days=3)).isoformat())

    def tight(role: str, access: str) -> policy.Rule:
        # one day's loan: a renewal of a loan due later is TOO_SOON
        return replace(policy.rule_for(role, access), days=1, max_items=0, renewals=0)

    # one copy of each access class, status and condition; and of a restricted work
    withheld = restriction_rules.withheld_copy_ids(today)
    kinds = {
        (
            copy.work.access,
            copy.status,
            copy.condition,
            copy.id in withheld,
            restriction_rules.is_set_issue(copy.work_id),
        ): copy
        for copy in Copy.select(Copy, Work).join(Work)
    }
    from readingroom import demo

    demo.reading_room_morning(supervisor)  # a copy at a table: IN_READING_ROOM
    at_table = catalogue_copy(demo.ROOM_MORNING[0][0])
    kinds["in-room", "available", "", False, False] = at_table
    decisions = []
    for lookup in (policy.rule_for, tight):
        for copy in kinds.values():
            for member in Borrower.select():
                decisions.append(decision.decide_lend(copy, member, today, lookup))
        for loan in Loan.select().where(Loan.returned_at.is_null()):
            decisions.append(decision.decide_renew(loan, today, lookup))
    return (
        [r for d in decisions for r in d.reasons],
        # a refusal shows no note, an override would (the freeze refuses every lend here)
        [note for d in decisions for note in d.notes_if_overridden],
    )


def test_every_sentence_of_the_rules_has_its_korean_wording(korean, sign_in):
    found, notes = domain_reasons(sign_in("supervisor"))
    assert {r.code for r in found} == set(decision.ALL_CODES)
    assert notes
    for reason in {(r.key, r.message): r for r in found}.values():
        text = reasons.explain(reason)
        words = text  # the particulars (a barcode, a member number) are data, not words
        for value in reason.params.values():
            words = words.replace(str(value), "")
        assert HANGUL.search(text) and not LATIN_WORD.search(words), (reason, text)
        digits = re.findall(r"\d+(?:-\d+)*", reason.message)
        assert sorted(re.findall(r"\d+(?:-\d+)*", text)) == sorted(digits), (reason, text)
    korean_note = reasons.explain_note(notes[0])
    assert HANGUL.search(korean_note) and not LATIN_WORD.search(korean_note)
    assert notes[0].params["due"].isoformat() in korean_note


def test_every_key_of_the_catalogue_has_english_and_korean(korean):
    """Each code and wording of readingroom/messages.py: an English template, a window text
    with the same placeholders, and that text's Korean."""
    assert set(ENGLISH) == set(Code) | set(Wording)
    assert all(code.name == code.value for code in Code)  # looked up by the plain string too
    assert set(reasons.TEXTS) == set(ENGLISH)
    for key, template in ENGLISH.items():
        window = reasons.TEXTS[key]
        names = set(PLACEHOLDER.findall(template.text))
        assert set(PLACEHOLDER.findall(window)) == names, key
        assert template.one is None or set(PLACEHOLDER.findall(template.one)) == names, key
        assert reasons.is_translated(window), key
        korean_text = reasons.translate(window)
        assert HANGUL.search(korean_text), (key, korean_text)
        assert set(PLACEHOLDER.findall(korean_text)) == names, (key, korean_text)


def test_new_particulars_are_rendered_in_korean(korean):
    """The particulars come from the reason's params, whatever they are: dates, counts, a
    role, a copy's status, the loans an edit would leave."""
    for day in (date(2031, 2, 28), date(2029, 12, 1)):
        expired = Reason(Code.BORROWER_EXPIRED, {"expires": day})
        assert expired.message == f"The membership expired on {day.isoformat()}."
        assert reasons.explain(expired) == f"회원 자격이 {day.isoformat()}에 만료되었습니다."
    limit = Reason(Code.LOAN_LIMIT, {"held": 17, "limit": 12})
    assert limit.message == "The borrower already has 17 items on loan (limit 12)."
    assert reasons.explain(limit) == "이용자가 이미 17부를 대출 중입니다(한도 12부)."  # copies: 부
    cadre = Reason(Code.APPROVAL_REQUIRED, {"role": "cadre"})
    assert reasons.explain(cadre).startswith("간부에게는")
    brought = Note(
        Wording.DUE_BROUGHT_FORWARD, {"due": date(2026, 3, 3), "inspection": date(2026, 3, 4)}
    )
    assert "2026-03-03으로 앞당겨졌습니다" in reasons.explain_note(brought)  # 삼: 으로
    brought = Note(
        Wording.DUE_BROUGHT_FORWARD, {"due": date(2026, 3, 1), "inspection": date(2026, 3, 2)}
    )
    assert "2026-03-01로 앞당겨졌습니다" in reasons.explain_note(brought)  # 일: 로
    assert not [
        t
        for _, _, t in ts_messages()
        if re.search(r"\((은|는|이|가|을|를|와|과)\)", translated_text(t))
    ]
    lost = reasons.explain(Reason(Code.NOT_AVAILABLE, {"status": "lost"}))
    assert HANGUL.search(lost) and "lost" not in lost
    loans = LoanList((("B7", "W3"), ("B9", "W4")), more=5)
    edit = Reason(Code.HAS_ACTIVE_LOANS, {"loans": loans})
    assert edit.message == (
        "This change would leave current loans the rules forbid: B7 lent to W3, B9 lent to W4 "
        "and 5 more. Take them back first."
    )
    assert reasons.explain(edit) == (
        "이 변경을 하면 규정이 금지하는 대출이 남습니다: B7 (W3), B9 (W4) 외 5건. "
        "먼저 반납받으십시오."
    )


def test_in_english_the_rules_speak_for_themselves(sign_in):
    assert i18n.current_language() == "en"
    found, notes = domain_reasons(sign_in("supervisor"))
    assert [reasons.explain(r) for r in found] == [r.message for r in found]
    assert [reasons.explain_note(n) for n in notes] == [n.message for n in notes]


def test_the_english_sentences_are_those_of_the_command_line():
    """The catalogue renders the exact sentences the command line has always printed."""
    day = date(2026, 3, 1)
    said = {
        Reason(Code.ROLE_NOT_PERMITTED, {"role": "civilian"}): "A civilian may never borrow this.",
        Reason(Code.HAS_OVERDUE, {"overdue": 1}): "The borrower holds 1 overdue loan.",
        Reason(Code.HAS_OVERDUE, {"overdue": 2}): "The borrower holds 2 overdue loans.",
        Reason(Code.WAITING_LIST, {"waiting": 1}): "1 other borrower is waiting for this work.",
        Reason(Code.WAITING_LIST, {"waiting": 3}): "3 other borrowers are waiting for this work.",
        Reason(Code.RENEWAL_LIMIT, {"renewals": 0, "limit": 0}): (
            "The loan has been renewed 0 times (limit 0)."
        ),
        Reason(Code.ON_LOAN, {"due": day}): "This copy is already lent (due 2026-03-01).",
        Reason(Code.NOT_FOR_LOAN, wording=Wording.READING_ROOM_ONLY): (
            "This work may be read in the reading room only."
        ),
    }
    assert [str(reason) for reason in said] == [reason.message for reason in said]
    assert [reason.message for reason in said] == list(said.values())
    note = Note(Wording.DUE_BROUGHT_FORWARD, {"due": day, "inspection": date(2026, 3, 2)})
    assert str(note) == (
        "The due date is brought forward to 2026-03-01, the day before the inspection on "
        "2026-03-02."
    )


# -- two Korean variants: 조선어 (ko_KP, the North's standard) and 한국어 (ko, the South's) ------

TS_KP = TS.with_name("readingroom_ko_KP.ts")
#: spellings of the North's standard that the South's file must not use
NORTH_ONLY = ("리용", "페지", "되였", "되여", "리유", "프로그람", "웃부분", "례외", "량호", "리력")


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SCRIPT = ROOT / "scripts" / "build_translations.py"


def test_ko_is_the_souths_standard_throughout():
    texts = [translated_text(t) for _, _, t in ts_messages()]
    assert [t for t in texts if any(word in t for word in NORTH_ONLY)] == []
    assert not [t for t in texts if "대출 가능" in t or "재고" in t or "차 통지" in t]


@pytest.mark.parametrize(("language", "word"), [("ko", "이용자"), ("ko_KP", "리용자")])
def test_each_variant_shows_its_own_word_in_the_window(qapp, make_window, language, word):
    try:
        assert i18n.install_translator(qapp, language) == language
        window = make_window("supervisor", pages=registry.page_classes())
        navigation = [window.nav.item(r).text() for r in range(window.nav.count())]
        assert word in navigation
        assert {"이용자", "리용자"} - {word} & set(navigation) == set()
    finally:
        i18n.remove_translators(qapp)


def test_a_text_unfinished_in_ko_kp_shows_in_ko(qapp):
    """Qt asks the ko_KP translation first, then ko's, then shows the English."""
    build = load_build_script()
    unfinished = build.read_ts(TS_KP).unfinished
    korean = build.read_ts(TS).translations
    try:
        i18n.install_translator(qapp, "ko_KP")
        for context, source in sorted(unfinished):
            expected = korean.get((context, source), source)  # else the English
            assert QCoreApplication.translate(context, source) == expected
        assert QCoreApplication.translate("MainWindow", "&Session") == "세션(&S)"
        assert QCoreApplication.translate("BorrowersPage", "Borrowers") == "리용자"
        # Qt's own words: qtbase_ko_KP falls back to Qt's Korean
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    finally:
        i18n.remove_translators(qapp)


def test_the_fallback_from_the_variant_to_its_language(qapp, tmp_path, monkeypatch):
    """A made-up pair of files: a text missing in ko_KP comes from ko."""
    build = load_build_script()
    folder = tmp_path / "translations"
    folder.mkdir()
    texts = {
        "ko": {"Borrowers": "이용자", "Loans": "대출"},
        "ko_KP": {"Borrowers": "리용자"},
    }
    for language, pairs in texts.items():
        messages = "".join(
            f"<message><source>{s}</source><translation>{t}</translation></message>"
            for s, t in pairs.items()
        )
        ts = folder / f"readingroom_{language}.ts"
        ts.write_text(
            f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
            f'language="{language}"><context><name>T</name>{messages}</context></TS>',
            encoding="utf-8",
        )
        build.release(ts, ts.with_suffix(".qm"))
    monkeypatch.setattr(i18n, "resource", lambda *parts: tmp_path.joinpath(*parts))
    try:
        assert i18n.install_translator(qapp, "", QLocale("ko_KP")) == "ko_KP"
        assert QCoreApplication.translate("T", "Borrowers") == "리용자"
        assert QCoreApplication.translate("T", "Loans") == "대출"  # from ko
        assert QCoreApplication.translate("T", "Holds") == "Holds"  # in neither
        assert i18n.install_translator(qapp, "", QLocale("ko_KR")) == "ko"
        assert QCoreApplication.translate("T", "Borrowers") == "이용자"
    finally:
        i18n.remove_translators(qapp)


def test_the_glossary_check_finds_a_term_translated_otherwise():
    build = load_build_script()
    terms = build.read_glossary()
    assert {"borrower", "override", "good (condition)", "history", "year", "file"} <= {
        t.english for t in terms
    }
    assert build.glossary_problems(terms) == []
    wrong = {
        ("Labels", "Good"): "양호",  # the South's word in the North's file
        ("BorrowersPage", "%1 borrowers"): "리용자 %1명",
        ("InspectionLabels", "Inventory"): "재고",
        ("ProgressPanel", "%1 of %2 found"): "%2권 중 %1권 확인",
        ("Labels", "Lendable"): "대출 가능",
    }
    catalogue = build.Catalogue(frozenset(wrong), frozenset(), wrong)
    problems = "\n".join(build.translation_problems("ko_KP", catalogue, terms))
    assert "'good (condition)' is '량호'" in problems
    assert "%1 borrowers" not in problems
    assert "'재고' is retired" in problems and "'inventory' is '소장현황'" in problems
    assert "copies are counted in 부" in problems
    assert "'대출 가능' is retired" in problems
    one_word = {  # one word per concept in each variant, and the words that only look alike
        ("ChangePasswordDialog", "New password"): "새 비밀번호",  # the South's word
        ("AuditPage", "&Keep a checkpoint"): "검증기준점 보관(&K)",
        ("CopyPage", "At conservation"): "보수중",
        ("Labels", "desk"): "데스크",
        ("EncryptDialog", "Encrypt the catalogue with a passphrase"): "암호문구로 장서목록 암호화",
        ("AboutDialog", "Open the desktop app"): "데스크톱 프로그람 열기",
    }
    catalogue = build.Catalogue(frozenset(one_word), frozenset(), one_word)
    problems = "\n".join(build.translation_problems("ko_KP", catalogue, terms))
    assert "'비밀번호' is retired ('password')" in problems
    assert "'검증기준점' is retired ('checkpoint')" in problems
    assert "'보수' is retired ('conservation')" in problems
    assert "'데스크' is retired ('desk')" in problems
    assert "암호문구로" not in problems and "데스크톱" not in problems
    south = {("ChangePasswordDialog", "New password"): "새 암호", ("Labels", "x"): "암호화"}
    catalogue = build.Catalogue(frozenset(south), frozenset(), south)
    problems = "\n".join(build.translation_problems("ko", catalogue, terms))
    assert "'password' is '비밀번호'" in problems and "'암호' is retired" in problems
    assert "암호화" not in problems  # encryption is not the password
    twice = [*terms, replace(terms[0], english="reader (another)")]
    assert "stands for both 'borrower' and 'reader (another)'" in "\n".join(
        build.glossary_problems(twice)
    )


def test_the_glossary_has_a_phrase_book_per_variant():
    build = load_build_script()
    terms = build.read_glossary()
    for language in ("ko", "ko_KP"):
        book = ET.parse(build.phrase_book_path(language)).getroot()
        pairs = {p.findtext("source"): p.findtext("target") for p in book.iter("phrase")}
        assert pairs["borrower"] == {"ko": "이용자", "ko_KP": "리용자"}[language]
        assert len(pairs) == len(terms)


def test_the_ko_kp_draft_follows_the_norths_spelling():
    spec = importlib.util.spec_from_file_location(
        "derive_ko_kp", ROOT / "scripts" / "derive_ko_kp.py"
    )
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        derive = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(derive)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    drafts = {
        "감독자가 예외 승인할 수 있습니다": "감독자가 례외승인할수 있습니다",  # 례, 수 joined
        "이용자 이력": "리용자 리력",  # no initial-sound rule
        "보존 상태가 양호": "보존 상태가 량호",
        "연도": "년도",
        "대출이 동결되었습니다": "대출이 동결되였습니다",
        "반납되어야 합니다": "반납되여야 합니다",
        "장서 점검을 마감할까요?": "장서점검을 마감할가요?",  # -ㄹ가요, a compound
        "연장 횟수": "연장회수",
        "반납 기한 {due}": "반납기한 {due}",
        "저장했습니다: “%1”": "저장했습니다: 《%1》",
        "나쁜 것부터": "나쁜것부터",
        "대출 중인 소장본": "대출중인 소장본",
        "로그 파일, 이 컴퓨터": "로그화일, 이 콤퓨터",
        "한국어": "조선어",
        "검열일까지": "검열일까지",  # 까지 is not -ㄹ까
        "예약 보관": "예약보관",
        "예약": "예약",  # 豫 is 예 in both
    }
    assert {south: derive.derive(south) for south in drafts} == drafts


def test_no_translator_is_left_installed_for_other_tests():
    assert i18n.current_language() == "en"
    assert QApplication.translate("MainWindow", "&Go") == "&Go"
