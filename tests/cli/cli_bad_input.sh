#!/bin/bash
# cli_bad_input.sh — submit refuses empty, blank, invalid UTF-8, NUL bytes
# and over-long text with exit 1 and a clear one-line message, and stores
# nothing; endless input is cut off rather than read forever.
. "$(dirname "$0")/lib.sh"

DB=$T/bad.db
export TREEHOLE_PASSPHRASE='bad input test'
export TREEHOLE_TODAY=2024-05-01
run 0 --db "$DB" init --kdf interactive
printf '正常的一条\n' | th --db "$DB" submit >/dev/null || fail "a good note was refused"
[ "$(pending_count)" = 1 ] || fail "setup: pending count $(pending_count)"

# refused TEXT_FILE MESSAGE — submitting the file fails as it should
refused() {
	run 1 --db "$DB" submit --mood sad <"$1"
	err_one_line
	err_has "$2"
	[ -s "$T/out" ] && fail "a refused submit printed an id"
	[ "$(pending_count)" = 1 ] || fail "a refused note was stored ($1)"
}

: >"$T/empty"
refused "$T/empty" "The note is empty"
printf '\n' >"$T/newline"          # echo's newline is stripped: empty
refused "$T/newline" "The note is empty"
printf '   \n\t \r\n  \n' >"$T/blank"
refused "$T/blank" "only spaces or line breaks"
printf '\xe4\xbd\n' >"$T/truncated"   # cut-off UTF-8 sequence
refused "$T/truncated" "not valid UTF-8"
printf '\xc0\xaf overlong\n' >"$T/overlong"
refused "$T/overlong" "not valid UTF-8"
printf '\xed\xa0\x80 surrogate\n' >"$T/surrogate"
refused "$T/surrogate" "not valid UTF-8"
printf 'before\0after\n' >"$T/nul"
refused "$T/nul" "not valid UTF-8"
printf 'bell\a\n' >"$T/control"
refused "$T/control" "control characters"

# 2000 characters pass, 2001 do not (CJK: 3 bytes each)
python3 -c 'import sys; sys.stdout.write("字"*2000)' >"$T/max" 2>/dev/null ||
	awk 'BEGIN { for (i = 0; i < 2000; i++) printf "字" }' >"$T/max"
[ "$(wc -c <"$T/max")" = 6000 ] || fail "could not build the 2000-character note"
cp "$T/max" "$T/over"
printf '字' >>"$T/over"
refused "$T/over" "longer than 2000 characters"
# far past the read cap: stopped early, same message
head -c 1000000 /dev/zero | tr '\0' 'a' >"$T/huge"
refused "$T/huge" "longer than 2000 characters"
# an endless stream must not hang: the cap stops reading
timeout 20 bash -c 'yes 没完没了 | "$0" --db "$1" submit' "$ADMIN" "$DB" >/dev/null 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "endless stdin: exit $rc, expected 1"
err_has "longer than 2000 characters"
[ "$(pending_count)" = 1 ] || fail "endless stdin stored something"

run 0 --db "$DB" submit --mood tired <"$T/max"
[ "$(pending_count)" = 2 ] || fail "the 2000-character note was not stored"
run 0 --db "$DB" pending
grep -q "$(head -c 30 "$T/max")" "$T/out" || fail "pending lacks the long note"

finish
