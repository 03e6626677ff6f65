#!/usr/bin/env bash
# Builds helm from the Go module in helm/ into
#   ${KUBERVISOR_TOOLS_CACHE:-$HOME/.cache/kubervisor/tools}/helm-<key>/bin/helm
# where <key> hashes helm/go.mod, helm/go.sum, this script and `go version`. Separate from build.sh so that a
# Helm upgrade never changes the control plane's key (a long rebuild), and the reverse.
# Logs go to stderr; the last line on stdout is the bin dir.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

key=$(cd "$here" && { cat build-helm.sh helm/go.mod helm/go.sum; go version; } | sha256sum | cut -c1-16)
cache=${KUBERVISOR_TOOLS_CACHE:-$HOME/.cache/kubervisor/tools}
out=$cache/helm-$key
bin=$out/bin

if [[ -x $bin/helm ]]; then
	echo "$bin"
	exit 0
fi

mkdir -p "$out"
# Concurrent callers (two test JVMs, or a build and a render script) wait for one build.
exec 9>"$out/lock"
flock 9
if [[ -x $bin/helm ]]; then
	echo "$bin"
	exit 0
fi

export CGO_ENABLED=0
# Never edit go.mod/go.sum while building; a version change goes through `go get` and `go mod tidy` in helm/.
export GOFLAGS="-mod=readonly -buildvcs=false"
export GOTOOLCHAIN=auto

helm_version=$(go list -C "$here/helm" -m -f '{{.Version}}' helm.sh/helm/v3)
# As upstream's Makefile: the default Kubernetes version of `helm template` and `helm lint` (checked against a chart's
# kubeVersion) is the one of the client-go Helm is built with; unset, it is v1.20.
client_go=$(go list -C "$here/helm" -m -f '{{.Version}}' k8s.io/client-go)
[[ $client_go =~ ^v0\.([0-9]+)\. ]] || { echo "unexpected k8s.io/client-go version '$client_go'" >&2; exit 1; }
k8s_minor=${BASH_REMATCH[1]}
staging=$out/staging
rm -rf "$staging"
mkdir -p "$staging"
echo "building helm $helm_version" >&2
start=$SECONDS
# Without the ldflag, `helm version` reports the bare minor (v3.22) instead of the module's release.
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
	ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done
go build -C "$here/helm" -pgo=off -trimpath -ldflags "$ldflags" -o "$staging/helm" helm.sh/helm/v3/cmd/helm >&2
echo "built helm in $((SECONDS - start))s" >&2

rm -rf "$bin"
mv "$staging" "$bin"
echo "$bin"
