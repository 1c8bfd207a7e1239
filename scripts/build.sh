#!/usr/bin/env bash
# Builds kawaru with CMake in one build directory, quietly: a build that succeeds prints nothing
# (a first build says that it starts, as it takes minutes); one that fails prints the compiler's
# and CMake's messages without the progress lines, and exits 1.
#   scripts/build.sh DIR [CMAKE_OPTION...]     e.g. scripts/build.sh build-asan -DKAWARU_SANITIZE=ON
# DIR is configured (RelWithDebInfo unless an option says otherwise) the first time, and every
# time options are given; otherwise `cmake --build` configures again by itself when CMakeLists.txt
# or the set of source files changes. JOBS: parallel compilers (default: the number of cores).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
dir=${1:?usage: scripts/build.sh DIR [CMAKE_OPTION...]}
shift
log=$(mktemp /tmp/kawaru-build.XXXXXX)
trap 'rm -f "$log"' EXIT

# what is left of a log once the progress lines are gone: the errors and what leads to them
messages() {
  grep -a -v -E '^\[ *[0-9]+%\] (Building|Linking|Built target|Generating|Embedding)|^Scanning dependencies|^Consolidate compiler|^-- ' "$log" | tail -80
}

# configured: CMake has generated the build system (a failed configure leaves only its cache)
configured=no
[ -f "$dir/Makefile" ] || [ -f "$dir/build.ninja" ] && configured=yes
[ $configured = yes ] || echo "kawaru: first build in $dir/ (a few minutes on 2 cores; later builds compile only what changed)"
# options are applied every time (configuring takes a second); without options, once
if [ $configured = no ] || [ $# -gt 0 ]; then
  if ! cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >"$log" 2>&1; then
    messages; echo "kawaru: cmake could not configure $dir/ (run make deps?)"
    exit 1
  fi
fi
if ! cmake --build "$dir" -j "${JOBS:-$(nproc)}" >"$log" 2>&1; then
  messages; echo "kawaru: the build in $dir/ failed"
  exit 1
fi
