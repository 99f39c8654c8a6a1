"""Imports follow the flow of docs/ARCHITECTURE.md, with no cycles.

The import graph of the package is read from the source (``ast``), counting
imports inside functions (the lazy ones) as well as module-level ones; only
imports under ``if TYPE_CHECKING:`` are left out, since they never run. A
module may import modules of its own layer or of layers before it, never a
later one, and no chain of imports may lead back to where it started.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import scrisk

PACKAGE = Path(scrisk.__file__).parent

# The flow, first to last; a module imports only from its own layer or earlier ones.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundations",
        (
            "scrisk.vocab",
            "scrisk.errors",
            "scrisk.dates",  # the one date parser (and month-only policy dates)
            "scrisk.jsontext",  # the one JSON writer (dumps, compact, plain)
            "scrisk.jsontypes",  # the type of raw JSON (JsonValue)
            "scrisk.slotmake",  # frozen dataclass objects made by plain slot stores
            "scrisk.textsafe",
            "scrisk.userdata",
            "scrisk.i18n",
            "scrisk.policy",
            "scrisk.countries",
            "scrisk.xlsx_io",  # the one zip guard, bounded sheet reader and safe cell writer
            "scrisk.xlsx_parts",  # each XML part checked before it is parsed (bounded time)
        ),
    ),
    ("model", ("scrisk.schema", "scrisk.model", "scrisk.findings")),
    ("readers", ("scrisk.readers", "scrisk.template", "scrisk.template_labels")),
    ("graph", ("scrisk.graph",)),
    ("reference", ("scrisk.reference",)),
    ("screening", ("scrisk.screening",)),
    ("decisions", ("scrisk.decisions",)),
    ("assessment", ("scrisk.assessment",)),
    ("report", ("scrisk.report", "scrisk.register")),  # the register beside the renderers
    ("outputs", ("scrisk.outputs",)),  # where a command may write, and writing it whole
    ("web", ("scrisk.web",)),  # `scrisk serve`: a front-end beside the CLI, below its wiring
    ("cli", ("scrisk.cli", "scrisk.__main__")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def layer_of(module: str) -> int:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/ARCHITECTURE.md")


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, *, types: bool = False) -> set[str]:
    """Modules of scrisk that ``module`` imports when it runs (functions included);
    ``types``: also those it imports for annotations only (``if TYPE_CHECKING:``)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node) and not types:
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
        stack.extend(ast.iter_child_nodes(node))
    return {m for m in found if m in MODULES and m != module}


def import_graph(*, types: bool = False) -> nx.DiGraph:
    G = nx.DiGraph()
    for module in MODULES:
        if module == "scrisk":  # the public surface: lazy re-exports of everything
            continue
        G.add_node(module)
        G.add_edges_from((module, m) for m in imports_of(module, types=types) if m != "scrisk")
    return G


def test_every_module_has_a_layer():
    for module in MODULES:
        if module != "scrisk":
            layer_of(module)


# Public conveniences the spec names that reach forward: ``Assessment.to_excel()``
# (spec/interfaces.md) only hands the assessment to the workbook writer, lazily.
# Each is an edge of the graph too, so the cycle check below still holds for it.
FACADES = {("scrisk.assessment.result", "scrisk.report.excel.workbook")}


def test_no_module_imports_a_later_stage():
    G = import_graph()
    wrong = sorted(
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
        for a, b in G.edges
        if layer_of(b) > layer_of(a) and (a, b) not in FACADES
    )
    assert wrong == []
    assert FACADES <= set(G.edges)  # an exception no longer needed is removed


def test_the_register_knows_nothing_of_rules():
    """The register stores and re-assesses through ``assess()``; it imports no rule."""
    direct = {b for a in MODULES if a.startswith("scrisk.register") for b in imports_of(a)}
    assert sorted(b for b in direct if b.startswith("scrisk.assessment.rules")) == []
    assert "scrisk.assessment" in direct  # the checker sees its lazy import of assess()


def test_no_import_cycles():
    G = import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert cycles == []


def test_no_module_imports_a_private_name_of_another():
    private = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scrisk"):
                private += [
                    f"{module}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert private == []


def test_the_checker_sees_lazy_imports():
    """imports inside functions count: engine imports the rules only inside assess()."""
    assert "scrisk.assessment.rules" in imports_of("scrisk.assessment.engine")
    assert "scrisk.reference.freshness" in imports_of("scrisk.assessment.engine")  # in _as_of


# Cycles left, each in a package another change is reshaping; each must still exist
# (a cycle that is gone is removed from here).
KNOWN_CYCLES: list[set[str]] = []


def test_no_import_cycles_even_for_annotations():
    """Counting imports made for annotations only, no two modules depend on each other:
    a module that needs the type of its caller names a protocol of what it reads
    (``document_build.Assessment``) or the two are one concept (model + its JSON form).
    The facades (``Assessment.to_excel``) count too: the workbook writer reads the
    assessment through that protocol, so even the lazy import closes no cycle."""
    G = import_graph(types=True)
    assert FACADES <= set(G.edges)
    cycles = [c for c in nx.strongly_connected_components(G) if len(c) > 1]
    left = [c for c in cycles if c not in KNOWN_CYCLES]
    assert left == []
    assert all(c in cycles for c in KNOWN_CYCLES)


def _only_imports(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.If) and _type_checking_only(node):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else []
        if [getattr(t, "id", None) for t in targets] == ["__all__"]:
            continue
        return False
    return True


def test_no_module_only_re_exports():
    """A module holds something of its own; a package's ``__init__`` may gather its
    public names (it is the package's face), no other module may only pass names on."""
    shims = sorted(
        module
        for module, path in MODULES.items()
        if path.name != "__init__.py" and _only_imports(ast.parse(path.read_text("utf-8")))
    )
    assert shims == []


def _defined(module: str) -> set[str]:
    """Names a module defines at its top level (functions, classes, assignments), also
    in a top-level ``if`` (``if TYPE_CHECKING: ... else: ...``)."""
    names: set[str] = set()
    body = list(ast.parse(MODULES[module].read_text(encoding="utf-8")).body)
    body += [n for node in body if isinstance(node, ast.If) for n in (*node.body, *node.orelse)]
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


# Modules that still pass on names defined elsewhere (none: issue 22 emptied it; a
# module added here must say who still imports it that way).
REEXPORTERS_LEFT: set[str] = set()


def test_names_are_imported_from_the_module_that_defines_them():
    """``from scrisk.x import name`` names the module that defines ``name`` (or a
    package's ``__init__``): one name, one place to import it from."""
    tests = Path(__file__).parent
    found: dict[str, set[str]] = {}
    for path in [*PACKAGE.rglob("*.py"), *tests.glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0):
                continue
            module = node.module or ""
            if module not in MODULES or MODULES[module].name == "__init__.py":
                continue
            defined = _defined(module)
            for alias in node.names:
                if f"{module}.{alias.name}" not in MODULES and alias.name not in defined:
                    found.setdefault(module, set()).add(f"{path.name}: {alias.name}")
    assert sorted(set(found) - REEXPORTERS_LEFT) == [], {
        m: sorted(v) for m, v in found.items() if m not in REEXPORTERS_LEFT
    }
    assert sorted(REEXPORTERS_LEFT - set(found)) == []  # one no longer used is removed
