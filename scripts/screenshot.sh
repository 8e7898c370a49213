#!/bin/sh
# screenshot.sh OUT.png [WORKSPACE]: start Corridor on a virtual 1280x800
# screen (Xvfb), wait until the map is drawn, save a screenshot as OUT.png
# and stop everything it started.
#
# Without WORKSPACE Corridor opens what it opens at a normal start (the last
# workspace, else the demo). CORRIDOR_BIN names the binary to run; by
# default ./corridor is built (again when a Go file is newer). TIMEOUT
# (seconds, default 90) bounds the wait for the map.
set -eu

usage() { echo "usage: $0 OUT.png [WORKSPACE]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
ws=${2:-}

root=$(cd "$(dirname "$0")/.." && pwd)
for tool in Xvfb import identify; do
	command -v "$tool" >/dev/null 2>&1 || { echo "screenshot: $tool is not installed" >&2; exit 1; }
done

bin=${CORRIDOR_BIN:-}
if [ -z "$bin" ]; then
	bin=$root/corridor
	if [ ! -x "$bin" ] || [ -n "$(find "$root" -name '*.go' -newer "$bin" -print -quit)" ]; then
		echo "screenshot: building $bin" >&2
		(cd "$root" && go build -o "$bin" .)
	fi
fi

tmp=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	[ -n "$app_pid" ] && wait "$app_pid" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Xvfb picks a free display and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$tmp/display" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || { echo "screenshot: Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
	sleep 0.1
done
DISPLAY=:$(head -n1 "$tmp/display")
export DISPLAY

if [ -n "$ws" ]; then
	"$bin" open "$ws" >"$tmp/app.log" 2>&1 &
else
	"$bin" >"$tmp/app.log" 2>&1 &
fi
app_pid=$!

# The map is drawn when the screen has many colours and stops changing.
timeout=${TIMEOUT:-90}
start=$(date +%s)
prev=
while :; do
	sleep 1
	if ! kill -0 "$app_pid" 2>/dev/null; then
		echo "screenshot: corridor exited early:" >&2
		cat "$tmp/app.log" >&2
		exit 1
	fi
	if import -window root "png:$tmp/shot.png" 2>/dev/null; then
		sum=$(md5sum <"$tmp/shot.png" | cut -d' ' -f1)
		colours=$(identify -format '%k' "$tmp/shot.png" 2>/dev/null || echo 0)
		if [ "$colours" -ge 300 ] && [ "$sum" = "$prev" ]; then
			break
		fi
		prev=$sum
	fi
	if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
		echo "screenshot: the map was not drawn within ${timeout}s (last: ${colours:-0} colours)" >&2
		cat "$tmp/app.log" >&2
		[ -f "$tmp/shot.png" ] && cp "$tmp/shot.png" "$out"
		exit 1
	fi
done
mkdir -p "$(dirname "$out")"
cp "$tmp/shot.png" "$out"
echo "screenshot: $out ($colours colours)" >&2
