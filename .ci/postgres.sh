#!/usr/bin/env bash
# Start a private PostgreSQL server for the database tests and print its URL.
#
# Installs the Debian package when it is missing, then runs its own cluster in a fresh
# directory on a free port (trust authentication, 127.0.0.1 only), so that it never
# touches a system cluster. Run as root (CI) or as a user that can run initdb.
#   export MRX_TEST_POSTGRES_URL=$(.ci/postgres.sh)
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    for attempt in 1 2 3 4 5 6; do   # dpkg may be locked by another job for a while
        if apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2; then break; fi
        sleep 20
    done
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/mrx-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run=()
if [ "$(id -u)" = 0 ]; then   # initdb refuses root: the cluster belongs to the postgres user
    id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
    chown postgres "$dir"
    run=(runuser -u postgres --)
fi
"${run[@]}" "$bin/initdb" -D "$dir/data" -U mrx --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >&2
"$bin/createdb" -h 127.0.0.1 -p "$port" -U mrx mrx_test >&2
echo "postgresql+psycopg://mrx@127.0.0.1:$port/mrx_test"
