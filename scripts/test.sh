#!/usr/bin/env bash
# The whole test suite: every module's tests (DynamoDB Local, the local services, the durable
# emulator conformance run) and the real SAM checks of template.yaml.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/python-tools.sh
mvn -B -U -ntp install
bash scripts/sam-check.sh
