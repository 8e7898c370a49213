#!/bin/sh
# fetch-world-atlas.sh DIR: downloads the world-atlas npm package (Natural Earth
# countries as TopoJSON) into DIR and unpacks it, so that DIR/package/countries-50m.json
# exists. Used by assets/gen/basemap (see assets/ATTRIBUTION.md).
set -eu
VERSION=2.0.2
if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"
tarball=$(npm pack --silent "world-atlas@$VERSION")
tar -xzf "$tarball"
echo "$dir/package/countries-50m.json"
