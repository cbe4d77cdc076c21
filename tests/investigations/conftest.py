"""Investigation tests reuse the sync's world (an administrator in two regions, simulator)."""

import json
import os
from pathlib import Path

import pytest

from tests.fixtures.services import need


@pytest.fixture
def shared() -> Path:
    """The real findings samples ($GDH_SHARED_FINDINGS), never copied into the repository."""
    folder = os.environ.get("GDH_SHARED_FINDINGS", "")
    need(bool(folder), "GDH_SHARED_FINDINGS is not set: the real findings samples are not here")
    path = Path(folder)
    need(path.is_dir(), f"GDH_SHARED_FINDINGS={folder} is not a folder")
    return path


def json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
