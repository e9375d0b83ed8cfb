# Shared by the project's scripts: where things live, and installing what a fresh machine lacks.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/portal-target}"
CACHE_DIR="$HOME/.cache/cloudpack-portal"
PORTAL_BIN="$CARGO_TARGET_DIR/debug/portal"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || die "need $* but apt-get is missing: install it by hand"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ $apt_updated = 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >/dev/null
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Debian chromium (browser tests)"
    apt_install chromium
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null || { log "installing Node.js"; apt_install nodejs npm; }
  if [ ! -d "$ROOT/e2e/node_modules/playwright-core" ] || [ ! -d "$ROOT/e2e/node_modules/axe-core" ]; then
    log "installing e2e Node packages"
    (cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The AWS emulator (moto server) lives in a venv outside the clone, so CI keeps it warm.
ensure_aws_emulator() {
  local venv="$CACHE_DIR/venv"
  if [ ! -x "$venv/bin/moto_server" ]; then
    log "installing the AWS emulator (moto server) into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'moto[server]==5.2.5'
  fi
  export PORTAL_MOTO_SERVER="$venv/bin/moto_server"
  # scripts/aws_emulator.py (moto plus the portal's additions) runs with this python; the Rust
  # test helper (portal_aws::emulator) reads it.
  export PORTAL_AWS_EMULATOR_PYTHON="$venv/bin/python"
}

# PostgreSQL on 127.0.0.1:5432, user postgres, trust auth (what this kind of machine provides).
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  local ver
  ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
  if [ -n "$ver" ]; then
    log "starting PostgreSQL $ver"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || pg_ctlcluster "$ver" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  return 1
}

# Everything a fresh machine of this kind lacks, for running and for testing.
# Cargo names a workspace crate's build by its path inside the checkout, so two checkouts sharing
# CARGO_TARGET_DIR share those builds, and one whose files are older than another checkout's last
# build is taken as up to date. When the checkout changes, its sources are made newer.
claim_target_dir() {
  local mark="$CARGO_TARGET_DIR/.portal-checkout"
  mkdir -p "$CARGO_TARGET_DIR"
  if [ "$(cat "$mark" 2>/dev/null)" != "$ROOT" ]; then
    (cd "$ROOT" && git ls-files -z -- '*.rs' '*.toml' '*.csv' '*.sql' 'frontend/*' | xargs -0 touch)
    echo "$ROOT" > "$mark"
  fi
}

ensure_all() {
  claim_target_dir
  ensure_rust
  ensure_chromium
  ensure_node_modules
  ensure_aws_emulator
}

build_spa() {
  log "building the web app (WebAssembly)"
  (cd "$ROOT" && cargo run -q -p xtask -- build-spa --out "$ROOT/dist")
}

build_portal() {
  log "building the portal server"
  (cd "$ROOT" && cargo build -q -p portal-server)
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
