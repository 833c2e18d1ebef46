#!/usr/bin/env bash
# The partner contract's gate: `buf lint` (protos/buf.yaml: STANDARD, with its recorded exceptions) and
# `buf breaking` of the v1 protos against the committed baseline image protos/baseline/mallbots-v1.binpb
# (rules FILE: no field, RPC, message or file renamed, removed or renumbered). Quiet on success; on failure
# buf names each problem with file and line, and the script exits non-zero. `make test` runs it.
#
#   bash scripts/contract-check.sh            lint, then breaking against the baseline
#   bash scripts/contract-check.sh baseline   rewrite the baseline from the protos (make contract-baseline):
#                                             only on purpose, when a contract change is released
#
# buf comes from the npm package @bufbuild/buf, pinned, installed into target/tools/buf (git-ignored) on first use.
set -euo pipefail

BUF_VERSION=1.75.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/target/tools/buf"
BUF="$TOOLS/node_modules/.bin/buf"
BASELINE=baseline/mallbots-v1.binpb

if [[ ! -x "$BUF" ]] || [[ "$("$BUF" --version)" != "$BUF_VERSION" ]]; then
  echo "installing buf $BUF_VERSION into target/tools/buf" >&2
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "@bufbuild/buf@$BUF_VERSION" >&2
fi

cd "$ROOT/protos"
case "${1:-check}" in
  check)
    "$BUF" lint
    if [[ ! -f "$BASELINE" ]]; then
      echo "protos/$BASELINE is missing: make contract-baseline writes it" >&2
      exit 1
    fi
    "$BUF" breaking --against "$BASELINE"
    ;;
  baseline)
    "$BUF" lint
    mkdir -p "$(dirname "$BASELINE")"
    "$BUF" build -o "$BASELINE"
    echo "wrote protos/$BASELINE: commit it with the contract change it records" >&2
    ;;
  *)
    echo "usage: $0 [check|baseline]" >&2
    exit 2
    ;;
esac
