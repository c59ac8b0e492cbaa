#!/usr/bin/env bash
# Builds the load test and runs the full experiment on the embedded target (DynamoDB Local, the local
# S3 and the local Lambda in one process: no AWS account, no Docker) into results/: runs.csv,
# summary.md and the PNG charts. With arguments, runs the load-test jar with them instead, e.g.
#   bash scripts/run.sh run --workloads video --runs 5 --out /tmp/video
#   bash scripts/run.sh --help
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# package, not install: builds the reactor modules the jar needs without touching the local Maven repository
mvn -B -q -ntp -pl load-test -am package -DskipTests
if [ "$#" -eq 0 ]; then
  java -jar load-test/target/load-test.jar experiment --out results
else
  java -jar load-test/target/load-test.jar "$@"
fi
