"""The house rules of the code, checked: no import circles, no private names imported
across modules, no behaviour read from the environment inside the library, every
pattern compiled through the regex store."""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1] / "extractor"


def modules() -> dict[str, ast.Module]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def imports(name: str, tree: ast.Module, known: set[str]):
    """(module imported, names imported) for every import of the package in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extractor"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield (full if full in known else node.module), alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("extractor"):
                    yield alias.name, None


def test_no_import_circles():
    mods = modules()
    known = set(mods)
    graph = {m: {t for t, _ in imports(m, tree, known) if t in known and t != m and not m.startswith(t + ".")}
             for m, tree in mods.items()}
    # a package's __init__ importing its own modules is not a circle
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in graph[m]:
            if state.get(t) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_no_private_names_imported_across_modules():
    mods = modules()
    bad = [(m, n) for m, tree in mods.items() for _, n in imports(m, tree, set(mods))
           if n and n.startswith("_") and not n.startswith("__")]
    assert bad == []


def test_no_behaviour_read_from_the_environment_inside_the_library():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path.name == "cli.py":
            continue  # the edge may read MRX_* once
        source = path.read_text(encoding="utf-8")
        if "os.environ" in source or "getenv(" in source or "ContextVar" in source:
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_patterns_are_compiled_through_the_regex_store():
    """``compile_regex`` keeps a pattern's program for the next process; a ``re.compile``
    in the package would parse its pattern in every run."""
    offenders = []
    for name, tree in modules().items():
        if name == "extractor.regex_store":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile" \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []
