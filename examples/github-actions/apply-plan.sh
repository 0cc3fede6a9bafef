#!/usr/bin/env bash
# Merge step of the GitOps workflow: apply exactly the plan saved on the pull request. The tool
# refuses a stale plan (the workspace or the manifest changed since it was made): the job fails
# and asks for a new plan instead of applying something nobody reviewed.
#
# Environment: CC (default community-connector), PLAN (default plan.json).
# Exit: 0 applied (or nothing to do), 1 error or stale plan.
set -uo pipefail
CC=${CC:-community-connector}
PLAN=${PLAN:-plan.json}

if [ ! -f "$PLAN" ]; then
  echo "apply-plan: no saved plan at $PLAN; re-run the pull request's plan job" >&2
  exit 1
fi
if ! "$CC" --no-color apply "$PLAN" --auto-approve; then
  echo "apply-plan: the saved plan was not applied (stale or failed); push a commit or re-run the plan job to make a new one" >&2
  exit 1
fi
