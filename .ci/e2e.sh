#!/usr/bin/env bash
# End-to-end checks of CI (called by .ci/run after npm ci and npm test; see there).
# Works in throw-away clones of HEAD so the checkout it runs in is never modified.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n=== %s\n' "$*"; }
fail() { printf 'CI FAILED: %s\n' "$*" >&2; exit 1; }
check() { printf '  ok: %s\n' "$*"; }

DATA="$ROOT/../shared/data/fer2013"
[ -d "$DATA" ] || fail "FER2013 not found at $DATA (CI expects the shared data beside the clone)"
DATA=$(cd "$DATA" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REMOTE="$WORK/remote"
# a small, quick configuration of the shipped pipeline; every setting goes through params.yaml
# (24x24 input, 4x cheaper than 48x48, and no regularisation: a short run that learns well above
# the baseline in minutes; the full recipe needs far more steps than CI has); two networks, so
# both the per-seed train@<seed> stages and the ensemble stage run
LIMIT=${CI_INGEST_LIMIT:-6000}
EPOCHS=${CI_TRAIN_EPOCHS:-5}

# A fresh clone of this commit, sharing the installed node_modules and the built dist/.
clone() {
  git clone -q --no-hardlinks "$ROOT" "$1"
  (cd "$1" && git checkout -q "$(git -C "$ROOT" rev-parse HEAD)")
  ln -s "$ROOT/node_modules" "$1/node_modules"
  ln -s "$ROOT/dist" "$1/dist"
  node "$ROOT/.ci/set-params.mjs" "$1/params.yaml" \
    ingest.source="$DATA" ingest.limit="$LIMIT" train.epochs="$EPOCHS" \
    train.warmup_epochs=0 'train.input_shape=[24, 24, 1]' train.dropout_conv=0 \
    train.dropout_dense=0 train.label_smoothing=0 train.augment_shift=0 train.augment_rotation=0 \
    'train.seeds=[42, 1042]'
}
pipe() { node bin/pipe.js "$@"; }

step "end-to-end: pipe repro on $LIMIT FER2013 images, $EPOCHS epochs"
clone "$WORK/a"
cd "$WORK/a"
pipe repro
node "$ROOT/.ci/check-metrics.mjs" .
check "every declared metrics file exists and test accuracy beats the baseline"

step "a second pipe repro runs nothing"
pipe repro --json > "$WORK/second.jsonl"
node "$ROOT/.ci/check-outcomes.mjs" "$WORK/second.jsonl" up-to-date
check "every stage up to date"

step "push the cache to a directory remote"
pipe push --remote "$REMOTE"

step "a fresh clone of the same commit gets only the cache: pipe repro --pull"
clone "$WORK/b"
cd "$WORK/b"
# --pull fetches what the remote has for these inputs (run-cache entries and their objects)
# before deciding; the committed pipeline.lock describes the full-data run, whose objects this
# remote does not hold, which is fine: nothing may run all the same.
PIPE_REMOTE="$REMOTE" pipe repro --pull --json > "$WORK/cached.jsonl"
node "$ROOT/.ci/check-outcomes.mjs" "$WORK/cached.jsonl" restored,up-to-date
check "no stage command ran: every stage restored from the cache"
for f in $(node "$ROOT/.ci/check-metrics.mjs" . --list); do
  cmp "$WORK/a/$f" "$WORK/b/$f" || fail "$f differs between the run and the cached run"
done
check "metrics byte-identical to the first run's"
