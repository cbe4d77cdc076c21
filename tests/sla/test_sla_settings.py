"""SLA_ACKNOWLEDGE and SLA_RESOLVE as the process reads them at start."""

from tests.foundation.envtools import hub_env, run_python

READ = "import django; django.setup(); from django.conf import settings; " + (
    "print(settings.SLA_ACKNOWLEDGE['high'], settings.SLA_RESOLVE['high'])"
)


def test_an_override_of_one_band_keeps_the_others(tmp_path):
    result = run_python(READ, hub_env(tmp_path, SLA_RESOLVE="high=3d"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(4 * 3600), str(3 * 86400)]


def test_acknowledging_may_not_take_longer_than_resolving(tmp_path):
    result = run_python(READ, hub_env(tmp_path, SLA_ACKNOWLEDGE="high=8d"))
    assert result.returncode != 0
    assert "SLA_ACKNOWLEDGE for high is longer than its SLA_RESOLVE" in result.stderr
