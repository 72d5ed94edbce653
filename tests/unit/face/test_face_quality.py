"""Quality checks, best-frame choice and robustness of the match, on rendered
fictitious faces (app/cardsim/synthetic_faces.py) with the synthetic calibration."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image, ImageFilter

pytest.importorskip("dlib")  # only when the face extra is absent; make test installs it

from app.cardsim import synthetic_faces as sf
from app.services.face import quality as q
from app.services.face.matcher import MATCH, NO_MATCH, RETRY, Matcher, decode_image
from app.services.face.policy import SYNTHETIC_POLICY, load_policy

HOLDER = 3


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_policy(SYNTHETIC_POLICY))


def _scaled(img: Image.Image, factor: float) -> np.ndarray:
    canvas = Image.new("RGB", img.size, (200, 200, 200))
    small = img.resize((int(img.width * factor), int(img.height * factor)))
    canvas.paste(small, (100, 150))
    return np.asarray(canvas)


def _problem(matcher: Matcher, rgb: np.ndarray) -> str | None:
    return matcher.assess(np.clip(rgb, 0, 255).astype(np.uint8))[0].problem


def test_each_bad_frame_is_refused_with_its_own_problem(matcher):
    face = sf.render(HOLDER)
    rgb = np.asarray(face).astype(float)
    assert _problem(matcher, rgb) is None  # the good frame passes
    assert _problem(matcher, np.full((480, 360, 3), 200.0)) == q.NO_FACE
    two = np.concatenate([rgb, np.asarray(sf.render(4)).astype(float)], axis=1)
    assert _problem(matcher, two) == q.SEVERAL_FACES
    assert _problem(matcher, _scaled(face, 0.5)) == q.TOO_SMALL
    assert _problem(matcher, np.asarray(face.filter(ImageFilter.GaussianBlur(2)))) == q.BLURRY
    assert _problem(matcher, rgb * 1.8 + 30) == q.TOO_BRIGHT
    left_dim = np.linspace(0.25, 1.3, rgb.shape[1])[None, :, None]
    assert _problem(matcher, rgb * left_dim) == q.UNEVEN_LIGHT


def test_turned_and_dark_frames_are_refused_at_the_policy_s_limits(matcher):
    """The detector stops finding rendered faces before they are turned or dark enough
    for the production limits, so these two checks run against tighter limits."""
    turned = np.asarray(sf.render(HOLDER, sf.Pose(yaw=0.25)))
    measured = matcher.assess(turned)[0].yaw_ratio
    strict = Matcher(dataclasses.replace(matcher.policy, max_yaw_ratio=abs(measured) / 2))
    assert strict.assess(turned)[0].problem == q.NOT_FRONTAL
    dark = (np.asarray(sf.render(HOLDER)) * 0.35).astype(np.uint8)
    lenient = Matcher(dataclasses.replace(matcher.policy, min_sharpness=3.0, min_brightness=60))
    assert lenient.assess(dark)[0].problem == q.TOO_DARK


def test_the_sharpest_passing_frame_of_a_burst_is_used(matcher):
    face = sf.render(HOLDER)
    burst = [
        np.full((480, 360, 3), 200, np.uint8),  # nobody yet
        np.asarray(face.filter(ImageFilter.GaussianBlur(2))),  # moving
        np.asarray(face),  # still, in front of the camera
        _scaled(face, 0.5),  # leaning back
    ]
    result = matcher.match_burst(decode_image(sf.portrait_jpeg(HOLDER)), burst)
    assert result.decision == MATCH
    assert result.best_frame == 2 and result.quality.ok and result.frames == 4


def test_a_burst_without_one_good_frame_asks_for_a_retry_naming_the_best_problem(matcher):
    face = sf.render(HOLDER)
    burst = [np.full((480, 360, 3), 200, np.uint8), _scaled(face, 0.5)]
    result = matcher.match_burst(decode_image(sf.portrait_jpeg(HOLDER)), burst)
    assert result.decision == RETRY and result.distance is None and result.best_frame is None


@pytest.mark.parametrize(
    "pose",
    [
        sf.Pose(scale=0.8),
        sf.Pose(scale=1.15),
        sf.Pose(shift=(30, -20)),
        sf.Pose(light_side=0.6, noise_seed=5),
        sf.Pose(light_level=0.8, noise_seed=7),
    ],
    ids=["farther", "closer", "off-centre", "side-light", "dimmer"],
)
def test_the_holder_matches_under_crop_scale_and_light_changes(matcher, pose):
    portrait = decode_image(sf.portrait_jpeg2000(HOLDER))
    assert matcher.compare_images(portrait, np.asarray(sf.render(HOLDER, pose))).decision == MATCH


def test_a_cropped_frame_still_matches_and_another_person_does_not(matcher):
    frame = sf.render(HOLDER).crop((30, 40, 330, 440)).resize((360, 480))  # zoomed 1.2×
    portrait = decode_image(sf.portrait_jpeg(HOLDER))
    assert matcher.compare_images(portrait, np.asarray(frame)).decision == MATCH
    for other in (7, 13, 21):  # 7 is the closest other face of the set
        assert matcher.compare_images(portrait, np.asarray(sf.render(other))).decision == NO_MATCH


def test_an_unknown_policy_key_is_refused(tmp_path):
    bad = tmp_path / "policy.json"
    bad.write_text(SYNTHETIC_POLICY.read_text().replace('"metric"', '"metrik"'))
    with pytest.raises(ValueError, match="metrik"):
        load_policy(bad)
