#!/usr/bin/env bash
# Runs one command with the services started (see services.sh), then stops them.
set -uo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh start)"
trap 'bash scripts/services.sh stop' EXIT
"$@"
