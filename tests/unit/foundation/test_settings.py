import json

import pytest

from app import settings as settings_mod
from app.errors import ErrorKind, UserError
from app.settings import Settings


def test_round_trip_keeps_every_field(tmp_path):
    path = tmp_path / "settings.json"
    original = Settings(
        office_code="000.00.22.H99",
        office_name="Bảo hiểm xã hội cơ sở Thử Nghiệm",
        counter_number=4,
        central_url="https://central.example:8765",
        idle_lock_minutes=7,
        cutoff_hour="15:45",
        language="en",
    )
    settings_mod.save(original, path)
    loaded, problem = settings_mod.load(path)
    assert problem is None
    assert loaded == original
    # Vietnamese stays readable in the file an admin may open
    assert "Thử Nghiệm" in path.read_text(encoding="utf-8")


def test_missing_file_gives_defaults(tmp_path):
    loaded, problem = settings_mod.load(tmp_path / "none.json")
    assert problem is None and loaded == Settings()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"counter_number": 0}, "counter_number"),
        ({"counter_number": 10}, "counter_number"),
        ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
        ({"cutoff_hour": "25:00"}, "cutoff_hour"),
        ({"central_url": "ftp://x"}, "central_url"),
        ({"dossier_code_pattern": "{agency}-{yymmdd}"}, "dossier_code_pattern"),
        ({"dossier_code_pattern": "{agency}-{seq}-{evil}"}, "dossier_code_pattern"),
        ({"language": "fr"}, "language"),
        ({"scan_folder": "/no/such/scanner/folder"}, "scan_folder"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(tmp_path, change, field):
    bad = Settings().replace(**change)
    with pytest.raises(UserError) as err:
        settings_mod.save(bad, tmp_path / "s.json")
    assert err.value.kind is ErrorKind.SETTINGS_INVALID
    assert field in err.value.detail
    assert not (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    "content, kind",
    [
        ("{not json", ErrorKind.SETTINGS_CORRUPT),
        ("[1, 2]", ErrorKind.SETTINGS_CORRUPT),
        (b"\xff\xfe\x00garbage", ErrorKind.SETTINGS_CORRUPT),
        (json.dumps({"counter_number": "three"}), ErrorKind.SETTINGS_INVALID),
        (json.dumps({"counter_number": True}), ErrorKind.SETTINGS_INVALID),
        (json.dumps({"counter_number": 42}), ErrorKind.SETTINGS_INVALID),
    ],
)
def test_broken_file_is_kept_aside_and_defaults_used(tmp_path, content, kind):
    path = tmp_path / "settings.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    loaded, problem = settings_mod.load(path)
    assert loaded == Settings()
    assert problem is not None and problem.kind is kind
    kept = list(tmp_path.glob("settings.json.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == (content if isinstance(content, bytes) else content.encode())
    assert not path.exists()


def test_unknown_keys_from_a_newer_version_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"counter_number": 2, "future_option": 1}), encoding="utf-8")
    loaded, problem = settings_mod.load(path)
    assert problem is None and loaded.counter_number == 2


def test_save_is_atomic_when_validation_fails(tmp_path):
    path = tmp_path / "settings.json"
    settings_mod.save(Settings(counter_number=3), path)
    with pytest.raises(UserError):
        settings_mod.save(Settings(counter_number=99), path)
    assert settings_mod.load(path)[0].counter_number == 3
