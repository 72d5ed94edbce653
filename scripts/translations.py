"""Keep the UI translations in step with the Vietnamese source strings.

    .venv/bin/python -m scripts.translations          # update the .ts, compile the .qm
    .venv/bin/python -m scripts.translations --check  # exit 1 if stale or unfinished

Vietnamese is the source language. `pyside6-lupdate` reads every `app/**/*.py` and
merges what it finds into `resources/translations/motcua_<lang>.ts`: existing
translations are kept, strings that left the sources become "vanished" (and come
back with their translation if the string returns). `pyside6-lrelease` then compiles
the `.qm` that `app.ui.application.install_translators` loads.

The check compares messages, not bytes: line numbers move with every edit above a
`tr()` call and do not make a translation wrong, so they are ignored. It also reads
the sources itself, because lupdate silently skips or mis-files some calls (an alias
of `translate`, a context held in a variable, an f-string) and those strings would
then never be translated.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "vi"
LANGUAGES = ("en",)

# Markers that take (context, text), as lupdate knows them in Python sources.
_NOOP_CONTEXT = {"QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"}
_CLOSED_STATES = {"vanished", "obsolete"}


def ts_path(language: str, root: Path = ROOT) -> Path:
    return root / "resources" / "translations" / f"motcua_{language}.ts"


def qm_path(language: str, root: Path = ROOT) -> Path:
    return ts_path(language, root).with_suffix(".qm")


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "app").rglob("*.py"))


# --- the Qt tools ---------------------------------------------------------------


def _tool(name: str) -> str:
    """The tool from the same venv as this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with the project's .venv/bin/python")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed:\n{done.stdout}{done.stderr}")


def run_lupdate(ts: Path, sources: list[Path], language: str) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"  # one argument instead of a long command line
        listing.write_text("".join(f"{path}\n" for path in sources), encoding="utf-8")
        _run(
            [
                _tool("pyside6-lupdate"),
                "-silent",
                "-source-language",
                SOURCE_LANGUAGE,
                "-target-language",
                language,
                "-locations",
                "absolute",
                f"@{listing}",
                "-ts",
                str(ts),
            ]
        )


def run_lrelease(ts: Path, qm: Path) -> None:
    _run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)])


# --- reading a .ts ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    state: str  # finished, unfinished, vanished or obsolete
    translations: tuple[str, ...]
    locations: tuple[tuple[str, int], ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def active(self) -> bool:
        return self.state not in _CLOSED_STATES

    @property
    def where(self) -> str:
        if not self.locations:
            return ""
        name, line = self.locations[0]
        return f" ({Path(name).name}:{line})"

    def label(self) -> str:
        return f"[{self.context or '<no context>'}] {self.source!r}{self.where}"


def read_messages(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for node in context.iter("message"):
            translation = node.find("translation")
            forms = translation.findall("numerusform") if translation is not None else []
            texts = (
                tuple(f.text or "" for f in forms)
                if forms
                else ((translation.text or "",) if translation is not None else ("",))
            )
            state = translation.get("type", "finished") if translation is not None else "unfinished"
            locations = tuple(
                (loc.get("filename", ""), int(loc.get("line", "0") or 0))
                for loc in node.iter("location")
            )
            messages.append(
                Message(
                    context=name,
                    source=node.findtext("source") or "",
                    comment=node.findtext("comment") or "",
                    numerus=node.get("numerus") == "yes",
                    state=state,
                    translations=texts,
                    locations=locations,
                )
            )
    return messages


# --- what makes a translation usable ---------------------------------------------

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")


def _accelerators(text: str) -> list[str]:
    """Letters after a single '&' ('&&' is a literal ampersand)."""
    return [m.group(1).lower() for m in re.finditer(r"(?<!&)&([^&\s])", text.replace("&&", ""))]


def translation_problems(message: Message) -> list[str]:
    """Mismatches that break the running UI: a lost {field} raises at .format()."""
    problems = []
    wanted = sorted(_PLACEHOLDER.findall(message.source))
    for text in message.translations:
        if sorted(_PLACEHOLDER.findall(text)) != wanted:
            problems.append(f"placeholders differ in {text!r}")
        if bool(_accelerators(message.source)) != bool(_accelerators(text)):
            problems.append(f"accelerator '&' added or lost in {text!r}")
    return problems


def accelerator_clashes(messages: list[Message]) -> list[str]:
    """Two strings of one context (one widget) given the same Alt letter in the
    translation when the source kept them apart."""
    by_letter: dict[tuple[str, str], list[Message]] = defaultdict(list)
    for message in messages:
        if message.active and message.state == "finished":
            for letter in _accelerators(message.translations[0])[:1]:
                by_letter[(message.context, letter)].append(message)
    clashes = []
    for (context, letter), group in sorted(by_letter.items()):
        source_letters = {tuple(_accelerators(m.source)[:1]) for m in group}
        if len(group) > 1 and len(source_letters) == len(group):
            texts = ", ".join(repr(m.translations[0]) for m in group)
            clashes.append(f"[{context}] Alt+{letter.upper()} used by {texts}")
    return clashes


# --- calls lupdate cannot read ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceProblem:
    path: Path
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _on_application(func: ast.expr) -> bool:
    """QCoreApplication.translate and kin, not str.translate."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id.endswith("Application")
    )


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _dynamic_text_problem(node: ast.expr) -> str | None:
    """A computed text: lupdate records the wrong string (f-string) or none."""
    if isinstance(node, ast.JoinedStr):
        return "f-string inside a translation call: the formatted text never matches"
    if isinstance(node, ast.BinOp):
        return "text built with + or % inside a translation call"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return ".format() inside a translation call: translate first, then format"
    return None


class _Audit(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[SourceProblem] = []
        self.aliases: set[str] = set()
        self.parameters: list[set[str]] = [set()]
        self.marks_strings = False  # the module marks strings for later tr(variable)

    def _add(self, node: ast.AST, what: str) -> None:
        self.problems.append(SourceProblem(self.path, getattr(node, "lineno", 0), what))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        names = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
        self.parameters.append(names)
        self.generic_visit(node)
        self.parameters.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        if isinstance(value, ast.Attribute) and value.attr in {"translate", "tr"}:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.aliases.add(target.id)
                    self._add(
                        node,
                        f"'{target.id} = ...{value.attr}': lupdate does not follow the alias; "
                        'call QCoreApplication.translate("Context", "...") or self.tr("...")',
                    )
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if isinstance(func, ast.Name) and name in self.aliases:
            self._add(node, f"translation through the alias '{name}(...)' is not extracted")
        elif name in _NOOP_CONTEXT or (name == "translate" and _on_application(func)):
            self._check_texts(node, context_index=0, text_index=1)
        elif name == "QT_TR_NOOP" or (name == "tr" and isinstance(func, ast.Attribute)):
            self._check_owner(node)
            self._check_texts(node, context_index=None, text_index=0)
        self.generic_visit(node)

    def _check_owner(self, node: ast.Call) -> None:
        """`window.tr("...")`: lupdate files it under the context "window", while Qt
        looks it up under the class names of the object (MainWindow, QMainWindow...)."""
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in {"self", "cls"}:
            return
        shown = ast.unparse(owner)
        self._add(
            node,
            f"'{shown}.tr()' is filed under the context '{shown}' but looked up under "
            'the object\'s class; use QCoreApplication.translate("<Class>", "...")',
        )

    def _check_texts(self, node: ast.Call, context_index: int | None, text_index: int) -> None:
        args = node.args
        if (
            context_index is not None
            and len(args) > context_index
            and not _literal(args[context_index])
        ):
            self._add(node, "translation context is not a string literal: not extracted")
        if len(args) <= text_index:
            return
        text = args[text_index]
        if _literal(text):
            return
        problem = _dynamic_text_problem(text)
        if problem is not None:
            self._add(node, problem)
        elif isinstance(text, ast.Name) and text.id in self.parameters[-1]:
            return  # a helper translating strings marked elsewhere with QT_TRANSLATE_NOOP
        elif context_index is None and not self.marks_strings:
            self._add(
                node,
                "tr() of a variable: mark its possible values with QT_TR_NOOP / "
                "QT_TRANSLATE_NOOP or they are never extracted",
            )


def audit_sources(files: list[Path], root: Path = ROOT) -> list[SourceProblem]:
    problems: list[SourceProblem] = []
    for path in files:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError) as exc:
            problems.append(SourceProblem(path, 0, f"cannot parse: {exc}"))
            continue
        audit = _Audit(path.relative_to(root) if path.is_relative_to(root) else path)
        audit.marks_strings = any(
            isinstance(node, ast.Name) and node.id in {"QT_TR_NOOP", *_NOOP_CONTEXT}
            for node in ast.walk(tree)
        )
        audit.visit(tree)
        problems.extend(audit.problems)
    return problems


# --- the check ----------------------------------------------------------------


@dataclass
class CheckResult:
    stale: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.stale or self.unfinished or self.invalid)

    def report(self) -> str:
        lines = ["translations are current and complete"] if self.ok else []
        for title, items in (
            (
                "out of date with the sources (run: .venv/bin/python -m scripts.translations)",
                self.stale,
            ),
            ("unfinished translations", self.unfinished),
            ("translations that would break the UI", self.invalid),
            ("warnings", self.warnings),
        ):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def _comparable(messages: list[Message]) -> dict[tuple[str, str, str], tuple[object, ...]]:
    return {m.key: (m.numerus, m.state, m.translations) for m in messages}


def _differences(current: list[Message], fresh: list[Message]) -> list[str]:
    now, then = _comparable(current), _comparable(fresh)
    labels = {m.key: m.label() for m in [*current, *fresh]}
    active_now = {m.key for m in current if m.active}
    active_then = {m.key for m in fresh if m.active}
    lines = [f"new in the sources: {labels[k]}" for k in sorted(active_then - active_now)]
    lines += [f"gone from the sources: {labels[k]}" for k in sorted(active_now - active_then)]
    reported = (active_then - active_now) | (active_now - active_then)
    for key in sorted(set(now) | set(then)):
        if key not in reported and now.get(key) != then.get(key):
            lines.append(f"changed: {labels[key]}")
    return lines


def misfiled(message: Message) -> bool:
    """lupdate files `alias("Context", "text")` under no context, with the context as
    its source text: a source bug, not something a translator can finish."""
    return message.active and message.context == ""


def check(root: Path = ROOT, languages: tuple[str, ...] = LANGUAGES) -> CheckResult:
    """Compare each committed .ts and .qm with what the update would produce now."""
    result = CheckResult()
    sources = source_files(root)
    result.warnings.extend(str(p) for p in audit_sources(sources, root))
    for language in languages:
        ts, qm = ts_path(language, root), qm_path(language, root)
        if not ts.exists():
            result.stale.append(f"{ts.relative_to(root)} is missing")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh_ts = Path(tmp) / ts.name
            shutil.copyfile(ts, fresh_ts)
            run_lupdate(fresh_ts, sources, language)
            fresh = read_messages(fresh_ts)
            fresh_qm = Path(tmp) / qm.name
            run_lrelease(ts, fresh_qm)
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                result.stale.append(f"{qm.relative_to(root)} was not compiled from {ts.name}")
        current = read_messages(ts)
        result.stale.extend(f"{language}: {line}" for line in _differences(current, fresh))
        for message in current:
            if not message.active:
                continue
            if misfiled(message):
                result.warnings.append(f"{language}: misfiled by lupdate: {message.label()}")
            elif message.state != "finished" or not all(message.translations):
                result.unfinished.append(f"{language}: {message.label()}")
            else:
                result.invalid.extend(
                    f"{language}: {message.label()}: {problem}"
                    for problem in translation_problems(message)
                )
        result.warnings.extend(f"{language}: {c}" for c in accelerator_clashes(current))
    return result


def update(root: Path = ROOT, languages: tuple[str, ...] = LANGUAGES) -> None:
    sources = source_files(root)
    for language in languages:
        ts, qm = ts_path(language, root), qm_path(language, root)
        run_lupdate(ts, sources, language)
        run_lrelease(ts, qm)
        messages = [m for m in read_messages(ts) if m.active and not misfiled(m)]
        todo = [m for m in messages if m.state != "finished" or not all(m.translations)]
        print(f"{ts.relative_to(root)}: {len(messages)} messages, {len(todo)} to translate")
        for message in todo:
            print(f"  to translate: {message.label()}")
        warnings = [str(p) for p in audit_sources(sources, root)]
        warnings += [m.label() for m in read_messages(ts) if misfiled(m)]
        warnings += accelerator_clashes(read_messages(ts))
        if warnings:
            print("warnings:")
            print("\n".join(f"  {w}" for w in warnings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a .ts/.qm is out of date or a message is unfinished",
    )
    args = parser.parse_args(argv)
    if args.check:
        result = check()
        print(result.report())
        return 0 if result.ok else 1
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
