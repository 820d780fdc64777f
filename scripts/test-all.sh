#!/usr/bin/env bash
# `npm test`: every suite, each closing with a plain "N passed, N failed" line.
#   scripts/test-all.sh            type check, lint, unit, integration, faults, build, e2e
#   scripts/test-all.sh --db-only  only the database-backed suites (integration, faults, e2e)
# The database is PGlite unless DATABASE_URL names a PostgreSQL server: integration tests then
# create and drop their own databases there, and e2e uses a fresh `verdict_e2e` database.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
db_only=false
[ "${1:-}" = "--db-only" ] && db_only=true
driver=$([ -n "${DATABASE_URL:-}" ] && echo postgres || echo pglite)
failed=0
summary=()

# Prints one suite's "label: N passed, N failed" line and keeps it for the summary at the end.
tally() { echo "$1"; summary+=("$1"); }
finish() {
  echo; echo "summary:"; printf '  %s\n' "${summary[@]}"
  exit "$1"
}

count_vitest() { # label, json file
  tally "$(node -e 'const r=require(process.argv[1]);console.log(`${process.argv[2]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$PWD/$2" "$1" \
    || echo "$1: 0 passed, 1 failed")"
}

run_vitest() { # label, json file, paths...
  local label=$1 out=$2; shift 2
  rm -f "$out"
  npx vitest run --reporter=default --reporter=json --outputFile="$out" "$@" || failed=1
  [ -f "$out" ] && count_vitest "$label" "$out" || { tally "$label: 0 passed, 1 failed"; failed=1; }
}

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  echo "Installing Debian's chromium for Playwright…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get install -y chromium; fi
}

if ! $db_only; then
  npx tsc --noEmit && tally "typecheck: 1 passed, 0 failed" || { tally "typecheck: 0 passed, 1 failed"; failed=1; }
  # ESLint (type-aware, layer boundaries) and Prettier, as `npm run lint`.
  npm run --silent lint && tally "lint: 1 passed, 0 failed" || { tally "lint: 0 passed, 1 failed"; failed=1; }
  run_vitest "unit" .vitest-unit.json tests/unit tests/providers
fi

run_vitest "integration ($driver)" ".vitest-integration-$driver.json" tests/integration
# Fault tests: the production server (its own build in .next-faults) killed, stormed and cut off from the database.
run_vitest "faults ($driver)" ".vitest-faults-$driver.json" --config vitest.faults.config.ts

if ! $db_only || [ ! -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]; then
  node_modules/.bin/tsx e2e/build.ts || { tally "build: 0 passed, 1 failed"; finish 1; }
fi

ensure_chromium
rm -f .playwright-results.json
npx playwright test || failed=1
if [ -f .playwright-results.json ]; then
  tally "$(node -e 'const s=require(process.argv[1]).stats;console.log(`e2e ('"$driver"'): ${s.expected+s.flaky} passed, ${s.unexpected} failed`)' "$PWD/.playwright-results.json")"
else
  tally "e2e ($driver): 0 passed, 1 failed"; failed=1
fi
# Two instances on one PostgreSQL behind a load balancer (e2e/instances/): PostgreSQL only, since
# the embedded database belongs to one process.
if [ "$driver" = postgres ]; then
  rm -f .playwright-instances.json
  E2E_SUITE=instances E2E_RESULTS_FILE=.playwright-instances.json npx playwright test || failed=1
  if [ -f .playwright-instances.json ]; then
    tally "$(node -e 'const s=require(process.argv[1]).stats;console.log(`instances (postgres): ${s.expected+s.flaky} passed, ${s.unexpected} failed`)' "$PWD/.playwright-instances.json")"
  else
    tally "instances (postgres): 0 passed, 1 failed"; failed=1
  fi
fi
finish $failed
