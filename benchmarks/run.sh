#!/usr/bin/env bash
#
# run.sh: the whole-process benchmarks. Each prints its figures beside their goals; none fails because the
# machine was slow (a benchmark reports, a test asserts).
#
#   benchmarks/run.sh                       all figures: foundation, start, deploy, governor, create, learn
#   benchmarks/run.sh foundation deploy     a subset (governor = the JMH decision/journal benchmark)
#   benchmarks/run.sh create                agent_create to a listed tool, vs mvn package; create/remove leaks
#   benchmarks/run.sh learn                 experience ingest, pattern analysis, decision to first call (container)
#   benchmarks/run.sh --quick               short warm-up and measurement (smoke check; figures indicative only)
#   benchmarks/run.sh foundation --self-test
#                                           a second bare SDK server in place of the container (checks the harness)
#
# Options: --quick, --self-test, --runs N (start/deploy/create-peer repetitions, default 5), --no-build (never run Maven).
# Environment: AUTONOMY_DIST (default distribution/target/autonomy), JAVA_HOME.
# Output: figures on stdout, progress on stderr; a copy of the figures in benchmarks/target/bench/results.txt,
# process logs in benchmarks/target/bench/logs/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
DIST="${AUTONOMY_DIST:-$ROOT/distribution/target/autonomy}"
WORK="$HERE/target/bench"
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

usage() { sed -n '3,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

figures=()
options=()
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    foundation|start|deploy|governor|create|learn) figures+=("$1") ;;
    --quick|--self-test) options+=("$1") ;;
    --runs) options+=("$1" "${2:?--runs needs a value}"); shift ;;
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ ${#figures[@]} -gt 0 ] || figures=(foundation start deploy governor create learn)

# --- cleanup: every process this script started, with its descendants, also on Ctrl-C ---------------------------
started=()
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}
cleanup() {
  local pid all=() p i
  for pid in "${started[@]+"${started[@]}"}"; do
    kill -0 "$pid" 2>/dev/null || continue
    # collect first: processes whose parent dies are re-parented and would be lost
    all+=("$pid" $(descendants "$pid"))
  done
  [ ${#all[@]} -gt 0 ] || return 0
  echo "run.sh: stopping ${#all[@]} process(es)" >&2
  # the benchmark JVMs stop their servers themselves on SIGTERM; give them time, then stop what is left
  for p in "${all[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 1 150); do
    local alive=0
    for p in "${all[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && return 0
    sleep 0.1
  done
  for p in "${all[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a Java program in the background and waits for it, so that Ctrl-C reaches the trap at once.
run_java() {
  "$JAVA" -cp "$HERE/target/classes:$HERE/target/lib/*" "$@" &
  local pid=$!
  started+=("$pid")
  local status=0
  wait "$pid" || status=$?
  return $status
}

# --- build what is missing ---------------------------------------------------------------------------------------
needs_build() {
  [ -d "$HERE/target/lib" ] && [ -f "$HERE/target/classes/dev/autonomy/benchmarks/LoadGenerator.class" ] || return 0
  # the adaptation probe bundle (learn), copied to target/probe at package time
  compgen -G "$HERE/target/probe/adaptation-probe-bundle-*.jar" > /dev/null || return 0
  # sources newer than the last build
  [ -n "$(find "$HERE/src" "$HERE/pom.xml" "$HERE/adaptation-probe-bundle/src" "$HERE/adaptation-probe-bundle/pom.xml" \
      -newer "$HERE/target/classes/dev/autonomy/benchmarks/LoadGenerator.class" -type f 2>/dev/null | head -1)" ]
}
if [ $build -eq 1 ] && needs_build; then
  echo "run.sh: building benchmarks (mvn -pl benchmarks -am package)" >&2
  (cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
if [ ! -x "$DIST/bin/autonomy" ] && [ $build -eq 1 ] && [ -z "${AUTONOMY_DIST:-}" ] \
    && [ -f "$ROOT/distribution/pom.xml" ]; then
  echo "run.sh: building the distribution (mvn -pl distribution -am package)" >&2
  (cd "$ROOT" && mvn -B -q -pl distribution -am package -DskipTests) \
    || echo "run.sh: the distribution did not build; container figures will be n/a" >&2
fi

# --- run ---------------------------------------------------------------------------------------------------------
mkdir -p "$WORK"
results="$WORK/results.txt"
: > "$results"
common=(--dist "$DIST" --work "$WORK" "${options[@]+"${options[@]}"}")
status=0
for figure in "${figures[@]}"; do
  case "$figure" in
    foundation) main=dev.autonomy.benchmarks.ThroughputBenchmark ;;
    start) main=dev.autonomy.benchmarks.StartupBenchmark ;;
    deploy) main=dev.autonomy.benchmarks.DeployPickupBenchmark ;;
    create) main=dev.autonomy.benchmarks.AgentCreationBenchmark ;;
    learn) main=dev.autonomy.benchmarks.LearningBenchmark ;;
    governor)
      # JMH in-process: takes only --quick
      quick=(); for o in "${options[@]+"${options[@]}"}"; do [ "$o" = --quick ] && quick=(--quick); done
      run_java dev.autonomy.benchmarks.jmh.GovernorBenchmark "${quick[@]+"${quick[@]}"}" > >(tee -a "$results") \
        || status=1
      continue ;;
  esac
  # figures go to the terminal and to results.txt
  run_java "$main" "${common[@]}" > >(tee -a "$results") || status=1
done
wait  # for tee
exit $status
