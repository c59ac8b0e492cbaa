#!/usr/bin/env bash
# The whole test suite: every module's tests (DynamoDB Local, the local services, the durable
# emulator conformance run, the store tests on LocalStack), the real SAM checks of template.yaml,
# and the SAM CLI's own local tools against the images built here (scripts/sam-local.sh).
#
# Every module is built from clean (a constant inlined from another module, such as
# VideoRequest.MAX_CHUNKS in video-media, is otherwise kept stale by incremental compiles) and
# tested even when an earlier module's tests fail (the failures are collected from the test
# reports and listed at the end), so one red module never hides another;
# the script still exits non-zero on any failure. A module that does not compile stops the modules
# that depend on it (Maven's --fail-at-end), and is reported as a build failure.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# A Docker engine this run had to start is stopped again at the end (images stay cached).
docker_was_running=0
docker info >/dev/null 2>&1 && docker_was_running=1
[[ $docker_was_running -eq 0 ]] && rm -f .tools/dockerd.pid   # a stale one from an earlier run
stop_engine_we_started() {
  local pid
  if [[ $docker_was_running -eq 0 && -f .tools/dockerd.pid ]]; then
    pid="$(cat .tools/dockerd.pid)"
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] && kill "$pid"
    rm -f .tools/dockerd.pid
  fi
}
trap stop_engine_we_started EXIT
bash scripts/python-tools.sh || exit 1
# container images (cached): the LocalStack tests in mvn install and sam local below need them
bash scripts/images.sh || exit 1

status=0
rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports   # no stale verdicts from an earlier run
mvn -B -U -ntp clean install --fail-at-end -Dmaven.test.failure.ignore=true || { echo "!! mvn install failed (see above)"; status=1; }

# Test failures were ignored by Maven so that every module ran: find them in the reports.
failed=$(python3 - "$root" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
bad = []
for f in sorted(glob.glob(sys.argv[1] + "/*/target/*-reports/TEST-*.xml")):
    suite = ET.parse(f).getroot()
    for case in suite.iter("testcase"):
        for kind in ("failure", "error"):
            for e in case.findall(kind):
                message = (e.get("message") or "").strip().splitlines()
                bad.append(f"{f.split('/')[-4]}: {case.get('classname')}.{case.get('name')}: {kind}: "
                           + (message[0][:300] if message else ""))
print("\n".join(bad))
PY
)
if [[ -n "$failed" ]]; then
  echo "!! failing tests:"
  echo "$failed"
  status=1
fi

bash scripts/sam-check.sh || { echo "!! SAM checks failed"; status=1; }
# the SAM CLI's local tools (need the modules installed and sam build's output from sam-check.sh)
# (its table goes to a scratch file, so that the committed results/sam-local-invoke.md stays as it is)
invoke_table="$(mktemp /tmp/durable-bench-sam-local-invoke.XXXXXX.md)"
bash scripts/sam-local.sh invoke "$invoke_table" || { echo "!! sam local invoke failed"; status=1; }
rm -f "$invoke_table"
bash scripts/sam-local.sh start-lambda || { echo "!! sam local start-lambda + load test failed"; status=1; }
[[ $status -eq 0 ]] && echo "test.sh: all modules' tests, the SAM checks and sam local passed"
exit $status
