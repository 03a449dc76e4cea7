#!/usr/bin/env bash
# The whole test suite: set-up, plain build, sanitizer build, ctest in both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
status=0

echo "== plain build"
scripts/build.sh build
(cd build && ctest --output-on-failure -j"$jobs") || status=1

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
scripts/build.sh build-asan -DBPFKIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ctest --output-on-failure -j"$jobs" -LE nosan) || status=1

exit $status
