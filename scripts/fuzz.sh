#!/usr/bin/env bash
# fuzz.sh: runs every `Fuzz*` target of the module for FUZZTIME (default 8s)
# each, so that `make test` exercises every decoder with generated input.
set -euo pipefail
fuzztime=${FUZZTIME:-8s}
status=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  ls "$dir"/*_test.go >/dev/null 2>&1 || continue
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' || true)
  for t in $targets; do
    echo "fuzz $pkg $t ($fuzztime)"
    if ! go test "$pkg" -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" >/tmp/corridor-fuzz.log 2>&1; then
      cat /tmp/corridor-fuzz.log
      status=1
    fi
  done
done
exit $status
