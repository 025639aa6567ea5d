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
npx vitest run --config build/vitest.config.mts --project unit --project integration --project e2e "$@"
if [ "$private_engine" = 1 ]; then
  # Restarting an engine is only done to the one this script started.
  npx vitest run --config build/vitest.config.mts --project restart
fi
