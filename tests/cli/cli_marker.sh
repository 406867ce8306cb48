#!/bin/bash
# cli_marker.sh — a unique marker submitted through the CLI never appears
# in the bytes of the db, -wal or -shm file: not after submit, not after
# approve, not after reject. It never reaches stderr either.
#
# While the commands run, a second SQLite connection (python3, if it has
# SQLite >= 3.37) keeps the store open, so the -wal file is not folded back
# and deleted when treehole-admin exits, and really gets inspected.
. "$(dirname "$0")/lib.sh"

DB=$T/marker.db
export TREEHOLE_PASSPHRASE='marker test passphrase'
export TREEHOLE_TODAY=2024-05-01
MARK="MARKER$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
MARK_CN="树洞$MARK"
: >"$T/all_err"

keep() { cat "$T/err" >>"$T/all_err"; }

# no_marker WHEN — the marker is in none of the store's files.
no_marker() {
	local f n
	for f in "$DB" "$DB-wal" "$DB-shm"; do
		[ -e "$f" ] || continue
		n=$(grep -c -a -F "$MARK" "$f")
		[ "$n" = 0 ] || fail "marker found $n time(s) in $(basename "$f") after $1"
	done
}

run 0 --db "$DB" init --kdf interactive --feed-delay-days 0
keep

HOLDER=
if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import sqlite3, sys; sys.exit(sqlite3.sqlite_version_info < (3, 37))' 2>/dev/null; then
	python3 - "$DB" "$T" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("SELECT count(*) FROM sqlite_master").fetchone()
open(os.path.join(sys.argv[2], "ready"), "w").close()
stop = os.path.join(sys.argv[2], "stop")
for _ in range(1200):
    if os.path.exists(stop):
        break
    time.sleep(0.05)
db.close()
PY
	HOLDER=$!
	for _ in $(seq 200); do [ -e "$T/ready" ] && break; sleep 0.05; done
	[ -e "$T/ready" ] || fail "the second connection did not open the store"
fi

for i in 1 2 3; do
	run 0 --db "$DB" submit --mood anxious <<<"第${i}条：$MARK_CN 还有一些话"
	keep
	eval "ID$i=\$(cat \"\$T/out\")"
done
no_marker "submit"
if [ -n "$HOLDER" ]; then
	[ -s "$DB-wal" ] || fail "-wal is empty while another connection holds the store"
fi

run 0 --db "$DB" pending
keep
[ "$(grep -c -F "$MARK" "$T/out")" = 3 ] || fail "pending does not show the marked notes"
no_marker "pending"

run 0 --db "$DB" approve "$ID1" "$ID2"
keep
no_marker "approve"
run 0 --db "$DB" feed
keep
[ "$(grep -c -F "$MARK" "$T/out")" = 2 ] || fail "feed does not show the approved notes"
run 0 --db "$DB" reject "$ID3"
keep
no_marker "reject"
run 0 --db "$DB" export --format csv --out "$T/out.csv"
keep
no_marker "export"
run 0 --db "$DB" backup "$T/backup.db"
keep
[ "$(grep -c -a -F "$MARK" "$T/backup.db")" = 0 ] || fail "marker in the backup"

# failures must not leak content either
run 1 --db "$DB" --passphrase-file /nonexistent pending
keep
[ "$(grep -c -F "$MARK" "$T/all_err")" = 0 ] || fail "note content reached stderr"

if [ -n "$HOLDER" ]; then
	touch "$T/stop"
	wait "$HOLDER" || fail "the second connection failed"
fi
no_marker "the last connection closed"

finish
