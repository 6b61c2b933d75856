#!/usr/bin/env bash
# InstaIntel's two set-up commands (see README):
#   ./build.sh demo   install what is missing, build, run one node on SQLite at http://127.0.0.1:5080
#   ./build.sh test   install what is missing, start a private PostgreSQL, run every test on both engines
# Both are idempotent and need nothing but root on Debian 12 with the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
source "$ROOT/scripts/lib.sh"

usage() {
  echo "usage: ./build.sh demo | test | build | migrate" >&2
  exit 2
}

cmd_build() {
  ensure_dotnet
  "$ROOT/scripts/ensure-models.sh"
  dotnet build "$ROOT/InstaIntel.sln" -c "${CONFIGURATION:-Release}" -nologo -clp:ErrorsOnly
}

cmd_demo() {
  ensure_dotnet
  ensure_runtime_packages
  ensure_simulator_assets
  "$ROOT/scripts/ensure-models.sh"
  dotnet build "$ROOT/src/InstaIntel.Node" -c Release -nologo -clp:ErrorsOnly
  dotnet build "$ROOT/src/InstaIntel.Simulator" -c Release -nologo -clp:ErrorsOnly
  mkdir -p "$ROOT/data"
  local url=${INSTAINTEL_DEMO_URL:-http://127.0.0.1:5080}
  local simulator=${INSTAINTEL_DEMO_SIMULATOR_URL:-http://127.0.0.1:$(free_port)}
  log "starting the Instagram simulator on $simulator (300 generated profiles, demo account demo_user)"
  dotnet "$ROOT/src/InstaIntel.Simulator/bin/Release/net10.0/InstaIntel.Simulator.dll" --urls "$simulator" --seed 42 --profiles 300 \
    >"$ROOT/data/simulator.log" 2>&1 &
  local simulator_pid=$!
  log "starting a node on $url (SQLite at data/instaintel.db); Ctrl-C stops both"
  dotnet "$ROOT/src/InstaIntel.Node/bin/Release/net10.0/InstaIntel.Node.dll" --urls "$url" \
    --InstaIntel:Instagram:BaseUrl="$simulator/" --InstaIntel:Demo:Enabled=true \
    --InstaIntel:Accounts:TickInterval=00:00:10 --InstaIntel:Processing:Feed:PageDelay=00:00:03 "$@" &
  local node_pid=$!
  # Ctrl-C (or SIGTERM) stops the node gracefully, then the simulator.
  # Background jobs of a script ignore SIGINT, so the node is asked to stop with SIGTERM (the same graceful shutdown).
  trap 'kill -TERM $node_pid 2>/dev/null || true' INT TERM
  # A trapped signal interrupts wait (status > 128): wait again until the node has finished its shutdown.
  local status=0
  while true; do
    status=0; wait $node_pid || status=$?
    kill -0 $node_pid 2>/dev/null || break
  done
  if [ $status -gt 128 ]; then
    local reaped=0; wait $node_pid 2>/dev/null || reaped=$?
    [ $reaped -eq 127 ] || status=$reaped
  fi
  kill $simulator_pid 2>/dev/null || true
  wait $simulator_pid 2>/dev/null || true
  exit $status
}

cmd_migrate() {
  ensure_dotnet
  exec dotnet run --project "$ROOT/src/InstaIntel.Node" -c Release -- migrate "$@"
}

cmd_test() {
  ensure_dotnet
  ensure_runtime_packages
  ensure_test_packages
  ensure_simulator_assets
  start_private_postgres
  trap stop_private_postgres EXIT
  export CONFIGURATION=Release
  cmd_build
  run_test_projects
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  build) shift; cmd_build "$@" ;;
  migrate) shift; cmd_migrate "$@" ;;
  *) usage ;;
esac
