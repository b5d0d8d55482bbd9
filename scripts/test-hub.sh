#!/usr/bin/env bash
# A throwaway hub for `npm run test:sync`: a PostgreSQL cluster in a temp folder (Debian's
# postgresql, run as the postgres user when this runs as root: PostgreSQL refuses root)
# and s3rver (npm, an S3-protocol server in Node) on 127.0.0.1, each on a free port.
#   bash scripts/test-hub.sh start   -> prints `export ...` lines: eval them
#   bash scripts/test-hub.sh stop DIR
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

case "${1:-}" in
  start)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$pg_bin" ]; then
      echo "PostgreSQL is not installed: apt-get install postgresql (Debian), then run again." >&2
      exit 1
    fi
    dir=$(mktemp -d /tmp/inspection-desk-hub.XXXXXX)
    chmod 755 "$dir"
    mkdir -p "$dir/pg" "$dir/s3"
    password=$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')
    echo "$password" > "$dir/pwfile"
    as_pg=()
    if [ "$(id -u)" = 0 ]; then
      chown -R postgres: "$dir/pg" "$dir/pwfile"
      as_pg=(runuser -u postgres --)
    fi
    pg_port=$(free_port)
    "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --pwfile="$dir/pwfile" \
      --auth-host=scram-sha-256 --auth-local=peer >"$dir/initdb.log" 2>&1
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $dir/pg -c fsync=off" start >/dev/null
    s3_port=$(free_port)
    nohup node node_modules/s3rver/bin/s3rver.js --directory "$dir/s3" --address 127.0.0.1 \
      --port "$s3_port" --silent >"$dir/s3rver.log" 2>&1 &
    echo $! > "$dir/s3rver.pid"
    for _ in $(seq 1 100); do
      if node -e "require('net').connect($s3_port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then break; fi
      sleep 0.2
    done
    echo "export INSPECTION_DESK_TEST_HUB_DIR='$dir'"
    echo "export INSPECTION_DESK_TEST_PG='postgres://postgres@127.0.0.1:$pg_port/postgres'"
    echo "export INSPECTION_DESK_TEST_PG_PASSWORD='$password'"
    echo "export INSPECTION_DESK_TEST_S3='http://127.0.0.1:$s3_port'"
    ;;
  stop)
    dir="${2:?give the folder printed by start}"
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    if [ -f "$dir/s3rver.pid" ]; then kill "$(cat "$dir/s3rver.pid")" 2>/dev/null || true; fi
    as_pg=()
    if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
