"""The second half of a long audit chain, checked in a process of its own.

:func:`readingroom.audit.verify` walks the first half while this process walks the rest
from its own connection (the machine's second core). The check is the same
(:func:`readingroom.audit.walk`): each entry against the stored hash of the entry before it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from readingroom import replay
from readingroom.chain import (
    GENESIS,
    VERIFY_BATCH,
    Answered,
    Row,
    State,
    no_collection,
    walk,
)
from readingroom.messages import Text


class Running:
    """A started check: :meth:`result` waits for the process and reads its answer."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def result(self) -> Answered:
        assert self.process.stdout is not None and self.process.stderr is not None
        with self.process.stdout, self.process.stderr:  # closed when read, even on a failure
            out, err = self.process.stdout.read(), self.process.stderr.read()
        if self.process.wait() != 0:
            raise RuntimeError(f"the audit check's second process failed: {err.strip()}")
        problem, bad_entry, count, last_hash, answer = json.loads(out)
        if answer is not None:
            answer["lines"] = {
                table: [(row_id, keyed(line)) for row_id, line in lines]
                for table, lines in answer["lines"].items()
            }
        return keyed(problem), bad_entry, count, last_hash, answer

    def discard(self) -> None:
        """Stop the check if it still runs (its answer is not wanted)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


#: how a keyed message crosses from this process as JSON: ``{KEYED: template, "params":
#: {...}, "context": ...}``, its params the same way (a plain str or number as it is)
KEYED = "said"


def plain(value: Any) -> Any:
    """A message (a :class:`~readingroom.messages.Text`, its params too) as JSON data."""
    if isinstance(value, Text):
        params = {name: plain(param) for name, param in value.params.items()}
        return {KEYED: value.template, "params": params, "context": value.context}
    return value


def keyed(value: Any) -> Any:
    """A message back from :func:`plain`'s data, keyed as it was said."""
    if isinstance(value, dict) and KEYED in value:
        params = {name: keyed(param) for name, param in value["params"].items()}
        return Text(value[KEYED], params, value["context"])
    return value


def _answered(answered: Answered) -> list[Any]:
    """This process's answer as JSON data, its messages keyed."""
    problem, bad_entry, count, last_hash, answer = answered
    if answer is not None:
        answer = answer | {
            "lines": {
                table: [(row_id, plain(line)) for row_id, line in lines]
                for table, lines in answer["lines"].items()
            }
        }
    return [plain(problem), bad_entry, count, last_hash, answer]


def start(
    path: str, key: str | None, uri: bool, middle: int, compare: bool, fold_from: int = 0
) -> Running:
    """Start checking the entries after ``middle``, folding the images of those after
    ``fold_from`` when ``compare`` (the passphrase goes through a pipe, never on the
    command line)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "readingroom.verify_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps([path, key, uri, middle, compare, fold_from]))
    process.stdin.close()
    return Running(process)


def connect(path: str, key: str | None, uri: bool) -> Any:
    """A plain DB-API connection to the catalogue (SQLCipher when ``key`` is given)."""
    if key:
        import sqlcipher3 as driver
    else:
        import sqlite3 as driver
    connection = driver.connect(path, uri=uri)
    if key:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("PRAGMA key = '" + key.replace("'", "''") + "'")
    return connection


def check_after(
    path: str, key: str | None, uri: bool, middle: int, compare: bool, fold_from: int = 0
) -> Answered:
    """``(problem, bad_entry, count, last_hash, answer)`` of the entries after ``middle``;
    when ``compare``, ``answer`` is this share's own comparison of the rows it wrote (the
    after-images of its entries after ``fold_from`` folded on the way,
    :func:`readingroom.replay.answer`), else None."""
    connection = connect(path, key, uri)
    try:
        found = connection.execute(
            "SELECT hash FROM audit_entry WHERE id = ?", (middle,)
        ).fetchone()
        cursor = connection.execute(
            "SELECT id, at, staff, action, entity, entity_id, details, prev_hash, hash "
            "FROM audit_entry WHERE id > ? ORDER BY id",
            (middle,),
        )

        def batches() -> Iterator[list[Row]]:
            while batch := cursor.fetchmany(VERIFY_BATCH):
                yield batch

        state: State | None = {} if compare else None
        with no_collection():
            prev = found[0] if found else (GENESIS if middle == 0 else "")
            walked = walk(batches(), middle + 1, prev, state, fold_from)
            if state is None or walked[0]:
                return (*walked, None)
            return (*walked, replay.answer(connection.execute, state))
    finally:
        connection.close()


if __name__ == "__main__":
    answer = json.dumps(
        _answered(check_after(*json.loads(sys.stdin.read()))),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    sys.stdout.buffer.write(answer.encode("utf-8"))
