#!/usr/bin/env bash
# The SAM CLI's own local tools, for real, against DynamoDB Local and LocalStack's S3 as containers on a
# Docker network created here (tools/sam-local/sam_local.py):
#
#   bash scripts/sam-local.sh invoke [OUT]   `sam local invoke` of every template function with its
#                                            events/ payload, answers checked; durable functions through
#                                            SAM's durable emulator; writes the table to OUT (default
#                                            results/sam-local-invoke.md) and prints it
#   bash scripts/sam-local.sh start-lambda [load-test run options...]
#                                            `sam local start-lambda` on 127.0.0.1:3001 and the load test's
#                                            endpoint target against it (default: a smoke run, one run of
#                                            every workload and variant)
#
# Builds what is missing first: the Python tools, the images (scripts/images.sh), `sam build`, the
# benchmark source video. Needs the modules installed in the local Maven repository (`mvn install`;
# sam build compiles each function module against its installed parent). Every container it or SAM
# started is removed by id or by the name given to SAM on exit; images stay for the next run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode="${1:-invoke}"
shift || true
case "$mode" in invoke|start-lambda) ;; *) echo "usage: scripts/sam-local.sh invoke | start-lambda [load-test options]" >&2; exit 2 ;; esac

bash scripts/python-tools.sh
bash scripts/images.sh
# shellcheck source=scripts/docker-engine.sh
source scripts/docker-engine.sh
# shellcheck source=scripts/image-names.sh
source scripts/image-names.sh
ensure_docker_engine
sam="$root/.tools/sam-venv/bin/sam"
python="$root/.tools/sam-venv/bin/python"
export SAM_CLI_TELEMETRY=0 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
# SAM's durable emulator container under a name of this run, so that exactly it is removed at the end.
export DURABLE_EXECUTIONS_CONTAINER_NAME="durable-bench-dex-$$"

work="$(mktemp -d /var/tmp/durable-bench-sam-local.XXXXXX)"
stores_pid=""
sam_pid=""
cleanup() {
  local rc=$?
  [[ -n "$sam_pid" ]] && kill "$sam_pid" 2>/dev/null && wait "$sam_pid" 2>/dev/null
  [[ -n "$stores_pid" ]] && kill "$stores_pid" 2>/dev/null && wait "$stores_pid" 2>/dev/null
  docker rm -f "$DURABLE_EXECUTIONS_CONTAINER_NAME" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT INT TERM

if [[ ! -f .aws-sam/build/template.yaml || template.yaml -nt .aws-sam/build/template.yaml ]]; then
  echo "sam-local: sam build"
  "$sam" build --template-file template.yaml >"$work/sam-build.log" 2>&1 || { tail -n 40 "$work/sam-build.log"; exit 1; }
fi

# The benchmark source (inputs/benchmark.mp4 in events/video-*.json), from video-media's generator.
mvn -B -q -ntp -pl video-media dependency:build-classpath -Dmdep.outputFile="$work/video-media.cp" >/dev/null
[[ -d video-media/target/classes ]] || mvn -B -q -ntp -pl video-media compile
java -cp "video-media/target/classes:$(cat "$work/video-media.cp")" tools/sam-local/WriteVideoSource.java "$work/benchmark.mp4"

if [[ "$mode" == invoke ]]; then
  "$python" tools/sam-local/sam_local.py invoke --out "${1:-results/sam-local-invoke.md}" --work "$work" \
    --source-video "$work/benchmark.mp4"
  exit 0
fi

# ---------------------------------------------------------------- start-lambda
mkfifo "$work/hold"
"$python" tools/sam-local/sam_local.py stores --env-file "$work/env-vars.json" --ready-file "$work/stores.json" \
  --source-video "$work/benchmark.mp4" <"$work/hold" &
stores_pid=$!
exec 9>"$work/hold"  # the stores live while this is open
for _ in $(seq 1 240); do
  [[ -f "$work/stores.json" ]] && break
  kill -0 "$stores_pid" 2>/dev/null || { echo "sam-local: the stores did not start" >&2; exit 1; }
  sleep 0.5
done
network="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["network"])' "$work/stores.json")"
s3_url="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["s3"])' "$work/stores.json")"

echo "sam-local: sam local start-lambda on 127.0.0.1:3001 (log: $work/start-lambda.log)"
"$sam" local start-lambda -t .aws-sam/build/template.yaml --host 127.0.0.1 --port 3001 \
  --env-vars "$work/env-vars.json" --docker-network "$network" --skip-pull-image >"$work/start-lambda.log" 2>&1 &
sam_pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null http://127.0.0.1:3001/ && break
  kill -0 "$sam_pid" 2>/dev/null || { cat "$work/start-lambda.log"; exit 1; }
  sleep 0.5
done

[[ -f load-test/target/load-test.jar ]] || mvn -B -q -ntp -pl load-test -am package -DskipTests
# The counter entity workload needs ListDurableExecutionsByFunction, which SAM CLI 1.170's local Lambda
# service does not serve (it has Invoke, Get/Stop durable execution, its history, and the callbacks):
# the smoke run leaves it out; `invoke` above drives the entity with SAM's own callback commands.
if [[ $# -eq 0 ]]; then
  set -- --workloads counter-batch,video --variants durable,baseline --runs 1 --warmups 0 \
    --overhead-runs 0 --out "$work/load-test"
fi
out="$work/load-test"
for ((i = 1; i <= $#; i++)); do
  [[ "${!i}" == --out ]] && { j=$((i + 1)); out="${!j}"; }
done
status=0
java -jar load-test/target/load-test.jar run --target endpoint --url http://127.0.0.1:3001 \
  --s3-url "$s3_url" --bucket videobucket "$@" || status=$?
if [[ $status -eq 0 ]]; then
  # every run must have succeeded (the load test records a failed run and goes on)
  failed="$("$python" -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r["success"] != "true"))' "$out/runs.csv")"
  if [[ "$failed" != 0 ]]; then
    echo "sam-local: $failed failed run(s) in $out/runs.csv:" >&2
    "$python" -c 'import csv,sys; [print(" ", r["workload"], r["variant"], r["error"]) for r in csv.DictReader(open(sys.argv[1])) if r["success"] != "true"]' "$out/runs.csv" >&2
    status=1
  else
    echo "sam-local: start-lambda load test: every run succeeded ($out/runs.csv)"
  fi
fi
if [[ $status -ne 0 ]]; then
  echo "sam-local: the load test failed; sam local start-lambda's log:" >&2
  tail -n 60 "$work/start-lambda.log" >&2
fi
exit $status
