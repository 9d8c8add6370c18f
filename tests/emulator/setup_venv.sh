#!/usr/bin/env bash
# Creates target/emulator-venv (if missing) with tests/emulator/requirements.txt; prints its
# python path (see tests/ci/pinned_venv.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
exec bash "$root/tests/ci/pinned_venv.sh" \
    "${IPSECOV2_EMULATOR_VENV:-$root/target/emulator-venv}" "$here/requirements.txt" \
    'import speakeasy, unicorn, pefile; assert unicorn.__version__ == "1.0.2", unicorn.__version__' \
    "speakeasy/unicorn/pefile"
