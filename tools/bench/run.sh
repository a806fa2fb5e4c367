#!/usr/bin/env bash
# Benchmark SwiftSNN against NEST and Brian2 on configs/{cuba,coba,brunel,brunel_plastic}.json; see tools/bench/bench.py.
#
#   tools/bench/run.sh                 # full suite: 3 reps, 1 and 2 threads, writes tools/bench/results/<date>.{json,md}
#   tools/bench/run.sh --quick         # 100 ms of each workload, 1 rep (development)
#   tools/bench/run.sh --callgrind     # also the per-thread instruction split of Brunel (N = 12 500) under callgrind
#   tools/bench/run.sh --dynamics-only # only the rate/CV check against NEST over seeds 1..5 (--seeds K)
#   tools/bench/run.sh --workloads brunel brunel_plastic --label plastic   # only these; results <date>-plastic.*
#   tools/bench/run.sh --help
#   tools/bench/run.sh --sparse [ARGS]  # clock vs event engine over firing rate, 100 000 neurons; writes
#                                       # tools/bench/results/<date>-sparse.{json,md,png}; see sparse_crossover.py
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
python="$(tools/venv.sh)"
if [[ ! -x /usr/bin/time ]]; then
    echo "run.sh: /usr/bin/time is missing (peak RSS); installing it with apt-get" >&2
    apt-get install -y time >&2
fi
if [[ "${1:-}" == "--sparse" ]]; then
    shift
    exec "$python" tools/bench/sparse_crossover.py "$@"
fi
exec "$python" tools/bench/bench.py "$@"
