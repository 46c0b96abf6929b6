#!/usr/bin/env bash
# The whole test pipeline (`npm test`): build, typecheck, lint, unit tests, the integration suites in a real
# VS Code (code-server, trusted and untrusted workspace), packaging with a check of the .vsix, and the
# end-to-end UI tests against that .vsix. Every stage runs even after a failure, so one run shows everything;
# the exit status is non-zero when anything failed. The last line is `Summary: N passed, N failed`, counted
# over all stages: each test of a test stage counts, a stage without tests (build, lint...) counts as one.
# Logs: test-output/logs/<stage>.log; results: test-output/results/; screenshots: test-output/screenshots/.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CI="${CI:-true}" npm_config_update_notifier=false
OUT="$ROOT/test-output"
LOGS="$OUT/logs"
RESULTS="$OUT/results"
VSIX="$OUT/optimization-lab.vsix"
rm -rf "$OUT"
mkdir -p "$LOGS" "$RESULTS"

total_passed=0
total_failed=0
timings=()

# Counts of a finished stage: from a results JSON written by our runners, from node:test's summary, or 1 check.
count_results_json() { # files...
  node -e '
    let p = 0, f = 0;
    for (const file of process.argv.slice(1)) {
      try { const r = JSON.parse(require("fs").readFileSync(file, "utf8")); p += r.stats.passes; f += r.stats.failures; }
      catch { f += 1; }
    }
    console.log(p, f);' "$@"
}
count_node_test() { # log
  local pass fail
  pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$1" | tail -1)
  fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$1" | tail -1)
  echo "${pass:-0} ${fail:-0}"
}

# stage NAME TIMEOUT_SECONDS COUNTER COMMAND...   (COUNTER: "check", "node-test" or "json:FILE[,FILE]")
stage() {
  local name="$1" limit="$2" counter="$3"
  shift 3
  local log="$LOGS/$name.log" started status passed failed
  printf '\n━━━ %s ━━━\n' "$name"
  started=$(date +%s)
  timeout --kill-after=30 "$limit" "$@" < /dev/null 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  [[ $status -eq 124 ]] && echo "$name: timed out after $limit s"
  case "$counter" in
    check) if [[ $status -eq 0 ]]; then passed=1 failed=0; else passed=0 failed=1; fi ;;
    node-test) read -r passed failed < <(count_node_test "$log") ;;
    json:*) IFS=',' read -r -a files <<< "${counter#json:}"; read -r passed failed < <(count_results_json "${files[@]}") ;;
  esac
  # A stage that failed without a failing test (a crash, a timeout) still counts as a failure.
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  timings+=("$(printf '%-22s %4d s  %s passed, %s failed%s' "$name" $(($(date +%s) - started)) "$passed" "$failed" \
    "$([[ $status -ne 0 ]] && echo "  (exit $status)")")")
}

pipeline_started=$(date +%s)
stage apt-packages        600 check     bash scripts/code-server/setup.sh --apt-only
stage build               300 check     node esbuild.mjs --production
stage build-tests         300 check     node scripts/build-tests.mjs
stage typecheck           300 check     npx tsc --noEmit -p .
stage lint                300 check     npx eslint .
stage unit-tests          900 node-test node scripts/run-unit-tests.mjs
stage code-server-setup   900 check     bash scripts/code-server/setup.sh
stage integration        1200 "json:$RESULTS/integration-trusted.json,$RESULTS/integration-untrusted.json" \
  node --import tsx test/runner/runIntegration.ts --suite all --timeout 540
stage package             300 check     node scripts/package.mjs --no-build --out "$VSIX"
stage e2e                 900 "json:$RESULTS/e2e.json" node --import tsx test/e2e/run.ts --vsix "$VSIX" --timeout 840

printf '\n━━━ stages ━━━\n'
printf '%s\n' "${timings[@]}"
printf 'total                  %4d s\n' $(($(date +%s) - pipeline_started))
[[ -d "$OUT/screenshots" ]] && printf 'screenshots: %s\n' "$(cd "$OUT/screenshots" && ls | tr '\n' ' ')"
echo "Summary: $total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
