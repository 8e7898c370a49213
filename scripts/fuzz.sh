#!/usr/bin/env bash
# fuzz.sh: runs every `Fuzz*` target of the module for FUZZTIME (default 8s)
# each, so that `make test` exercises every decoder with generated input.
#
# Each new interesting input is minimised with at most 500 runs: Go's
# default (60 s of minimising) spends a short budget on shrinking one
# input of a kilobyte or two, with no new input tried meanwhile.
#
# Go's fuzzing coordinator can fail a run that found nothing with a bare
# "context deadline exceeded" when -fuzztime runs out while a worker is
# busy (golang/go#75804, fixed after Go 1.26). Such a run, which wrote no
# failing input to testdata/fuzz, is run again (three tries in all); any
# other failure, or a failing input, fails the script.
set -euo pipefail
fuzztime=${FUZZTIME:-8s}
log=$(mktemp)
marker=$(mktemp)
trap 'rm -f "$log" "$marker"' EXIT
status=0

# spurious tells whether the run in $log failed only with the
# coordinator's deadline and left no new failing input in $1.
spurious() {
  local dir=$1
  [ "$(grep -c -- '--- FAIL' "$log")" = 1 ] &&
    grep -A1 -- '--- FAIL' "$log" | tail -1 | grep -qx '[[:space:]]*context deadline exceeded' &&
    [ -z "$(find "$dir/testdata/fuzz" -newer "$marker" -type f 2>/dev/null)" ]
}

for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  ls "$dir"/*_test.go >/dev/null 2>&1 || continue
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' || true)
  for t in $targets; do
    for try in 1 2 3; do
      echo "fuzz $pkg $t ($fuzztime)"
      touch "$marker"
      if go test "$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime 500x >"$log" 2>&1; then
        break
      fi
      if [ "$try" -lt 3 ] && spurious "$dir"; then
        echo "fuzz $pkg $t: the coordinator's spurious deadline (golang/go#75804), no failing input: once more"
        continue
      fi
      cat "$log"
      status=1
      break
    done
  done
done
exit $status
