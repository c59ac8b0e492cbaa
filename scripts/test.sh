#!/usr/bin/env bash
# The whole test suite: every module's tests (DynamoDB Local, the local services, the durable
# emulator conformance run, the store tests on LocalStack), the real SAM checks of template.yaml,
# and the SAM CLI's own local tools against the images built here (scripts/sam-local.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# A Docker engine this run had to start is stopped again at the end (images stay cached).
docker_was_running=0
docker info >/dev/null 2>&1 && docker_was_running=1
stop_engine_we_started() {
  if [[ $docker_was_running -eq 0 && -f .tools/dockerd.pid ]]; then
    kill "$(cat .tools/dockerd.pid)" 2>/dev/null || true
    rm -f .tools/dockerd.pid
  fi
}
trap stop_engine_we_started EXIT
bash scripts/python-tools.sh
bash scripts/images.sh            # container images (cached): LocalStack tests and sam local below
mvn -B -U -ntp install
bash scripts/sam-check.sh
bash scripts/sam-local.sh invoke          # sam local invoke of every function, answers checked
bash scripts/sam-local.sh start-lambda    # sam local start-lambda + the load test's endpoint target
