#!/usr/bin/env bash
# Runs every bundled config (configs/*.json) with the given snn binary at 1 and 2 threads into OUT/<config>-t<N>/,
# so that the outputs of two builds can be compared file by file (`cmp`) after a change that must not alter
# results: `tools/run_bundled.sh OLD_SNN out/before; tools/run_bundled.sh NEW_SNN out/after; diff -r ...`.
set -euo pipefail
snn=${1:?usage: run_bundled.sh SNN_BINARY OUT_DIR}
out=${2:?usage: run_bundled.sh SNN_BINARY OUT_DIR}
cd "$(dirname "$0")/.."
for config in configs/*.json; do
    name=$(basename "$config" .json)
    [ "$name" = schema ] && continue
    for threads in 1 2; do
        "$snn" run "$config" --threads "$threads" --out "$out/$name-t$threads" --save-weights > /dev/null
    done
done
