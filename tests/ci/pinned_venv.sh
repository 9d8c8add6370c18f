#!/usr/bin/env bash
# Shared by tests/emulator/setup_venv.sh and tests/interop/setup_venv.sh:
#   pinned_venv.sh VENV_DIR REQUIREMENTS CHECK_PYTHON WHAT
# Creates VENV_DIR (if missing) and installs REQUIREMENTS into it. Idempotent: when the venv
# already holds exactly the pinned packages, nothing is fetched. Then runs CHECK_PYTHON (an
# import check) in it. Prints the venv's python path on success; exits non-zero (loudly) on any
# failure.
set -euo pipefail

venv="$1"
req="$2"
check="$3"
what="$4"
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

if ! "$venv/bin/python" -c "$check" >&2; then
    echo "setup_venv: FAILED: the venv cannot import $what" >&2
    exit 1
fi
echo "$venv/bin/python"
