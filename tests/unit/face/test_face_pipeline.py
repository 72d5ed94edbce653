"""The face pipeline on rendered, fictitious faces (app/cardsim/synthetic_faces.py).

Thresholds come from resources/face/synthetic-policy.json: the model sees synthetic
faces as closer than real ones (docs/face-match.md), so these tests check the
pipeline, the quality checks and the ranking, not the production threshold.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("dlib")

from app.cardsim import synthetic_faces as sf
from app.services.face import quality as q
from app.services.face.matcher import MATCH, NO_MATCH, RETRY, Matcher, decode_image
from app.services.face.policy import SYNTHETIC_POLICY, load_policy


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_policy(SYNTHETIC_POLICY))


def frames(images):
    return [np.asarray(i) for i in images]


def test_holder_matches_their_jpeg2000_chip_portrait(matcher):
    portrait = decode_image(sf.portrait_jpeg2000(3))
    result = matcher.match_burst(portrait, frames(sf.head_turn_burst(3)))
    assert result.decision == MATCH
    assert result.liveness_moved is True


def test_someone_else_does_not_match(matcher):
    portrait = decode_image(sf.portrait_jpeg(3))
    result = matcher.match_burst(portrait, frames(sf.head_turn_burst(13)))
    assert result.decision == NO_MATCH


def test_photo_held_up_shows_no_head_turn(matcher):
    portrait = decode_image(sf.portrait_jpeg(3))
    result = matcher.match_burst(portrait, frames(sf.photo_held_up_burst(3)))
    assert result.liveness_moved is False


def test_empty_frame_asks_for_a_retry(matcher):
    portrait = decode_image(sf.portrait_jpeg(3))
    blank = np.full((480, 360, 3), 200, np.uint8)
    result = matcher.match_burst(portrait, [blank])
    assert result.decision == RETRY
    assert result.quality.problem == q.NO_FACE


def test_cli_compares_two_image_files(tmp_path, capsys):
    import json

    from app.cli import main

    (tmp_path / "chip.jp2").write_bytes(sf.portrait_jpeg2000(4))
    sf.render(4, sf.Pose(light_side=0.5, noise_seed=9)).save(tmp_path / "same.png")
    sf.render(14).save(tmp_path / "other.png")
    policy = ["--policy", str(SYNTHETIC_POLICY)]
    assert (
        main(["face", "match", str(tmp_path / "chip.jp2"), str(tmp_path / "same.png"), *policy])
        == 0
    )
    assert "khớp" in capsys.readouterr().out
    code = main(
        [
            "face",
            "match",
            str(tmp_path / "chip.jp2"),
            str(tmp_path / "other.png"),
            "--json",
            *policy,
        ]
    )
    assert code == 1
    assert json.loads(capsys.readouterr().out)["decision"] == NO_MATCH
