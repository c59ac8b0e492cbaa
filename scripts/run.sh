#!/usr/bin/env bash
# Builds the project and runs the main job on the embedded default (no AWS account, no Docker).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -ntp install -DskipTests
java -jar load-test/target/load-test.jar "$@"
