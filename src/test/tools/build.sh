#!/usr/bin/env bash
# Builds the binaries of the local test control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kwok) from the Go modules beside this script, into
#   ${KUBERVISOR_TOOLS_CACHE:-$HOME/.cache/kubervisor/tools}/<key>/bin
# where <key> hashes the modules' go.mod/go.sum files, this script and `go version`, so only a version change
# rebuilds.
# Logs go to stderr; the last line on stdout is the bin dir.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

key=$(cd "$here" && { cat build.sh k8s/go.mod k8s/go.sum etcd/go.mod etcd/go.sum kwok/go.mod kwok/go.sum; go version; } |
	sha256sum | cut -c1-16)
cache=${KUBERVISOR_TOOLS_CACHE:-$HOME/.cache/kubervisor/tools}
out=$cache/$key
bin=$out/bin

complete() {
	local b
	for b in "${binaries[@]}"; do [[ -x $bin/$b ]] || return 1; done
}

if complete; then
	echo "$bin"
	exit 0
fi

mkdir -p "$out"
# Concurrent callers (two test JVMs, or a build script and a test) wait for one build.
exec 9>"$out/lock"
flock 9
if complete; then
	echo "$bin"
	exit 0
fi

export CGO_ENABLED=0
# Never edit go.mod/go.sum while building; a version change goes through k8s/gen-replaces.sh and `go mod tidy`.
export GOFLAGS="-mod=readonly -buildvcs=false"
# The local go (1.26 here) builds all three modules; an older one fetches the go line's toolchain via the proxy.
export GOTOOLCHAIN=auto

staging=$out/staging
rm -rf "$staging"
mkdir -p "$staging"

build() { # module-dir binary-name package [go build flags...]
	local dir=$1 name=$2 pkg=$3
	shift 3
	echo "building $name ($pkg)" >&2
	local start=$SECONDS
	go build -C "$here/$dir" -pgo=off -trimpath "$@" -o "$staging/$name" "$pkg" >&2
	echo "built $name in $((SECONDS - start))s" >&2
}

module_field() { # module-dir module-path json-field
	go list -C "$here/$1" -m -json "$2" | sed -n "s/^\t\"$3\": \"\(.*\)\",\{0,1\}$/\1/p"
}

k8s_version=$(module_field k8s k8s.io/kubernetes Version)
[[ $k8s_version =~ ^v([0-9]+)\.([0-9]+)\.[0-9]+$ ]] || { echo "unexpected k8s.io/kubernetes version '$k8s_version'" >&2; exit 1; }
# The release tag's commit time: a fixed, meaningful buildDate, so /version looks like an upstream build.
k8s_build_date=$(module_field k8s k8s.io/kubernetes Time)
v=k8s.io/component-base/version
k8s_ldflags="-s -w -X $v.gitVersion=$k8s_version -X $v.gitMajor=${BASH_REMATCH[1]} -X $v.gitMinor=${BASH_REMATCH[2]}"
k8s_ldflags+=" -X $v.gitTreeState=clean -X $v.buildDate=$k8s_build_date"

# In sequence: each build already uses every core.
build etcd etcd go.etcd.io/etcd/server/v3 -ldflags "-s -w"
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
	build k8s "$cmd" "k8s.io/kubernetes/cmd/$cmd" -ldflags "$k8s_ldflags"
done
build kwok kwok sigs.k8s.io/kwok/cmd/kwok -ldflags "-s -w"

rm -rf "$bin"
mv "$staging" "$bin"
echo "$bin"
