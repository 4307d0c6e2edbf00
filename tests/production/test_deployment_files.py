"""The Dockerfile, the production compose file and .env.example, checked statically
(no Docker engine runs here): hadolint-style rules written out below, and every
environment variable the settings read listed in .env.example."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from bases.settings.env import env_int

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "docker-compose.production.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|_KEY\b|ACCESS_KEY", re.IGNORECASE)


# --- Dockerfile ---------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), " ".join(arguments.split())))
    return instructions


@pytest.fixture(scope="module")
def instructions() -> list[tuple[str, str]]:
    return dockerfile_instructions(DOCKERFILE.read_text())


def stages(instructions) -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for keyword, arguments in instructions:
        if keyword == "FROM":
            result.append([])
        if result:
            result[-1].append((keyword, arguments))
    return result


def test_the_parser_reads_continued_lines():
    parsed = dockerfile_instructions("FROM a:1 AS b\n# note\nRUN x \\\n    && y\nUSER me\n")
    assert parsed == [("FROM", "a:1 AS b"), ("RUN", "x && y"), ("USER", "me")]


def test_base_images_are_pinned_to_a_version(instructions):
    images = [arguments.split()[0] for keyword, arguments in instructions if keyword == "FROM"]
    assert images
    for image in images:
        name, _, tag = image.partition(":")
        assert tag and tag != "latest" and re.match(r"\d+\.\d+", tag), f"{image}: pin a versioned tag"


def test_the_build_is_multi_stage_and_the_runtime_copies_from_the_build(instructions):
    all_stages = stages(instructions)
    assert len(all_stages) >= 2
    runtime = all_stages[-1]
    assert any(k == "COPY" and "--from=" in a for k, a in runtime)
    # Build tools stay in the first stage: the runtime installs nothing with pip.
    assert not any(k == "RUN" and "pip install" in a for k, a in runtime)


def test_the_runtime_runs_as_a_non_root_user(instructions):
    runtime = stages(instructions)[-1]
    users = [a for k, a in runtime if k == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    # Nothing runs after USER that would need root again.
    last_user = max(i for i, (k, _) in enumerate(runtime) if k == "USER")
    assert not any(k == "USER" for k, _ in runtime[last_user + 1 :])


def test_requirements_are_copied_and_installed_before_the_code(instructions):
    lines = [(k, a) for k, a in instructions]
    requirements_copy = next(i for i, (k, a) in enumerate(lines) if k == "COPY" and "requirements" in a)
    install = next(i for i, (k, a) in enumerate(lines) if k == "RUN" and "pip install" in a)
    code_copy = next(i for i, (k, a) in enumerate(lines) if k == "COPY" and re.search(r"(^|\s)\.\s", a + " "))
    assert requirements_copy < install < code_copy


def test_no_secret_is_baked_into_env_or_arg(instructions):
    for keyword, arguments in instructions:
        if keyword not in ("ENV", "ARG"):
            continue
        for token in shlex.split(arguments):
            name = token.split("=", 1)[0]
            assert not SECRET_NAME.search(name), f"{keyword} {name}: secrets come from the environment at run time"


def test_static_files_are_collected_at_build_and_the_image_checks_its_health(instructions):
    runs = [a for k, a in instructions if k == "RUN"]
    assert any("manage.py collectstatic --no-input" in run for run in runs)
    healthchecks = [a for k, a in instructions if k == "HEALTHCHECK"]
    assert healthchecks and "/healthz" in healthchecks[-1]
    [cmd] = [a for k, a in instructions if k == "CMD"]
    assert cmd == '["gunicorn", "-c", "gunicorn.conf.py"]'
    env = " ".join(a for k, a in instructions if k == "ENV")
    assert "DJANGO_SETTINGS_MODULE=bases.settings.production" in env


def test_the_runtime_installs_the_debian_libraries_ci_installs_for_pdf_exports(instructions):
    """WeasyPrint is imported when the app starts: without Pango the image would not serve."""
    ci_packages = set(re.search(r"apt_install (libpango[^\n]*)", (ROOT / ".ci" / "run").read_text()).group(1).split())
    runtime = stages(instructions)[-1]
    installs = " ".join(arg for op, arg in runtime if op == "RUN" and "apt-get install" in arg)
    assert ci_packages and ci_packages <= set(installs.split()), ci_packages - set(installs.split())
    assert "--no-install-recommends" in installs and "rm -rf /var/lib/apt/lists" in installs


def test_the_build_context_leaves_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".env", "var", "media", "node_modules"} <= ignored


# --- docker-compose.production.yml ----------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def one_shot(service: dict) -> bool:
    return str(service.get("restart", "")) == "no"


def test_the_stack_has_its_four_services_and_a_migration_step(compose):
    services = compose["services"]
    assert {"app", "worker", "db", "elasticsearch", "migrate"} <= services.keys()
    assert services["app"]["command"] == ["gunicorn", "-c", "gunicorn.conf.py"]
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]


def test_every_long_running_service_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        if one_shot(service):
            continue
        check = service.get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), f"{name} has no healthcheck"


def test_app_and_worker_wait_for_a_healthy_database_and_the_migrations(compose):
    for name in ("app", "worker"):
        depends = compose["services"][name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["elasticsearch"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert compose["services"]["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_images_are_pinned_and_named_volumes_declared(compose):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in compose["services"].items():
        image = service.get("image", "")
        tag = image.rpartition(":")[2] if ":" in image else ""
        assert tag and "latest" not in tag, f"{name}: pin the image tag ({image!r})"
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if not source.startswith((".", "/")):
                used.add(source)
    assert used and used <= declared, f"undeclared volumes: {used - declared}"
    assert {"postgres-data", "elasticsearch-data", "media"} <= used


def test_only_the_app_publishes_a_port_and_no_secret_is_written_in(compose):
    for name, service in compose["services"].items():
        if name != "app":
            assert "ports" not in service, f"{name} must stay on the internal network"
        environment = service.get("environment") or {}
        for key, value in environment.items():
            if SECRET_NAME.search(key):
                assert str(value).startswith("${"), f"{name}.{key}: take it from .env"
        assert "PASSWORD=" not in str(service.get("command", ""))


# --- .env.example lists every variable ---------------------------------------------------

ENV_HELPERS = {"env_str", "env_list", "env_bool", "env_int", "env_required"}


def variables_read_by_settings() -> set[str]:
    """Names passed as literals to the settings' env helpers and to os.environ in gunicorn.conf.py."""
    names: set[str] = set()
    settings_modules = [path for path in sorted((ROOT / "bases" / "settings").glob("*.py")) if path.name != "env.py"]
    sources = [*settings_modules, ROOT / "gunicorn.conf.py"]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            is_environ_get = (
                isinstance(func, ast.Attribute)
                and called == "get"
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "environ"
            )
            first = node.args[0]
            if called in ENV_HELPERS or called == "_int":
                assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno}: read a literal variable name"
                names.add(first.value)
            elif is_environ_get and isinstance(first, ast.Constant):  # (gunicorn.conf.py's _int passes a name)
                names.add(first.value)
    return names


def variables_read_by_compose() -> set[str]:
    return set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE.read_text()))


def listed_in_env_example() -> set[str]:
    return set(re.findall(r"^#?\s*([A-Z_][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))


def test_settings_read_the_environment_only_through_the_helpers():
    for path in (ROOT / "bases" / "settings").glob("*.py"):
        if path.name != "env.py":
            assert "os.environ" not in path.read_text() and "getenv" not in path.read_text(), path.name


def test_env_example_lists_every_variable_the_settings_and_the_stack_read():
    read = variables_read_by_settings() | variables_read_by_compose()
    # The parse found the variables everyone knows are read (it cannot pass empty).
    assert {"SECRET_KEY", "DATABASE_URL", "ELASTICSEARCH_URL", "DB_CONN_MAX_AGE", "PORT", "WEB_CONCURRENCY"} <= read
    missing = read - listed_in_env_example()
    assert not missing, f".env.example lacks: {sorted(missing)}"


def test_env_example_loads_in_a_shell_as_the_readme_says():
    """The README's ``set -a && . ./.env && set +a``: every value survives the shell as written."""
    shell = subprocess.run(
        ["bash", "-c", 'set -a && . "$0" && set +a && printf %s "$DEFAULT_FROM_EMAIL"', str(ENV_EXAMPLE)],
        capture_output=True, text=True, check=False,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout == "Les Bases <ne-pas-repondre@example.org>"


def test_a_number_variable_that_is_not_a_number_is_refused_naming_it(monkeypatch):
    monkeypatch.setenv("SEARCH_RESULT_CACHE_SIZE", "beaucoup")
    with pytest.raises(ImproperlyConfigured, match="SEARCH_RESULT_CACHE_SIZE must be a whole number, not « beaucoup »"):
        env_int("SEARCH_RESULT_CACHE_SIZE", 512)
    monkeypatch.setenv("SEARCH_RESULT_CACHE_SIZE", "64")
    assert env_int("SEARCH_RESULT_CACHE_SIZE", 512) == 64
    monkeypatch.delenv("SEARCH_RESULT_CACHE_SIZE")
    assert env_int("SEARCH_RESULT_CACHE_SIZE", 512) == 512
