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


@pytest.mark.parametrize(
    "language, branch, names",
    [
        (
            "ko_KP",
            "작가동맹 지역지부",
            {"W-1001": "리명희", "C-2002": "류경애", "W-1002": "김철수"},
        ),
        ("ko", "작가동맹 지역 지부", {"W-1001": "이명희", "C-2002": "유경애", "W-1002": "김철수"}),
        ("en", "Writers' Union, Regional Branch", {"W-1001": "리명희", "C-2002": "Ryu Kyong-ae"}),
    ],
)
def test_the_demo_reads_in_its_language(tmp_path, language, branch, names):
    """A demo made in 조선어 names its branch, borrowers and organisations in the North's
    spelling (리명희, 류경애, 도출판지도국), in 한국어 in the South's (이명희, 유경애); the
    reasons it records read in that language too."""
    from readingroom import borrowers, restrictions

    first_run.open_or_create_demo(tmp_path / "demo.db", language=language)
    assert settings.branch() == branch
    for member_no, name in names.items():
        assert borrowers.get_borrower(member_no).name == name
    inspector = staff.get_staff("inspector").full_name
    assert inspector == {"ko_KP": "리민재", "ko": "이민재", "en": "Lee Min-jae"}[language]
    organisation = borrowers.get_borrower("C-2002").organisation
    reason = restrictions.list_restrictions()[0].reason
    if language == "ko_KP":
        assert (organisation, reason) == ("도출판지도국", "번역을 고치는 동안 보류함")
    elif language == "en":
        assert organisation == "Provincial Publishing Bureau"
    assert audit.verify().ok


def test_a_failed_demo_build_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "demo.db"

    def broken(actor, language):
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
