"""The README documents every environment variable settings.py reads, and its two commands."""

import os
import re

from tests.foundation.envtools import REPO_ROOT, settings_env_names

README = (REPO_ROOT / "README.md").read_text()


def test_every_setting_is_in_the_configuration_table():
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", README, re.MULTILINE))
    missing = settings_env_names() - documented
    assert not missing, f"add rows to README.md's configuration table for: {sorted(missing)}"


def test_quickstart_has_exactly_two_commands_and_they_exist():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quickstart, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./scripts/demo", "./scripts/test"]
    for command in commands:
        assert os.access(REPO_ROOT / command, os.X_OK), command
    assert "python3-venv" in quickstart
