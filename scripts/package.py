"""``make package``: the Linux installer, ``dist/motcua_<version>_amd64.deb``.

Builds the PyInstaller one-folder bundle (installer/motcua.spec) into dist/MotCua,
then a Debian package around it:

    /opt/motcua/                         the bundle (motcua + _internal/)
    /usr/bin/motcua                      -> /opt/motcua/motcua
    /usr/share/applications/motcua.desktop   (with a "trình diễn" / demo action)
    /usr/share/icons/hicolor/{256x256,scalable}/apps/motcua.{png,svg}

The package depends on pcscd and the CCID reader driver. Removing it removes only
these files: the user's data (~/.local/share/MotCua and the config folder) stays.

    python -m scripts.package [--reuse-bundle]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from installer.bundle_layout import APP_FOLDER, EXE_NAME, project_version

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build"
PREFIX = "opt/motcua"

# pcscd and the CCID driver for the card reader; the X libraries Qt's xcb platform
# plugin loads that PyInstaller leaves to the system.
DEPENDS = [
    "pcscd",
    "libccid",
    "libegl1",
    "libfontconfig1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
]

DESKTOP = """\
[Desktop Entry]
Type=Application
Name=MotCua
GenericName=Một cửa BHXH
Comment=Phần mềm bộ phận một cửa BHXH: định danh CCCD gắn chip, tiếp nhận hồ sơ, in phiếu
Exec=motcua
Icon=motcua
Terminal=false
Categories=Office;
StartupWMClass=motcua
Actions=demo;

[Desktop Action demo]
Name=MotCua (trình diễn)
Exec=motcua --demo
"""

# Menus and icons refresh after install and removal; nothing else is needed, and
# nothing here touches a home folder.
CACHES = """\
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
"""


def build_bundle(dist: Path = DIST, work: Path = WORK) -> Path:
    """Run PyInstaller on installer/motcua.spec; returns dist/MotCua."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(ROOT / "installer" / "motcua.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / APP_FOLDER


def _control(version: str, installed_kib: int) -> str:
    return (
        f"Package: motcua\nVersion: {version}\nArchitecture: amd64\n"
        "Maintainer: MotCua <motcua@example.invalid>\n"
        f"Installed-Size: {installed_kib}\nDepends: {', '.join(DEPENDS)}\n"
        # the virtual reader the demo's and training's virtual cards are put on
        "Suggests: vsmartcard-vpcd\n"
        "Section: misc\nPriority: optional\nHomepage: https://example.invalid/motcua\n"
        "Description: BHXH one-stop counter (Một cửa)\n"
        " Identifies citizens by their chip ID card, takes in dossiers, prints receipts\n"
        " and syncs with the central service. Includes a demo mode (motcua --demo).\n"
    )


def _size_kib(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()) // 1024 + 1


def stage(bundle: Path, version: str, staging: Path) -> Path:
    """The package's file tree, DEBIAN/ included."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / PREFIX, symlinks=True)
    (staging / "usr/bin").mkdir(parents=True)
    (staging / "usr/bin/motcua").symlink_to(f"/{PREFIX}/{EXE_NAME}")
    apps = staging / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / "motcua.desktop").write_text(DESKTOP, encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size, name in (("256x256", "motcua.png"), ("scalable", "motcua.svg")):
        folder = staging / "usr/share/icons/hicolor" / size / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(icons / name, folder / name)
    control = staging / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(_control(version, _size_kib(staging)), encoding="utf-8")
    for script in ("postinst", "postrm"):
        (control / script).write_text(CACHES, encoding="utf-8")
        (control / script).chmod(0o755)
    return staging


def build_deb(staging: Path, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    # zstd (dpkg >= 1.21.18: Debian 12, Ubuntu 22.04): seconds where xz or gzip take
    # a minute or more for the ~320 MB bundle on two cores, and no larger than gzip
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(staging), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def deb_path(version: str | None = None) -> Path:
    return DIST / f"motcua_{version or project_version(ROOT)}_amd64.deb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make package", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reuse-bundle", action="store_true", help="package dist/MotCua as it is (no PyInstaller)"
    )
    args = parser.parse_args(argv)
    version = project_version(ROOT)
    bundle = DIST / APP_FOLDER
    if not (args.reuse_bundle and (bundle / EXE_NAME).exists()):
        bundle = build_bundle()
    staging = stage(bundle, version, WORK / "deb" / f"motcua_{version}_amd64")
    deb = build_deb(staging, deb_path(version))
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
