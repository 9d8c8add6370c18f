#!/usr/bin/env bash
# Creates target/interop-venv (if missing) with tests/interop/requirements.txt; prints its
# python path (see tests/ci/pinned_venv.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
exec bash "$root/tests/ci/pinned_venv.sh" \
    "${IPSECOV2_INTEROP_VENV:-$root/target/interop-venv}" "$here/requirements.txt" \
    'import scapy, cryptography; assert scapy.VERSION == "2.8.0", scapy.VERSION; from scapy.layers.ipsec import SecurityAssociation; from cryptography.hazmat.primitives.ciphers.aead import AESGCM' \
    "scapy 2.8.0 / cryptography"
