# Shared helpers for build.sh: idempotent installs, the private PostgreSQL, the test run.
# shellcheck shell=bash

log() { printf '[build] %s\n' "$*" >&2; }
die() { printf '[build] error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages that are missing, and only those.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (dotnet not on PATH)"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# What a node needs at run time: Debian's Chromium for Playwright (never Playwright's own download).
ensure_runtime_packages() {
  ensure_apt chromium ffmpeg
}

# What only the tests need.
ensure_test_packages() {
  ensure_apt postgresql fonts-dejavu-core
}

# The simulator's photos and clips (Debian dlib examples, ffmpeg clips): the demo and the tests serve them.
ensure_simulator_assets() {
  "$ROOT/scripts/ensure-test-assets.sh"
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql (apt package postgresql)"
  echo "$dir"
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

PG_ROOT=""
# A throwaway cluster on a private port: trust auth and fsync off, for tests only.
start_private_postgres() {
  local bin port
  bin=$(pg_bin)
  port=${INSTAINTEL_PG_PORT:-$(free_port)}
  PG_ROOT=$(mktemp -d /tmp/instaintel-pg.XXXXXX)
  chmod 755 "$PG_ROOT"
  chown postgres:postgres "$PG_ROOT"
  log "starting a private PostgreSQL on 127.0.0.1:$port ($PG_ROOT)"
  runuser -u postgres -- "$bin/initdb" -D "$PG_ROOT/data" -U postgres --auth=trust -E UTF8 --no-sync >"$PG_ROOT/initdb.log" 2>&1 \
    || { cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
    -o "-p $port -k $PG_ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$PG_ROOT/server.log" >&2; die "PostgreSQL did not start"; }
  export INSTAINTEL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40"
  export INSTAINTEL_PG_BIN="$bin" INSTAINTEL_PG_DATA="$PG_ROOT/data" INSTAINTEL_PG_PORT_USED="$port" INSTAINTEL_PG_ROOT="$PG_ROOT"
}

stop_private_postgres() {
  [ -n "$PG_ROOT" ] || return 0
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_ROOT/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
  PG_ROOT=""
}

# Runs every test project (already built), counts results, and fails on any failure or skip.
run_test_projects() {
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  local status=0
  for project in "$ROOT"/tests/*.Tests/*.Tests.csproj; do
    local name; name=$(basename "$project" .csproj)
    log "testing $name"
    # The hang detector fires when a test host reports no test starting or ending for this long, i.e. on any single
    # test that runs longer: the cluster node-loss test (300 accounts, a SIGKILL, a restart) takes 4.5-5 minutes on
    # two cores, too close to 5 for a slower machine.
    dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 10m -- RunConfiguration.TreatNoTestsAsError=true || status=1
  done
  python3 "$ROOT/scripts/summarize-trx.py" "$results" || status=1
  return $status
}
