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

# shellcheck source=src/bench/lib.sh
source "$root/src/bench/lib.sh"
bench_under_lock KUBERVISOR_BENCH_LOCK "$root/src/bench/scale.sh" "$@"

bench_build "the benchmark" target/bench/classpath

java -Dlog4j2.configurationFile=src/bench/log4j2.xml -cp "$classpath" io.kubervisor.bench.ScaleBenchmark \
	--jar "$run/kubervisor.jar" "$@"
