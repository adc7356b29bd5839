#!/usr/bin/env bash
# The gate's one step (action.yml "Run the checks"): runs the conformance suite against a Python
# implementation, appends the report to the job summary and sets the step's outputs.
#
# Environment (as GitHub Actions sets it, or by hand for a local try):
#   IMPL_PATH   folder of the implementation (absolute, or relative to GITHUB_WORKSPACE)
#   MAP_PATH    optional --map JSON (absolute, or relative to GITHUB_WORKSPACE)
#   RUNNER_ARGS optional extra flags for the runner (word-split), e.g. "--num-runs 50"
#   FAIL_ON     "fail" (default): exit non-zero unless every applicable check passes; "never": exit 0
#   GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP
# Run from the suite's folder (where package.json is).
set -u
workspace="${GITHUB_WORKSPACE:-$PWD}"
out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/chapter6-conformance"
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$workspace" "$1" ;; esac; }
args=(--python "$(abs "${IMPL_PATH:-.}")" --out "$out")
if [ -n "${MAP_PATH:-}" ]; then args+=(--map "$(abs "$MAP_PATH")"); fi
if [ -n "${RUNNER_ARGS:-}" ]; then read -r -a extra <<< "$RUNNER_ARGS"; args+=("${extra[@]}"); fi
rm -rf "$out"
# What `npm run conformance` runs (package.json), without npm's own start (about 0.35 s of CPU).
node scripts/run.mjs conformance "${args[@]}"
code=$?
case $code in 0) result=pass ;; 1) result=fail ;; *) result=error ;; esac
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "result=$result"; echo "report=$out"; } >> "$GITHUB_OUTPUT"
fi
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
if [ -f "$out/report.md" ]; then
  cat "$out/report.md" >> "$summary"
else
  printf '# Conformance: no report\n\nThe runner exited with code %s before writing a report; see the step log.\n' "$code" >> "$summary"
fi
echo "chapter 6 conformance: $result (runner exit code $code)"
if [ "${FAIL_ON:-fail}" = "never" ]; then exit 0; fi
exit "$code"
