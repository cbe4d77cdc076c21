"""The AWS CLI (awscli v1 from the venv) talks to `python -m guardduty_hub.simulator`."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.server

AWS = shutil.which("aws", path=str(Path(sys.executable).parent)) or shutil.which("aws")


def aws(endpoint, *args):
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": ""}
    result = subprocess.run(
        [AWS, "--endpoint-url", endpoint, "--output", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    return result


def test_cli_lists_creates_and_manages_members(simulator_http):
    assert AWS, "awscli is a dev dependency"
    endpoint = simulator_http.endpoint
    assert json.loads(aws(endpoint, "guardduty", "list-detectors").stdout)["DetectorIds"] == []
    detector = json.loads(aws(endpoint, "guardduty", "create-detector", "--enable").stdout)[
        "DetectorId"
    ]
    created = aws(
        endpoint,
        "guardduty",
        "create-members",
        "--detector-id",
        detector,
        "--account-details",
        "AccountId=111122223333,Email=root@example.com",
    )
    assert json.loads(created.stdout)["UnprocessedAccounts"] == []
    # The CLI paginates list-members itself; OnlyAssociated is a string.
    members = json.loads(
        aws(
            endpoint,
            "guardduty",
            "list-members",
            "--detector-id",
            detector,
            "--only-associated",
            "false",
        ).stdout
    )["Members"]
    assert [(m["AccountId"], m["RelationshipStatus"]) for m in members] == [
        ("111122223333", "Created")
    ]


def test_cli_shows_guardduty_errors(simulator_http):
    result = aws(simulator_http.endpoint, "guardduty", "get-detector", "--detector-id", "0" * 32)
    assert result.returncode != 0
    assert "BadRequestException" in result.stderr
    assert "not owned by the current account" in result.stderr
