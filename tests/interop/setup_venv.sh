#!/usr/bin/env bash
# Creates target/interop-venv (if missing) and installs tests/interop/requirements.txt into it.
# Idempotent: when the venv already holds exactly the pinned packages, nothing is fetched.
# Prints the venv's python path on success; exits non-zero (loudly) on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${IPSECOV2_INTEROP_VENV:-$root/target/interop-venv}"
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

if ! "$venv/bin/python" -c 'import scapy, cryptography; assert scapy.VERSION == "2.8.0", scapy.VERSION; from scapy.layers.ipsec import SecurityAssociation; from cryptography.hazmat.primitives.ciphers.aead import AESGCM' >&2; then
    echo "setup_venv: FAILED: the venv cannot import scapy 2.8.0 / cryptography" >&2
    exit 1
fi
echo "$venv/bin/python"
