#!/usr/bin/env bash
# Installs what the tests need beyond Java, Maven and Go: Debian's Prometheus (the tests run it for real).
set -euo pipefail

missing=()
command -v go >/dev/null || missing+=("Go 1.21 or newer (the test control plane is built from Go modules; GOTOOLCHAIN=auto fetches the Go it needs)")
command -v mvn >/dev/null || missing+=("Maven")
command -v java >/dev/null || missing+=("Java 17")
if ((${#missing[@]})); then
	printf 'missing: %s\n' "${missing[@]}" >&2
	exit 1
fi

if [[ ! -x /usr/bin/prometheus ]]; then
	if [[ $(id -u) -ne 0 ]]; then
		echo "Prometheus is missing: sudo apt-get install -y --no-install-recommends prometheus" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends prometheus >/dev/null
	# The package starts a system-wide Prometheus; the tests run their own, so it only costs resources.
	systemctl disable --now prometheus >/dev/null 2>&1 || service prometheus stop >/dev/null 2>&1 || true
fi
echo "prerequisites present: $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1), $(/usr/bin/prometheus --version 2>&1 | head -1)"
