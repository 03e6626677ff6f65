#!/usr/bin/env bash
# The decision-quality benchmark (docs/benchmarks.md, "Decision quality"): each scenario played once per policy on
# the same fault trace, the pods real servers on loopback, measured at the clients; nginx and HAProxy are Debian's,
# Envoy's outlier detection is grpc-java's, kubervisor is the operator's jar on a real control plane.
#
#   src/bench/quality.sh [--scenario NAME[,NAME...]] [--policies none,nginx,haproxy,envoy-outlier,kubervisor]
#                        [--seed N] [--out DIR]
#
# Prints a markdown table per scenario and the targets' verdicts; writes quality.json, quality.md and one SVG plot per
# scenario to target/bench/quality-TIMESTAMP/. Holds the lock file $KUBERVISOR_BENCH_LOCK (default
# /tmp/kubervisor-it.lock, which the integration tests hold too) from start to end; set it empty when the caller holds
# it already.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

for arg in "$@"; do
	if [[ $arg == --help || $arg == -h ]]; then
		sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
	fi
done

say() { echo "[quality] $*"; }

lock=${KUBERVISOR_BENCH_LOCK-/tmp/kubervisor-it.lock}
if [[ -n $lock && -z ${KUBERVISOR_BENCH_LOCKED:-} ]]; then
	say "waiting for the lock $lock"
	KUBERVISOR_BENCH_LOCKED=1 exec flock "$lock" "$root/src/bench/quality.sh" "$@"
fi

say "checking the prerequisites (Java, Maven, Go, Prometheus, nginx, HAProxy)"
bash src/test/tools/install-prerequisites.sh

say "building the control plane's binaries, or reusing them from the cache"
KUBERVISOR_TOOLS_BIN=$(bash src/test/tools/build.sh)
export KUBERVISOR_TOOLS_BIN

say "building the operator and the benchmark (mvn package)"
mvn -q -B package -DskipTests
# The benchmark runs on the test classpath (it reuses the sandbox and the test harness).
mkdir -p target/bench
mvn -q -B exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dexec.classpathScope=test \
	-Dexec.outputFile=target/bench/quality-classpath

# A copy of the classes and the jar, outside target/: a build in this working tree during the run must not change them.
run=$(mktemp -d "${TMPDIR:-/tmp}/kubervisor-quality.XXXXXX")
trap 'rm -rf "$run"' EXIT
cp -r target/classes target/test-classes target/kubervisor.jar "$run/"
classpath=$(sed -e "s#$root/target/test-classes#$run/test-classes#" -e "s#$root/target/classes#$run/classes#" \
	target/bench/quality-classpath)

java -Dlog4j2.configurationFile=src/bench/quality-log4j2.xml -cp "$classpath" \
	io.kubervisor.bench.quality.QualityBenchmark --jar "$run/kubervisor.jar" "$@"
