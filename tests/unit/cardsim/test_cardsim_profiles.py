"""Profiles are data: the shipped ones load, bad ones are refused with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cardsim.__main__ import main
from app.cardsim.profile import ProfileError, list_profiles, load_profile, profile_dir


def test_the_three_required_profiles_ship() -> None:
    assert {"cccd-2021", "cancuoc-2024", "passport-td3"} <= set(list_profiles())


@pytest.mark.parametrize("name", ["cccd-2021", "cancuoc-2024"])
def test_id_card_numbers_follow_the_layout(name: str) -> None:
    profile = load_profile(name)
    number = profile.holder.id_number
    assert profile.document.document_number == number[-9:]  # not the first 9
    assert profile.document.can == number[-6:]
    century_sex = int(number[3])
    assert century_sex == (profile.holder.birth.year // 100 - 19) * 2 + (profile.holder.sex == "F")
    assert number[4:6] == f"{profile.holder.birth.year % 100:02d}"
    assert any(
        ch in profile.holder.full_name
        for ch in "ăâđêôơưàảãáạầẩẫấậằẳẵắặềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂĐÊÔƠƯ"
    )


def test_profile_by_path_and_the_feature_switches(tmp_path: Path) -> None:
    data = json.loads((profile_dir() / "cancuoc-2024.json").read_text(encoding="utf-8"))
    data["files"] = {k: str(profile_dir() / v) for k, v in data["files"].items()}
    data["faults"] = ["slow=3"]
    data["dg13"]["absent"] = [10, 16]
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(path)
    assert profile.security.pace_passwords == ("CAN",)
    assert profile.security.extended_length and profile.security.max_response == 4096
    assert profile.faults.slow_ms == 3
    assert profile.dg13.absent == {10, 16}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["holder"].update(sex="M"), "birth year and sex"),
        (lambda d: d["holder"].update(id_number="00118801234"), "12 digits"),
        (lambda d: d["holder"].update(birth="15/03/1988"), "not a date"),
        (lambda d: d["security"].update(pace=["PIN"]), "MRZ and/or CAN"),
        (lambda d: d.pop("holder"), "missing 'holder'"),
    ],
)
def test_bad_profiles_are_refused_with_a_reason(tmp_path: Path, change, message) -> None:
    data = json.loads((profile_dir() / "cccd-2021.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ProfileError, match="cccd-2021"):
        load_profile("cccd-1999")


def test_command_line_lists_profiles_and_rejects_bad_input(capsys) -> None:
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out
    assert "cancuoc-2024" in listed and "PACE-CAN" in listed and "CAN 004567" in listed
    assert main(["--profile", "nope"]) == 2
    assert main(["--profile", "cccd-2021", "--fault", "teleport"]) == 2
    assert "teleport" in capsys.readouterr().err
