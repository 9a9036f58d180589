#!/usr/bin/env bash
# The tests: installs what is missing (scripts/setup.sh: the Fashion-MNIST data set from apt; the first run also
# restores TorchSharp and libtorch from NuGet, about 130 MB to download), builds the solution and runs every test
# project, then prints the fuzz suites' counts and one summary line "tests: N passed, N failed, N skipped". Options go
# to dotnet test.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh

log=$(mktemp)
# The fuzz suites' summary lines (how many cases each tried), printed after the run.
export LAYERSFRAMEWORK_TEST_SUMMARIES=$(mktemp)
trap 'rm -f "$log" "$LAYERSFRAMEWORK_TEST_SUMMARIES"' EXIT
set +e
dotnet test LayersFramework.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

cat "$LAYERSFRAMEWORK_TEST_SUMMARIES"

# Sum the per-assembly lines "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, "")
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
    found = 1
  }
  END {
    if (found) printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    else print "tests: no test results were reported"
  }' "$log"
exit "$status"
