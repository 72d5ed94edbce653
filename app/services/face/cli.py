"""``motcua face match IMAGE1 IMAGE2 [--json]``: compare two images (support, testing).

IMAGE1 is the reference (a chip portrait: JPEG, JPEG 2000 or PNG), IMAGE2 the capture.
Prints the decision, the score and the quality figures; never the descriptors.
Exit code 0 match, 1 no match, 2 image not good enough, 3 error.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.errors import ErrorKind, UserError, describe


def add_face_commands(subparsers: Any) -> None:
    face = subparsers.add_parser("face", help="đối chiếu khuôn mặt")
    sub = face.add_subparsers(dest="face_command", required=True)
    match = sub.add_parser("match", help="so sánh hai ảnh khuôn mặt")
    match.add_argument("image1", type=Path, help="ảnh gốc (ảnh chân dung trên chip)")
    match.add_argument("image2", type=Path, help="ảnh cần đối chiếu")
    match.add_argument("--json", action="store_true", help="in dạng JSON")
    match.add_argument("--policy", type=Path, help="tệp chính sách (ngưỡng, giới hạn chất lượng)")
    match.set_defaults(handler=run_match)


def run_match(args: argparse.Namespace) -> int:
    try:  # numpy and dlib come with the face extra; without it, say so
        from app.services.face.matcher import MATCH, NO_MATCH, Matcher, decode_image
        from app.services.face.policy import load_policy
    except ImportError as exc:
        m = describe(UserError(ErrorKind.FACE_MODEL_MISSING, str(exc)))
        print(f"{m.title}: {m.text} {m.action}")
        return 3
    try:
        a = decode_image(args.image1.read_bytes())
        b = decode_image(args.image2.read_bytes())
        result = Matcher(load_policy(args.policy)).compare_images(a, b)
    except UserError as exc:
        m = describe(exc)
        print(f"{m.title}: {m.text} {m.action}")
        return 3
    except OSError as exc:
        print(f"Không đọc được tệp: {exc.strerror}")
        return 3
    except (ValueError, TypeError) as exc:  # a policy file with unknown or missing keys
        print(f"Tệp chính sách đối chiếu khuôn mặt không hợp lệ: {exc}")
        return 3
    out = {
        "decision": result.decision,
        "score": result.score,
        "distance": result.distance,
        "threshold": result.threshold,
        "model": result.model,
        "model_version": result.model_version,
        "quality": result.figures(),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        text = {MATCH: "khớp", NO_MATCH: "không khớp"}.get(
            result.decision, "ảnh chưa đạt — nhìn thẳng vào máy ảnh"
        )
        print(
            f"{text} (điểm {result.score}, khoảng cách {result.distance}, ngưỡng {result.threshold})"
        )
    return {MATCH: 0, NO_MATCH: 1}.get(result.decision, 2)
