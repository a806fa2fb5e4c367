#!/usr/bin/env bash
# Create (once) the Python virtualenv used by tools/ and models/nest/, then print its python path.
#
#   tools/venv.sh            -> creates tools/.venv if missing, prints /path/to/tools/.venv/bin/python
#   "$(tools/venv.sh)" tools/compare_nest.py --nest-only
#
# Re-running is cheap: when the venv exists and requirements.txt has not changed since the
# last successful install, nothing is installed. Progress goes to stderr; only the path to stdout.
# PYTHON selects the interpreter used to create the venv (default: python3, 3.11 on these machines).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "venv.sh: creating $venv with $("$python" --version 2>&1)" >&2
    "$python" -m venv "$venv"
fi

want="$(sha256sum "$req" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [[ "$want" != "$have" ]]; then
    echo "venv.sh: installing $req (first use may take several minutes)" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -q --upgrade pip >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -r "$req" >&2
    echo "$want" > "$stamp"
fi

echo "$venv/bin/python"
