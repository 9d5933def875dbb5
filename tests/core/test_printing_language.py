"""Every printed kind in the printing language: each report's PDF, reminder and recall
letters, the desk slip and the bundle's sign-off sheet in 조선어 (ko_KP) carry Korean headings
and no English word but codes, barcodes, names and titles; the CSV keeps its English keys
unless a language is asked for; the setting, its audit entry and the commands' --lang."""

from __future__ import annotations

import csv
import re
from datetime import timedelta

import pytest

from readingroom import (
    circulation,
    clock,
    inspection,
    language,
    reminders,
    reports,
    settings,
    slip,
    staff,
)
from readingroom.errors import BadInput, NotPermitted
from readingroom.language import Words, from_environment, from_locale, words
from readingroom.messages import Phrases, phrase
from readingroom.reports import Options
from readingroom.store.models import AuditEntry
from tests.core.cli_support import BOSS, InProcess
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    SET_TITLE,
    built_collection_fixture,
    calendar_fixture,
    collection_db_fixture,
    pdf_text,
)

#: what may stay Latin in a Korean printout: the collection's own names and titles, the
#: staff's names, codes and the like (each checked word by word)
ALLOWED = {
    # titles, authors and names of the test collection
    "Work",
    "Proof",
    "of",
    "the",
    "Man",
    "Seichō",
    "Matsumoto",
    "Seiichi",
    "Morimura",
    "Kim",
    "Chol-su",
    "Chief",
    "Supervisor",
    "Desk",
    "Librarian",
    "Visiting",
    "Inspector",
    "Lee",
    "Min-jae",
    "boss",
    "lib",
    "insp",
    # the branch's name (a setting, printed as it was typed)
    "Writers",
    "Union",
    "Regional",
    "Branch",
    # the shelves' names (locations are the branch's own words)
    "Safe",
    # file names, programs and formats printed as they are
    "MANIFEST",
    "sha",
    "sig",
    "python",
    "verify_bundle",
    "py",
    "Python",
    "cryptography",
    "inspection-signoff",
    "pdf",
    "SHA-",
    "CSV",
    "audit",
    "list",
    "inspector",
    # a seminar loan's reason, as the supervisor typed it; a return's note
    "Approved",
    "for",
    "seminar",
    "spine",
    "split",
}
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-/.#:]*$")  # APPROVAL_REQUIRED, A001, W-1, #12
#: a hash, a piece of one, or a fingerprint's group of four
HEXISH = re.compile(r"^(?=.*[0-9])[0-9a-f]+$|^[0-9a-f]{1,4}$")
#: file names printed as they are
FILE_NAME = re.compile(r"^[\w-]+(\.(sha256|sig|py|pdf|csv|jsonl|json))+$")


def english_words(text: str) -> list[str]:
    """Latin words of ``text`` that are neither codes, barcodes, hashes nor allowed names."""
    found = []
    for word in re.findall(r"[A-Za-zō][A-Za-zō0-9_\-./#:]*", text):
        word = word.strip(".:,;-")
        if not word or CODE.match(word) or HEXISH.match(word) or FILE_NAME.match(word):
            continue
        if word in ALLOWED:
            continue
        if word.lower() in {w.lower() for w in ALLOWED}:
            continue
        found.append(word)
    return found


def assert_korean(text: str, *headings: str) -> None:
    assert re.search("[\uac00-\ud7a3]", text), text[:200]
    for heading in headings:
        assert heading in text, heading
    assert english_words(text) == [], english_words(text)


@pytest.fixture
def collection(collection_db):
    return collection_db


@pytest.fixture
def boss(collection):
    return staff.get_staff(BOSS)


# -- the mechanism -------------------------------------------------------------------------


def test_a_text_in_each_language_with_its_params():
    assert words("en")("Page {page} of {pages}", page=2, pages=5) == "Page 2 of 5"
    assert words("ko")("Page {page} of {pages}", page=2, pages=5) == "2 / 5"
    assert words("ko_KP")("Dear {name},", name="리명희") == "리명희 동지"
    # a text the catalogue lacks stays in English
    assert words("ko_KP")("Not in the catalogue {x}", x=1) == "Not in the catalogue 1"


def test_values_counts_dates_quotes_and_salutations():
    north, south, english = words("ko_KP"), words("ko"), words("en")
    assert north.value("status", "on-loan") == "대출중"
    assert south.value("status", "available") == "비치 중"
    assert north.value("condition", "good") == "량호" and south.value("condition", "good") == "양호"
    assert english.value("status", "on-loan") == "on-loan"  # English prints the stable word
    assert north.count(3, "copy") == "3부" and english.count(1, "copy") == "1 copy"
    assert north.day(clock.today()).endswith("일") and "년" in north.day("2026-12-07")
    assert english.day("2026-12-07") == "2026-12-07"
    assert north.quote("인간의 증명") == "《인간의 증명》"
    assert south.quote("인간의 증명") == "“인간의 증명”"
    assert north.salutation("리명희") == "리명희 동지"
    assert south.salutation("리명희") == "리명희 님"
    assert english.salutation("리명희") == "Dear 리명희,"


def test_a_particle_after_a_placeholder_takes_the_form_its_word_needs():
    north = words("ko_KP")
    assert north("policy {cell}: {old} to {new}", context="phrase", cell="c", old="a", new="b")
    assert north.phrases("phrase", phrase("back-dated to {day}", day="2026-03-01")) == (
        "2026-03-01로 소급"
    )
    cell = phrase("policy {cell}: {old} to {new}", cell="writer/lendable", old="loan", new="never")
    assert north.phrases("phrase", cell) == "대출규정 writer/lendable: 대출에서 불가로"


def test_a_cell_of_phrases_is_said_phrase_by_phrase_by_their_keys():
    north = words("ko_KP")
    cell = Phrases(
        [
            phrase("last lent to {member} on {day}", member="W-1001", day="2026-08-09"),
            phrase("returned {day}", day="2026-08-25"),
            phrase("{n} reminders sent", n=2),
        ],
        ", ",
    )
    assert cell == "last lent to W-1001 on 2026-08-09, returned 2026-08-25, 2 reminders sent"
    assert north.phrases("phrase", cell) == (
        "마지막 대출: 2026-08-09, W-1001, 2026-08-25 반납, 독촉 2회 발송"
    )


def test_a_plain_sentence_is_never_parsed_back_into_a_phrase():
    """Text typed by a person (a supervisor's reason) that happens to read like a phrase of
    the catalogue stays as it was typed; only a stored word on its own is translated."""
    north = words("ko_KP")
    typed = "back-dated to 2026-03-01; scanned 3 times"
    assert north.phrases("phrase", typed) == typed
    assert north.phrases("phrase", "found") == north.lookup("found", "phrase") != "found"


def test_every_reason_and_note_has_its_sentence_in_both_variants():
    from readingroom.messages import ENGLISH as SENTENCES
    from readingroom.messages import Code, LoanList, Reason, Wording

    for key, template in SENTENCES.items():
        wanted = set(re.findall(r"\{\w+\}", template.text))
        entry = language.catalogue().get(("reason", template.text))
        assert entry is not None, key
        for code in ("ko", "ko_KP"):
            assert set(re.findall(r"\{\w+\}", entry[code])) == wanted, (key, code)
    north = words("ko_KP")
    civilian = north.reason(Reason(Code.ROLE_NOT_PERMITTED, {"role": "civilian"}))
    assert civilian == "일반인에게는 이 자료를 절대 대출할수 없습니다."
    lost = north.reason(Reason(Code.NOT_AVAILABLE, {"status": "lost"}))
    assert "분실" in lost and "lost" not in lost
    loans = Reason(Code.HAS_ACTIVE_LOANS, {"loans": LoanList((("B1", "W1"),), more=2)})
    assert "B1 (W1) 외 2건" in north.reason(loans)
    room = Reason(Code.NOT_FOR_LOAN, wording=Wording.READING_ROOM_ONLY)
    assert north.reason(room) == "이 작품은 열람실에서만 읽을수 있습니다."
    assert words("en").reason(room) == room.message  # English: the domain's own sentence


def test_the_locale_picks_the_variant_by_its_full_tag():
    assert from_locale("ko_KP.UTF-8") == "ko_KP"
    assert from_locale("ko_KR.UTF-8") == "ko"
    assert from_locale("en_GB.UTF-8") == "en"
    assert from_locale("fr_FR.UTF-8") is None
    assert from_environment({"LANG": "ko_KP.UTF-8"}) == "ko_KP"
    assert from_environment({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US"}) == "ko"
    with pytest.raises(BadInput):
        Words("fr")


def test_the_catalogue_keeps_every_placeholder_of_its_english():
    for (context, english), entry in language.catalogue().items():
        wanted = set(re.findall(r"\{\w+\}", english))
        for code, text in entry.items():
            assert set(re.findall(r"\{\w+\}", text)) == wanted, (context, english, code)


# -- the setting ---------------------------------------------------------------------------


def test_the_printing_language_is_a_supervisors_audited_setting(collection, boss):
    assert settings.print_language() == "en"
    with pytest.raises(NotPermitted):
        settings.set_print_language(staff.get_staff("lib"), "ko_KP")
    with pytest.raises(BadInput):
        settings.set_print_language(boss, "fr")
    changed = settings.set_print_language(boss, "ko_KP")
    assert (changed.old, changed.new) == ("en", "ko_KP")
    assert settings.print_language() == "ko_KP"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.entity_id) == ("setting-change", "print_language")


@pytest.mark.parametrize("chosen, printed", [("ko_KP", "ko_KP"), ("ko", "ko"), ("en", "en")])
def test_a_demo_prints_in_the_language_it_was_made_in(db, supervisor, chosen, printed):
    """A demo made in 조선어 prints its reports and letters in 조선어 (a Korean user's first
    preview is not English); an English demo keeps the default."""
    from readingroom import demo

    demo.load_demo(supervisor, chosen)
    assert settings.print_language() == printed


def test_a_demo_made_in_the_norths_korean_reads_in_it(db, supervisor):
    """The 조선어 demo's shelves, its works' notes and its corporate author in Korean (a
    foreign author's name and the titles as the collection has them); English as before."""
    from readingroom import demo
    from readingroom.store.models import Copy, Work

    demo.load_demo(supervisor, "ko_KP")
    places = {copy.location for copy in Copy.select()}
    assert places and all(place.startswith("금고 ") for place in places), places
    notes = {work.notes for work in Work.select() if work.notes}
    assert notes and not [note for note in notes if english_words(note)], notes
    authors = {work.author for work in Work.select()}
    assert "작가동맹 도지부" in authors and "Victor Hugo" in authors


# -- every PDF kind in 조선어 --------------------------------------------------------------

HEADINGS = {
    "inventory": ["장서 소장현황", "바코드", "보존등급", "비치중", "량호", "사서", "서명"],
    "loans": ["현재 대출목록", "반납기한", "리용자", "작가", "간부", "감독자"],
    "overdue": ["연체대출", "연체일수", "독촉단계"],
    "inspection": ["검열보고서", "장서점검", "결과", "있음", "잘못 꽂힘", "검열관", "감독자"],
    "overrides": ["례외승인 내역", "승인자", "APPROVAL_REQUIRED"],
    "condition": ["장서 보존등급", "해짐", "spine split"],
    "circulation": ["대출현황과 수요", SET_TITLE],
    "exceptions": ["례외대장", "례외승인", "장서점검 1에서 찾지 못함"],
    "custody": ["소장본 이동대장", "어디서", "어디로", "서가", "대출대", "대출", "반납"],
}
assert set(HEADINGS) == set(reports.KINDS)


@pytest.mark.parametrize("kind", reports.KINDS)
def test_each_report_pdf_in_the_norths_korean(collection, kind, tmp_path):
    written = reports.write(kind, "pdf", tmp_path / f"{kind}.pdf", Options(language="ko_KP"))
    text = pdf_text(written.path)
    assert_korean(text, *HEADINGS[kind])
    assert re.search(r"1 / \d+", text)  # "Page 1 of N" as Korean pages are numbered


@pytest.mark.parametrize("kind", reports.KINDS)
def test_each_report_pdf_in_the_souths_korean(collection, kind, tmp_path):
    written = reports.write(kind, "pdf", tmp_path / f"{kind}.pdf", Options(language="ko"))
    text = pdf_text(written.path)
    assert_korean(text, "바코드" if kind != "circulation" else "제목", "서명")
    for north in ("리용자", "례외", "량호", "반납기한", "장서점검"):
        assert north not in text, north  # the South's spelling: 이용자, 예외, 양호, 반납 기한


def test_a_back_dated_loan_reads_in_korean_in_the_loans_pdf(collection, boss, tmp_path):
    """A loan copied in from the paper ledger: its stored "back-dated: REASON" prints as
    소급 기록 in 조선어 (the reason as the supervisor wrote it)."""
    circulation.lend(
        boss, "A004", "W2", on=clock.today() - timedelta(days=2), backdate_reason="종이대장"
    )
    written = reports.write("loans", "pdf", tmp_path / "l.pdf", Options(language="ko_KP"))
    text = pdf_text(written.path)
    assert_korean(text, "소급 기록: 종이대장")


def test_the_exceptions_summary_counts_every_kind_in_korean():
    """Every kind of exception counted in 조선어 (a restriction, an incomplete set, a
    membership revived...): no English noun beside a Korean count."""
    from collections import Counter

    from readingroom.reports import exceptions

    line = exceptions.summary_lines(Counter(exceptions.KINDS), words("ko_KP"))[0]
    assert "제한 1건" in line and "불완전한 세트 1건" in line, line
    assert english_words(line.replace("Reading Room", "")) == [], line


def test_the_printing_setting_chooses_the_pdfs_language(collection, boss, tmp_path):
    settings.set_print_language(boss, "ko")
    text = pdf_text(reports.write("inventory", "pdf", tmp_path / "i.pdf").path)
    assert "장서 소장 현황" in text and "비치 중" in text and "양호" in text


def test_the_csv_keeps_its_english_keys_unless_a_language_is_asked_for(collection, boss, tmp_path):
    settings.set_print_language(boss, "ko_KP")
    path = reports.write("inventory", "csv", tmp_path / "plain.csv").path
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0])[:3] == ["barcode", "title", "author"]
    assert {row["status"] for row in rows} <= {"available", "on-loan", "missing", "held"}
    asked = reports.write("inventory", "csv", tmp_path / "ko.csv", Options(language="ko_KP"))
    with asked.path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0])[:3] == ["바코드", "제목", "저자"]
    assert "대출중" in {row["상태"] for row in rows}


def test_reminder_letters_in_the_norths_korean(collection, boss, tmp_path, calendar):
    calendar.shift(30)  # far enough for a final demand
    sent = reminders.send(boss, tmp_path, language="ko_KP")
    assert sent.files
    for path in sent.files:
        text = pdf_text(path)
        assert_korean(text, "회원번호", "반납기한")
    borrower = pdf_text(next(p for p in sent.files if "W1" in p.name))
    assert "리명희 동지" in borrower and "《" in borrower and "Dear" not in borrower
    south = reminders.send(boss, tmp_path / "ko", clock.today() + timedelta(days=1), "ko")
    assert all("님" in pdf_text(p) or not p.exists() for p in south.files)


def test_recall_letters_in_the_norths_korean(collection, boss, tmp_path):
    result = inspection.write_recall_letters(boss, tmp_path, language="ko_KP")
    assert result.files
    for path in result.files:
        assert_korean(pdf_text(path), "회수요청", "회원번호")


def test_the_desk_slip_in_the_norths_korean(collection, boss, tmp_path):
    lent = circulation.lend(staff.get_staff("lib"), "A004", "W2")
    path = tmp_path / "slip.pdf"
    slip.write_slip(path, [lent], "ko_KP")
    text = pdf_text(path)
    assert_korean(text, "대출 령수증", "회원", "반납기한", "A004", "Kim Chol-su (W2)")


def test_the_bundles_sign_off_sheet_in_the_norths_korean(collection, tmp_path):
    from readingroom import bundle
    from tests.core.cli_support import PASSWORD

    boss = staff.authenticate(BOSS, PASSWORD)  # signed in with the password: the seal key
    exported = bundle.export_bundle(boss, tmp_path / "b", ["inventory"], Options(language="ko_KP"))
    text = pdf_text(exported.folder / bundle.SIGNOFF)
    assert_korean(text, "검열 묶음", "명세서", "뿌리열쇠 지문", "소장현황")
    with (exported.folder / "inventory.csv").open(encoding="utf-8") as stream:
        assert next(csv.reader(stream))[0] == "바코드"  # asked for: the CSV follows


# -- the command line ------------------------------------------------------------------------


def test_the_commands_take_lang_and_settings_print_language(
    collection, capsys, monkeypatch, tmp_path
):
    cli = InProcess(collection, capsys, monkeypatch)
    shown = cli("settings", "print-language")
    assert (shown.code, shown.out.strip()) == (0, "Printing language: en (English)")
    assert cli("settings", "print-language", "ko_KP").code == 0
    assert cli("settings", "print-language", "fr").code == 2
    assert cli("settings", "print-language", "ko", user="lib").code == 5
    assert '"print_language": "ko_KP"' in cli("settings", "print-language", "--json").out
    # the setting: the PDF in 조선어, the CSV in its English keys
    assert cli("report", "loans", "--out", str(tmp_path / "l.pdf")).code == 0
    assert "현재 대출목록" in pdf_text(tmp_path / "l.pdf")
    assert cli("report", "loans", "--out", str(tmp_path / "l.csv")).code == 0
    assert (tmp_path / "l.csv").read_text(encoding="utf-8").startswith("barcode,")
    # --lang for one run
    assert cli("report", "loans", "--out", str(tmp_path / "e.pdf"), "--lang", "en").code == 0
    assert "Active loans" in pdf_text(tmp_path / "e.pdf")
    assert cli("report", "loans", "--out", str(tmp_path / "k.csv"), "--lang", "ko").code == 0
    assert (tmp_path / "k.csv").read_text(encoding="utf-8").startswith("바코드,")
    assert cli("inspection", "recall", "--out", str(tmp_path / "r"), "--lang", "ko").code == 0
    assert "님" in pdf_text(next((tmp_path / "r").glob("recall-*.pdf")))
    lend = cli("lend", "A004", "W2", "--slip", str(tmp_path / "s.pdf"), "--lang", "ko")
    assert lend.code == 0, lend.err
    assert "대출 영수증" in pdf_text(tmp_path / "s.pdf")


def test_refusals_on_the_command_line_in_korean_with_lang(collection, capsys, monkeypatch):
    """LANG=ko_KP.UTF-8: a refusal's reasons in 조선어 after their codes; the JSON and its
    English sentences are as always; any other LANG: English."""
    from readingroom import borrowers

    borrowers.add_borrower(staff.get_staff(BOSS), "X1", name="Pak", role="civilian")
    cli = InProcess(collection, capsys, monkeypatch)
    monkeypatch.setenv("LANG", "ko_KP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    refused = cli("check", "A004", "X1")
    assert refused.code == 3
    assert "거절:" in refused.out and "ROLE_NOT_PERMITTED: 일반인에게는" in refused.out
    assert "(례외승인 불가)" in refused.out
    lent = cli("lend", "A004", "X1")
    assert lent.code == 3 and "ROLE_NOT_PERMITTED: 일반인에게는" in lent.err
    as_json = cli("check", "A004", "X1", "--json")
    assert "A civilian may never borrow this." in as_json.out  # JSON: as always
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "A civilian may never borrow this." in cli("check", "A004", "X1").out


def test_every_move_of_the_custody_ledger_is_printed_in_korean(collection, boss, tmp_path):
    from readingroom import custody, room

    for variant in ("ko", "ko_KP"):
        say = words(variant)
        assert all(say.value("move", kind) != kind for kind in custody.KINDS), variant
        assert all(say.value("place", place) != place for place in custody.PLACES), variant
    room.issue(boss, "A004", "W2", seat=2)
    room.return_from_room(boss, "A004")
    for variant, issued in (("ko_KP", "열람실 리용"), ("ko", "열람실 이용")):
        out = tmp_path / f"custody-{variant}.pdf"
        text = pdf_text(reports.write("custody", "pdf", out, Options(language=variant)).path)
        assert issued in text and "열람실에서 돌아옴" in text
        assert "room-issue" not in text and "room-return" not in text
