#!/bin/sh
# keygate in any CI: scan what the change adds over its base, fail on new findings (exit 1) or
# on any error (exit 2). Usage: sh any-ci.sh <base-ref> [report-file]
#   e.g. sh any-ci.sh origin/main keygate.sarif
# Needs the history down to the base (a full clone, or a fetch deep enough) and Node 20.
# Tested by test/e2e/ci-workflow.test.ts.
set -eu
base="${1:?usage: sh any-ci.sh <base-ref> [report-file]}"
report="${2:-keygate.sarif}"
set -- --range "$base..HEAD" --format sarif --output "$report"
if [ -f .keygate-baseline.json ]; then set -- "$@" --baseline .keygate-baseline.json; fi
exec ${KEYGATE:-npx --yes keygate} scan "$@"
