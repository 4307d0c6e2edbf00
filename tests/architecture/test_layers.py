"""The layers are a contract: import-linter's (``.importlinter``, also run by
``dev.py test`` before the suite) and the few imports that must wait inside a
function, each with its reason."""

from __future__ import annotations

import ast
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LOCAL_IMPORTS = 10
# The comment that must explain a function-local import, on its line or the one above.
REASON_MARK = "local import:"
# Standalone scripts (no package import-linter sees) that import the apps: their imports count too.
SCRIPTS = "scripts"


def _root_packages() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config["importlinter"]["root_packages"].split()


def _project_modules(node: ast.AST, package: str) -> list[str]:
    """The project modules an import statement names (relative imports resolved)."""
    roots = set(_root_packages())
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        names = [".".join(base + ([node.module] if node.module else []))]
    else:
        names = [node.module or ""]
    return [name for name in names if name.split(".")[0] in roots]


def _scanned_files() -> list[Path]:
    """The apps' modules, then the scripts'."""
    files = [path for root in _root_packages() for path in sorted((ROOT / root).rglob("*.py"))]
    return files + sorted((ROOT / SCRIPTS).glob("*.py"))


def function_local_imports() -> list[tuple[str, int, str]]:
    """(file, line, source line) of every import of a project module inside a function, in the
    apps and in ``scripts/*.py``."""
    found = []
    for path in _scanned_files():
        source = path.read_text()
        lines = source.splitlines()
        tree = ast.parse(source)
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and _project_modules(node, package):
                    found.append((str(path.relative_to(ROOT)), node.lineno, lines[node.lineno - 1].strip()))
    return found


def test_the_import_contracts_hold():
    """Layers (every import points down) and no cycle inside an app, imports in functions included."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is not installed (requirements-dev.txt)"
    run = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_few_imports_wait_inside_a_function_and_each_says_why():
    local = function_local_imports()
    assert len(local) <= MAX_LOCAL_IMPORTS, "\n".join(f"{f}:{n}: {line}" for f, n, line in local)
    unexplained = []
    for file, line_number, line in local:
        lines = (ROOT / file).read_text().splitlines()
        context = " ".join(lines[max(line_number - 3, 0) : line_number])
        if REASON_MARK not in context:
            unexplained.append(f"{file}:{line_number}: {line}")
    assert not unexplained, f"say why with a « # {REASON_MARK} … » comment: " + "; ".join(unexplained)


def test_the_checker_sees_imports_inside_functions(tmp_path, monkeypatch):
    """The count is not vacuous: a function-local import in an app is found."""
    app = tmp_path / "licensing"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "late.py").write_text("def f():\n    from licensing.models import Licence\n    return Licence\n")
    (tmp_path / ".importlinter").write_text("[importlinter]\nroot_packages =\n    licensing\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert function_local_imports() == [("licensing/late.py", 2, "from licensing.models import Licence")]


def test_the_checker_sees_imports_inside_functions_of_scripts(tmp_path, monkeypatch):
    """scripts/*.py count too: a script importing a model inside a function is found."""
    (tmp_path / "licensing").mkdir()
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "late.py").write_text(
        "import django\n\n\ndef main():\n    django.setup()\n    from licensing import models\n    return models\n"
    )
    (tmp_path / ".importlinter").write_text("[importlinter]\nroot_packages =\n    licensing\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert function_local_imports() == [("scripts/late.py", 6, "from licensing import models")]
