#!/usr/bin/env bash
# Creates the project-local Python tools under .tools/ (idempotent):
#   .tools/sam-venv  aws-sam-cli + cfn-lint          (sam validate --lint, sam build)
#   .tools/dex-venv  aws-durable-execution-sdk-python-testing (dex-local-runner, AWS's durable emulator)
#   .tools/python-venv  awslambdaric + aws-durable-execution-sdk-python + aws-durable-execution-conformance-tests
#                    (Python functions in local-lambda's execution environments, AWS's conformance requirements)
# Separate virtualenvs because aws-sam-cli pins a boto3 the emulator's SDK cannot use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"

make_venv() {
  local name="$1" requirements="$2"
  shift 2
  local venv="$root/.tools/$name"
  local stamp="$venv/.requirements.sha256"
  local want
  want="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  echo "python-tools: installing $name from $(basename "$requirements")"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$@" -r "$requirements"
  echo "$want" > "$stamp"
}

make_venv sam-venv "$root/tools/requirements-sam.txt"
make_venv dex-venv "$root/tools/requirements-dex.txt"
# the conformance package declares Python >=3.14 (none here); see tools/requirements-python.txt
make_venv python-venv "$root/tools/requirements-python.txt" --ignore-requires-python
