#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# with_load.sh CMD [ARG]... - run CMD while tests/busy/load.sh keeps the
# machine busy, then stop the load and wait for it (also when CMD fails or
# we are interrupted).  Exits with CMD's status.  `make test-busy` runs the
# kernel tier this way.
set -u
tests/busy/load.sh "${BUILD:-build}" &
load=$!
stop_load() { kill -TERM $load 2>/dev/null; wait $load 2>/dev/null; }
trap 'stop_load; exit 130' INT TERM
sleep 1		# the load is under way before the first test starts
"$@"
st=$?
stop_load
exit $st
