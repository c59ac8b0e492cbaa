#!/usr/bin/env bash
# `sam deploy` rehearsed against LocalStack's CloudFormation (a container started here, published on
# 127.0.0.1 only), then the load test's aws target against the stack through --endpoint-url; writes
# results/localstack-deploy.md (tools/sam-local/localstack_deploy.py). Not part of scripts/test.sh:
# LocalStack's Lambda cannot be built here (see that file), so this is a record, not a check.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/python-tools.sh
bash scripts/images.sh
# shellcheck source=scripts/docker-engine.sh
source scripts/docker-engine.sh
# shellcheck source=scripts/image-names.sh
source scripts/image-names.sh
ensure_docker_engine
export SAM_CLI_TELEMETRY=0 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
work="$(mktemp -d /var/tmp/durable-bench-localstack-deploy.XXXXXX)"
cid=""
cleanup() { [[ -n "$cid" ]] && docker rm -f "$cid" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT INT TERM
[[ -f .aws-sam/build/template.yaml ]] || .tools/sam-venv/bin/sam build --template-file template.yaml
[[ -f load-test/target/load-test.jar ]] || mvn -B -q -ntp -pl load-test -am package -DskipTests
cid="$(docker run -d -p 127.0.0.1::4566 -e SERVICES=cloudformation,s3,dynamodb,kms,iam,sts,lambda,logs "$LOCALSTACK_IMAGE")"
port="$(docker port "$cid" 4566/tcp | head -n 1 | cut -d: -f2)"
for _ in $(seq 1 240); do
  docker logs "$cid" 2>&1 | grep -q '^Ready\.' && break
  sleep 0.5
done
.tools/sam-venv/bin/python tools/sam-local/localstack_deploy.py --endpoint "http://127.0.0.1:$port" --work "$work" \
  --out results/localstack-deploy.md
