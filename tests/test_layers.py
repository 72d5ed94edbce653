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


# ---- password checks and their records off the GUI thread (issue 11)
# In these modules a service call given the database runs only inside work handed to a
# runner: a lambda or local function passed to ``.run(...)``/``wait_for(...)``, or to a
# dialog built with ``runner=`` (which runs it there); in the dialogs, the callable a
# dialog is given (its password check) is called only inside a lambda passed to ``.run``.
WORKER_ONLY = {
    "login.py": True,
    "password_dialog.py": True,
    "counter_lock.py": False,
    "session.py": False,
}


def _is_db(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id in ("db", "_db")) or (
        isinstance(node, ast.Attribute) and node.attr in ("db", "_db")
    )


def _service_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app.services"):
            names |= {a.asname or a.name for a in node.names}
    return names


def _handed_to_a_runner(call: ast.Call) -> bool:
    func = call.func
    return (
        (isinstance(func, ast.Attribute) and func.attr == "run")
        or (isinstance(func, ast.Name) and func.id == "wait_for")
        or any(k.arg == "runner" for k in call.keywords)
    )


def gui_thread_db_calls(source: str, dialogs: bool = True) -> list[int]:
    """Lines of service calls given the database that are not work handed to a runner,
    and of a dialog's stored callables (``self._x`` set from a parameter) called
    outside a lambda passed to ``.run(...)``."""
    tree = ast.parse(source)
    services, parents = _service_names(tree), {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    handed: set[ast.AST] = set()  # lambdas and local functions a runner (or dialog) gets
    local_defs = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    stored: set[str] = set()  # self._x = <parameter> in __init__
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _handed_to_a_runner(node):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Lambda):
                    handed.add(arg)
                elif isinstance(arg, ast.Name) and arg.id in local_defs:
                    handed.add(local_defs[arg.id])
        if dialogs and isinstance(node, ast.FunctionDef) and node.name == "__init__":
            params = {a.arg for a in node.args.args}
            for assign in (n for n in ast.walk(node) if isinstance(n, ast.Assign)):
                for target in assign.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(assign.value, ast.Name)
                        and assign.value.id in params
                        and assign.value.id != "parent"
                    ):
                        stored.add(target.attr)

    def enclosing_work(node: ast.AST) -> ast.AST | None:
        while node in parents:
            node = parents[node]
            if isinstance(node, (ast.Lambda, ast.FunctionDef)) and node in handed:
                return node
        return None

    aliases: set[str] = set()  # local names bound from a stored callable
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            targets = (
                node.targets[0].elts
                if isinstance(node.targets[0], ast.Tuple)
                else [node.targets[0]]
            )
            for target, value in zip(targets, values, strict=False):
                if (
                    isinstance(value, ast.Attribute)
                    and value.attr in stored
                    and isinstance(target, ast.Name)
                ):
                    aliases.add(target.id)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        into_services = (isinstance(func, ast.Name) and func.id in services) or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in services
        )
        given_db = any(_is_db(a) for a in [*node.args, *(k.value for k in node.keywords)])
        if into_services and given_db and enclosing_work(node) is None:
            found.append(node.lineno)
        stored_call = (
            isinstance(func, ast.Attribute)
            and func.attr in stored
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ) or (isinstance(func, ast.Name) and func.id in aliases)
        work = enclosing_work(node)
        if stored_call and not (isinstance(work, ast.Lambda) and work in handed):
            found.append(node.lineno)
    return sorted(found)


def test_password_checks_and_their_records_run_on_a_worker() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for name, dialogs in WORKER_ONLY.items()
        for path in [ROOT / "app" / "ui" / name]
        for line in gui_thread_db_calls(path.read_text(encoding="utf-8"), dialogs)
    ]
    assert found == [], "hand the work to session.db_runner (app/ui/tasks.py)"


@pytest.mark.parametrize(
    "planted, line",
    [
        (  # the idle lock's record written on the GUI thread
            "from app.services.security import accounts\n"
            "def lock(s):\n"
            "    accounts.record_session_event(s.db, 1, 'lock')\n",
            3,
        ),
        (  # a dialog that calls its password check right away
            "class D:\n"
            "    def __init__(self, unlock, parent=None):\n"
            "        self._unlock = unlock\n"
            "    def try_unlock(self):\n"
            "        self._unlock(self.password.text())\n",
            5,
        ),
        (  # a lambda that only looks like work: given to a dialog without a runner
            "from app.services.security import accounts\n"
            "def login(self):\n"
            "    LoginDialog(lambda u, p: accounts.authenticate(self.db, u, p))\n",
            3,
        ),
    ],
)
def test_a_password_check_on_the_gui_thread_is_caught(planted: str, line: int) -> None:
    assert gui_thread_db_calls(planted) == [line]


def test_work_handed_to_a_runner_passes() -> None:
    fine = (
        "from app.services.security import accounts\n"
        "class D:\n"
        "    def __init__(self, change, parent=None, runner=None):\n"
        "        self._change = change\n"
        "    def go(self, db):\n"
        "        change = self._change\n"
        "        self._runner.run(lambda: change(1, 2), print)\n"
        "        def create():\n"
        "            return accounts.set_up_office(db)\n"
        "        FirstRunDialog(create, runner=self.db_runner)\n"
    )
    assert gui_thread_db_calls(fine) == []
