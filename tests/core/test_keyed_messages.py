"""Every message either front door shows is keyed where it is made, never parsed back.

A message is ``said(template, **params)`` (:class:`readingroom.messages.Text`): the window and
the command line render it in their language by its template. This test reads the source:

- no error of the domain is raised with a sentence written out (a literal, an f-string, a
  ``%`` or ``.format`` or a concatenation): it is raised with ``said(...)``;
- the command line prints no such sentence either (``ctx.emit``'s text, ``remark``, ``print``);
- every template ``said`` is given is in the domain's catalogue, in ``ko`` and ``ko_KP``,
  with the same placeholders as the English.
"""

from __future__ import annotations

import ast
import errno
import os
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom import errors, language
from readingroom.errors import os_problem
from readingroom.messages import MESSAGES, PHRASES, said

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "readingroom"

#: modules whose messages are not keyed yet (each leaves this set as it is converted)
PENDING: set[str] = set()


def _error_names() -> set[str]:
    """The names of ReadingRoomError and every subclass defined anywhere in the package."""
    names = {cls.__name__ for cls in _subclasses(errors.ReadingRoomError)}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id in names for base in node.bases
            ):
                names.add(node.name)
    return names


def _subclasses(cls: type) -> Iterator[type]:
    yield cls
    for sub in cls.__subclasses__():
        yield from _subclasses(sub)


def _written_out(node: ast.AST | None) -> bool:
    """A sentence written in place: a literal with a letter, an f-string, ``%``, ``+`` or
    ``.format`` of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _written_out(node.left) or _written_out(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _written_out(node.func.value)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_written_out(element) for element in node.elts)
    if isinstance(node, ast.IfExp):
        return _written_out(node.body) or _written_out(node.orelse)
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _shown_args(call: ast.Call, in_cli: bool, errors_: set[str]) -> list[ast.AST]:
    """The arguments of ``call`` that a user reads as a sentence."""
    name = _name(call.func)
    if name in errors_:
        return call.args[:1]
    if not in_cli:
        return []
    if name == "emit":
        return call.args[1:2] + [k.value for k in call.keywords if k.arg == "text"]
    if name in ("remark", "print"):
        return call.args[:1]
    return []


def unkeyed(source: str, in_cli: bool, errors_: set[str]) -> list[int]:
    """The lines of ``source`` that show a message written out."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and any(_written_out(arg) for arg in _shown_args(node, in_cli, errors_))
    ]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _pending(path: Path) -> bool:
    return str(path.relative_to(ROOT)) in PENDING


def test_no_message_is_written_out_where_it_is_shown() -> None:
    errors_ = _error_names()
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _modules()
        if not _pending(path)
        for line in unkeyed(path.read_text(encoding="utf-8"), "cli" in path.parts, errors_)
    ]
    assert not found, "messages written out (use said(template, **params)):\n" + "\n".join(found)


#: the functions that key a message, and the context of their templates in the catalogue
KEYING = {"said": MESSAGES, "phrase": PHRASES}


def _templates() -> Iterator[tuple[str, str, str]]:
    """(place, context, template) of every ``said("…")`` and ``phrase("…")`` of the
    package."""
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) in KEYING
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                place = f"{path.relative_to(ROOT)}:{node.lineno}"
                yield place, KEYING[_name(node.func)], str(node.args[0].value)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_keyed_message_is_in_both_korean_variants_with_its_params() -> None:
    catalogue = language.catalogue()
    problems = []
    for place, context, template in _templates():
        entry = catalogue.get((context, template))
        if entry is None:
            problems.append(f"{place}: not in the catalogue: {template!r}")
            continue
        for variant in language.KOREAN:
            translated = entry.get(variant, "")
            if not translated:
                problems.append(f"{place}: no {variant}: {template!r}")
            elif _placeholders(translated) != _placeholders(template):
                problems.append(f"{place}: {variant} has other params: {translated!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "source, written_out",
    [
        ('raise BadInput(f"No copy {x}.")', True),
        ('raise NotFound("Unknown barcode.")', True),
        ('raise BadInput("Bad " + x)', True),
        ('raise BadInput(said("Unknown barcode {b}.", b=x))', False),
        ("raise BadInput(message)", False),
    ],
)
def test_the_check_tells_a_written_out_message(source, written_out) -> None:
    """The check itself: it finds the sentences written in place, and only those."""
    found = unkeyed(f"def f(x, message):\n    {source}\n", False, _error_names())
    assert bool(found) is written_out


#: words a Korean message may keep in Latin letters: what is typed or read as it is (the
#: program's commands and their values, file formats, units and the names of programs)
_NAMES = (
    "SQLite SQLCipher PostgreSQL Reading Room pg_dump psql Python python MARC MARCXML UTF "
    "ISBN LCCN PIN ID TrueType MiB yes no csv pdf"
)
_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


def _kept_as_typed() -> re.Pattern[str]:
    """What a Korean message may hold in Latin letters: placeholders, quoted text, options,
    codes in capitals, paths and identifiers, commands, and :data:`_NAMES`."""
    from readingroom.cli import build_parser

    commands = {
        name for action in build_parser()._subparsers._group_actions  # noqa: SLF001
        for name in getattr(action, "choices", {}) or {}
    }  # fmt: skip
    words = "|".join(sorted({*commands, *_NAMES.split(), "migrate-to", "central"}, key=len)[::-1])
    return re.compile(
        r"\{[^}]*\}|'[^']*'|`[^`]*`|《[^》]*》|“[^”]*”|--?[\w-]+|\$[a-z0-9]|<[^>]*>"
        r"|(?<![A-Za-z])[A-Z0-9][A-Z0-9_\-./]*(?![A-Za-z])|\S*[./\\]\S*|\w*_\w*"
        rf"|readingroom( [a-z-]+)*|(?<![A-Za-z])({words})(?![A-Za-z])"
    )


def test_no_keyed_message_keeps_english_words_in_korean() -> None:
    """Every keyed message's Korean is Korean: no Latin word is left but codes, commands,
    options, paths, names of programs and what the user types (the issue's rule)."""
    catalogue, kept = language.catalogue(), _kept_as_typed()
    left = []
    for place, context, template in _templates():
        entry = catalogue.get((context, template)) or {}
        for variant in language.KOREAN:
            words = _LATIN.findall(kept.sub(" ", entry.get(variant, "")))
            if words:
                left.append(f"{place} {variant}: {words} in {entry[variant]!r}")
    assert not left, "\n".join(left)


@pytest.mark.parametrize(
    "korean, left",
    [
        ("소장본 {barcode}을(를) 돌려받았습니다.", []),
        ("'readingroom inspection start'로 여십시오 (--signed-by).", []),
        ("이 volume은 이미 대출중입니다.", ["volume"]),
        ("status: 대출중", ["status"]),
    ],
)
def test_the_check_tells_an_english_word_left_in_korean(korean, left) -> None:
    assert _LATIN.findall(_kept_as_typed().sub(" ", korean)) == left


def test_the_systems_words_for_a_full_disk_are_shown_in_korean() -> None:
    """A file the disk has no room for: the system's own English as before, and in
    조선어 the whole sentence, the system's words included (in Korean even when the system
    says it in other words)."""
    problem = os_problem(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    message = said("Cannot write {path}: {problem}.", path="r.pdf", problem=problem)
    assert message == "Cannot write r.pdf: No space left on device."
    assert language.words("ko_KP").text(message) == (
        "r.pdf에 쓸수 없습니다: 디스크에 남은 공간이 없습니다."
    )
    odd = os_problem(OSError(errno.ENOSPC, "a system's other words"))
    assert odd == "a system's other words"  # in English, as the system says it
    assert language.words("ko_KP").text(odd) == "디스크에 남은 공간이 없습니다"


@pytest.mark.parametrize(
    "number, ko_kp",
    [
        (errno.EXDEV, "다른 장치로는 옮길수 없습니다"),
        (errno.ENAMETOOLONG, "화일이름이 너무 깁니다"),
        (errno.EMFILE, "열린 화일이 너무 많습니다"),
        (errno.EBUSY, "장치나 자원이 사용중입니다"),
        (errno.ETXTBSY, "실행중인 화일이라 쓸수 없습니다"),
        (errno.ELOOP, "기호련결이 너무 여러번 이어집니다"),
        (errno.EACCES, "권한이 없습니다"),
    ],
)
def test_the_systems_words_for_a_file_are_shown_in_korean(number, ko_kp) -> None:
    """Saving a report where the system refuses: the system's English as it said it, and in
    조선어 the refusal in Korean, with no English word of the system's left."""
    problem = os_problem(OSError(number, os.strerror(number)))
    message = said("Cannot write {path}: {problem}.", path="r.pdf", problem=problem)
    assert message == f"Cannot write r.pdf: {os.strerror(number)}."
    assert language.words("ko_KP").text(message) == f"r.pdf에 쓸수 없습니다: {ko_kp}."


def test_an_errno_without_words_of_its_own_is_named_by_its_number_in_korean() -> None:
    """An errno the program has no words for: English keeps the system's text, Korean says
    the system reported error N (never the system's English)."""
    problem = os_problem(OSError(errno.ECHILD, os.strerror(errno.ECHILD)))
    assert problem == os.strerror(errno.ECHILD)
    assert language.words("ko_KP").text(problem) == f"체계가 오류 {errno.ECHILD}번을 알렸습니다"
    assert language.words("ko").text(problem) == f"시스템이 오류 {errno.ECHILD}번을 알렸습니다"
