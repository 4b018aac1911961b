#!/usr/bin/env bash
# Installs the peer extractors the benchmark compares polex with into bench/.peers
# (git-ignored). Needs node and npm; the npm registry must be reachable.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$here/.peers"
mkdir -p "$prefix"
if [ ! -f "$prefix/package.json" ]; then
  echo '{"name":"polex-bench-peers","private":true}' > "$prefix/package.json"
fi
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
  wink-nlp wink-eng-lite-web-model compromise @microsoft/recognizers-text-suite
echo "peers installed in $prefix"
