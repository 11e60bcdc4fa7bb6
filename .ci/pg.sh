#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the bench: `start DIR` makes one in DIR
# (Debian's postgresql, installed when absent), listening on loopback on a free port with
# its socket in DIR, and prints its URL; `stop DIR` stops it. Nothing outside DIR is
# touched, so a machine's own PostgreSQL, if any, is left alone.
# fsync is off unless PG_FSYNC=on (the tests need no durability; the bench sets it on).
#
# initdb refuses to run as root: as root, the cluster is run by the `postgres` user that
# Debian's package creates (DIR is handed to it); as anyone else, by that user itself.
set -euo pipefail

cmd=${1:?usage: pg.sh start|stop DIR}
dir=${2:?usage: pg.sh start|stop DIR}

bin() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$b" ] && echo "$b"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # From /: the caller's directory may be one the postgres user cannot enter.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

case "$cmd" in
start)
  if [ -z "$(bin)" ]; then
    echo "pg.sh: installing Debian's postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  B=$(bin) || { echo "pg.sh: no /usr/lib/postgresql/*/bin/initdb" >&2; exit 1; }
  rm -rf "$dir" && mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$B/initdb" -D "$dir/data" -U marsad -A trust -E UTF8 --locale=C >/dev/null
  # A free port: the kernel's choice for a socket bound to port 0.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$B/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=${PG_FSYNC:-off} -c max_connections=50" \
    start >/dev/null
  echo "postgres://marsad@127.0.0.1:$port/postgres"
  ;;
stop)
  B=$(bin)
  [ -d "$dir/data" ] && as_owner "$B/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: pg.sh start|stop DIR" >&2
  exit 2
  ;;
esac
