#!/usr/bin/env bash
# Builds the dashboard's third-party files from npm packages (pinned in scripts/web/package.json
# and package-lock.json) into src/eventwire/web/vendor/, with their licences. The result is
# committed, so that `pip install` needs no npm and the dashboard works with no network.
# Run it again after changing a version: scripts/build_web.sh
set -euo pipefail
cd "$(dirname "$0")/web"
npm ci --no-audit --no-fund --silent
out=../../src/eventwire/web/vendor
rm -rf "$out" && mkdir -p "$out/leaflet/images" "$out/markercluster" "$out/world" "$out/swagger-ui"
m=node_modules
cp $m/leaflet/dist/leaflet.js $m/leaflet/dist/leaflet.css "$out/leaflet/"
cp $m/leaflet/dist/images/*.png "$out/leaflet/images/"
cp $m/leaflet.markercluster/dist/leaflet.markercluster.js \
   $m/leaflet.markercluster/dist/MarkerCluster.css \
   $m/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/markercluster/"
# the world map: Natural Earth's 1:110m countries as TopoJSON, turned into GeoJSON in the page
cp $m/world-atlas/countries-110m.json "$out/world/"
cp $m/topojson-client/dist/topojson-client.min.js "$out/world/"
cp $m/swagger-ui-dist/swagger-ui-bundle.js $m/swagger-ui-dist/swagger-ui.css "$out/swagger-ui/"

# licences: one file with each package's name, version, licence and its licence text
notice="$out/LICENSES.txt"
echo "Third-party files shipped in eventwire/web/vendor (built by scripts/build_web.sh)." > "$notice"
for pkg in leaflet leaflet.markercluster world-atlas topojson-client swagger-ui-dist; do
  version=$(node -p "require('./$m/$pkg/package.json').version")
  licence=$(node -p "require('./$m/$pkg/package.json').license")
  { echo; echo "=== $pkg $version ($licence) ==="; cat $m/$pkg/LICEN[CS]E* 2>/dev/null || cat $m/$pkg/MIT-LICENCE.txt; } >> "$notice"
done
{ echo; echo "=== world-atlas data ==="; echo "Natural Earth (naturalearthdata.com), public domain."; } >> "$notice"
du -sh "$out"
