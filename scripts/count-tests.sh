#!/usr/bin/env bash
# Sums the TRX files of a test run, prints "tests: N passed, N failed, N skipped", fails on failures or on zero tests.
set -euo pipefail
dir="$1"
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get(){ echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # The Counters element leaves skipped tests out (its notExecuted stays 0): count the results marked NotExecuted.
  skipped=$((skipped + $({ grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true; } | wc -l)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "error: no test ran" >&2; exit 1; fi
[ "$failed" -eq 0 ]
