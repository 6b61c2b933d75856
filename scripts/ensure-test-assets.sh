#!/usr/bin/env bash
# The simulator's media assets, made from Debian packages only (nothing is downloaded from anywhere else):
#   photos/johns/<Name>/*.jpg   5 people x 11 portraits     photos/faces/*.jpg          group photos
#   photos/objects/*.jpg        dogs and cars, no faces      photos/video_frames/*.jpg   a moving sequence
#   videos/*.mp4                                                              short H.264 clips made with ffmpeg
#   manifest.txt                                                              written last: its presence means "complete"
# Idempotent: installs only the Debian packages that are missing and rebuilds only when the manifest is absent,
# of another version, or names a file that is gone. Output: artifacts/test-assets/ (git-ignored), or
# $INSTAINTEL_TEST_ASSETS. The simulator reads the same folder (Simulator:AssetsPath) and refuses to start without it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"

ASSETS=${INSTAINTEL_TEST_ASSETS:-$ROOT/artifacts/test-assets}
# Bump when the layout or the clips change: older folders are rebuilt.
ASSETS_VERSION=2
DLIB_PACKAGE=${DLIB_PACKAGE:-libdlib19.1}
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

assets_complete() {
  local manifest="$ASSETS/manifest.txt"
  [ -f "$manifest" ] || return 1
  grep -qx "version=$ASSETS_VERSION" "$manifest" || return 1
  local file
  while IFS= read -r file; do
    case "$file" in version=*|'') continue ;; esac
    [ -s "$ASSETS/$file" ] || return 1
  done <"$manifest"
}

# dlib's examples ship in the library package's doc folder. Docker-style images drop /usr/share/doc on install,
# so the package is downloaded and unpacked instead of installed (it would also pull BLAS and 60 MB of models).
extract_dlib_photos() {
  local examples="/usr/share/doc/$DLIB_PACKAGE/examples"
  local work=""
  if [ ! -d "$examples/johns" ]; then
    work=$(mktemp -d /tmp/instaintel-dlib.XXXXXX)
    log "unpacking dlib's example photos from the Debian package $DLIB_PACKAGE"
    if ! (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$DLIB_PACKAGE" >/dev/null 2>&1); then
      as_root apt-get update -qq
      (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$DLIB_PACKAGE" >/dev/null) \
        || die "apt-get download $DLIB_PACKAGE failed"
    fi
    dpkg-deb -x "$work"/"$DLIB_PACKAGE"_*.deb "$work/x"
    examples="$work/x/usr/share/doc/$DLIB_PACKAGE/examples"
  fi
  [ -d "$examples/johns" ] && [ -d "$examples/faces" ] || die "no johns/ and faces/ under $examples"
  rm -rf "$ASSETS/photos"
  mkdir -p "$ASSETS/photos"
  cp -r "$examples/johns" "$examples/faces" "$examples/video_frames" "$ASSETS/photos/"
  mkdir -p "$ASSETS/photos/objects"
  mv "$ASSETS/photos/faces/dogs.jpg" "$ASSETS/photos/objects/"
  cp "$examples"/mmod_cars_test_image*.jpg "$ASSETS/photos/objects/"
  [ -z "$work" ] || rm -rf "$work"
}

# One clip: a still photo zoomed over 3 s (45 frames at 15 fps), portrait 360x640, with a caption drawn in. Baseline H.264 in
# an MP4 with the moov box first, which is how Instagram serves story videos. A portrait (a tight square face crop) is
# framed whole, its width filling the frame, and zoomed slightly towards its centre: cover-scaled into 9:16 and zoomed
# into the top-left corner, as version 1 did, the frames showed the middle of a face whose embedding matched nobody
# (cosine 0.3 down to -0.04 with the same person's photos). A group photo is cropped to its middle.
make_still_clip() {
  local photo=$1 caption=$2 out=$3 framing=$4
  local fit
  case "$framing" in
    portrait) fit="scale=360:-2,pad=360:640:(ow-iw)/2:(oh-ih)/2,zoompan=z='min(zoom+0.002,1.08)':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2'" ;;
    *) fit="scale=-2:640,crop=360:640,zoompan=z='min(zoom+0.004,1.3)'" ;;
  esac
  ffmpeg -nostdin -loglevel error -y -i "$photo" \
    -vf "$fit:d=45:s=360x640:fps=15,drawtext=fontfile=$FONT:text='$caption':fontcolor=white:fontsize=26:box=1:boxcolor=black@0.5:x=(w-text_w)/2:y=h-80" \
    -c:v libx264 -profile:v baseline -pix_fmt yuv420p -movflags +faststart -an "$out"
}

make_clips() {
  rm -rf "$ASSETS/videos"
  mkdir -p "$ASSETS/videos"
  # A real moving sequence: dlib's tracking example frames (every clip lasts 3 s, the duration the JSON declares).
  ffmpeg -nostdin -loglevel error -y -framerate 15 -pattern_type glob -i "$ASSETS/photos/video_frames/*.jpg" -t 3 \
    -vf "scale=360:-2,pad=360:640:(ow-iw)/2:(oh-ih)/2,drawtext=fontfile=$FONT:text='#tracking':fontcolor=white:fontsize=26:x=(w-text_w)/2:y=h-80" \
    -c:v libx264 -profile:v baseline -pix_fmt yuv420p -movflags +faststart -an "$ASSETS/videos/clip-00-frames.mp4"
  local n=1 person photo
  for person in "$ASSETS"/photos/johns/*/; do
    person=$(basename "$person")
    photo=$(find "$ASSETS/photos/johns/$person" -name '*.jpg' | sort | head -n 1)
    make_still_clip "$photo" "@${person,,} #story" "$ASSETS/videos/clip-0$n-${person,,}.mp4" portrait
    n=$((n + 1))
  done
  make_still_clip "$ASSETS/photos/faces/bald_guys.jpg" "#friends #weekend" "$ASSETS/videos/clip-0$n-group.mp4" group
}

write_manifest() {
  {
    echo "version=$ASSETS_VERSION"
    (cd "$ASSETS" && find photos videos -type f | sort)
  } >"$ASSETS/manifest.txt.tmp"
  mv "$ASSETS/manifest.txt.tmp" "$ASSETS/manifest.txt"
}

main() {
  if assets_complete; then
    log "test assets are complete in $ASSETS"
    return 0
  fi
  ensure_apt ffmpeg fonts-dejavu-core
  [ -f "$FONT" ] || die "font $FONT missing after installing fonts-dejavu-core"
  mkdir -p "$ASSETS"
  rm -f "$ASSETS/manifest.txt"
  extract_dlib_photos
  make_clips
  write_manifest
  log "test assets written to $ASSETS ($(grep -c '' "$ASSETS/manifest.txt") lines in manifest.txt)"
}

main "$@"
