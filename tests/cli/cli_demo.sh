#!/bin/bash
# cli_demo.sh — `demo` creates a demo store with a dozen approved Chinese
# notes across all seven moods and two drawn by hand, shows its feed and its clearly marked
# passphrase, runs again on the same store, and never touches a store
# that is not a demo store.
. "$(dirname "$0")/lib.sh"

DB=$T/demo.db

run 0 --db "$DB" demo
out_has "Created the demo store"
out_has "DEMO passphrase:  treehole-demo"
grep -q "^  ╭─ [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] · " "$T/out" || fail "demo shows no feed cards"
out_has "pending"
[ -s "$T/err" ] && fail "demo wrote to stderr: $(cat "$T/err")"
cp "$T/out" "$T/first"

run 0 --db "$DB" demo
out_has "Reusing the demo store"
out_has "DEMO passphrase:  treehole-demo"
grep -q "^  ╭─ " "$T/out" || fail "the second demo shows no feed"

run 0 --db "$DB" stats --json
grep -q '"pending":0,"approved":14,"approved_visible":14,"feed_delay_days":0' "$T/out" ||
	fail "demo store figures: $(cat "$T/out")"
run 0 --db "$DB" export --format jsonl
out_lines 14
[ "$(grep -c '"kind":"ink"' "$T/out")" = 2 ] || fail "the demo should have two ink notes"
grep '"kind":"ink"' "$T/out" | grep -q '<path' || fail "a demo ink note has no SVG path"
for m in happy calm tired anxious sad hopeful grateful; do
	grep -q "\"mood\":\"$m\"" "$T/out" || fail "no demo note is $m"
done
grep -q '\\n' "$T/out" || fail "no demo note has several lines"
TREEHOLE_PASSPHRASE=treehole-demo run 0 --db "$DB" pending
out_lines 0

# TREEHOLE_TODAY reaches the demo too
TREEHOLE_TODAY=2030-01-15 run 0 --db "$T/dated.db" demo
grep -q "^  ╭─ 20\(29-12\|30-01\)-" "$T/out" || fail "demo ignored TREEHOLE_TODAY"

# not a demo store: refused, untouched
printf 'operator secret\n' >"$T/pass"
run 0 --db "$T/real.db" --passphrase-file "$T/pass" init --kdf interactive
SUM=$(cksum <"$T/real.db")
run 1 --db "$T/real.db" demo
err_one_line
err_has "not a demo store"
[ "$(cksum <"$T/real.db")" = "$SUM" ] || fail "demo changed a real store"
printf 'not a database at all\n' >"$T/other.txt"
run 1 --db "$T/other.txt" demo
err_one_line
[ "$(cat "$T/other.txt")" = "not a database at all" ] || fail "demo changed a file"

finish
