"""First run: a new catalogue with its first supervisor, and the demo collection's own file."""

from __future__ import annotations

import pytest

from readingroom import audit, first_run, settings, staff
from readingroom.errors import BadInput
from readingroom.store.db import close_database
from readingroom.store.models import Copy, StaffUser


@pytest.fixture(autouse=True)
def closed_afterwards():
    yield
    close_database()


def test_a_new_catalogue_has_its_first_supervisor(tmp_path):
    path = tmp_path / "new" / "catalogue.db"
    stages: list[str] = []
    user = first_run.create_catalogue(
        path, "chief", "secret-words", "Chief", progress=stages.append
    )
    assert path.exists() and user.role == "supervisor"
    assert staff.authenticate("chief", "secret-words").username == "chief"
    assert stages and audit.verify().ok
    with pytest.raises(BadInput, match="never overwrites"):
        first_run.create_catalogue(path, "other", "secret-words")


def test_the_demo_is_built_once_then_opened(tmp_path):
    path = tmp_path / "demo.db"
    first_run.open_or_create_demo(path)
    assert settings.is_demo() and Copy.select().count() > 0
    username, password, _ = first_run.demo_supervisor()
    assert staff.authenticate(username, password).role == "supervisor"
    staff_count = StaffUser.select().count()
    close_database()
    first_run.open_or_create_demo(path)
    assert StaffUser.select().count() == staff_count


def test_a_failed_demo_build_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "demo.db"

    def broken(actor):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(first_run.demo, "load_demo", broken)
    with pytest.raises(RuntimeError):
        first_run.open_or_create_demo(path)
    assert not path.exists()


def test_a_new_catalogue_can_be_encrypted(tmp_path):
    from readingroom import doctor
    from readingroom.store.db import is_plaintext

    path = tmp_path / "secret.db"
    first_run.create_catalogue(path, "chief", "secret-words", key="sesame")
    close_database()
    assert not is_plaintext(path)
    assert doctor.quick_check(path, "sesame").ok and not doctor.quick_check(path, "nope").ok
