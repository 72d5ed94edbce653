"""Create the emulator's committed resources that are missing: test PKI, card keys, photos.

Run once after adding a profile: ``python -m app.cardsim.generate``. Existing files are
left alone, so committed keys (and the SOD signers readers may have imported) stay.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.cardsim import faces, synthetic_faces
from app.cardsim.pki import RESOURCES, generate_missing, new_private_key, write_private_key


def _photo(path: Path, style: dict[str, Any]) -> None:
    """``{"identity": N}``: a shaded synthetic face (``synthetic_faces``) the face match
    can use; otherwise the flat cartoon of ``faces``."""
    if "identity" in style:
        img = synthetic_faces.render(int(style["identity"]))
    else:
        options: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in style.items()
        }
        img = faces.draw_face(faces.FaceStyle(**options))
    data = faces.to_jpeg2000(img) if path.suffix in (".jp2", ".j2k") else faces.to_jpeg(img)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def generate_profile_resources(profile_json: Path) -> list[Path]:
    data = json.loads(profile_json.read_text(encoding="utf-8"))
    files = data.get("files", {})
    security = data.get("security", {})
    created = []
    photo = profile_json.parent / files["photo"]
    if not photo.exists():
        _photo(photo, data.get("photo_style", {}))
        created.append(photo)
    wanted = [("aa_key", security.get("active_auth")), ("ca_key", "ec-brainpoolP256r1")]
    for key_name, kind in wanted:
        if not kind or key_name not in files:
            continue
        path = profile_json.parent / files[key_name]
        if not path.exists():
            write_private_key(path, new_private_key(kind))
            created.append(path)
    return created


def main() -> int:
    created = generate_missing()
    for profile_json in sorted(RESOURCES.glob("*.json")):
        created += generate_profile_resources(profile_json)
    for path in created:
        print(f"created {path.relative_to(RESOURCES.parents[1])}")
    if not created:
        print("nothing to do: every resource exists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
