#!/usr/bin/env bash
# Merge step: download the plan artifact of the pull request that the pushed commit merged.
# Environment: GITHUB_REPOSITORY, GITHUB_SHA (the merge commit), GH (default gh),
#              WORKFLOW (default community-connector.yml), DEST (default .).
# Exit: 0 with $DEST/plan.json, 1 when no merged pull request or no plan artifact is found.
set -euo pipefail
GH=${GH:-gh}
WORKFLOW=${WORKFLOW:-community-connector.yml}
DEST=${DEST:-.}
repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
sha=${GITHUB_SHA:?GITHUB_SHA is not set}

head_sha=$("$GH" api "repos/$repo/commits/$sha/pulls" --jq '.[0].head.sha // empty')
if [ -z "$head_sha" ]; then
  echo "fetch-plan: commit $sha merged no pull request; changes reach main through reviewed plans only" >&2
  exit 1
fi
run_id=$("$GH" run list --repo "$repo" --workflow "$WORKFLOW" --commit "$head_sha" --event pull_request \
           --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')
if [ -z "$run_id" ]; then
  echo "fetch-plan: no successful plan run for pull request head $head_sha" >&2
  exit 1
fi
mkdir -p "$DEST"
"$GH" run download "$run_id" --repo "$repo" --name community-connector-plan --dir "$DEST"
[ -f "$DEST/plan.json" ] || { echo "fetch-plan: the artifact of run $run_id holds no plan.json" >&2; exit 1; }
