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
  "$ROOT/scripts/ensure-models.sh"
  dotnet build "$ROOT/src/InstaIntel.Node" -c Release -nologo -clp:ErrorsOnly
  mkdir -p "$ROOT/data"
  log "starting a node on http://127.0.0.1:5080 (SQLite at data/instaintel.db); Ctrl-C stops it"
  exec dotnet "$ROOT/src/InstaIntel.Node/bin/Release/net10.0/InstaIntel.Node.dll" \
    --urls "${INSTAINTEL_DEMO_URL:-http://127.0.0.1:5080}" "$@"
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
