#!/usr/bin/env bash
# Writes the operator's class-data-sharing archive, which the image's JVM maps at start (-XX:SharedArchiveFile) instead
# of loading, verifying and linking again the ~12,000 classes of a start: the JDK's, camel-main's, the Kubernetes
# client's and its model, the detectors' HTTP client, the routes' processors (docs/benchmarks.md). Run where the image
# is built, by the JVM that will read it: an archive written by another JVM build is refused at start, and the
# operator then starts without it.
#
#   deploy/cds-archive.sh JAR CLASSLIST ARCHIVE
#
# CLASSLIST names the classes to archive, deploy/kubervisor.classlist: what a start of the operator loaded on a real
# control plane, up to its evaluations and an ejection (ClassListIT writes target/kubervisor.classlist, and fails when
# the committed one misses too many of them). A class it names that the jar no longer has is skipped.
set -euo pipefail

if [[ $# -ne 3 ]]; then
	sed -n '8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
jar=$1 classlist=$2 archive=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT

rm -f "$archive"
# The class path is the one the operator runs with (java -jar JAR): the JVM maps the archive only for it.
if ! java -Xshare:dump -XX:SharedClassListFile="$classlist" -XX:SharedArchiveFile="$archive" -cp "$jar" \
	>"$log" 2>&1 || [[ ! -s $archive ]]; then
	echo "no class-data-sharing archive was written; the JVM's output:" >&2
	cat "$log" >&2
	exit 1
fi
# The JVM skips an archive it cannot map without a word; -Xshare:on makes this one say so now, at build time.
if ! java -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$jar" -version >"$log" 2>&1; then
	echo "$archive was written, but this JVM cannot map it for $jar:" >&2
	cat "$log" >&2
	exit 1
fi
echo "$archive: $(du -h "$archive" | cut -f1), $(grep -cv '^[#@]' "$classlist") classes listed"
