#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml, *.yaml) with a pinned actionlint.
#
# Installs tests/ci/requirements.txt into target/ci-venv (created if missing; nothing is
# fetched when the venv already holds exactly the pinned versions), then runs actionlint with
# the venv's ShellCheck on every workflow file. Exits non-zero on any finding or on any setup
# failure, and always ends with one line:
#     actionlint: N files, M findings
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${IPSECOV2_CI_VENV:-$root/target/ci-venv}"
req="$here/requirements.txt"
py="${PYTHON:-python3}"

fail() {
    echo "actionlint.sh: FAILED: $*" >&2
    echo "actionlint: setup failed"
    exit 1
}

if [ ! -x "$venv/bin/python" ]; then
    echo "actionlint.sh: creating $venv" >&2
    "$py" -m venv "$venv" || fail "cannot create a venv with $py (python3-venv missing?)"
fi

# name==version of every pinned package, normalised as pip freeze prints them.
want="$(sed -n 's/^\([A-Za-z0-9_.-]*==[^ \\]*\).*/\1/p' "$req" | tr 'A-Z_' 'a-z-' | sort)"
have="$("$venv/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | tr 'A-Z_' 'a-z-' | sort || true)"
if [ "$want" != "$have" ]; then
    echo "actionlint.sh: installing the pinned tools into $venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet \
        --only-binary=:all: -r "$req" >&2 || fail "pip install -r $req"
fi

actionlint="$venv/bin/actionlint"
shellcheck="$venv/bin/shellcheck"
[ -x "$actionlint" ] || fail "$actionlint is missing after the install"
[ -x "$shellcheck" ] || fail "$shellcheck is missing after the install"
"$actionlint" -version >&2 || fail "$actionlint does not run"

cd "$root"
shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#files[@]}" -eq 0 ]; then
    fail "no workflow files under .github/workflows"
fi

# One finding per line (-oneline: file:line:col: message [rule]); an empty pyflakes command
# disables the Python checks (no workflow runs Python inline).
set +e
output="$("$actionlint" -shellcheck="$shellcheck" -pyflakes= -no-color -oneline "${files[@]}")"
status=$?
set -e
findings=0
if [ -n "$output" ]; then
    echo "$output"
    findings="$(printf '%s\n' "$output" | grep -c . || true)"
fi
if [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then
    fail "actionlint exited with $status without reporting findings"
fi
echo "actionlint: ${#files[@]} files, $findings findings"
[ "$findings" -eq 0 ]
