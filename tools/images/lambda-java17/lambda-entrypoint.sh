#!/bin/sh
# Entry point of the image when run directly (`docker run IMAGE my.Handler::handleRequest`): under the
# runtime interface emulator on port 8080 unless a Runtime API is given. SAM does not use it: it
# starts /var/rapid/aws-lambda-rie itself, which runs /var/runtime/bootstrap.
if [ $# -ne 1 ]; then
  echo "lambda-entrypoint: give the handler as the only argument, e.g. my.pkg.Handler::handleRequest" >&2
  exit 142
fi
export _HANDLER="$1"
if [ -z "${AWS_LAMBDA_RUNTIME_API:-}" ]; then
  exec /usr/local/bin/aws-lambda-rie /var/runtime/bootstrap
fi
exec /var/runtime/bootstrap
