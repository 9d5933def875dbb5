"""The command line in 조선어 and 한국어: help, argparse's own texts, messages and tables, by
``LANG`` (full tag) or ``readingroom --lang``; JSON, reason codes and English unchanged."""

from __future__ import annotations

import argparse
import re
import sqlite3
from collections.abc import Iterator

import pytest

from readingroom import guards
from readingroom.cli import build_parser, localise
from readingroom.cli.context import table
from readingroom.language import KOREAN, catalogue
from readingroom.store.db import latest_schema_version
from readingroom.wording import display_width
from tests.core.cli_support import InProcess
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    SET_TITLE,
    built_collection_fixture,
    calendar_fixture,
    collection_db_fixture,
)

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def speak(monkeypatch):
    """``speak("ko_KP.UTF-8")``: the environment's locale, nothing else asking."""

    def set_locale(name: str) -> None:
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        monkeypatch.setenv("LANG", name)
        localise.choose(None)

    set_locale("C.UTF-8")
    yield set_locale
    localise.choose(None)


@pytest.fixture
def cli(collection_db, capsys, monkeypatch):
    return InProcess(collection_db, capsys, monkeypatch)


def parsers(
    parser: argparse.ArgumentParser, path: str = "readingroom"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line, by its command (an alias once)."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.prog.split()[-1] == name:
                    yield from parsers(sub, f"{path} {name}")


def help_texts() -> dict[str, str]:
    """Every help, description and epilog of every command -> the first command showing it."""
    texts: dict[str, str] = {}
    for path, parser in parsers(build_parser()):
        shown = [parser.description, parser.epilog]
        for action in parser._actions:
            shown.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                shown += [choice.help for choice in action._choices_actions]
        for text in shown:
            if text and text != argparse.SUPPRESS:
                texts.setdefault(text, path)
    return texts


def test_every_help_text_of_every_command_is_in_both_korean_variants():
    """A help added without its ko and ko_KP texts (context ``cli`` of the domain's
    catalogue) fails here, named with its command."""
    entries = catalogue()
    missing = [
        f"{path}: {text!r} (no {', '.join(v for v in KOREAN if v not in entry)})"
        for text, path in sorted(help_texts().items(), key=lambda item: item[1])
        for entry in [entries.get((localise.CONTEXT, text), {})]
        if any(variant not in entry for variant in KOREAN)
    ]
    assert len(help_texts()) > 150
    assert not missing, "help texts with no Korean in domain.csv:\n" + "\n".join(missing)


def test_lend_help_in_the_norths_korean(cli, speak):
    speak("ko_KP.UTF-8")
    shown = cli("lend", "--help")
    assert shown.code == 0
    assert shown.out.startswith("사용법: readingroom lend")
    assert "위치인수:" in shown.out and "선택항목:" in shown.out
    assert "이 도움말을 보이고 끝냅니다" in shown.out
    assert "감독자의 례외승인 (사유와 함께)" in shown.out
    assert "--override REASON" in shown.out  # options and metavars as typed


def test_lend_help_in_the_souths_korean(cli, speak):
    speak("ko_KR.UTF-8")
    shown = cli("lend", "--help")
    assert shown.out.startswith("사용법: readingroom lend")
    assert "위치 인수:" in shown.out and "선택 항목:" in shown.out
    assert "감독자의 예외 승인 (사유와 함께)" in shown.out


def test_korean_help_lines_fit_the_terminal_by_display_width(cli, speak, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    speak("ko_KP.UTF-8")
    shown = cli("settings", "--help").out
    assert HANGUL.search(shown)
    assert max(display_width(line) for line in shown.splitlines()) <= 60


def test_english_help_is_argparses_own(speak):
    """Not Korean: every command's help is what argparse's own formatter makes."""
    for _path, parser in parsers(build_parser()):
        ours = parser.format_help()
        parser.formatter_class = argparse.HelpFormatter
        assert parser.format_help() == ours


def test_argparses_errors_in_korean(cli, speak):
    speak("ko_KP.UTF-8")
    missing = cli("lend")
    assert missing.code == 2
    assert missing.err.startswith("사용법: readingroom lend")
    assert "readingroom lend: 오류: 다음 인수가 필요합니다: barcode, member_no" in missing.err
    wrong = cli("return", "A004", "--condition", "soggy")
    assert wrong.code == 2
    assert "인수 --condition: 잘못된 선택: 'soggy' (다음 중에서 고르십시오:" in wrong.err
    assert "옹근수가 아닙니다: 'x'" in cli("search", "a", "--limit", "x").err
    speak("C.UTF-8")
    assert "error: the following arguments are required: barcode" in cli("lend").err


def test_lang_before_the_command_chooses_the_command_lines_language(cli, speak, tmp_path):
    speak("C.UTF-8")
    assert "감독자의 예외 승인" in cli("--lang", "ko", "lend", "--help").out
    speak("ko_KP.UTF-8")
    assert "supervisor's override with a reason" in cli("--lang", "en", "lend", "--help").out
    # a command's own --lang still chooses what it prints, apart from the command line's
    args = build_parser().parse_args(
        ["--lang", "ko_KP", "report", "loans", "--out", "l.pdf", "--lang", "en"]
    )
    assert (args.interface_language, args.lang) == ("ko_KP", "en")
    shown = cli(
        "--lang", "ko_KP", "report", "loans", "--out", str(tmp_path / "l.pdf"), "--lang", "en"
    )
    assert shown.code == 0, shown


def test_the_desk_speaks_korean_and_its_json_and_codes_do_not(cli, speak):
    speak("C.UTF-8")
    english = cli("check", "A004", "W2", "--json").json()
    refused = cli("check", "A004", "C1", "--json").json()
    speak("ko_KP.UTF-8")
    assert cli("check", "A004", "W2", "--json").json() == english
    assert cli("check", "A004", "C1", "--json").json() == refused
    codes = [reason["code"] for reason in refused["reasons"]]
    assert codes and all(f"  {code}: " in cli("check", "A004", "C1").out for code in codes)
    lent = cli("lend", "A004", "W2")
    assert lent.code == 0, lent
    assert re.fullmatch(
        r"A004를 W2에게 대출하였습니다\. 반납기한은 \d{4}-\d\d-\d\d입니다\.\n", lent.out
    ), lent.out
    back = cli("return", "A004")
    assert back.out == "A004를 반납받았습니다. 지금 상태: 비치중.\n"
    as_json = cli("lend", "A004", "W2", "--json").json()
    assert as_json["allowed"] is True and "due" in as_json  # keys as always
    speak("ko_KR.UTF-8")
    assert cli("return", "A004").out == "A004를 반납받았습니다. 지금 상태: 비치 중.\n"
    refused = cli("lend", "A004", "C9")  # an unknown member: the error in Korean
    assert refused.code == 1
    assert refused.err == "알 수 없는 회원 번호 'C9'입니다.\n"


def test_sign_in_and_database_failures_in_korean(cli, speak, tmp_path):
    speak("ko_KP.UTF-8")
    wrong = cli("borrower", "show", "W2", password="not-it")
    assert wrong.code == 5
    assert wrong.err.startswith("이름 또는 암호가 틀렸습니다.")  # the North's word for password
    speak("ko_KR.UTF-8")
    south = cli("borrower", "show", "W2", password="not-it")
    assert south.err.startswith("이름 또는 비밀번호가 틀렸습니다.")  # the South's, as its window
    speak("ko_KP.UTF-8")
    nowhere = tmp_path / "none.db"
    gone = InProcess(nowhere, cli.capsys, cli.monkeypatch)("search", "x")
    assert gone.code == 1
    assert gone.err.startswith(f"{nowhere}에 자료기지가 없습니다.")
    assert f"'readingroom --db {nowhere} init'" in gone.err


def test_a_table_in_korean_lines_up_by_display_width(speak):
    speak("ko_KP.UTF-8")
    lines = table(
        [["리명희", "W-1", "good"], ["Kim Chol-su", "W-22", "ragged"]],
        ["name", "member", "condition"],
    )
    assert lines[0].split() == ["이름", "회원번호", "보존등급"]
    assert lines[2].endswith("량호") and lines[3].endswith("해짐")  # stored words, translated
    for column in lines[0].split()[1:]:  # every column starts at one display column
        start = display_width(lines[0][: lines[0].index(column)])
        assert {display_width(line[: start_of(line, start)]) for line in lines[1:]} == {start}


def start_of(line: str, columns: int) -> int:
    """The index in ``line`` at ``columns`` display columns."""
    used = 0
    for index, char in enumerate(line):
        if used >= columns:
            return index
        used += display_width(char)
    return len(line)


def test_search_in_korean_names_its_columns_and_access(cli, speak):
    speak("C.UTF-8")
    english = cli("search", "Proof")
    assert english.out.splitlines()[0].split()[:3] == ["title", "author", "translator"]
    as_json = cli("search", "Proof", "--json").json()
    speak("ko_KR.UTF-8")
    header = cli("search", "Proof").out.splitlines()[0]
    assert header.split()[:3] == ["제목", "저자", "번역자"]
    assert "이용 등급" in header
    assert cli("search", "Proof", "--json").json() == as_json


def test_the_reading_room_in_korean_lines_up_with_a_hangul_name(cli, speak):
    speak("ko_KP.UTF-8")
    added = cli("borrower", "add", "W9", "--name", "리명희", "--role", "writer")
    assert added.out.startswith("W9를 등록하였습니다.\n"), added.out
    issued = cli("room", "issue", "A004", "W9")
    assert issued.code == 0, issued
    assert re.fullmatch(r"A004: W9, \d+번 좌석에서 열람중입니다\.\n", issued.out), issued.out
    shown = cli("room", "status").out.splitlines()
    assert re.fullmatch(r"열람실에 나간 소장본 1부 \(좌석 \d+개\):", shown[0])
    header, rule, row = shown[1:]
    assert header.split() == ["좌석", "바코드", "제목", "리용자", "시작", "경과"]
    assert "리명희 (W9)" in row
    # the reader's column starts at one display column in the header, the rule and the row
    starts = {
        display_width(line[: line.index(mark)])
        for line, mark in [(header, "리용자"), (row, "리명희")]
    }
    assert len(starts) == 1
    assert display_width(rule.split("  ")[0]) == display_width("좌석")
    back = cli("room", "return", "A004")
    assert re.fullmatch(r"A004가 \d+번 좌석에서 돌아왔습니다\. 지금 상태: 비치중\.\n", back.out)


def test_a_copy_and_a_plain_reason_in_korean(cli, speak):
    speak("ko_KP.UTF-8")
    shown = cli("copy", "show", "A004").out
    assert "(전 1권 중 제1권)" in shown
    assert "  상태: 비치중" in shown and "보존등급: " in shown


def test_counts_and_a_reports_kind_in_a_message(cli, speak, tmp_path):
    speak("ko_KP.UTF-8")
    wrote = cli("report", "overdue", "--out", str(tmp_path / "o.csv"))
    assert re.fullmatch(
        rf"연체대출 보고서\(\d+행\)를 {re.escape(str(tmp_path))}/o\.csv에 썼습니다\.\n", wrote.out
    ), wrote.out
    verified = cli("audit", "verify").out
    assert re.match(r"감사기록이 온전합니다: 항목 \d+개, 마지막 해시 [0-9a-f]{64}\. ", verified)


def test_a_copys_moves_name_their_places(cli, speak):
    speak("ko_KR.UTF-8")
    moves = cli("copy", "history", "A003").out.splitlines()
    assert moves[0].split()[:4] == ["기록", "번호", "일시", "이동"]
    assert any("서가 -> 대출대" in line and "대출" in line for line in moves[2:]), moves


def test_the_desks_bad_input_in_korean(cli, speak):
    speak("ko_KP.UTF-8")
    bad_day = cli("lend", "A004", "W2", "--date", "2026-13-01", "--reason", "late entry")
    assert bad_day.code == 1
    assert bad_day.err == "잘못된 날자 '2026-13-01': YYYY-MM-DD 형식으로 쓰십시오.\n"
    speak("ko_KR.UTF-8")
    no_seat = cli("room", "issue", "A004", "W2", "--seat", "999")
    assert no_seat.code == 1
    assert re.fullmatch(
        r"열람실의 좌석은 1번부터 \d+번까지입니다\. 999번 좌석은 없습니다\.\n", no_seat.err
    ), no_seat.err


def test_a_borrower_in_korean(cli, speak):
    speak("ko_KP.UTF-8")
    shown = cli("borrower", "show", "W2").out.splitlines()
    assert shown[0] == "W2: Kim Chol-su (작가, 유효)"
    assert any(re.fullmatch(r"  A003  .+  반납기한 \d{4}-\d\d-\d\d", line) for line in shown)


def test_the_catalogues_keepers_say_it_in_korean(cli, speak):
    """Staff accounts, the policy and the audit trail: results with their stored words and
    counts in the language, refusals with the roles they want (``librarian or supervisor``
    as each word, joined in Korean)."""
    speak("ko_KP.UTF-8")
    rule = cli(
        "policy", "set", "writer", "lendable", "loan", "--days", "21", "--max", "3",
        "--renewals", "1",
    )  # fmt: skip
    assert rule.out == "작가 × 대출용: 대출 (21일, 최대 3부, 연장 1회)\n"
    assert cli("policy", "condition", "worn", "reading-room").out == (
        "보존등급이 낡음인 소장본: 대출 -> 열람실 리용.\n"
    )
    lend = cli("lend", "A004", "W2", user="insp")
    assert lend.code == 5
    assert lend.err == "insp(검열관)는 이 일을 할수 없습니다. 사서 또는 감독자가 해야 합니다.\n"
    own = cli("staff", "disable", "boss")
    assert (own.code, own.err) == (1, "자신의 계정은 사용중지할수 없습니다.\n")
    kept = cli("audit", "checkpoint")
    assert re.fullmatch(
        r"검사점을 보관하였습니다: 항목 1-\d+의 상태\(부분 \d+개에 나눈 \d+행\), 서명자 boss, "
        r"항목 \d+\. 이후의 검사는 그 뒤의 항목만 재현합니다\.\n",
        kept.out,
    ), kept.out
    speak("C.UTF-8")
    assert cli("staff", "disable", "boss").err == "You cannot disable your own account.\n"


def test_backups_and_a_damaged_file_in_korean(cli, speak, tmp_path):
    speak("ko_KP.UTF-8")
    out = tmp_path / "b.db"
    made = cli("backup", "--out", str(out))
    assert re.fullmatch(rf"{re.escape(str(out))}에 백업하였습니다 \([\d,]+바이트\)\.\n", made.out)
    again = cli("backup", "--out", str(out))
    assert again.code == 1
    assert again.err == (
        f"{out}가 이미 있습니다. 백업은 화일을 덮어쓰지 않습니다. 새 이름을 고르십시오.\n"
    )
    mixed = cli("restore", str(out), "--reason", "lost")
    assert (
        mixed.err == "--reason은 --unverified와 함께 씁니다. 검증된 복원에는 필요하지 않습니다.\n"
    )
    empty = tmp_path / "empty.db"
    empty.touch()
    damaged = InProcess(empty, cli.capsys, cli.monkeypatch)("search", "x")
    assert damaged.code == 1
    assert damaged.err.startswith(f"{empty}가 비여 있어 Reading Room 자료기지가 아닙니다.")


def test_settings_and_the_central_database_in_korean(cli, speak, tmp_path):
    speak("ko_KP.UTF-8")
    spaced = cli("settings", "scanner-prefix", "a b")
    assert spaced.code == 1
    assert spaced.err.startswith("스캐너가 앞에 보내는 문자 'a b'에 공백이나 제어문자가 있습니다.")
    branch = cli("central", "init")  # the branch's own catalogue is never made central
    assert branch.code == 1
    assert branch.err.startswith(f"{cli.db}는 중앙자료기지가 아니라 지부의 장서목록입니다.")
    central = tmp_path / "central.db"
    made = InProcess(central, cli.capsys, cli.monkeypatch)("central", "init")
    assert made.out == f"중앙자료기지 {central}를 만들었습니다.\n"


def test_the_desks_keyed_errors_in_the_norths_korean(cli, speak):
    """Errors raised keyed (said): a field's name, a barcode and a stored word each in
    조선어, the particle chosen by the barcode's last sound."""
    speak("ko_KP.UTF-8")
    bad_role = cli("borrower", "add", "W10", "--name", "리철수", "--role", "pirate")
    assert bad_role.code == 1
    assert bad_role.err == (
        "알수 없는 신분 'pirate': writer, cadre, civilian 중 하나를 쓰십시오.\n"
    ), bad_role.err
    not_lent = cli("return", "A004")
    assert not_lent.code == 1
    assert not_lent.err == "A004는 대출중이 아닙니다.\n", not_lent.err
    twice = cli("copy", "mark", "A004", "available")
    assert twice.err == "A004는 이미 비치중 상태입니다. 아무것도 바뀌지 않았습니다.\n"


def test_the_desks_keyed_results_in_the_norths_korean(cli, speak):
    """Results keyed where they are made: a refusal's head and reasons, a restriction
    naming its copy, a member's notes counted (메모 N건) and the room's seats (좌석 N개)."""
    speak("ko_KP.UTF-8")
    refused = cli("check", "A004", "C1").out.splitlines()
    assert refused[0] == "거절:" and all(line.startswith("  ") for line in refused[1:])
    placed = cli("restrict", "A004", "--reason", "검열", "--authority", "지부")
    assert placed.code == 0, placed
    assert re.fullmatch(
        r"제한 \d+ \(소장본 A004, .+\): \d{4}-\d\d-\d\d부터, 지시 기관: 지부\.\n", placed.out
    ), placed.out
    assert cli("borrower", "notes", "W2").out == "W2: 열린 메모 0건.\n"
    noted = cli("borrower", "note", "W2", "안경을 두고 감")
    assert noted.out.splitlines()[0].startswith("W2에 대한 메모 ")
    seats = cli("settings", "room-seats").out
    assert re.fullmatch(r"열람실에는 좌석 \d+개가 있습니다\.\n", seats), seats


def test_a_csv_imports_bad_lines_each_in_korean(cli, speak, tmp_path):
    """ImportFailed's lines are keyed one by one: the file's verdict with its count of bad
    lines in the language, then each line's number and what is wrong with it."""
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "barcode,title,author,volume,volumes\nA004,X,Y,,\nZ2,T\nZ3,T,A,4,2\n", encoding="utf-8"
    )
    speak("ko_KP.UTF-8")
    refused = cli("import", "catalogue", str(bad))
    assert refused.code == 1
    assert refused.err.splitlines() == [
        "bad.csv: 잘못된 줄 3개. 아무것도 가져오지 않았습니다.",
        "2번째 줄: 바코드 A004는 이미 장서목록에 있습니다",
        "3번째 줄: 마당 2개, 머리글에는 5개",
        "4번째 줄: 제4권은 세트의 전 2권을 넘습니다",
    ]
    bad.write_text("barcode,title,author,colour\n", encoding="utf-8")
    speak("ko_KR.UTF-8")
    header = cli("import", "catalogue", str(bad)).err.splitlines()
    assert header[0] == "bad.csv의 머리글이 잘못되었습니다. 아무것도 가져오지 않았습니다."
    assert header[1].startswith("1번째 줄: 알 수 없는 열: colour (쓸 수 있는 열: barcode, ")


def test_reports_bundles_and_settings_in_korean(cli, speak, tmp_path):
    speak("ko_KP.UTF-8")
    out = tmp_path / "loans.csv"
    assert cli("report", "loans", "--out", str(out)).code == 0
    again = cli("report", "loans", "--out", str(out))
    assert again.code == 1
    assert again.err == (
        f"{out}가 이미 있습니다. 아무것도 쓰지 않았습니다. 다른 화일이름을 주거나, "
        "바꾸려면 --force를 주십시오.\n"
    )
    folder = tmp_path / "bundle"
    exported = cli("export-bundle", "--out", str(folder)).out.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(folder))}에 화일 \d+개, MANIFEST\.sha256, 그 서명 "
        r"MANIFEST\.sha256\.sig, 확인서 inspection-signoff\.pdf를 썼습니다\.",
        exported[0],
    ), exported
    assert re.fullmatch(r"감사기록: 온전함, 항목 \d+개, 최신 해시 [0-9a-f]{64}\.", exported[1])
    checked = cli("check-bundle", str(folder)).out.splitlines()
    assert re.fullmatch(
        r"화일 \d+개 모두 서명된 명세서와 맞습니다\. .+검증되였습니다\.", checked[-1]
    )
    assert cli("settings", "slip", "never").out == "령수증 설정을 바꾸었습니다: 인쇄하지 않음\n"
    assert cli("settings", "pickup-days", "1").out == (
        "예약보관된 소장본은 이제 수령을 1일 기다립니다 (이전 7일).\n"
    )
    speak("C.UTF-8")  # English as it always was, byte for byte
    assert cli("settings", "pickup-days").out == "A set-aside copy waits 1 day to be collected.\n"


def test_a_stocktake_and_reminders_in_korean(cli, speak):
    speak("ko_KP.UTF-8")
    past = cli("inspection", "schedule", "2020-01-01")
    assert past.code == 1
    assert past.err == "검열일 2020-01-01은 이미 지났습니다. 다음 검열일을 주십시오.\n"
    assert cli("inspection", "start").code == 0
    scanned = cli("inspection", "scan", "A002", "A002").out.splitlines()
    assert scanned[1].endswith("  [중복스캔]"), scanned
    assert re.fullmatch(
        r"스캔 2회를 기록하였습니다\. \d+ 중 1 찾음 \(표시됨: 중복스캔 1\)\.", scanned[2]
    )
    closed = cli("inspection", "close", "--signed-by", "Kim").out.splitlines()
    assert re.fullmatch(r"  있음 1, 대출중 \d+, 소재불명 \d+, .+", closed[1]), closed
    assert any(line.startswith("  소재불명으로 표시 (") for line in closed), closed
    assert cli("reminders", "delays").out == (
        "독촉단계: 1차독촉은 1일 연체, 2차독촉은 14일 연체, 최종독촉은 28일 연체.\n"
    )
    speak("ko_KR.UTF-8")
    wrong = cli("reminders", "delays", "1,2")
    assert wrong.err == "독촉 간격을 꼭 3개 주십시오 (단계마다 연체 일수). 예: 1,14,28.\n"


def latin_words(text: str, *kept: str) -> list[str]:
    """The Latin words of ``text`` once ``kept`` (paths, names, codes) are taken out."""
    for word in kept:
        text = text.replace(word, "")
    return re.findall(r"[A-Za-z]+", re.sub(r"\b[0-9a-f]{64}\b", "", text))


def move_a_copy_behind_the_trail(db) -> None:
    """A copy moved with sqlite3: the tables no longer agree with the audit trail."""
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE copy SET location = 'Attic' WHERE barcode = 'A004'")
    connection.close()


def test_doctor_on_a_healthy_catalogue_in_the_norths_korean(cli, speak):
    speak("C.UTF-8")
    english = cli("doctor")
    speak("ko_KP.UTF-8")
    shown = cli("doctor")
    assert shown.code == english.code == 0, shown
    assert english.out.startswith(f"{cli.db}: healthy\n  ok   file: ")
    assert "  ok   integrity: integrity_check: ok\n" in english.out
    lines = shown.out.splitlines()
    assert lines[0] == f"{cli.db}: 정상"
    assert "  정상 무결성: integrity_check: 정상" in lines
    assert re.search(r"^  정상 감사기록: 감사기록이 검증됩니다: 항목 \d+개$", shown.out, re.M)
    assert re.search(r"^  정상 보호장치: 보호장치 \d+개가 모두 있습니다$", shown.out, re.M)
    assert lines[-1] == "정상 백업을 찾지 못하였습니다 (백업 등록부에 0개)."
    assert latin_words(shown.out, str(cli.db), "integrity_check", "Reading Room") == []


def test_doctor_on_a_damaged_catalogue_in_the_norths_korean(cli, speak):
    speak("C.UTF-8")
    assert cli("backup").code == 0
    move_a_copy_behind_the_trail(cli.db)
    english = cli("doctor")
    speak("ko_KP.UTF-8")
    shown = cli("doctor")
    assert shown.code == english.code == 4, shown  # the tables do not agree with the trail
    good = next(cli.db.parent.joinpath("backups").iterdir())
    assert (
        "  FAIL tables: The tables do not agree with the audit trail (1 difference):\n"
        "  copy 4 (barcode A004): location is 'Attic' but the trail says 'Safe A/1'\n"
    ) in english.out
    assert f"damaged: restore {good}\n" in english.out
    assert shown.out.startswith(f"{cli.db}: 손상됨\n")
    assert (
        "  실패 표: 표가 감사기록과 맞지 않습니다 (차이 1건):\n"
        "  소장본 4 (바코드 A004): 위치는 'Attic'인데 감사기록에는 'Safe A/1'입니다\n"
    ) in shown.out
    assert f"가장 새로운 정상 백업: {good}\n" in shown.out
    assert f"손상됨: {good}를 복원하십시오\n" in shown.out
    kept = (str(good), str(cli.db), "integrity_check", "Reading Room", "readingroom restore")
    assert latin_words(shown.out, *kept, "A004", "Attic", "Safe A/1") == []


def test_audit_verify_of_a_damaged_catalogue_in_the_norths_korean(cli, speak):
    move_a_copy_behind_the_trail(cli.db)
    speak("C.UTF-8")
    english = cli("audit", "verify")
    speak("ko_KP.UTF-8")
    shown = cli("audit", "verify")
    assert shown.code == english.code == 4
    assert english.err.endswith(
        "The tables do not agree with the audit trail (1 difference):\n"
        "  copy 4 (barcode A004): location is 'Attic' but the trail says 'Safe A/1'\n"
    ), english.err
    assert shown.err.endswith(
        "표가 감사기록과 맞지 않습니다 (차이 1건):\n"
        "  소장본 4 (바코드 A004): 위치는 'Attic'인데 감사기록에는 'Safe A/1'입니다\n"
    ), shown.err
    assert "봉인: 1개." in shown.out
    assert latin_words(shown.err, "A004", "Attic", "Safe A/1") == []


def test_a_missing_guard_in_the_norths_korean(cli, speak):
    with sqlite3.connect(cli.db) as connection:  # the insider's first step
        connection.execute("DROP TRIGGER loan_never_to_civilian")
    connection.close()
    speak("ko_KP.UTF-8")
    shown = cli("doctor")
    assert shown.code == 1, shown
    assert (
        "  실패 보호장치: 자료기지에 없는 보호장치: "
        "트리거 loan_never_to_civilian (일반인에게는 대출하지 않음 (규칙 1)).\n"
    ) in shown.out


def test_every_guard_and_invariant_doctor_names_is_in_both_korean_variants():
    """A guard or an invariant added without its words fails here (doctor prints them)."""
    every = set(range(1, latest_schema_version() + 1))
    named = [("doctor-guard", g.protects) for g in guards.expected_guards(every)]
    named += [("doctor-guard-kind", g.kind) for g in guards.expected_guards(every)]
    named += [("doctor-invariant", i.name) for i in guards.invariants(every)]
    named += [
        (guards.ROW_CONTEXT, template)
        for invariant in guards.invariants(every)
        for template in invariant.templates()
    ]
    entries = catalogue()
    missing = {
        (context, text)
        for context, text in named
        if not all(entries.get((context, text), {}).get(v) for v in KOREAN)
    }
    assert not missing, sorted(missing)
    other_params = {
        (text, variant)
        for context, text in named
        if context == guards.ROW_CONTEXT
        for variant in KOREAN
        if placeholders(entries[context, text][variant]) != placeholders(text)
    }
    assert not other_params, sorted(other_params)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_invariant_query_gives_the_params_of_its_words(cli):
    """Each invariant's query names the columns its words use (a column renamed in the SQL
    and not in the words fails here, before a user's doctor run would)."""
    with sqlite3.connect(cli.db) as connection:
        for invariant in guards.invariants(set(range(1, latest_schema_version() + 1))):
            cursor = connection.execute(f"{invariant.query} LIMIT 0")
            columns = {column[0] for column in cursor.description[1:]} - {"form"}
            for template in invariant.templates():
                assert placeholders(template) <= columns, (invariant.name, template, columns)


def test_doctor_names_the_rows_behind_the_trail_in_the_norths_korean(cli, speak):
    """A borrower made a civilian and a copy marked missing with sqlite3 (their guards and
    image triggers dropped): doctor's differences, guards and offending rows in 조선어, the
    stored words (status, condition, role) in Korean, no Python quoting of English left."""
    with sqlite3.connect(cli.db) as connection:
        for trigger in ("borrower_role_keeps_loans", "borrower_image_update", "copy_image_update"):
            connection.execute(f"DROP TRIGGER {trigger}")
        connection.execute("UPDATE borrower SET role = 'civilian' WHERE member_no = 'C1'")
        connection.execute("UPDATE copy SET status = 'missing' WHERE barcode = 'A004'")
    connection.close()
    loan = (
        sqlite3.connect(cli.db)
        .execute(
            "SELECT l.id FROM loan l JOIN copy c ON c.id = l.copy_id "
            "WHERE c.barcode = 'A001' AND l.returned_at IS NULL"
        )
        .fetchone()[0]
    )
    speak("C.UTF-8")
    english = cli("doctor")
    speak("ko_KP.UTF-8")
    shown = cli("doctor")
    assert shown.code == english.code
    assert "status is 'missing' but the trail says 'available'" in english.out
    assert "role is 'civilian' but the trail says 'cadre'" in english.out
    assert f"no active loan to a civilian broken: loan {loan} of A001 to civilian C1." in (
        english.out
    )
    assert "상태는 '소재불명'인데 감사기록에는 '비치중'입니다" in shown.out
    assert "신분은 '일반인'인데 감사기록에는 '간부'입니다" in shown.out
    assert f"일반인에게 진행중인 대출 없음 위반: 일반인 C1에게 나간 A001의 대출 {loan}." in (
        shown.out
    )
    assert "트리거 copy_image_update (소장본표(copy)의 모든 변경이 감사기록에 남음)" in shown.out
    guard_names = ("borrower_role_keeps_loans", "borrower_image_update", "copy_image_update")
    kept = (str(cli.db), "integrity_check", "Reading Room", "A001", "A004", "C1", *guard_names)
    assert latin_words(shown.out, *kept, "(copy)", "(borrower)") == []


def test_a_volume_at_a_reading_room_table_in_the_norths_korean(cli, speak):
    """Volume 2 of a set at a table, then back worn: the room's tables say 제2권, minutes
    in 분 and the visit's end in Korean (English: "vol. 2", "min", "returned (worn)")."""
    cli("borrower", "add", "W9", "--name", "리명희", "--role", "writer")
    issued = cli("room", "issue", "P2", "W9")
    assert issued.code == 0, issued
    speak("C.UTF-8")
    english = cli("room", "status").out
    assert f"{SET_TITLE}, vol. 2" in english and re.search(r"\d+ min$", english, re.M)
    speak("ko_KP.UTF-8")
    shown = cli("room", "status").out
    assert f"{SET_TITLE}, 제2권" in shown and re.search(r"\d+분$", shown, re.M), shown
    back = cli("room", "return", "P2", "--condition", "worn")
    assert back.code == 0, back
    shown = cli("room", "status").out
    assert f"{SET_TITLE}, 제2권" in shown and "반납됨 (낡음)" in shown, shown
    assert latin_words(shown, SET_TITLE, "P2", "W9") == []


def test_the_demo_trails_actions_records_and_staff_read_in_the_norths_korean(
    db, supervisor, capsys, monkeypatch, speak
):
    """The demo's whole trail (a stocktake, the reading room, a restriction, conservation,
    an incomplete set) listed in 조선어: every action, every record's kind and the
    program's own entries in Korean words; ids, user names and the stored details as they
    are."""
    from readingroom import audit
    from tests.core.test_replay import signed_demo

    signed_demo(db, supervisor)
    entries = audit.AuditEntry.select(audit.AuditEntry.action, audit.AuditEntry.entity)
    entries = entries.distinct()
    names = {("audit-action", e.action) for e in entries}
    names |= {("audit-record", e.entity) for e in entries}
    names.add(("audit-staff", audit.SYSTEM))
    unlabelled = sorted(
        (context, name)
        for context, name in names
        if not all(catalogue().get((context, name), {}).get(v) for v in KOREAN)
    )
    assert not unlabelled
    cli = InProcess(db, capsys, monkeypatch)
    speak("ko_KP.UTF-8")
    shown = cli("audit", "list", "--limit", "1000")
    assert shown.code == 0, shown
    listed = "\n".join(line.split("{")[0] for line in shown.out.splitlines()[2:])
    left = sorted(
        name
        for _, name in names
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", listed)
        and name not in ("supervisor", "inspector")  # user names of the demo
    )
    assert "프로그람" in listed and not left, left


def test_the_lending_policy_reads_in_the_norths_korean(cli, speak):
    """``policy show``: each cell's rule, its days, items and renewals and the cells no one
    may change, and what each condition allows, in 조선어 (English as before)."""
    speak("C.UTF-8")
    english = cli("policy", "show").out
    assert "loan (21 days, at most 3, 1 renewal)" in english and "never [fixed]" in english
    speak("ko_KP.UTF-8")
    shown = cli("policy", "show").out
    assert "대출 (21일, 최대 3부, 연장 1회)" in shown and "불가 [고정]" in shown, shown
    assert "열람실 리용" in shown and "리용불가" in shown
    assert latin_words(shown) == []


def test_a_folder_that_is_no_bundle_is_refused_in_the_norths_korean(cli, speak, tmp_path):
    """``check-bundle`` on a folder with no manifest, and on no folder at all: the
    verifier's refusal in 조선어 (its English as before)."""
    speak("C.UTF-8")
    english = cli("check-bundle", str(tmp_path))
    assert f"{tmp_path} has no MANIFEST.sha256: it is not an export bundle." in english.err
    speak("ko_KP.UTF-8")
    shown = cli("check-bundle", str(tmp_path))
    assert shown.code == english.code != 0
    assert f"{tmp_path}에는 MANIFEST.sha256이 없습니다. 내보낸 묶음이 아닙니다." in shown.err
    missing = tmp_path / "nowhere"
    assert f"{missing}는 등록부가 아닙니다." in cli("check-bundle", str(missing)).err


def test_a_bundle_changed_after_export_is_named_in_the_norths_korean(cli, speak, tmp_path):
    """A report changed and a file added after the export: ``check-bundle`` names both in
    조선어 (the English as the verifier says it)."""
    folder = tmp_path / "bundle"
    exported = cli("export-bundle", "--out", str(folder), "--kinds", "inventory")
    assert exported.code == 0, exported
    with (folder / "inventory.csv").open("a", encoding="utf-8") as stream:
        stream.write("X999,slipped in\n")
    (folder / "notes.txt").write_text("added", encoding="utf-8")
    speak("C.UTF-8")
    english = cli("check-bundle", str(folder))
    assert "inventory.csv: changed since the manifest was written" in english.err
    assert "notes.txt: not in the manifest (added after export)" in english.err
    speak("ko_KP.UTF-8")
    shown = cli("check-bundle", str(folder))
    assert shown.code == english.code == 4
    assert "inventory.csv: 명세서를 쓴 뒤에 바뀌였습니다" in shown.err, shown.err
    assert "notes.txt: 명세서에 없습니다 (내보낸 뒤에 추가됨)" in shown.err
