#!/bin/bash
# LocalStack's runtime in the foreground, as LocalStack's own image starts it; prints "Ready." when
# it serves (what the Testcontainers module waits for).
set -euo pipefail
exec /opt/localstack/bin/python -m localstack.runtime.main
