"""The README's code sketches call stemlab as it is. They read files the tests do not have, so they are checked, not
run: every stemlab function a sketch names must exist, and each call's arguments must bind to its signature."""
import ast
import importlib
import inspect
import re

import pytest

from conftest import ROOT

METHOD_MODULES = {"stemlab.eels", "stemlab.ptycho.app", "stemlab.ptycho.caviar", "stemlab.distortion",
                  "stemlab.templates"}


def _sketches() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)


def _imported_modules(tree: ast.Module) -> dict:
    "Local name -> what it is bound to by the sketch's stemlab imports (`import stemlab.io` binds `stemlab`)."
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("stemlab"):
                    module = importlib.import_module(alias.name)
                    names[alias.asname or "stemlab"] = module if alias.asname else importlib.import_module("stemlab")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stemlab"):
            parent = importlib.import_module(node.module)
            for alias in node.names:
                try:
                    names[alias.asname or alias.name] = importlib.import_module(f"{node.module}.{alias.name}")
                except ModuleNotFoundError:
                    names[alias.asname or alias.name] = getattr(parent, alias.name)
    return names


def _dotted(node) -> list[str] | None:
    "['a', 'b', 'c'] for the expression a.b.c, else None."
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else None


def _stemlab_calls(source: str) -> list[tuple[str, object, ast.Call]]:
    "(dotted name, function, call) of every call in `source` whose function is reached from a stemlab import."
    tree = ast.parse(source)
    modules = _imported_modules(tree)
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (path := _dotted(node.func)) is None or path[0] not in modules:
            continue
        target = modules[path[0]]
        for name in path[1:]:
            assert hasattr(target, name), f"README: {'.'.join(path)} does not exist ({name!r} is not in {target!r})"
            target = getattr(target, name)
        calls.append((".".join(path), target, node))
    return calls


def test_readme_has_a_sketch_for_each_method():
    called = {inspect.getmodule(f).__name__ for sketch in _sketches() for _, f, _ in _stemlab_calls(sketch)}
    assert METHOD_MODULES <= called, f"no README sketch calls {sorted(METHOD_MODULES - called)}"


@pytest.mark.parametrize("sketch", _sketches(), ids=lambda s: s.splitlines()[0][:40])
def test_readme_calls_bind(sketch):
    for name, function, call in _stemlab_calls(sketch):
        arguments = [None] * len(call.args)
        keywords = {k.arg: None for k in call.keywords}
        try:
            inspect.signature(function).bind(*arguments, **keywords)
        except TypeError as err:
            raise AssertionError(f"README line {call.lineno} of its sketch: {name}{tuple(keywords) or ''}: {err}")
