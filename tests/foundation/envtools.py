"""Helpers for foundation tests that run Django in a subprocess with a chosen environment.

Settings are read once per process, so testing what an environment variable does means a fresh
interpreter. `hub_env` starts from the current environment minus every variable settings.py
reads, so the developer's or CI's own configuration cannot leak into a case.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILES = [REPO_ROOT / "guardduty_hub" / "settings.py"]


def settings_env_names() -> set[str]:
    """Every environment variable settings.py reads, found by reading its source.

    Counts calls `env*("NAME", ...)` (the typed readers) and os.environ.get / os.getenv;
    env_secret("NAME") also reads NAME_FILE.
    """
    names: set[str] = set()
    for path in SETTINGS_FILES:
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            func = ast.unparse(node.func)
            if func.startswith("env") or func in ("os.environ.get", "os.getenv"):
                names.add(first.value)
                if func == "env_secret":
                    names.add(f"{first.value}_FILE")
    return names


def hub_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in settings_env_names()}
    # Set by the browser tests for their own process; deploy checks rightly reject it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({"GDH_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "guardduty_hub.settings"})
    env.update(overrides)
    return env


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_manage(args: list[str], env: dict[str, str], timeout: float = 120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
