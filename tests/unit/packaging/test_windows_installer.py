"""The Windows setup script (installer/motcua.iss) takes its files from where the
PyInstaller spec puts them. It cannot be compiled here (Inno Setup is Windows-only),
so its paths, version and languages are checked against the spec and the layout."""

from __future__ import annotations

import ast
import re
from pathlib import Path, PureWindowsPath

from installer.bundle_layout import APP_FOLDER, EXE_NAME, INTERNAL

ROOT = Path(__file__).resolve().parents[3]
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "motcua.iss"


def sections(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            found.setdefault(current, [])
        elif current:
            found[current].append(line)
    return found


def entry(line: str) -> dict[str, str]:
    """``Name: "x"; Flags: a b`` -> {"Name": "x", "Flags": "a b"}."""
    fields = {}
    for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line):
        fields[part[0]] = part[1].strip().strip('"')
    return fields


def text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def spec_call_names() -> dict[str, str]:
    """The ``name=`` of the spec's EXE and COLLECT calls (constant names or strings)."""
    tree = ast.parse((INSTALLER / "motcua.spec").read_text(encoding="utf-8"))
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            for kw in node.keywords:
                if kw.arg == "name":
                    names[node.func.id] = ast.unparse(kw.value)
    return names


def test_spec_names_the_folder_and_executable_from_the_shared_layout():
    assert spec_call_names() == {"EXE": "EXE_NAME", "COLLECT": "APP_FOLDER"}


def test_every_source_lies_in_the_bundle_folder_the_spec_produces():
    files = [entry(line) for line in sections(text())["Files"]]
    bundle = PureWindowsPath("..", "dist", APP_FOLDER)
    sources = {PureWindowsPath(f["Source"]) for f in files}
    assert sources == {bundle / f"{EXE_NAME}.exe", bundle / INTERNAL / "*"}
    by_source = {PureWindowsPath(f["Source"]).name: f for f in files}
    assert "recursesubdirs" in by_source["*"]["Flags"].split()
    assert by_source["*"]["DestDir"] == f"{{app}}\\{INTERNAL}"
    # the previous release's libraries are removed before the new ones are copied
    [stale] = [entry(line) for line in sections(text())["InstallDelete"]]
    assert stale["Name"] == f"{{app}}\\{INTERNAL}"


def test_shortcuts_start_the_installed_executable_normal_and_demo():
    icons = [entry(line) for line in sections(text())["Icons"]]
    targets = {i["Filename"] for i in icons} - {"{uninstallexe}"}
    assert targets == {f"{{app}}\\{EXE_NAME}.exe"}
    start_menu = [i for i in icons if i["Name"].startswith("{group}")]
    assert {i.get("Parameters", "") for i in start_menu} == {"", "--demo"}


def test_per_machine_upgradable_and_icon_present():
    setup = dict(line.split("=", 1) for line in sections(text())["Setup"])
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])  # fixed: upgrades in place
    assert setup["AppVersion"] == "{#AppVersion}"
    assert (INSTALLER / PureWindowsPath(setup["SetupIconFile"]).as_posix()).is_file()
    assert "#define AppVersion" not in text()  # passed in by the build, never stale


def test_only_built_in_messages_are_required():
    """Vietnamese.isl is not shipped with Inno Setup 6: it is used only when present."""
    lines = text().splitlines()
    for n, line in enumerate(lines):
        if "MessagesFile" in line and "compiler:Default.isl" not in line:
            assert lines[n - 1].startswith("#if FileExists("), line
            assert lines[n + 1].strip() == "#endif"
