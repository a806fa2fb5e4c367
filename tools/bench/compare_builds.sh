#!/usr/bin/env bash
# Times two snn builds side by side on the bundled workloads, alternating old and new, one thread, and prints
# the median run and build time of each with new/old ratios: the check that a change did not slow anything down.
#
#   tools/bench/compare_builds.sh OLD_SNN NEW_SNN [REPS] [WORKLOADS...]
#
# (Build the old one from a worktree: git worktree add /tmp/old REV && swift build -c release --package-path /tmp/old.)
set -euo pipefail
old=${1:?usage: compare_builds.sh OLD_SNN NEW_SNN [REPS] [WORKLOADS...]}
new=${2:?usage: compare_builds.sh OLD_SNN NEW_SNN [REPS] [WORKLOADS...]}
reps=${3:-5}
shift $(( $# < 3 ? $# : 3 ))
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(cuba coba brunel brunel_plastic cuba_event)
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for w in "${workloads[@]}"; do
    for _ in $(seq "$reps"); do
        for which in old new; do
            bin=$old; [ "$which" = new ] && bin=$new
            "$bin" run "configs/$w.json" --threads 1 --out "$out/$which" > /dev/null
            python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['timing']; print(sys.argv[2], sys.argv[3], t['run_s'], t['build_s'])" \
                "$out/$which/summary.json" "$w" "$which" >> "$out/times"
        done
    done
done
python3 - "$out/times" <<'PY'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    w, which, run, build = line.split()
    d[w, which].append((float(run), float(build)))
print("| workload | run old [s] | run new [s] | new/old | build old [s] | build new [s] | new/old |")
print("|---|---|---|---|---|---|---|")
for w in dict.fromkeys(k[0] for k in d):
    ro, rn = (statistics.median(x[0] for x in d[w, s]) for s in ("old", "new"))
    bo, bn = (statistics.median(x[1] for x in d[w, s]) for s in ("old", "new"))
    print(f"| {w} | {ro:.3f} | {rn:.3f} | {rn / ro:.3f} | {bo:.3f} | {bn:.3f} | {bn / bo:.3f} |")
PY
