#!/usr/bin/env bash
# The scale benchmark (docs/benchmarks.md): for each size, a world of its own on loopback and the operator's jar as the
# Helm chart runs it, measured against the targets of the scale issue.
#
#   src/bench/scale.sh [SIZES...] [--settle 30s] [--window 120s] [--faults N] [--services-per-namespace N]
#                      [--breakerconfigs N] [--memory-limit QUANTITY] [--json PATH] [--out DIR] [--heap-dump]
#
# e.g. src/bench/scale.sh 1000 2500 5000 10000 (default: 1000 2500). Prints a markdown table, writes JSON to
# target/bench/ and plots, logs and a JFR profile beside it. Holds the lock file $KUBERVISOR_BENCH_LOCK (default
# /tmp/kubervisor-it.lock, which the integration tests hold too) from start to end, so that neither a test nor a build
# shares the machine with it; set it empty when the caller holds it already.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

for arg in "$@"; do
	if [[ $arg == --help || $arg == -h ]]; then
		sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
	fi
done

say() { echo "[bench] $*"; }

lock=${KUBERVISOR_BENCH_LOCK-/tmp/kubervisor-it.lock}
if [[ -n $lock && -z ${KUBERVISOR_BENCH_LOCKED:-} ]]; then
	say "waiting for the lock $lock"
	KUBERVISOR_BENCH_LOCKED=1 exec flock "$lock" "$root/src/bench/scale.sh" "$@"
fi

say "checking the prerequisites (Java, Maven, Go, Prometheus)"
bash src/test/tools/install-prerequisites.sh

say "building the control plane's binaries, or reusing them from the cache"
KUBERVISOR_TOOLS_BIN=$(bash src/test/tools/build.sh)
export KUBERVISOR_TOOLS_BIN

say "building the operator and the benchmark (mvn package)"
mvn -q -B package -DskipTests
# The benchmark runs on the test classpath (it reuses the test harness); exec-maven-plugin writes it out.
mkdir -p target/bench
mvn -q -B exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dexec.classpathScope=test \
	-Dexec.outputFile=target/bench/classpath

# A copy of the classes and the jar, outside target/: a build or a clean in this working tree during the run (an IDE,
# another shell) must not change them under it, nor the operator between two sizes.
run=$(mktemp -d "${TMPDIR:-/tmp}/kubervisor-bench.XXXXXX")
trap 'rm -rf "$run"' EXIT
cp -r target/classes target/test-classes target/kubervisor.jar "$run/"
classpath=$(sed -e "s#$root/target/test-classes#$run/test-classes#" -e "s#$root/target/classes#$run/classes#" \
	target/bench/classpath)

java -Dlog4j2.configurationFile=src/bench/log4j2.xml -cp "$classpath" io.kubervisor.bench.ScaleBenchmark \
	--jar "$run/kubervisor.jar" "$@"
