"""Nothing biometric reaches the logs; the CLI's exit codes; the app without the extra."""

from __future__ import annotations

import json
import logging
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from app.cli import main


def test_without_the_face_extra_the_cli_says_so_in_vietnamese(tmp_path, capsys, monkeypatch):
    from PIL import Image

    from app.services import face

    Image.new("RGB", (36, 48), (200, 200, 200)).save(tmp_path / "a.png")
    for blocked in ("numpy", "dlib"):
        monkeypatch.setitem(sys.modules, blocked, None)  # as if not installed
        for cached in ("app.services.face.matcher", "app.services.face.model"):
            monkeypatch.delitem(sys.modules, cached, raising=False)
        assert face.available() is False
        code = main(["face", "match", str(tmp_path / "a.png"), str(tmp_path / "a.png")])
        out = capsys.readouterr().out
        assert code == 3
        assert out.startswith("Chưa cài chức năng đối chiếu khuôn mặt:")
        assert "motcua[face]" in out and "Traceback" not in out
        monkeypatch.undo()


def test_the_model_missing_at_match_time_gives_the_same_message(monkeypatch):
    pytest.importorskip("dlib")
    from app.errors import ErrorKind, UserError
    from app.services.face import model

    monkeypatch.setattr(model, "_shared", None)
    monkeypatch.setitem(sys.modules, "dlib", None)
    with pytest.raises(UserError) as caught:
        model.shared_model()
    assert caught.value.kind is ErrorKind.FACE_MODEL_MISSING


def test_cli_exit_codes_for_retry_and_errors(tmp_path, capsys):
    pytest.importorskip("dlib")
    from PIL import Image

    from app.cardsim import synthetic_faces as sf
    from app.services.face.policy import SYNTHETIC_POLICY

    chip = tmp_path / "chip.jpg"
    chip.write_bytes(sf.portrait_jpeg(3))
    Image.new("RGB", (360, 480), (200, 200, 200)).save(tmp_path / "blank.png")
    (tmp_path / "broken.jpg").write_bytes(b"not an image")
    policy = ["--policy", str(SYNTHETIC_POLICY)]
    assert main(["face", "match", str(chip), str(tmp_path / "blank.png"), "--json", *policy]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert answer["decision"] == "retry" and answer["quality"]["frame"]["problem"] == "no_face"
    assert main(["face", "match", str(chip), str(tmp_path / "broken.jpg")]) == 3
    assert "Không đọc được ảnh khuôn mặt" in capsys.readouterr().out
    assert main(["face", "match", str(chip), str(tmp_path / "missing.png")]) == 3
    assert "Không đọc được tệp" in capsys.readouterr().out
    bad_policy = tmp_path / "policy.json"
    bad_policy.write_text('{"threshold": 0.5, "extra": 1}')
    assert main(["face", "match", str(chip), str(chip), "--policy", str(bad_policy)]) == 3
    assert "chính sách" in capsys.readouterr().out


def test_no_score_descriptor_or_image_is_logged(db, caplog):
    pytest.importorskip("dlib")
    from app.cardsim import synthetic_faces as sf
    from app.services.face.matcher import Matcher, decode_image
    from app.services.face.policy import SYNTHETIC_POLICY, load_policy
    from app.services.face_records import Attempt, Subject, record_face_match

    caplog.set_level(logging.DEBUG)  # every logger, every level
    logging.getLogger("app.services.face").debug("probe")  # the capture reaches app loggers
    matcher = Matcher(load_policy(SYNTHETIC_POLICY))
    portrait = decode_image(sf.portrait_jpeg(3))
    frames = [np.asarray(i) for i in sf.head_turn_burst(3)]
    result = matcher.match_burst(portrait, frames)
    descriptor = matcher.model.descriptor(frames[0], matcher.model.detect(frames[0], 0)[0])
    officer = SimpleNamespace(officer_id="00000000-0000-0000-0000-0000000000a1", role="officer")
    record_face_match(db, officer, Subject("999030000003"), Attempt.of(result), consent=True)

    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert "probe" in logged
    for figure in (result.distance, result.score, result.quality.sharpness):
        assert f"{figure}" not in logged
        assert f"{figure:.3f}" not in logged
    assert not any(f"{v:.4f}" in logged for v in descriptor[:16])
    assert "\\x89PNG" not in logged and "\\xff\\xd8" not in logged
    assert "999030000003" not in logged
