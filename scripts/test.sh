#!/usr/bin/env bash
# Runs every test headless with the real services (started here, stopped by PID at
# the end), after the linters. Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh start)"
trap 'bash scripts/services.sh stop' EXIT

# The services were started here, so a test that cannot reach one must fail, not skip
# (PostgreSQL too: if it did not start, its tests fail and say why).
export MOTCUA_REQUIRE_PCSC=1 MOTCUA_REQUIRE_CUPS=1 MOTCUA_REQUIRE_PG=1

status=0
make --no-print-directory lint || status=1
.venv/bin/python -m pytest "$@"
rc=$?
# pytest's 5 means no test ran: a failure here, like any other non-zero code.
[ $rc -ne 0 ] && status=$rc
exit $status
