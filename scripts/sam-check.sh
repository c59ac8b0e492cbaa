#!/usr/bin/env bash
# The real SAM checks of template.yaml: `sam validate --lint` (cfn-lint) and `sam build`, then a
# look at what sam build packaged (no test-only jars; per function, exactly the AWS clients its
# policy allows and no test hooks: security-tests SamBuildPackagesTest). Needs the function modules' parents installed in ~/.m2
# (scripts/test.sh runs `mvn install` first): sam build compiles each module in a scratch copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/python-tools.sh
sam="$root/.tools/sam-venv/bin/sam"
export SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_REGION="${AWS_REGION:-us-east-1}"

echo "== sam validate --lint"
"$sam" validate --lint --template-file template.yaml

echo "== sam build"
rm -rf .aws-sam
"$sam" build --template-file template.yaml

echo "== sam build output"
fail=0
for dir in .aws-sam/build/*/; do
  dir="${dir%/}"; fn="$(basename "$dir")"
  if [[ ! -d "$dir/lib" ]]; then echo "!! $fn: no lib/ folder in $dir"; fail=1; continue; fi
  if ls "$dir/lib" | grep -q -i -E 'DynamoDBLocal|sqlite4java|local-infra|junit|netty'; then
    echo "!! $fn: test-only or local-only jars were packaged:"; ls "$dir/lib" | grep -i -E 'DynamoDBLocal|sqlite4java|local-infra|junit|netty'; fail=1
  fi
  echo "$fn: $(ls "$dir/lib" | wc -l) jars, $(du -sh "$dir" | cut -f1)"
done

# Each package holds exactly the AWS service clients its IAM policy lets the function call, and no
# test hooks (security-tests SamBuildPackagesTest reads .aws-sam/build; it fails if the folder is missing).
echo "== sam build packages against the template's policies"
mvn -B -ntp -q -pl security-tests test -Dtest=SamBuildPackagesTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsam.build.dir="$root/.aws-sam/build" || fail=1
exit $fail
