#!/usr/bin/env bash
# A CI recipe for any CI system (GitLab CI, Jenkins, Buildkite, a cron job): two stages that
# pass one file between them.
#
#   community-connector-ci.sh plan  [MANIFEST]   validate, plan, save $OUT_DIR/plan.json and
#                                                $OUT_DIR/plan.md (Markdown for a review comment)
#   community-connector-ci.sh apply              apply exactly $OUT_DIR/plan.json; refused when
#                                                the workspace or manifest changed since the plan
#
# Keep plan.json as a build artifact between the stages; gate `apply` on a human approval.
# Environment: CC (default community-connector), OUT_DIR (default ./community-connector-out),
# DATABRICKS_HOST + DATABRICKS_TOKEN (or a profile, or OAuth M2M), and your ${env.NAME} secrets.
# Exit: plan → 0 no changes, 2 changes, 1 error;  apply → 0 done, 1 error or stale plan.
set -uo pipefail
CC=${CC:-community-connector}
OUT_DIR=${OUT_DIR:-./community-connector-out}
export NO_COLOR=1

case "${1:-}" in
  plan)
    manifest=${2:-connectors.yaml}
    mkdir -p "$OUT_DIR"
    "$CC" validate -f "$manifest" || exit 1
    "$CC" plan -f "$manifest" --format markdown --detailed-exitcode -o "$OUT_DIR/plan.json" > "$OUT_DIR/plan.md"
    code=$?
    case $code in
      0) echo "community-connector: no changes" ;;
      2) echo "community-connector: changes planned; review $OUT_DIR/plan.md, then run the apply stage" ;;
      *) echo "community-connector: plan failed" >&2 ;;
    esac
    exit $code ;;
  apply)
    [ -f "$OUT_DIR/plan.json" ] || { echo "community-connector: no plan at $OUT_DIR/plan.json; run the plan stage first" >&2; exit 1; }
    "$CC" apply "$OUT_DIR/plan.json" --auto-approve || {
      echo "community-connector: the plan was not applied (stale or failed); run the plan stage again" >&2
      exit 1
    } ;;
  *)
    echo "usage: $0 plan [MANIFEST] | apply" >&2
    exit 1 ;;
esac
