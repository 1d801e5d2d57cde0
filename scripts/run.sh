#!/usr/bin/env bash
# Sets up and runs Teleradar on the embedded default (SQLite in ./data, local embeddings, no accounts).
# Extra arguments go to `teleradar serve`, e.g. scripts/run.sh --no-workers
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "[run] building teleradar (release; the first build takes 10-20 minutes)" >&2
swift build -c release --product teleradar
exec .build/release/teleradar serve "$@"
