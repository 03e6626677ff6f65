# What the benchmark scripts (scale.sh, quality.sh, soak.sh) share; sourced by them, never run. Each defines
# say() and $root (the repository, the working directory) before sourcing it.

# bench_under_lock LOCK_VARIABLE SCRIPT ARGS...
# Runs SCRIPT again under the lock file named by LOCK_VARIABLE (default /tmp/kubervisor-it.lock, which the integration
# tests hold too), unless it holds it already or LOCK_VARIABLE is set empty: the caller holds it then.
bench_under_lock() {
	local variable=$1 script=$2
	shift 2
	local lock=/tmp/kubervisor-it.lock
	if [[ -v $variable ]]; then
		lock=${!variable}
	fi
	local held=${variable}ED
	if [[ -n $lock && -z ${!held:-} ]]; then
		say "waiting for the lock $lock"
		export "$held=1"
		exec flock "$lock" "$script" "$@"
	fi
}

# bench_build WHAT CLASSPATH_FILE
# Installs what is missing, builds the control plane's binaries (cached) and the jar, writes the test classpath to
# CLASSPATH_FILE, then copies the classes and the jar to a directory of its own, $run (removed at exit): a build in
# this working tree during a long run must not change them under it. Sets $classpath to the copy's classpath.
bench_build() {
	local what=$1 classpath_file=$2
	say "checking the prerequisites"
	bash src/test/tools/install-prerequisites.sh
	say "building the control plane's binaries, or reusing them from the cache"
	KUBERVISOR_TOOLS_BIN=$(bash src/test/tools/build.sh)
	export KUBERVISOR_TOOLS_BIN
	say "building the operator and $what (mvn package)"
	mvn -q -B package -DskipTests
	# It runs on the test classpath (it reuses the test harness); exec-maven-plugin writes it out.
	mkdir -p "$(dirname "$classpath_file")"
	mvn -q -B exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dexec.classpathScope=test \
		-Dexec.outputFile="$classpath_file"
	run=$(mktemp -d "${TMPDIR:-/tmp}/kubervisor-bench.XXXXXX")
	trap 'rm -rf "$run"' EXIT
	cp -r target/classes target/test-classes target/kubervisor.jar "$run/"
	classpath=$(sed -e "s#$root/target/test-classes#$run/test-classes#" -e "s#$root/target/classes#$run/classes#" \
		"$classpath_file")
}
