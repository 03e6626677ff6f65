#!/usr/bin/env bash
# Installs what the tests need beyond Java, Maven and Go, from Debian's packages: Prometheus (the tests run it for
# real), Chromium with its driver (the browser tests of the backtest report and the dashboard), nginx and HAProxy (the
# peers of the decision-quality benchmark).
set -euo pipefail

missing=()
command -v go >/dev/null || missing+=("Go 1.21 or newer (the test control plane is built from Go modules; GOTOOLCHAIN=auto fetches the Go it needs)")
command -v mvn >/dev/null || missing+=("Maven")
command -v java >/dev/null || missing+=("Java 17")
if ((${#missing[@]})); then
	printf 'missing: %s\n' "${missing[@]}" >&2
	exit 1
fi

packages=()
[[ -x /usr/bin/prometheus ]] || packages+=(prometheus)
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
[[ -x /usr/bin/chromedriver ]] || packages+=(chromium-driver)
# The real peers of the decision-quality benchmark (src/bench/quality.sh), which runs its own processes of them.
[[ -x /usr/sbin/nginx ]] || packages+=(nginx)
[[ -x /usr/sbin/haproxy ]] || packages+=(haproxy)
if ((${#packages[@]})); then
	if [[ $(id -u) -ne 0 ]]; then
		echo "missing Debian packages: sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
	# The packages start system-wide servers; the tests and benchmarks run their own, so these only cost resources.
	for unit in prometheus nginx haproxy; do
		systemctl disable --now "$unit" >/dev/null 2>&1 || service "$unit" stop >/dev/null 2>&1 || true
	done
fi
echo "prerequisites present: $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1)," \
	"$(/usr/bin/prometheus --version 2>&1 | head -1), $(/usr/bin/chromium --version 2>/dev/null)"
