"""The layout of the one-folder bundle, shared by the PyInstaller spec, the Linux
package builder and the tests that check the Windows installer script against it."""

from __future__ import annotations

from pathlib import Path

APP_FOLDER = "MotCua"  # dist/MotCua: COLLECT's name
EXE_NAME = "motcua"  # motcua.exe on Windows
INTERNAL = "_internal"  # PyInstaller 6's folder for everything but the executable

# Folders copied as files (read at run time by path, not imported): resources, and the
# Alembic scripts and web files that are loaded from disk.
DATA_FOLDERS = (
    "resources",
    "app/services/storage/migrations",
    "central/migrations",
    "central/web/templates",
    "central/web/static",
)
DATA_FILES = ("central/web/catalogue_en.json",)
SKIPPED = ("__pycache__", ".pyc", ".pyo")


def _wanted(path: Path) -> bool:
    return path.is_file() and not any(s in part for part in path.parts for s in SKIPPED)


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's ``datas``."""
    pairs = []
    for folder in DATA_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if _wanted(path):
                pairs.append((str(path), str(path.parent.relative_to(root))))
    for name in DATA_FILES:
        pairs.append((str(root / name), str(Path(name).parent)))
    return pairs


def project_version(root: Path) -> str:
    """The version in pyproject.toml: the one every installer is named after."""
    import tomllib

    with (root / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


if __name__ == "__main__":  # for the Windows build: iscc /DAppVersion=<this>
    print(project_version(Path(__file__).resolve().parent.parent))
