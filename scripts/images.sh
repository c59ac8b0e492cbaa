#!/usr/bin/env bash
# Builds the container images `sam local` and the LocalStack tests need, from Debian packages, Maven
# and PyPI only: there is no container registry here and nothing is ever pulled. Idempotent: every
# image carries a label with the hash of what it was built from and is rebuilt only when that changes.
#
#   durable-bench/base-java17:latest    debootstrap bookworm + openjdk-17-jre-headless (docker import)
#   durable-bench/base-python:latest    debootstrap trixie + python3 + openjdk-21-jre-headless, with the
#                                       durable emulator's venv (/opt/dex, tools/requirements-dex.txt) and
#                                       LocalStack's (/opt/localstack, tools/images/localstack/requirements.txt)
#   public.ecr.aws/lambda/java:17-x86_64 and :17
#                                       the java17 Lambda base image SAM CLI looks for (tools/images/lambda-java17)
#   public.ecr.aws/durable-functions/aws-durable-execution-emulator:latest
#                                       the durable emulator SAM CLI starts (tools/images/durable-emulator)
#   durable-bench/dynamodb-local:<version>   DynamoDB Local from the Maven jars (tools/images/dynamodb-local)
#   durable-bench/localstack:<version>       LocalStack from PyPI, run-time downloads pre-installed
#
# Starts the Docker engine first if none answers (scripts/docker-engine.sh; installs docker.io and
# debootstrap with apt-get when missing). Needs root, Maven (MAVEN_OPTS is honoured) and the project's
# Python tools (scripts/python-tools.sh: the runtime interface emulator comes from the aws-sam-cli package).
# Python packages are installed into the debootstrapped tree with chroot on the host, so no container
# ever reaches a registry; `docker build` runs with --network none.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/docker-engine.sh
source "$root/scripts/docker-engine.sh"

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
images="$root/tools/images"
work="$(mktemp -d /var/tmp/durable-bench-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/image-names.sh
source "$root/scripts/image-names.sh"

log() { echo "images: $*"; }

# Hash of strings and files: what an image is built from.
inputs_hash() {
  local item
  for item in "$@"; do
    if [[ -d "$item" ]]; then
      (cd "$item" && find . -type f ! -path './target/*' -print0 | sort -z | xargs -0 sha256sum)
    elif [[ -f "$item" ]]; then
      sha256sum <"$item"
    else
      echo "$item"
    fi
  done | sha256sum | cut -c1-16
}

built_from() {  # built_from IMAGE HASH: true when IMAGE exists and was built from HASH
  [[ "$(docker image inspect -f '{{index .Config.Labels "io.durablebench.inputs"}}' "$1" 2>/dev/null)" == "$2" ]]
}

up_to_date() {  # up_to_date IMAGE HASH: built_from, saying so when it is
  built_from "$1" "$2" && log "$1 up to date"
}

image_id() { docker image inspect -f '{{.Id}}' "$1"; }

# Host-side chroot work: the tree gets the host's resolver and CA bundle while pip runs, then loses them.
chroot_run() {
  local tree="$1"; shift
  chroot "$tree" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    PIP_CERT=/tmp/host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 "$@"
}

# build_rootfs TAG HASH SUITE PACKAGES [SETUP_FUNCTION]: debootstrap, optional chroot setup, docker import.
build_rootfs() {
  local tag="$1" hash="$2" suite="$3" packages="$4" setup="${5:-}"
  if up_to_date "$tag" "$hash"; then
    return 0
  fi
  local tree="$work/rootfs-$suite"
  log "$tag: debootstrap $suite with $packages (minutes)"
  debootstrap --variant=minbase --include="$packages" "$suite" "$tree" "$mirror" >"$work/debootstrap-$suite.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap-$suite.log" >&2; echo "images: debootstrap $suite failed" >&2; return 1; }
  if [[ -n "$setup" ]]; then
    cp /etc/resolv.conf "$tree/etc/resolv.conf"
    cp /etc/ssl/certs/ca-certificates.crt "$tree/tmp/host-ca.crt"
    "$setup" "$tree"
    rm -f "$tree/tmp/host-ca.crt"
    : >"$tree/etc/resolv.conf"
  fi
  rm -rf "$tree/var/cache/apt/archives/"*.deb "$tree/var/lib/apt/lists/"*
  tar -C "$tree" -c . | docker import -c "LABEL io.durablebench.inputs=$hash" - "$tag" >/dev/null
  rm -rf "$tree"
  log "$tag imported"
}

setup_python_tree() {
  local tree="$1"
  cp "$root/tools/requirements-dex.txt" "$tree/tmp/requirements-dex.txt"
  cp "$images/localstack/requirements.txt" "$tree/tmp/requirements-localstack.txt"
  log "  /opt/dex: aws-durable-execution-sdk-python-testing (tools/requirements-dex.txt)"
  chroot_run "$tree" python3 -m venv /opt/dex
  chroot_run "$tree" /opt/dex/bin/pip install -q -r /tmp/requirements-dex.txt
  log "  /opt/localstack: localstack-core $LOCALSTACK_VERSION (tools/images/localstack/requirements.txt)"
  chroot_run "$tree" python3 -m venv /opt/localstack
  chroot_run "$tree" /opt/localstack/bin/pip install -q -r /tmp/requirements-localstack.txt
  rm -f "$tree"/tmp/requirements-*.txt
}

# docker_build TAG HASH CONTEXT BASE [EXTRA_TAG...]
docker_build() {
  local tag="$1" hash="$2" context="$3" base="$4"; shift 4
  log "$tag: docker build"
  docker build -q --network none --build-arg "BASE=$base" --label "io.durablebench.inputs=$hash" -t "$tag" "$context" \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; return 1; }
  local extra
  for extra in "$@"; do
    docker tag "$tag" "$extra"
  done
}

maven_copy() {  # maven_copy POM_DIR: runs its package phase (dependency copies into target/)
  mvn -B -q -ntp -f "$1/pom.xml" package >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; return 1; }
}

ensure_docker_engine

# ---------------------------------------------------------------- base trees
JAVA_BASE=durable-bench/base-java17:latest
PYTHON_BASE=durable-bench/base-python:latest
java_packages=openjdk-17-jre-headless
python_packages=python3,python3-venv,openjdk-21-jre-headless
build_rootfs "$JAVA_BASE" "$(inputs_hash v1 bookworm "$java_packages")" bookworm "$java_packages" &
java_job=$!
build_rootfs "$PYTHON_BASE" "$(inputs_hash v1 trixie "$python_packages" "$root/tools/requirements-dex.txt" \
  "$images/localstack/requirements.txt")" trixie "$python_packages" setup_python_tree &
python_job=$!
wait "$java_job"
wait "$python_job"

# ---------------------------------------------------------------- the java17 Lambda base image
sam_rie="$(ls "$root"/.tools/sam-venv/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64 2>/dev/null | head -n 1 || true)"
if [[ -z "$sam_rie" ]]; then
  bash "$root/scripts/python-tools.sh"
  sam_rie="$(ls "$root"/.tools/sam-venv/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64 | head -n 1)"
fi
hash="$(inputs_hash "$(image_id "$JAVA_BASE")" "$images/lambda-java17" "$sam_rie")"
if ! up_to_date "$LAMBDA_JAVA_IMAGE" "$hash"; then
  maven_copy "$images/lambda-java17"
  ctx="$work/lambda-java17"
  mkdir -p "$ctx"
  cp "$images/lambda-java17/"{Dockerfile,bootstrap,lambda-entrypoint.sh} "$ctx/"
  cp -r "$images/lambda-java17/target/runtime-lib" "$ctx/runtime-lib"
  cp "$sam_rie" "$ctx/aws-lambda-rie"
  docker_build "$LAMBDA_JAVA_IMAGE" "$hash" "$ctx" "$JAVA_BASE" public.ecr.aws/lambda/java:17
fi

# ---------------------------------------------------------------- DynamoDB Local
hash="$(inputs_hash "$(image_id "$JAVA_BASE")" "$images/dynamodb-local" "$DYNAMODB_LOCAL_VERSION")"
if ! up_to_date "$DYNAMODB_IMAGE" "$hash"; then
  maven_copy "$images/dynamodb-local"
  ctx="$work/dynamodb-local"
  mkdir -p "$ctx"
  cp "$images/dynamodb-local/Dockerfile" "$ctx/"
  cp -r "$images/dynamodb-local/target/lib" "$images/dynamodb-local/target/native" "$ctx/"
  docker_build "$DYNAMODB_IMAGE" "$hash" "$ctx" "$JAVA_BASE"
fi

# ---------------------------------------------------------------- the durable emulator
hash="$(inputs_hash "$(image_id "$PYTHON_BASE")" "$images/durable-emulator")"
if ! up_to_date "$EMULATOR_IMAGE" "$hash"; then
  docker_build "$EMULATOR_IMAGE" "$hash" "$images/durable-emulator" "$PYTHON_BASE"
fi

# ---------------------------------------------------------------- LocalStack
hash="$(inputs_hash "$(image_id "$PYTHON_BASE")" "$images/localstack" "$images/dynamodb-local" "$DYNAMODB_LOCAL_VERSION")"
if ! up_to_date "$LOCALSTACK_IMAGE" "$hash"; then
  [[ -d "$images/dynamodb-local/target/lib" ]] || maven_copy "$images/dynamodb-local"
  ctx="$work/localstack"
  ddb="$ctx/dynamodb-local"
  mkdir -p "$ddb/DynamoDBLocal_lib" "$work/agent"
  cp "$images/localstack/"{Dockerfile,docker-entrypoint.sh} "$ctx/"
  cp "$images/dynamodb-local/target/lib/"*.jar "$images/dynamodb-local/target/native/"* "$ddb/DynamoDBLocal_lib/"
  # LocalStack runs `java -jar DynamoDBLocal.jar`: a launcher jar whose manifest names the Maven jars.
  {
    echo "Main-Class: com.amazonaws.services.dynamodbv2.local.main.ServerRunner"
    echo "Class-Path: ."
    (cd "$ddb" && ls DynamoDBLocal_lib/*.jar) | sed 's/^/  /'  # continuation lines: one space, then the separator
  } >"$work/manifest.txt"
  (cd "$work" && jar --create --file "$ddb/DynamoDBLocal.jar" --manifest manifest.txt)
  javac --release 17 -d "$work/agent" "$images/localstack/ddb-loader-stand-in/DdbLocalLoaderStandIn.java"
  printf 'Premain-Class: DdbLocalLoaderStandIn\n' >"$work/agent-manifest.txt"
  jar --create --file "$ddb/ddb-local-loader-0.1.jar" --manifest "$work/agent-manifest.txt" -C "$work/agent" .
  docker_build "$LOCALSTACK_IMAGE" "$hash" "$ctx" "$PYTHON_BASE"
fi

log "ready: $LAMBDA_JAVA_IMAGE (+ :17), $EMULATOR_IMAGE, $DYNAMODB_IMAGE, $LOCALSTACK_IMAGE"
