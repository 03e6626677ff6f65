#!/usr/bin/env bash
# Writes the operator's class-data-sharing archive, which the image's JVM maps at start (-XX:SharedArchiveFile) instead
# of loading, verifying and linking the same ~7,000 classes again: about a third of the JVM's start-up before it
# reaches the Kubernetes API (docs/benchmarks.md). Run where the image is built, by the JVM that will read it: an
# archive written by another JVM build is refused at start, and the operator then starts without it.
#
#   deploy/cds-archive.sh JAR ARCHIVE
#
# The training is a start against no cluster: it loads camel-main, the metrics, the logging, the Kubernetes client and
# its model, fails at the first API call (as intended, exit status 1), and the JVM archives what it loaded as it exits.
set -euo pipefail

if [[ $# -ne 2 ]]; then
	sed -n '7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
jar=$1 archive=$2
log=$(mktemp)
trap 'rm -f "$log"' EXIT

rm -f "$archive"
# No kubeconfig, no service account: a closed port on loopback, and no retries.
env -u KUBECONFIG -u KUBERNETES_SERVICE_HOST java -XX:ArchiveClassesAtExit="$archive" \
	-Dkubernetes.master=https://127.0.0.1:9 -Dkubernetes.auth.tryKubeConfig=false \
	-Dkubernetes.auth.tryServiceAccount=false -Dkubernetes.request.retry.backoffLimit=0 \
	-Dkubervisor.extra-routes-dir=/nonexistent -jar "$jar" >"$log" 2>&1 || true
if [[ ! -s $archive ]]; then
	echo "no class-data-sharing archive was written; the training start's output:" >&2
	cat "$log" >&2
	exit 1
fi
# The JVM skips an archive it cannot map without a word; -Xshare:on makes this one say so now, at build time.
if ! java -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$jar" -version >"$log" 2>&1; then
	echo "$archive was written, but this JVM cannot map it for $jar:" >&2
	cat "$log" >&2
	exit 1
fi
echo "$archive: $(du -h "$archive" | cut -f1)"
