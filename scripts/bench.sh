#!/usr/bin/env bash
# bench.sh: the benchmarks of `make bench`, with the figures printed.
#  1. Go benchmarks (go test -bench) of every package: store queries, decoders,
#     the warm render frame.
#  2. Side by side in one run, on the same 5-million-vertex route file:
#     - import: `corridor import` vs `ogr2ogr -f GPKG` (time and peak memory);
#     - map: whole-process `corridor map` vs mapnik (python3-mapnik) rendering
#       the same GeoPackage at 1920x1080, at full extent and at a ~1% view.
# Ratios are what to read: both sides run on the same machine in the same minute.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/corridor}
W=build/bench
mkdir -p "$W"

echo "== Go benchmarks"
go test -run '^$' -bench "${BENCH:-.}" -benchmem -benchtime "${BENCHTIME:-1s}" ./... 2>&1 | grep -E '^(Benchmark|ok|FAIL|---)' || true

# timeit CMD...: runs CMD, prints "seconds peak_kb" (GNU time), fails if CMD fails.
timeit() {
  /usr/bin/time -f "%e %M" -o "$W/time.txt" "$@" >"$W/cmd.log" 2>&1 || { cat "$W/cmd.log"; return 1; }
  cat "$W/time.txt"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
# median5 CMD...: runs CMD five times (after a warm-up run), prints the
# median wall time in seconds. hyperfine starts the command itself, so
# the figure holds no shell or clock-reading overhead (about 2 ms a run,
# which would inflate a 40 ms map by 5%); without hyperfine, date's
# nanosecond clock around each run.
median5() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 1 -r 5 --export-json "$W/hyperfine.json" -- "$(printf '%q ' "$@")" >"$W/cmd.log" 2>&1 || { cat "$W/cmd.log"; return 1; }
    python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$W/hyperfine.json"
    return
  fi
  local ts=()
  for _ in 1 2 3 4 5; do
    local a b
    a=$(date +%s%N)
    "$@" >"$W/cmd.log" 2>&1 || { cat "$W/cmd.log"; return 1; }
    b=$(date +%s%N)
    ts+=($(( b - a )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 3p | awk '{ printf "%.4f", $1 / 1e9 }'
}

routes="$W/routes5m.geojson"
if [[ ! -s "$routes" ]]; then
  echo "== generating $routes (5,000 routes x 1,000 vertices)"
  go run ./scripts/bench/genroutes -routes 5000 -vertices 1000 "$routes"
fi

echo
echo "== import 5M vertices: corridor vs ogr2ogr -f GPKG"
rm -f "$W/ogr.gpkg" "$W/ws.gpkg"
read -r t_ogr m_ogr < <(timeit ogr2ogr -f GPKG "$W/ogr.gpkg" "$routes")
"$BIN" new "$W/ws.gpkg" >/dev/null
read -r t_cor m_cor < <(timeit "$BIN" import "$W/ws.gpkg" "$routes" --layer routes --kind route)
printf "ogr2ogr:  %6.2f s  peak %6d MB\n" "$t_ogr" $((m_ogr / 1024))
printf "corridor: %6.2f s  peak %6d MB\n" "$t_cor" $((m_cor / 1024))
echo "import time ratio corridor/ogr2ogr: $(ratio "$t_cor" "$t_ogr") (target <= 0.5); corridor peak memory $((m_cor / 1024)) MB (target <= 150)"

echo
echo "== map 1920x1080 of the 5M-vertex layer: whole-process corridor map vs mapnik"
# the imports above leave a few hundred MB for the kernel to write back:
# flush them now, not while the maps are timed
sync
table=$("$BIN" layers "$W/ws.gpkg" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["table"])')
bbox=$("$BIN" layers "$W/ws.gpkg" --json | python3 -c 'import json,sys; b=json.load(sys.stdin)[0]["bbox"]; print(",".join(str(v) for v in b))')
small=$(python3 -c "
w,s,e,n=[float(v) for v in '$bbox'.split(',')]
cx,cy=(w+e)/2,(s+n)/2; dx,dy=(e-w)/20,(n-s)/20
print(f'{cx-dx},{cy-dy},{cx+dx},{cy+dy}')")
for view in "full:$bbox" "1%:$small"; do
  name=${view%%:*}; bb=${view#*:}
  IFS=, read -r west south east north <<<"$bb"
  corridor=("$BIN" map "$W/ws.gpkg" "$W/corridor-$name.png" --layers routes --size 1920x1080 --bbox "$bb")
  mapnik=(/usr/bin/python3 scripts/bench/mapnik_render.py "$W/ws.gpkg" "$table" "$W/mapnik-$name.png" 1920 1080 "$west" "$south" "$east" "$north")
  read -r _ m_map < <(timeit "${corridor[@]}")   # warm the page cache; peak memory
  read -r _ m_mk < <(timeit "${mapnik[@]}")
  t_map=$(median5 "${corridor[@]}")
  t_mk=$(median5 "${mapnik[@]}")
  printf "%-5s corridor map %7.3f s (peak %4d MB) | mapnik %7.3f s (peak %4d MB) | ratio %s (target <= 0.2; medians of 5)\n" \
    "$name" "$t_map" $((m_map / 1024)) "$t_mk" $((m_mk / 1024)) "$(ratio "$t_map" "$t_mk")"
done
echo "images: $W/corridor-*.png $W/mapnik-*.png"
