#!/usr/bin/env bash
# Sourced: the names of the images scripts/images.sh builds (versions from the files they are built from).
_image_names_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCALSTACK_VERSION="$(sed -n 's/^localstack-core==//p' "$_image_names_root/tools/images/localstack/requirements.txt")"
DYNAMODB_LOCAL_VERSION="$(sed -n 's:.*<dynamodb.local.version>\(.*\)</dynamodb.local.version>.*:\1:p' "$_image_names_root/pom.xml")"
LAMBDA_JAVA_IMAGE=public.ecr.aws/lambda/java:17-x86_64
EMULATOR_IMAGE=public.ecr.aws/durable-functions/aws-durable-execution-emulator:latest
DYNAMODB_IMAGE="durable-bench/dynamodb-local:$DYNAMODB_LOCAL_VERSION"
LOCALSTACK_IMAGE="durable-bench/localstack:$LOCALSTACK_VERSION"
export LOCALSTACK_VERSION DYNAMODB_LOCAL_VERSION LAMBDA_JAVA_IMAGE EMULATOR_IMAGE DYNAMODB_IMAGE LOCALSTACK_IMAGE
