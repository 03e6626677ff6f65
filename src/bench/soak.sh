#!/usr/bin/env bash
# The soak: the operator's jar supervising a fleet born in traffic, judged by a real Prometheus, under churn for
# DURATION (rollouts, one pod failing at a time, Prometheus restarts), with the fault suite's invariant checkers
# (src/test/java/io/kubervisor/faults/) at every event; then its BreakerConfig deleted, as an uninstall does. Prints
# the breaches, decisions, restores, the fewest ready endpoints against the floor, and the operator's heap after a
# full GC at the start and the end; exits non-zero on any breach.
#
#   src/bench/soak.sh DURATION [--rollout-every 4m] [--pod-fault-every 30s] [--pod-fault-length 20s]
#                     [--prometheus-restart-every 10m] [--replicas 10] [--seed N]
#
# e.g. src/bench/soak.sh 1h. Holds the lock file $KUBERVISOR_SOAK_LOCK (default /tmp/kubervisor-it.lock, which the
# integration tests hold too) from start to end, so that nothing else shares the machine; set it empty when the caller
# holds it already. The soak's own log is target/soak/soak.log, the operator's in target/operator-logs/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

if [[ $# -eq 0 || $1 == --help || $1 == -h ]]; then
	sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
	exit $(($# == 0 ? 2 : 0))
fi

say() { echo "[soak] $*"; }

# shellcheck source=src/bench/lib.sh
source "$root/src/bench/lib.sh"
bench_under_lock KUBERVISOR_SOAK_LOCK "$root/src/bench/soak.sh" "$@"

bench_build "the soak" target/soak/classpath
# The soak's own logging (its Kubernetes client's) goes to a file, so that stdout keeps the progress and the totals.
cat >"$run/log4j2.xml" <<'XML'
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="target/soak/soak.log">
      <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c{1} - %msg%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Root level="INFO">
      <AppenderRef ref="file"/>
    </Root>
  </Loggers>
</Configuration>
XML

java -Dlog4j2.configurationFile="$run/log4j2.xml" -cp "$classpath" io.kubervisor.faults.Soak "$@" \
	--jar "$run/kubervisor.jar"
