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

# shellcheck source=src/bench/lib.sh
source "$root/src/bench/lib.sh"
bench_under_lock KUBERVISOR_BENCH_LOCK "$root/src/bench/quality.sh" "$@"

bench_build "the benchmark" target/bench/quality-classpath

java -Dlog4j2.configurationFile=src/bench/quality-log4j2.xml -cp "$classpath" \
	io.kubervisor.bench.quality.QualityBenchmark --jar "$run/kubervisor.jar" "$@"
