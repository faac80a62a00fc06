"""The cleaner is pure Python: nothing in ``articles/cleaning/`` imports Django."""

import ast
import gc
from pathlib import Path

import articles.cleaning

PACKAGE = Path(articles.cleaning.__file__).resolve().parent


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_no_module_imports_django():
    """No file of the cleaner imports django, at the top or inside a function."""
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 7
    offenders = [
        (f.name, m) for f in files for m in _imported_modules(f) if m.split(".")[0] == "django"
    ]
    assert offenders == []


def test_cleaning_leaves_the_cycle_collector_as_it_found_it():
    """The collector is paused only while a copy is cleaned: on after, and still off after
    when the caller had turned it off."""
    text = "Harbour wall to be rebuilt\n\nThe council voted on Tuesday to rebuild the wall."
    assert gc.isenabled()
    articles.cleaning.clean(text)
    assert gc.isenabled()
    gc.disable()
    try:
        articles.cleaning.clean(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
