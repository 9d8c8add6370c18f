#!/usr/bin/env bash
# Creates target/emulator-venv (if missing) and installs tests/emulator/requirements.txt into it.
# Idempotent: when the venv already holds exactly the pinned packages, nothing is fetched.
# Prints the venv's python path on success; exits non-zero (loudly) on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${IPSECOV2_EMULATOR_VENV:-$root/target/emulator-venv}"
req="$here/requirements.txt"
py="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "setup_venv: creating $venv" >&2
    "$py" -m venv "$venv" || { echo "setup_venv: FAILED to create the venv with $py" >&2; exit 1; }
fi

want="$(grep -Ev '^\s*(#|$)' "$req" | tr 'A-Z_' 'a-z-' | sort)"
have="$("$venv/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | tr 'A-Z_' 'a-z-' | sort || true)"
if [ "$want" != "$have" ]; then
    echo "setup_venv: installing pinned requirements into $venv" >&2
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -r "$req" >&2; then
        echo "setup_venv: FAILED: pip install -r $req" >&2
        exit 1
    fi
fi

if ! "$venv/bin/python" -c 'import speakeasy, unicorn, pefile; assert unicorn.__version__ == "1.0.2", unicorn.__version__' >&2; then
    echo "setup_venv: FAILED: the venv cannot import speakeasy/unicorn/pefile" >&2
    exit 1
fi
echo "$venv/bin/python"
