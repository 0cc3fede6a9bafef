#!/usr/bin/env bash
# Runs the steps of examples/github-actions/community-connector.yml against the workspace
# emulator, with tests/scenarios/gitops/fake-gh standing in for GitHub, and checks what they did:
#   PR: validate + plan → one comment (updated, not duplicated, on a second push), exit 2
#   PR: a long plan is collapsed under the comment limit; an invalid manifest comments the errors
#   merge: fetch the artifact, apply it, re-plan → 0 changes; a stale plan is refused
# The tool runs as in the workflow: through community-connector-docker (`docker run` of the image).
# Usage: run_workflow_locally.sh CLI EMULATOR SOURCE_DIR
set -euo pipefail
CC=$(realpath "$1"); CC_EMULATOR=$(realpath "$2"); SRC=$(realpath "$3")
export CC CC_EMULATOR
WORK=$(mktemp -d)
source "$SRC/tests/scenarios/gitops/emulator_env.sh"
start_emulator
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

scripts=$SRC/examples/github-actions
# The workflow runs the tool from its Docker image through community-connector-docker (CC). No
# Docker daemon here: fake-docker/docker plays `docker run`, with the binary under test as the
# image's entrypoint and only the variables the wrapper passes. The emulator's certificate and
# the scratch HOME stand for what the image would hold itself; GITHUB_TOKEN is the manifest's
# ${env.GITHUB_TOKEN}, passed as the workflow passes its connector secrets (CC_DOCKER_ENV).
export FAKE_DOCKER_ENTRYPOINT=$CC PATH=$SRC/tests/scenarios/gitops/fake-docker:$PATH
export CC_DOCKER_ENV="GITHUB_TOKEN SSL_CERT_FILE HOME" FAKE_DOCKER_LOG=$WORK/docker.log
CC=$scripts/community-connector-docker
export GH=$SRC/tests/scenarios/gitops/fake-gh/gh FAKE_GH_DIR=$WORK/github
export GITHUB_REPOSITORY=example/connectors PR_NUMBER=7 GITHUB_SHA=abc123
export GITHUB_TOKEN=ghp_workflow_test_token
fail() { echo "FAIL: $*" >&2; exit 1; }
comment_count() { ls "$FAKE_GH_DIR/comments" 2>/dev/null | wc -l; }

repo=$WORK/repo
mkdir -p "$repo"
cp "$SRC/examples/minimal.yaml" "$repo/connectors.yaml"
cd "$repo"

echo "== PR push 1: plan with changes"
set +e; OUT_DIR=out "$scripts/plan-comment.sh" > pr1.log 2>&1; code=$?; set -e
[ "$code" -eq 2 ] || { cat pr1.log; fail "plan-comment.sh exited $code, want 2 (changes)"; }
[ -f out/plan.json ] || fail "no saved plan"
[ "$(comment_count)" -eq 1 ] || fail "want 1 comment, have $(comment_count)"
comment=$FAKE_GH_DIR/comments/$(ls "$FAKE_GH_DIR/comments")
head -n 1 "$comment" | grep -qx '<!-- community-connector-plan -->' || fail "comment lacks the marker"
grep -q 'github_conn' "$comment" || fail "comment does not show the connection"
grep -q 'github_ingest' "$comment" || fail "comment does not show the pipeline"
if grep -q "$GITHUB_TOKEN" "$comment" out/*; then fail "a secret reached the comment or the plan files"; fi

echo "== PR push 2: the same comment is updated"
export GITHUB_SHA=def456
set +e; OUT_DIR=out "$scripts/plan-comment.sh" > pr2.log 2>&1; code=$?; set -e
[ "$code" -eq 2 ] || fail "second plan exited $code"
[ "$(comment_count)" -eq 1 ] || fail "second push made another comment ($(comment_count))"
grep -q 'def456' "$comment" || fail "the comment was not updated"
grep -q '^PATCH\|-X PATCH' "$FAKE_GH_DIR/calls.log" || fail "no PATCH call"

echo "== long plan: collapsed within the limit"
set +e; COMMENT_LIMIT=600 OUT_DIR=long "$scripts/plan-comment.sh" > long.log 2>&1; set -e
size=$(wc -c < "$comment")
[ "$size" -le 601 ] || fail "collapsed comment has $size bytes, limit 600"
grep -q '<details>' "$comment" || fail "long comment not collapsed"

echo "== merge: fetch the plan artifact, apply it"
mkdir -p "$FAKE_GH_DIR/artifacts/community-connector-plan"
cp out/plan.json out/plan.md "$FAKE_GH_DIR/artifacts/community-connector-plan/"
echo '[{"number": 7, "head": {"sha": "def456"}}]' > "$FAKE_GH_DIR/merged_pulls.json"
echo '[{"databaseId": 99}]' > "$FAKE_GH_DIR/runs.json"
GITHUB_SHA=merge789 DEST=merged "$scripts/fetch-plan.sh"
cmp merged/plan.json out/plan.json || fail "fetched plan differs"
PLAN=merged/plan.json "$scripts/apply-plan.sh" > apply.log 2>&1 || { cat apply.log; fail "apply of the reviewed plan failed"; }
"$CC" plan -f connectors.yaml --detailed-exitcode > replan.log 2>&1 || { cat replan.log; fail "re-plan after apply is not empty"; }

echo "== PR with no changes: exit 0"
set +e; OUT_DIR=same "$scripts/plan-comment.sh" > same.log 2>&1; code=$?; set -e
[ "$code" -eq 0 ] || { cat same.log; fail "plan of an applied manifest exited $code, want 0"; }

echo "== stale plan: refused"
sed -i 's/source_table: issues }/source_table: pulls }/' connectors.yaml
set +e; OUT_DIR=stale "$scripts/plan-comment.sh" > stale.log 2>&1; code=$?; set -e
[ "$code" -eq 2 ] || { cat stale.log; fail "plan of an edited manifest exited $code"; }
"$CC" apply -f connectors.yaml --auto-approve > direct.log 2>&1 || { cat direct.log; fail "direct apply failed"; }
set +e; PLAN=stale/plan.json "$scripts/apply-plan.sh" > stale-apply.log 2>&1; code=$?; set -e
[ "$code" -eq 1 ] || { cat stale-apply.log; fail "a stale plan was applied (exit $code)"; }
grep -qi 'stale\|changed' stale-apply.log || { cat stale-apply.log; fail "the refusal does not say the plan is stale"; }

echo "== invalid manifest: the comment shows the errors"
echo 'version: 9' > connectors.yaml
set +e; OUT_DIR=bad "$scripts/plan-comment.sh" > bad.log 2>&1; code=$?; set -e
[ "$code" -eq 1 ] || fail "invalid manifest exited $code, want 1"
grep -q 'invalid' "$comment" || fail "the comment does not report the invalid manifest"

echo "== fetch-plan: a push that merged no pull request is refused"
echo '[]' > "$FAKE_GH_DIR/merged_pulls.json"
if GITHUB_SHA=direct DEST=none "$scripts/fetch-plan.sh" 2> nopr.log; then fail "fetch-plan accepted a direct push"; fi
grep -q -- "-w $repo .*community-connector --no-color plan" "$FAKE_DOCKER_LOG" || fail "the tool did not run through docker run"
echo "PASS: workflow steps ($(grep -c . "$WORK/requests.jsonl") requests reached the emulator)"
