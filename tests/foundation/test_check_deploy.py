"""Production mode with only DEBUG, SECRET_KEY and ALLOWED_HOSTS passes Django's deploy checks."""

import secrets

from tests.foundation.envtools import hub_env, run_manage

CHECK = ["check", "--deploy", "--fail-level", "WARNING"]


def production_env(tmp_path, **extra):
    return hub_env(
        tmp_path / "var",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hub.example.com",
        **extra,
    )


def test_check_deploy_is_clean_with_the_three_required_variables(tmp_path):
    result = run_manage(CHECK, production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_notices_a_switched_off_protection(tmp_path):
    # Proves the check above can fail: the overrides exist for a TLS proxy, and Django says so.
    result = run_manage(CHECK, production_env(tmp_path, SECURE_SSL_REDIRECT="false"))
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
