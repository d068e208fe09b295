#!/usr/bin/env bash
# Copy the explorer's browser libraries from npm into src/nkwatch/web/static/vendor/<pkg>/
# with their licences (the pinned versions are in package.json beside this script; the
# files are committed, so neither the server nor its tests reach the network).
#   scripts/vendor/update.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../../src/nkwatch/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts --silent)
nm="$work/node_modules"
copy() {  # copy PKG FILE...: the files and the package's licence files
  local pkg="$1"; shift
  rm -rf "${dest:?}/$pkg" && mkdir -p "$dest/$pkg"
  for f in "$@"; do cp "$nm/$pkg/$f" "$dest/$pkg/"; done
  for f in LICENSE LICENSE.txt NOTICE; do [ -f "$nm/$pkg/$f" ] && cp "$nm/$pkg/$f" "$dest/$pkg/"; done
  node -e "console.log(require('$nm/$pkg/package.json').version)" > "$dest/$pkg/VERSION"
}
copy vega build/vega.min.js
copy vega-lite build/vega-lite.min.js
copy vega-embed build/vega-embed.min.js
# vega-embed's bundle includes vega-tooltip, vega-themes and vega-interpreter (BSD-3-Clause)
for p in vega-tooltip vega-themes vega-interpreter; do
  cp "$nm/$p/LICENSE" "$dest/vega-embed/LICENSE.$p"
done
copy swagger-ui-dist swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css
echo "vendored into $dest"
