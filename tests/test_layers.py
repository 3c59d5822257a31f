"""The package's import graph follows the pipeline: framework + archive -> scan -> inspect
-> check -> view -> outputs, with the command line and the MkDocs plugin on top. No cycle,
no import from a lower layer to a higher one, no output importing another output, and the
site renderer reads the view only (neither the export nor the snapshot code)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "generator"

LAYERS = {
    # 0: plain helpers every step may use
    "generator": 0, "generator.excerpt": 0, "generator.text": 0, "generator.codes": 0,
    "generator.dates": 0, "generator.naming": 0, "generator.content_types": 0,
    "generator.guarded_yaml": 0, "generator.progress": 0,
    # 1: the framework: model and loader, parameters, deadlines, prose read into terms
    "generator.framework": 1,
    # the reviewers' file beside the framework file (review.yml): model, load, save
    "generator.review": 1,
    # 2: the archive: scan and inspect
    "generator.archive": 2,
    # 3: the checks
    "generator.rules": 3,
    # 4: the pipeline and the view of the checked archive
    "generator.binder": 4, "generator.comparison": 4, "generator.summary": 4, "generator.view": 4,
    "generator.finding_ids": 4,
    # 5: outputs over the view, and `binder init` (a table into criteria.yml and the folders the scan matches)
    "generator.outputs": 5, "generator.snapshots": 5,
    "generator.framework.importer": 5, "generator.framework.writer": 5,
    # 6: the commands and the MkDocs plugin, which run the pipeline and hand outputs to each other
    "generator.plugin": 6, "generator.cli": 6, "generator.__main__": 6,
}

OUTPUTS = {
    "site": {"generator.outputs.site"},
    "export": {"generator.outputs.export", "generator.outputs.tracker"},
    "pdf": {"generator.outputs.pdf", "generator.outputs.pdf.catalogue", "generator.outputs.pdf.layout",
            "generator.outputs.pdf.book", "generator.outputs.pdf.assemble", "generator.outputs.pdf.render",
            "generator.outputs.pdf.stamp", "generator.outputs.pdf.pictures"},
    "package": {"generator.outputs.package", "generator.outputs.package.names", "generator.outputs.package.plan",
                "generator.outputs.package.manifest", "generator.outputs.package.writer"},
    "office": {"generator.outputs.office", "generator.outputs.office.contract", "generator.outputs.office.model",
               "generator.outputs.office.gather", "generator.outputs.office.render"},
    "snapshots": {"generator.snapshots", "generator.snapshots.snapshot", "generator.snapshots.bag",
                  "generator.snapshots.four_properties", "generator.snapshots.pronom"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The package's modules `path` imports at run time (not under TYPE_CHECKING)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
               and ast.unparse(block.test) == "TYPE_CHECKING" for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                found.add(target)
            else:
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return {t for t in found if t != name}


def owner(module: str) -> str:
    """The entry of LAYERS a module belongs to (a package's entry covers its modules)."""
    while module not in LAYERS:
        if "." not in module:
            raise KeyError(module)
        module = module.rsplit(".", 1)[0]
    return module


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer():
    missing = []
    for module in GRAPH:
        try:
            owner(module)
        except KeyError:
            missing.append(module)
    assert not missing, f"modules with no layer in tests/test_layers.py: {missing}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_reaches_up(module):
    layer = LAYERS[owner(module)]
    upward = sorted(t for t in GRAPH[module] if LAYERS.get(owner(t), -1) > layer)
    assert not upward, f"{module} (layer {layer}) imports a higher layer: {upward}"


def test_no_output_imports_another_output():
    for output, modules in OUTPUTS.items():
        others = set().union(*(m for name, m in OUTPUTS.items() if name != output))
        for module in modules:
            assert not GRAPH[module] & others, f"{module} ({output}) imports {GRAPH[module] & others}"


def test_the_site_renderer_reads_the_view_only():
    """It may name the model's types (a file, a finding); it runs nothing but the view."""
    imported = GRAPH["generator.outputs.site"]
    assert not {owner(t) for t in imported} & {"generator.snapshots", "generator.binder", "generator.summary"}
    assert "generator.outputs.export" not in imported
    assert not {t for t in imported if t.startswith("generator.archive") and t != "generator.archive.scan"}


def test_no_cycle():
    modules = {m: {owner(t) for t in targets if owner(t) != owner(m)} for m, targets in GRAPH.items()}
    graph: dict[str, set[str]] = {}
    for module, targets in modules.items():
        graph.setdefault(owner(module), set()).update(targets)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join(path + [node, target]))
            if target not in state:
                visit(target, path + [node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
