#!/usr/bin/env bash
# `npm test`: the test engine (unless DOCKER_HOST is set), a type check, a build of the app,
# then unit, integration and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DOCKER_HOST:-}" ]; then
  bash test/engine/up.sh
  # shellcheck disable=SC1091
  source "${BRIDGEVIEW_ENGINE_DIR:-/var/tmp/bridgeview-engine}/env"
fi
echo "test engine: $DOCKER_HOST"

npm run typecheck
npm run build
npx vitest run --config build/vitest.config.ts "$@"
