#!/bin/bash
# cli_errors.sh — failures a person meets: missing store, a file that is
# not a store, init over an existing file, wrong, missing, empty or too
# long passphrases, bad and unknown ids (the others still processed), and
# damaged notes (shown as such, the others still readable).
. "$(dirname "$0")/lib.sh"

DB=$T/err.db
export TREEHOLE_TODAY=2024-05-01
printf 'right passphrase' >"$T/pass"        # no newline at the end: fine too
printf 'wrong passphrase\n' >"$T/wrong"
printf '\n' >"$T/emptypass"
printf 'x%.0s' $(seq 1025) >"$T/longpass"
OK=(--db "$DB" --passphrase-file "$T/pass")
BAD=(--db "$DB" --passphrase-file "$T/wrong")

# --- no store ---------------------------------------------------------------
for cmd in pending feed stats check "export --format csv" backup; do
	# Split on purpose; the backup's path is added whole ($T may hold a space).
	# shellcheck disable=SC2206
	args=($cmd)
	[ "$cmd" = backup ] && args+=("$T/b.db")
	run 1 --db "$T/missing.db" --passphrase-file "$T/pass" "${args[@]}"
	err_one_line
	err_has "No store at this path"
done
[ ! -e "$T/missing.db" ] || fail "opening a missing store created it"
run 1 --db "$T/missing.db" submit <<<'你好'
err_has "No store at this path"

# --- not a store, and init over existing files -------------------------------
printf 'my shopping list\n' >"$T/list.txt"
run 1 --db "$T/list.txt" stats
err_one_line
err_has "not a treehole store"
run 1 --db "$T/list.txt" --passphrase-file "$T/pass" init --kdf interactive
err_one_line
err_has "already exists"
[ "$(cat "$T/list.txt")" = "my shopping list" ] || fail "init changed an existing file"

# --- passphrase sources -----------------------------------------------------
run 1 --db "$DB" --passphrase-file "$T/emptypass" init --kdf interactive
err_one_line
err_has "is empty"
[ ! -e "$DB" ] || fail "init with an empty passphrase left a file"
TREEHOLE_PASSPHRASE= run 1 --db "$DB" init --kdf interactive
err_has "is empty"
run 1 --db "$DB" --passphrase-file "$T/longpass" init --kdf interactive
err_has "longer than 1024 bytes"
run 1 --db "$DB" init --kdf interactive
err_one_line
err_has "no terminal"
[ ! -e "$DB" ] || fail "a failed init left a file"
run 0 "${OK[@]}" init --kdf interactive --feed-delay-days 0

run 1 --db "$DB" --passphrase-file "$T/nothere" pending
err_one_line
err_has "cannot read the passphrase file"
run 1 --db "$DB" pending
err_one_line
err_has "no passphrase given and no terminal"
err_has "TREEHOLE_PASSPHRASE"
# the file wins over the environment; a second line is ignored
printf 'right passphrase\nsomething else\n' >"$T/twolines"
TREEHOLE_PASSPHRASE=wrong run 0 --db "$DB" --passphrase-file "$T/twolines" pending
TREEHOLE_PASSPHRASE='right passphrase' run 0 --db "$DB" pending

# --- wrong passphrase everywhere it is needed --------------------------------
ID1=$(th --db "$DB" submit --mood 平静 <<<'第一条') || fail "submit 1"
ID2=$(th --db "$DB" submit --mood 难过 <<<'第二条') || fail "submit 2"
ID3=$(th --db "$DB" submit --mood 开心 <<<'第三条') || fail "submit 3"
for cmd in pending "approve $ID1" "reject $ID1" "feed-delay 3" "purge --older-than-days 1" passwd; do
	# shellcheck disable=SC2086
	TREEHOLE_NEW_PASSPHRASE=x run 1 "${BAD[@]}" $cmd
	err_one_line
	err_has "Wrong passphrase"
done
run 0 --db "$DB" feed-delay
[ "$(cat "$T/out")" = 0 ] || fail "feed-delay changed without the passphrase"
run 1 --db "$DB" feed-delay 3
err_has "no terminal"

# --- ids: each processed, failures named, exit 1 -----------------------------
UNKNOWN=0123456789abcdef0123456789abcdef
run 1 "${OK[@]}" approve "$ID1" not-an-id "$UNKNOWN" "$ID2"
out_has "approved $ID1"
out_has "approved $ID2"
[ "$(wc -l <"$T/err")" = 2 ] || fail "expected one error line per bad id: $(cat "$T/err")"
grep -q "^treehole-admin: approve not-an-id: A note id is 32 hexadecimal digits" "$T/err" ||
	fail "bad id not named: $(cat "$T/err")"
grep -q "^treehole-admin: approve $UNKNOWN: No such note" "$T/err" ||
	fail "unknown id not named: $(cat "$T/err")"
run 0 --db "$DB" feed
out_lines 2
run 1 "${OK[@]}" approve "$ID1"
err_has "No such note"
run 1 "${OK[@]}" reject "$UNKNOWN"
err_has "$UNKNOWN: No such note"
run 1 --db "$DB" report "$ID3"
err_has "No such note"
run 1 "${OK[@]}" approve "$(printf 'x\033[31my')"
grep -q $'\033' "$T/err" && fail "a control character of an argument reached stderr"

# --- passwd failures keep the old passphrase ---------------------------------
run 1 "${OK[@]}" passwd --new-passphrase-file "$T/emptypass"
err_has "is empty"
run 1 "${OK[@]}" passwd
err_has "--new-passphrase-file"
run 0 "${OK[@]}" pending
out_has "$ID3"

# --- damaged notes: shown as such, the others still read ---------------------
if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import sqlite3, sys; sys.exit(sqlite3.sqlite_version_info < (3, 37))' 2>/dev/null; then
	ID4=$(th --db "$DB" submit --mood tired <<<'第四条') || fail "submit 4"
	python3 - "$DB" "$ID3" "$ID1" <<'PY' || fail "could not damage notes"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for table, hexid in (("pending", sys.argv[2]), ("approved", sys.argv[3])):
    (box,) = db.execute(f"SELECT box FROM {table} WHERE id = ?", (bytes.fromhex(hexid),)).fetchone()
    box = bytearray(box)
    box[len(box) // 2] ^= 0x01
    db.execute(f"UPDATE {table} SET box = ? WHERE id = ?", (bytes(box), bytes.fromhex(hexid)))
db.commit()
db.close()
PY
	run 0 "${OK[@]}" pending
	out_lines 2
	grep -qxF "$(printf '%s\t2024-05-01\thappy\ttext\t(damaged)' "$ID3")" "$T/out" ||
		fail "damaged pending note not shown as (damaged): $(cat "$T/out")"
	out_has "第四条"
	err_one_line
	err_has "1 damaged note(s)"
	run 0 "${OK[@]}" pending --json
	grep -q "\"id\":\"$ID3\".*\"damaged\":true" "$T/out" || fail "pending --json damaged"
	run 1 "${OK[@]}" check
	out_has "damaged: 2 note(s)"
	err_one_line
	run 1 --db "$DB" check
	out_has "damaged: 1 note(s)"
	run 0 --db "$DB" export --format jsonl
	out_lines 1
	out_has "$ID2"
	err_has "1 damaged note(s) left out"
	run 1 "${OK[@]}" approve "$ID3"
	err_has "failed its integrity check"
	run 0 "${OK[@]}" reject "$ID3" "$ID1"
	run 0 "${OK[@]}" check
	[ "$(cat "$T/out")" = ok ] || fail "check after rejecting the damaged notes"
else
	echo "skipped: damaged notes (needs python3 with SQLite >= 3.37)"
fi

finish
