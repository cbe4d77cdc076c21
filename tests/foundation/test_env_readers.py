"""The typed environment readers: accept the documented spellings, refuse anything else."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from guardduty_hub.env_config import (
    env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    local_secret_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("0", False),
        ("False", False),
        ("no", False),
        ("off", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("GDH_X", raw)
    assert env_bool("GDH_X", not expected) is expected


@pytest.mark.parametrize("raw", ["", "  "])
def test_unset_or_blank_gives_the_default(monkeypatch, raw):
    monkeypatch.setenv("GDH_X", raw)
    assert env_bool("GDH_X", True) is True
    assert env_int("GDH_X", 7) == 7
    assert env_list("GDH_X", ["a"]) == ["a"]
    assert env_choice("GDH_X", "standard", ["standard", "adaptive"]) == "standard"


@pytest.mark.parametrize("raw", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("GDH_X", raw)
    with pytest.raises(ImproperlyConfigured, match="GDH_X must be a boolean"):
        env_bool("GDH_X", False)


def test_env_int(monkeypatch):
    monkeypatch.setenv("GDH_X", " 42 ")
    assert env_int("GDH_X", 0) == 42
    for bad in ("4.5", "ten", "1e3"):
        monkeypatch.setenv("GDH_X", bad)
        with pytest.raises(ImproperlyConfigured, match="GDH_X must be a whole number"):
            env_int("GDH_X", 0)
    monkeypatch.setenv("GDH_X", "-1")
    with pytest.raises(ImproperlyConfigured, match="GDH_X must be at least 0"):
        env_int("GDH_X", 0)
    monkeypatch.setenv("GDH_X", "1")
    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        env_int("GDH_X", 10, minimum=5)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("GDH_X", " hub.example.com, ,10.0.0.1 ,")
    assert env_list("GDH_X", []) == ["hub.example.com", "10.0.0.1"]


def test_env_choice(monkeypatch):
    monkeypatch.setenv("GDH_X", "Adaptive")
    assert env_choice("GDH_X", "standard", ("standard", "adaptive")) == "adaptive"
    monkeypatch.setenv("GDH_X", "fast")
    with pytest.raises(ImproperlyConfigured, match="GDH_X must be one of standard, adaptive"):
        env_choice("GDH_X", "standard", ("standard", "adaptive"))


def test_env_secret_from_value_or_file(monkeypatch, tmp_path):
    monkeypatch.delenv("GDH_S", raising=False)
    monkeypatch.delenv("GDH_S_FILE", raising=False)
    assert env_secret("GDH_S") == ""
    monkeypatch.setenv("GDH_S", "inline")
    assert env_secret("GDH_S") == "inline"

    secret_file = tmp_path / "s"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("GDH_S_FILE", str(secret_file))
    with pytest.raises(ImproperlyConfigured, match="either GDH_S or GDH_S_FILE"):
        env_secret("GDH_S")
    monkeypatch.delenv("GDH_S")
    assert env_secret("GDH_S") == "from-file"
    monkeypatch.setenv("GDH_S_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="GDH_S_FILE cannot be read"):
        env_secret("GDH_S")


def test_database_url_parsing_fails_loudly():
    assert env.db_url_config("postgres://u:p@db:5432/gdh")["NAME"] == "gdh"
    for bad in ("not a url", "postgres://", "://"):
        with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not a valid"):
            env.db_url_config(bad)


def test_local_secret_key_is_generated_once_and_kept_private(tmp_path):
    var_dir = tmp_path / "var"
    key = local_secret_key(var_dir)
    assert len(key) >= 50
    assert local_secret_key(var_dir) == key
    assert (var_dir / "secret_key").stat().st_mode & 0o077 == 0
