#!/usr/bin/env bash
# Regenerates the replace block of this go.mod from the required k8s.io/kubernetes release's own go.mod:
# that go.mod requires each staging module at v0.0.0 (resolved upstream through ./staging paths), so a
# consumer must replace each one with its published tag v0.<minor>.<patch>. Then runs `go mod tidy`.
# Usage: bump the k8s.io/kubernetes version in go.mod, run this script, commit go.mod and go.sum.
set -euo pipefail
cd "$(dirname "$0")"

k8s_version=$(go mod edit -json | sed -n '/"Path": "k8s.io\/kubernetes"/{n;s/.*"Version": "\(.*\)".*/\1/p}')
[[ $k8s_version =~ ^v1\.([0-9]+)\.([0-9]+)$ ]] || { echo "cannot read a k8s.io/kubernetes v1.x.y require from go.mod (got '$k8s_version')" >&2; exit 1; }
staging_version="v0.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"

# Downloaded outside this module (whose graph does not resolve before the replaces); -json names the cached .mod.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
upstream_mod=$(cd "$scratch" && go mod download -json "k8s.io/kubernetes@$k8s_version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
staging=$(sed -nE 's/^[[:space:]]*(k8s\.io\/[A-Za-z0-9._/-]+) v0\.0\.0([[:space:]].*)?$/\1/p' "$upstream_mod" | sort -u)
[[ -n $staging ]] || { echo "no v0.0.0 requires found in $upstream_mod" >&2; exit 1; }

# Drop every existing k8s.io replace, so a staging module that a new release no longer has goes away too.
drop=()
for old in $(go mod edit -json | sed -n 's/.*"Path": "\(k8s\.io\/[^"]*\)".*/\1/p' | sort -u); do
	drop+=("-dropreplace=$old")
done
(( ${#drop[@]} == 0 )) || go mod edit "${drop[@]}"
{
	echo
	echo "replace ("
	for m in $staging; do echo "	$m => $m $staging_version"; done
	echo ")"
} >>go.mod
go mod edit -fmt
echo "replaced $(wc -w <<<"$staging") staging modules with $staging_version" >&2
go mod tidy
