#!/usr/bin/env bash
# Pull-request step of the GitOps workflow: validate the manifest, plan it, save the plan and
# post (or update) ONE pull-request comment with the Markdown plan.
#
# Environment (the workflow sets these; run_workflow_locally.sh sets them for a local run):
#   CC            community-connector binary          (default: community-connector)
#   MANIFEST      manifest file                        (default: connectors.yaml)
#   OUT_DIR       where plan.json and plan.md go       (default: .)
#   GITHUB_REPOSITORY, PR_NUMBER   the pull request; without PR_NUMBER no comment is posted
#   GH            the GitHub CLI                       (default: gh; needs GH_TOKEN)
#   COMMENT_LIMIT GitHub's limit on a comment body     (default: 65535)
# Exit: 0 no changes, 2 changes (plan saved), 1 error (the comment says so).
set -uo pipefail

CC=${CC:-community-connector}
MANIFEST=${MANIFEST:-connectors.yaml}
OUT_DIR=${OUT_DIR:-.}
GH=${GH:-gh}
COMMENT_LIMIT=${COMMENT_LIMIT:-65535}
MARKER='<!-- community-connector-plan -->'
mkdir -p "$OUT_DIR"

status=0
if ! "$CC" --no-color validate -f "$MANIFEST" > "$OUT_DIR/validate.txt" 2>&1; then
  status=1
  { echo "### community-connector: the manifest is invalid"; echo; echo '```'
    cat "$OUT_DIR/validate.txt"; echo '```'; } > "$OUT_DIR/plan.md"
else
  "$CC" --no-color plan -f "$MANIFEST" --format markdown --detailed-exitcode -o "$OUT_DIR/plan.json" \
    > "$OUT_DIR/plan.md" 2> "$OUT_DIR/plan.err"
  status=$?
  if [ "$status" -eq 1 ]; then
    { echo "### community-connector: plan failed"; echo; echo '```'
      cat "$OUT_DIR/plan.err"; echo '```'; } > "$OUT_DIR/plan.md"
  fi
fi
cat "$OUT_DIR/plan.md"

# The comment: marker, the plan, the commit it is for. A body over the limit keeps its head
# inside a collapsed <details> and points to the uploaded plan artifact for the rest.
build_comment() {
  local sha=${GITHUB_SHA:-local}
  local head="$MARKER"$'\n'
  local tail=$'\n\n'"_Plan of \`$MANIFEST\` at ${sha}; exit code $status. Merging applies exactly this plan._"
  local body
  body=$(cat "$OUT_DIR/plan.md")
  local total=$(( ${#head} + ${#body} + ${#tail} ))
  if [ "$total" -le "$COMMENT_LIMIT" ]; then
    printf '%s%s%s\n' "$head" "$body" "$tail"
    return
  fi
  local open=$'<details><summary>The plan is too long for one comment: the first part is below, the whole plan is in the <code>community-connector-plan</code> artifact</summary>\n\n'
  local close=$'\n\n</details>'
  local room=$(( COMMENT_LIMIT - ${#head} - ${#open} - ${#close} - ${#tail} - 1 ))
  [ "$room" -lt 0 ] && room=0
  printf '%s%s%s%s%s\n' "$head" "$open" "${body:0:$room}" "$close" "$tail"
}
build_comment > "$OUT_DIR/comment.md"

if [ -n "${PR_NUMBER:-}" ]; then
  repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
  existing=$("$GH" api "repos/$repo/issues/$PR_NUMBER/comments" --paginate \
               --jq ".[] | select(.body | startswith(\"$MARKER\")) | .id" | head -n 1)
  if [ -n "$existing" ]; then
    "$GH" api -X PATCH "repos/$repo/issues/comments/$existing" -F "body=@$OUT_DIR/comment.md" > /dev/null || exit 1
  else
    "$GH" api -X POST "repos/$repo/issues/$PR_NUMBER/comments" -F "body=@$OUT_DIR/comment.md" > /dev/null || exit 1
  fi
fi
exit "$status"
