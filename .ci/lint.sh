#!/usr/bin/env bash
# Lint step of CI (called by .ci/run; also runnable alone): installs
# golangci-lint at the pinned version from the Go module proxy, unless that
# version is already installed, and runs it with .golangci.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

GOLANGCI_LINT_VERSION=v2.15.0
gobin="$(go env GOBIN)"
bin="${gobin:-$(go env GOPATH)/bin}/golangci-lint"
if ! "$bin" version 2>/dev/null | grep -q "version ${GOLANGCI_LINT_VERSION#v} "; then
  echo "== go install golangci-lint@$GOLANGCI_LINT_VERSION"
  go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION"
fi
echo "== golangci-lint $GOLANGCI_LINT_VERSION"
"$bin" config verify
"$bin" run ./...
