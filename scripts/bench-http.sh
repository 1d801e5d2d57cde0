#!/usr/bin/env bash
# HTTP throughput with wrk against a release build: an authenticated read and /health.
# Builds nothing: run `swift build -c release --product teleradar` first. Needs wrk (apt-get install -y wrk).
# A fresh SQLite database in a temporary folder gets one user with an API token following one channel of
# 2,000 recent posts (from ../shared/fixtures/ru-telegram-news, dated within the last days).
# Usage: scripts/bench-http.sh [duration, default 20s] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-64}
bin=.build/release/teleradar
tmp=$(mktemp -d /tmp/teleradar-bench-http.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export TELERADAR_DATA_DIR="$tmp" HTTP_PORT="$port" EMBEDDER=none LOG_LEVEL="${LOG_LEVEL:-info}" LOG_FORMAT="${LOG_FORMAT:-json}"
# The benchmark measures the server, not the limiter: the per-user limit is raised (it still runs on every request).
export RATE_LIMIT_PER_MINUTE=10000000
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

python3 - "$tmp/export.json" <<'PY'
import json, sys, time, glob
items = []
for path in sorted(glob.glob("../shared/fixtures/ru-telegram-news/*_messages.json")):
    items += [m for m in json.load(open(path)) if m.get("text")]
items = items[:2000]
now = int(time.time())
messages = [{"id": i + 1, "type": "message", "date_unixtime": str(now - (len(items) - i) * 60), "from": "Bench",
             "text": m["text"], "text_entities": [{"type": "plain", "text": m["text"]}]} for i, m in enumerate(items)]
json.dump({"name": "Bench", "type": "public_channel", "id": 777000, "messages": messages}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
$bin migrate >/dev/null 2>&1
$bin admin grant 1 premium >/dev/null 2>&1
$bin import "$tmp/export.json" --channel benchchan --user 1 >/dev/null 2>&1
token=$($bin admin create-token 1 2>/dev/null | grep -o 'trk_[A-Za-z0-9_-]*' | head -n 1)
$bin serve --no-bot --no-workers 2>"$tmp/server.log" &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
post=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/posts?limit=1&hours_back=8760" | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts"][0]["id"])')

echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg); LOG_FORMAT=$LOG_FORMAT LOG_LEVEL=$LOG_LEVEL"
for target in "/health" "/api/v1/me" "/api/v1/posts/$post" "/api/v1/channels/benchchan/posts?limit=20"; do
  echo "== GET $target"
  if [ "$target" = "/health" ]; then
    wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$target"
  else
    wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$target"
  fi
done
echo "server RSS: $(ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}')"
