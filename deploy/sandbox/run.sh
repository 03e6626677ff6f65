#!/usr/bin/env bash
# The local sandbox: a real control plane, Prometheus, a fleet of pods and the kubervisor operator protecting them,
# playing a scenario live in the terminal (docs/sandbox.md).
#
#   deploy/sandbox/run.sh [--scenario FILE] [--keep]
#
# Builds what it needs first: the operator and the sandbox (Maven), Prometheus (Debian's package) and the control
# plane's binaries (from Go modules, cached in ~/.cache/kubervisor/tools; the first build takes a while).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

for arg in "$@"; do
	if [[ $arg == --help || $arg == -h ]]; then
		sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
	fi
done

say() { echo "[sandbox] $*"; }

say "checking the prerequisites (Java, Maven, Go, Prometheus)"
bash src/test/tools/install-prerequisites.sh

say "building the control plane's binaries, or reusing them from the cache"
KUBERVISOR_TOOLS_BIN=$(bash src/test/tools/build.sh)
export KUBERVISOR_TOOLS_BIN

say "building the operator and the sandbox (mvn package)"
mvn -q -B package -DskipTests
# The sandbox runs on the test classpath (it reuses the test harness); exec-maven-plugin writes it out.
mvn -q -B exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dexec.classpathScope=test \
	-Dexec.outputFile=target/sandbox/classpath

# The live view needs a terminal on stdout; otherwise (CI, a pipe) it prints plain lines.
live=false
if [[ -t 1 && ${TERM:-dumb} != dumb ]]; then
	live=true
fi
# Its own JVM on this terminal, so that Ctrl-C reaches it and the live view can redraw in place.
exec java -Dsandbox.live=$live -Dlog4j2.configurationFile=deploy/sandbox/log4j2.xml \
	-cp "$(cat target/sandbox/classpath)" io.kubervisor.sandbox.SandboxMain "$@"
