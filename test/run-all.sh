#!/usr/bin/env bash
# `npm test`: the test engine (unless DOCKER_HOST is set), a type check, a build of the app,
# then unit, integration and e2e tests; last, alone, the test that restarts the private engine.
set -euo pipefail
cd "$(dirname "$0")/.."

private_engine=0
if [ -z "${DOCKER_HOST:-}" ]; then
  bash test/engine/up.sh
  # shellcheck disable=SC1091
  source "${BRIDGEVIEW_ENGINE_DIR:-/var/tmp/bridgeview-engine}/env"
  private_engine=1
fi
echo "test engine: $DOCKER_HOST"

npm run typecheck
npm run build
mkdir -p test-results
rm -f test-results/vitest-*.json

projects=(unit integration e2e)
# Restarting an engine is only done to the one this script started.
[ "$private_engine" = 1 ] && projects+=(restart)
extra=()
[ $# -gt 0 ] && extra=(--passWithNoTests "$@")

status=0
# One project at a time: integration and e2e tests compare the engine's and the kernel's
# state with what Bridgeview shows, so they must not see each other's containers come and go.
for project in "${projects[@]}"; do
  npx vitest run --config build/vitest.config.mts --project "$project" \
    --reporter=default --reporter=json --outputFile.json="test-results/vitest-$project.json" "${extra[@]}" || status=1
done
node -e '
  const fs = require("fs")
  let passed = 0, failed = 0, skipped = 0
  for (const f of fs.readdirSync("test-results").filter((n) => /^vitest-.*\.json$/.test(n))) {
    const r = JSON.parse(fs.readFileSync("test-results/" + f, "utf8"))
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0)
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""))
'
exit $status
