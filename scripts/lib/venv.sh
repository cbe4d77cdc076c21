# Sourced by scripts/demo, scripts/test and .ci/run: make ./.venv exist and match pyproject.toml.
#
# Needs only a Python 3.11+ with the venv module. Debian and Ubuntu ship venv separately, so a
# missing module is reported with the package to install instead of a traceback.

gdh_fail() {
  echo "error: $*" >&2
  exit 1
}

gdh_find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

gdh_ensure_venv() {
  local root python stamp wanted
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  cd "$root"

  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
    python="$(gdh_find_python)" || gdh_fail "GuardDuty Hub needs Python 3.11 or newer (python3 not found or too old).
Install it (Debian/Ubuntu: sudo apt-get install python3 python3-venv), or set PYTHON=/path/to/python3.11."
    # `import venv` succeeds on Debian without python3-venv; ensurepip is the part that is missing.
    "$python" -c 'import venv, ensurepip' 2>/dev/null || gdh_fail "$python has no working venv module.
On Debian/Ubuntu install it with: sudo apt-get install python3-venv  (or python3.X-venv for your version)."
    echo "Creating .venv with $python ..."
    rm -rf .venv
    "$python" -m venv .venv || gdh_fail "could not create .venv with $python -m venv
(on Debian/Ubuntu: sudo apt-get install python3-venv)."
  fi

  # Reinstall only when pyproject.toml changed since the last successful install.
  stamp=.venv/.gdh-installed
  wanted="$(cksum < pyproject.toml)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing GuardDuty Hub and its dependencies into .venv (about a minute) ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip ||
      gdh_fail "pip could not reach PyPI to upgrade itself; check the network."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]" ||
      gdh_fail "installing the dependencies failed (see pip's message above)."
    echo "$wanted" > "$stamp"
  fi
}
