#!/usr/bin/env bash
# Regenerates the measured figures of README.md, */README.md, docs/ and results/ at HEAD, one step after
# the other; every file a step writes names its command, date and commit (docs/figures.md lists each
# file, its step and how long the step takes on 2 cores).
#
#   bash scripts/figures.sh                 # every step, in the order below (about 2 hours on 2 cores)
#   bash scripts/figures.sh results bench   # only these steps or groups, in the order below
#   bash scripts/figures.sh --list          # the steps, their commands and outputs
#
# Steps: hosting overhead steps job-costs encode entity results run-counts breakdown sweep10 chunk-sweep reliability
#        coldstart sam-invoke sam-start-lambda localstack conformance
# Groups: bench = hosting overhead steps job-costs encode; samlocal = sam-invoke sam-start-lambda;
#         all = every step.
# Options: --no-build (skip the first `mvn install -DskipTests`), --allow-dirty (run on a tree with
#          uncommitted changes to code; the generated files then say so).
#
# The first failing step stops the run: its name, exit code and command are printed and later steps
# are not run (the files of the steps before it are already written). Long steps: results (~8 min),
# sweep10 (~12 min), reliability (~19 min), coldstart (~20 min with the 48c9813 build), samlocal (~15 min).
# Set MAVEN_OPTS (e.g. -Dmaven.repo.local=...) as for any build; the cold-start step's 48c9813 build
# uses a repository of its own (FIGURES_BEFORE_M2, default /var/tmp/durable-bench-m2-48c9813) and is kept
# in FIGURES_BEFORE_DIR (default /var/tmp/durable-bench-coldstart-48c9813; an existing clone with its
# `sam build` output, e.g. /tmp/coldstart-48c9813, is used as it is).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

all_steps=(hosting overhead steps job-costs encode entity results run-counts breakdown sweep10 chunk-sweep reliability
           coldstart sam-invoke sam-start-lambda localstack conformance)
build=1
allow_dirty=0
wanted=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --allow-dirty) allow_dirty=1 ;;
    --list) sed -n '/^step_doc/,/^}/p' "$0" | grep '^  #' | sed 's/^  # //'; exit 0 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    all) wanted+=("${all_steps[@]}") ;;
    bench) wanted+=(hosting overhead steps job-costs encode) ;;
    samlocal) wanted+=(sam-invoke sam-start-lambda) ;;
    *) if printf '%s\n' "${all_steps[@]}" | grep -qx -- "$a"; then wanted+=("$a"); else
         echo "figures.sh: unknown step '$a'; steps: ${all_steps[*]}; groups: all bench samlocal" >&2; exit 2; fi ;;
  esac
done
[ "${#wanted[@]}" -eq 0 ] && wanted=("${all_steps[@]}")
selected() { printf '%s\n' "${wanted[@]}" | grep -qx -- "$1"; }

step_doc() {
  # hosting       mvn -pl local-lambda verify -Pbench-hosting        -> local-lambda/hosting-benchmark.md
  # overhead      mvn -pl durable-testing verify -Pbench             -> durable-testing/results/runtime-overhead.md
  # steps         mvn -pl local-lambda verify -Pbench (its output)   -> local-lambda/step-overhead.md
  # job-costs     mvn -pl video-baseline verify -Pjob-costs (output) -> video-baseline/job-costs.md
  # encode        video-media EncodeBenchmark 10 320 240 24 10 26 9 1 -> video-media/encode-benchmark.md
  # entity        counter-durable CounterEntityTest#eachMessage*     -> results/entity-cost.md
  # results       load-test experiment --out results                 -> results/summary.md, runs.csv, *.png
  # run-counts    load-test run-counts --from results/runs.csv       -> results/run-counts.md
  # breakdown     load-test breakdown                                -> results/breakdown.md
  # sweep10       load-test experiment --sweep-runs 10               -> results/failure-sweep-10-runs/
  # chunk-sweep   load-test chunk-sweep (10 to 10,000 chunks)        -> results/chunk-sweep/
  # reliability   mvn -Preliability -pl reliability verify           -> docs/reliability-report.md
  # coldstart     mvn -pl cold-start verify -Pbench (48c9813, now, now as SnapStart) -> results/cold-start.md
  # sam-invoke    scripts/sam-local.sh invoke                        -> results/sam-local-invoke.md
  # sam-start-lambda scripts/sam-local.sh start-lambda ...           -> results/sam-local-start-lambda/
  # localstack    scripts/localstack-deploy.sh                       -> results/localstack-deploy.md
  # conformance   mvn -pl conformance verify PythonRequirementsTest  -> conformance/python-requirements.md
  :
}

# Code changes (anything but the generated figures themselves) that the commit would not show.
code_changes() { git status --porcelain --untracked-files=no -- ':/' ':(top,exclude)*.md' ':(top,exclude)*.csv' ':(top,exclude)*.png'; }
if [ "$allow_dirty" -eq 0 ] && [ -n "$(code_changes)" ]; then
  echo "figures.sh: the tree has uncommitted changes to code; commit them (the figures must be of a commit) or pass --allow-dirty:" >&2
  code_changes >&2
  exit 2
fi
commit="$(git rev-parse --short HEAD)"
[ -n "$(code_changes)" ] && commit="$commit + uncommitted changes"
echo "figures.sh: steps ${wanted[*]} at commit $commit"

now() { date -u '+%Y-%m-%d %H:%M UTC'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# capture OUT TITLE SHOWN COMMAND...: runs COMMAND and writes its output to OUT under a header that names
# the command (SHOWN: as a reader would type it), date, commit and machine (for benchmarks that print
# their table instead of writing a file). With CAPTURE_REPORT set, the body is that file instead of the
# output: for a command whose table shares its output with the log lines of what it runs.
capture() {
  local out="$1" title="$2" shown="$3"; shift 3
  local started load0 log rc
  started="$(now)"; load0="$(load)"; log="$(mktemp)"
  set +e; "$@" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]}; set -e
  if [ "$rc" -ne 0 ]; then rm -f "$log"; return "$rc"; fi
  {
    echo "# $title"
    echo
    echo "Generated by \`bash scripts/figures.sh $step\` on $started at commit $commit; do not edit by hand."
    echo "It ran \`$shown\`; $(nproc) cores, Java $(java -version 2>&1 | head -n 1 | cut -d'"' -f2), load average $load0 at the start and $(load) at the end (other sessions' work included)."
    echo
    echo '```'
    sed 's/\x1b\[[0-9;]*m//g; s/\[0m//g' "${CAPTURE_REPORT:-$log}" | grep -v -E '^\[(INFO|WARNING)\]' || true
    echo '```'
  } > "$out"
  rm -f "$log"
  echo "figures.sh: wrote $out"
}

run_step() {
  step="$1"
  local t0=$SECONDS rc=0
  echo "=== figures.sh: step $step, started $(now)"
  set +e; ( set -e; "step_$step" ); rc=$?; set -e
  if [ "$rc" -ne 0 ]; then
    echo "figures.sh: step $step FAILED (exit $rc) after $((SECONDS - t0)) s; later steps not run (${wanted[*]}). The step:" >&2
    declare -f "step_$step" >&2
    exit "$rc"
  fi
  echo "=== figures.sh: step $step done in $((SECONDS - t0)) s"
}

loadtest() { java -jar load-test/target/load-test.jar "$@"; }
mvn_q() { mvn -B -q -ntp "$@"; }

step_hosting() { mvn_q -pl local-lambda verify -DskipTests -Pbench-hosting; }
step_overhead() { mvn_q -pl durable-testing verify -DskipTests -Pbench \
  -Dbench.args="30 10 50 500 durable-testing/results/runtime-overhead.md"; }
step_steps() { capture local-lambda/step-overhead.md "Per-step overhead next to one durable write (StepOverheadBenchmark)" \
  "mvn -B -q -pl local-lambda verify -DskipTests -Pbench -Dbench.args=\"30 30 1,5,10,20,40 local-lambda/target/bench-data\"" \
  mvn -B -q -ntp -pl local-lambda verify -DskipTests -Pbench -Dbench.args="30 30 1,5,10,20,40 local-lambda/target/bench-data"; }
step_job-costs() { rm -f video-baseline/target/job-costs.txt
  CAPTURE_REPORT=video-baseline/target/job-costs.txt capture video-baseline/job-costs.md "Video job costs per side and fan-out (VideoJobCosts)" \
  "mvn -B -q -pl video-baseline verify -DskipTests -Pjob-costs -Djob-costs.args=3" \
  mvn -B -q -ntp -pl video-baseline verify -DskipTests -Pjob-costs -Djob-costs.args=3; }
step_encode() {
  mvn_q -pl video-media dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  capture video-media/encode-benchmark.md "JCodec speed on this machine (EncodeBenchmark)" \
    "java -cp video-media/target/classes:\$(cat video-media/target/cp.txt) io.durablebench.video.media.EncodeBenchmark 10 320 240 24 10 26 9 1" \
    java -cp "video-media/target/classes:$(cat video-media/target/cp.txt)" io.durablebench.video.media.EncodeBenchmark 10 320 240 24 10 26 9 1
}
step_entity() {
  # the test prints its line to surefire's output file (the build redirects test output)
  local printed=counter-durable/target/surefire-reports/io.durablebench.counter.durable.CounterEntityTest-output.txt
  rm -f "$printed"
  capture results/entity-cost.md "The counter entity's cost per message (CounterEntityTest)" \
    "mvn -B -pl counter-durable verify -Dtest='CounterEntityTest#eachMessage*' -Dsurefire.failIfNoSpecifiedTests=false (the line it prints)" \
    bash -c "mvn -B -q -ntp -Dstyle.color=never -pl counter-durable verify -Dtest='CounterEntityTest#eachMessage*' \
      -Dsurefire.failIfNoSpecifiedTests=false && grep -E '^entity cost per message' $printed"
}
step_results() { loadtest experiment --out results; }
step_run-counts() { loadtest run-counts --from results/runs.csv; }
step_breakdown() { loadtest breakdown; }
step_sweep10() { loadtest experiment --sweep-runs 10 --out results/failure-sweep-10-runs; }
step_chunk-sweep() { loadtest chunk-sweep --out results/chunk-sweep; }
step_reliability() {
  mvn -B -ntp -Preliability -pl reliability verify -DskipTests
  local report=reliability/target/reliability/report.md
  { echo "Generated by \`bash scripts/figures.sh reliability\` (\`mvn -B -Preliability -pl reliability verify -DskipTests\` after \`mvn install -DskipTests\`, the report it writes to \`$report\`) at commit $commit, finished $(now), $(nproc) cores, load average $(load) at the end; do not edit by hand. What the tables mean: [reliability.md](reliability.md)."
    echo; sed '1s/^# /## /' "$report"; } > docs/reliability-report.md
  echo "figures.sh: wrote docs/reliability-report.md"
}
fresh_sam_build() { [ -n "${sam_built:-}" ] || { bash scripts/python-tools.sh; .tools/sam-venv/bin/sam build --template-file template.yaml; sam_built=1; }; }
step_coldstart() {
  # the state issue 15 describes, built once (its own Maven repository: it installs the same SNAPSHOT coordinates)
  local before="${FIGURES_BEFORE_DIR:-/var/tmp/durable-bench-coldstart-48c9813}"
  if [ ! -f "$before/.aws-sam/build/template.yaml" ]; then
    rm -rf "$before"; git clone -q "$root" "$before"; git -C "$before" checkout -q 48c9813
    ( cd "$before" && MAVEN_OPTS="-Dmaven.repo.local=${FIGURES_BEFORE_M2:-/var/tmp/durable-bench-m2-48c9813}" mvn -B -q -ntp install -DskipTests \
      && "$root/.tools/sam-venv/bin/sam" build --template-file template.yaml )
  fi
  fresh_sam_build
  # the functions both templates have (functions added since 48c9813 have nothing to compare with)
  local common
  common="$(python3 - "$root/template.yaml" "$before/template.yaml" <<'PY'
import re, sys
def functions(path):
    names, current = [], None
    for line in open(path):
        m = re.match(r"^  ([A-Za-z0-9]+):\s*$", line)
        if m:
            current = m.group(1)
        elif current and re.match(r"^    Type: AWS::Serverless::Function\s*$", line):
            names.append(current)
    return names
before = set(functions(sys.argv[2]))
print(",".join(f for f in functions(sys.argv[1]) if f in before))
PY
)"
  mvn_q -pl cold-start verify -DskipTests -Pbench \
    -Dbench.args="--rounds 10 --warmups 1 --variant before=$before --variant now=$root --snapstart-variant now-snapstart=$root --functions $common --out $root/results/cold-start.md"
}
step_sam-invoke() { fresh_sam_build; bash scripts/sam-local.sh invoke; }
step_sam-start-lambda() { fresh_sam_build; bash scripts/sam-local.sh start-lambda --workloads counter-batch,video \
  --variants durable,baseline --runs 3 --warmups 1 --overhead-runs 0 --out results/sam-local-start-lambda; }
step_localstack() { fresh_sam_build; bash scripts/localstack-deploy.sh; }
step_conformance() { bash scripts/python-tools.sh; mvn -B -ntp -pl conformance verify -Dtest=PythonRequirementsTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dconformance.python.publish=true; }

if [ "$build" -eq 1 ]; then
  echo "=== figures.sh: mvn install -DskipTests (every module, then the load-test jar), started $(now)"
  mvn_q install -DskipTests
fi
t_all=$SECONDS
for s in "${all_steps[@]}"; do
  if selected "$s"; then run_step "$s"; fi
done
echo "figures.sh: every step done in $((SECONDS - t_all)) s at commit $commit: ${wanted[*]}; git status shows what changed"
