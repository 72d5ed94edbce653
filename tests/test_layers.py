"""The import rules of docs/architecture.md, checked on every module's source.

Imports are read with ``ast`` (module level and inside functions, so a lazy import
cannot hide a dependency). A failure names the module, the line and the rule.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "central")

# Card I/O happens here and nowhere else (docs/architecture.md, "Who may import whom", rule 5).
PYSCARD_MODULES = {"app.services.card.pcsc", "app.services.card.monitor"}


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    line: int
    typing_only: bool = False  # under ``if TYPE_CHECKING:``: no run-time dependency

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts and "versions" in path.parts:
                continue  # Alembic revisions import only alembic and sqlalchemy
            found[module_name(path)] = path
    return found


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _typing_only_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    typing_only = _typing_only_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno, node.lineno in typing_only)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(name, is_package, node)
            yield Import(name, target, node.lineno, node.lineno in typing_only)
            for alias in node.names:  # "from app.services import dossiers" names a module
                sub = f"{target}.{alias.name}"
                if sub in known:
                    yield Import(name, sub, node.lineno, node.lineno in typing_only)


MODULES = modules()
IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path, set(MODULES))]


def _within(target: str, *prefixes: str) -> bool:
    return any(target == p or target.startswith(p + ".") for p in prefixes)


def broken(rule: Callable[[Import], bool], imports: list[Import] = IMPORTS) -> list[str]:
    return [str(imp) for imp in imports if rule(imp)]


QT_FREE = ("app.services", "app.shared", "app.errors", "app.settings", "app.crash", "central")


def qt_outside_the_ui(i: Import) -> bool:
    return _within(i.importer, *QT_FREE) and _within(i.target, "PySide6")


def ui_imported_by_services(i: Import) -> bool:
    return _within(i.importer, "app.services", "app.shared", "central") and _within(
        i.target, "app.ui"
    )


# Central shares the app's domain code (the wire format and shared package, the national
# forms, the catalog, the ICAO trust-list format, the indicator arithmetic) but never
# reaches — directly or through another module — the counter's own storage, sync
# engine, security, card I/O, emulator or UI.
COUNTER_INTERNALS = (
    "app.services.storage",
    "app.services.sync",
    "app.services.security",
    "app.services.card.pcsc",
    "app.services.card.monitor",
    "app.cardsim",
    "app.ui",
)


def _graph(imports: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for imp in imports:
        if not imp.typing_only and imp.target in MODULES and imp.target != imp.importer:
            graph.setdefault(imp.importer, set()).add(imp.target)
    return graph


def central_reaching_counter_internals(imports: list[Import] = IMPORTS) -> list[str]:
    graph, found = _graph(imports), []
    for start in sorted(m for m in graph if _within(m, "central")):
        seen, todo = {start}, [(start, [start])]
        while todo:
            module, path = todo.pop()
            for nxt in sorted(graph.get(module, ())):
                if nxt in seen:
                    continue
                seen.add(nxt)
                if _within(nxt, *COUNTER_INTERNALS):
                    found.append(" -> ".join([*path, nxt]))
                else:
                    todo.append((nxt, [*path, nxt]))
    return found


def test_central_never_reaches_the_counters_internals() -> None:
    assert central_reaching_counter_internals() == []


def test_reaching_the_counters_storage_through_another_module_is_caught() -> None:
    indirect = [
        Import("central.api", "app.services.dossiers", 1),
        Import("app.services.dossiers", "app.services.storage.models", 1),
    ]
    assert any(
        "central.api -> app.services.dossiers -> app.services.storage.models" in line
        for line in central_reaching_counter_internals([*IMPORTS, *indirect])
    )


def shared_package_leaning_on_others(i: Import) -> bool:
    return (
        _within(i.importer, "app.shared")
        and _within(i.target, "app", "central")
        and not _within(i.target, "app.shared")
    )


def pyscard_outside_card_io(i: Import) -> bool:
    return _within(i.target, "smartcard") and i.importer not in PYSCARD_MODULES


def emulator_and_reader_sharing(i: Import) -> bool:
    return (_within(i.importer, "app.cardsim") and _within(i.target, "app.services.card")) or (
        _within(i.importer, "app.services.card") and _within(i.target, "app.cardsim")
    )


RULES = [
    qt_outside_the_ui,
    ui_imported_by_services,
    shared_package_leaning_on_others,
    pyscard_outside_card_io,
    emulator_and_reader_sharing,
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_rule_holds(rule: Callable[[Import], bool]) -> None:
    assert broken(rule) == []


VIOLATIONS = {
    qt_outside_the_ui: Import("app.services.dossiers", "PySide6.QtCore", 1),
    ui_imported_by_services: Import("central.api", "app.ui.messages", 1),
    shared_package_leaning_on_others: Import("app.shared.wire", "app.services.identity", 1),
    pyscard_outside_card_io: Import("app.ui.intake.page", "smartcard.System", 1),
    emulator_and_reader_sharing: Import("app.cardsim.card", "app.services.card.sm", 1),
}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_each_rule_catches_a_violation(rule: Callable[[Import], bool]) -> None:
    """The checks can fail: each sees the violation it exists for."""
    assert broken(rule, [*IMPORTS, VIOLATIONS[rule]]) == [str(VIOLATIONS[rule])]


def _cycles(imports: list[Import] = IMPORTS) -> list[list[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for imp in imports:
        if imp.typing_only:
            continue
        if imp.target in MODULES and imp.target != imp.importer:
            # a package's __init__ importing its own submodule is not a cycle of design
            if imp.target.startswith(imp.importer + "."):
                continue
            graph[imp.importer].add(imp.target)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    assert _cycles() == []


def test_a_cycle_is_caught() -> None:
    loop = [
        Import("app.services.dossiers", "app.services.lifecycle", 1),
        Import("app.services.lifecycle", "app.services.dossiers", 1),
    ]
    assert ["app.services.dossiers", "app.services.lifecycle"] in _cycles([*IMPORTS, *loop])


# ---- no database work on the GUI thread (docs/architecture.md, "Threads and processes")


def sessions_opened(source: str) -> list[int]:
    """Lines calling ``<anything>.session()``: a database session opened right there."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "session"
    ]


def test_the_ui_opens_no_database_session() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "app" / "ui").rglob("*.py"))
        for line in sessions_opened(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "database work belongs in a service function run on a worker"


def test_a_session_opened_in_a_screen_is_caught() -> None:
    planted = "def reload(self):\n    with self._db.session() as s:\n        return s\n"
    assert sessions_opened(planted) == [2]
