#!/usr/bin/env python3
"""List the public symbols of the SwiftSNN library that have no doc comment.

    tools/doc_coverage.py              # symbol graph via `swift package dump-symbol-graph`, then the list
    tools/doc_coverage.py --max 0      # exit 1 if more than 0 are undocumented (what issue 10 asks for)

Counts only symbols declared in Sources/SwiftSNN (not members inherited from the standard library's protocols).
Needs only the Swift toolchain and Python's standard library.
"""

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max", type=int, default=None, help="exit 1 if more symbols than this are undocumented")
    args = ap.parse_args()
    subprocess.run(["swift", "package", "dump-symbol-graph", "--minimum-access-level", "public"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    graph = next(ROOT.glob(".build/*/symbolgraph/SwiftSNN.symbols.json"))
    symbols = json.loads(graph.read_text())["symbols"]
    public, missing = 0, []
    for s in symbols:
        uri = s.get("location", {}).get("uri", "")
        if "/Sources/SwiftSNN/" not in uri or s.get("accessLevel") not in ("public", "open"):
            continue
        public += 1
        if not s.get("docComment"):
            missing.append((uri.split("/Sources/SwiftSNN/")[1], ".".join(s["pathComponents"])))
    for file, name in sorted(missing):
        print(f"{file}: {name}")
    by_folder = collections.Counter(f.split("/")[0] for f, _ in missing)
    print(f"{len(missing)} of {public} public symbols undocumented; by folder: "
          + ", ".join(f"{k} {v}" for k, v in by_folder.most_common()), file=sys.stderr)
    return 1 if args.max is not None and len(missing) > args.max else 0


if __name__ == "__main__":
    sys.exit(main())
