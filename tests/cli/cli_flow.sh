#!/bin/bash
# cli_flow.sh — the whole life of a store through treehole-admin: init,
# submit, pending (escapes), approve/reject/report, feed with its delay,
# export (JSON Lines and CSV, parsed back), stats, backup, check, passwd,
# purge, and the exit codes 0/1/2.
. "$(dirname "$0")/lib.sh"

DB=$T/flow.db
printf 'first secret\n' >"$T/pass1"
printf 'second secret\r\n' >"$T/pass2"
P=(--db "$DB" --passphrase-file "$T/pass1")
export TREEHOLE_TODAY=2024-05-01
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

# --- init ------------------------------------------------------------------
run 0 "${P[@]}" init --kdf interactive
out_has "Created"
[ -f "$DB" ] || fail "init left no file"
run 1 "${P[@]}" init --kdf interactive
err_one_line
err_has "already exists"

# --- submit ----------------------------------------------------------------
submit() { # MOOD TEXT(printf format) -> id on stdout of the test
	printf "$2" | th --db "$DB" submit --mood "$1"
}
T1='今天开了十二个小时的车。\n腰很酸，但是很满足。\n'
ID1=$(submit tired "$T1") || fail "submit 1"
ID2=$(submit 开心 'tab\there, comma, "quote"') || fail "submit 2"
ID3=$(submit anxious '=1+2 公式') || fail "submit 3"
ID4=$(submit sad 'C:\\new\\table 反斜杠') || fail "submit 4"
ID5=$(submit hopeful '第一行\r\n第二行\r\n') || fail "submit 5"
for id in "$ID1" "$ID2" "$ID3" "$ID4" "$ID5"; do
	[[ $id =~ ^[0-9a-f]{32}$ ]] || fail "submit printed '$id', not an id"
done
run 0 --db "$DB" submit <<<'默认的心情'
ID6=$(cat "$T/out")

# --- pending: one escaped line per note -------------------------------------
run 0 "${P[@]}" pending
out_lines 6
line() { printf '%s\t2024-05-01\t%s\ttext\t%s' "$1" "$2" "$3"; }
grep -qxF "$(line "$ID1" tired '今天开了十二个小时的车。\n腰很酸，但是很满足。')" "$T/out" ||
	fail "pending line of note 1 (newline escaped, trailing newline stripped)"
grep -qxF "$(line "$ID2" happy 'tab\there, comma, "quote"')" "$T/out" || fail "pending line 2 (tab)"
grep -qxF "$(line "$ID4" sad 'C:\\new\\table 反斜杠')" "$T/out" || fail "pending line 4 (backslash)"
grep -qxF "$(line "$ID5" hopeful '第一行\r\n第二行')" "$T/out" || fail "pending line 5 (CRLF)"
grep -qxF "$(line "$ID6" calm '默认的心情')" "$T/out" || fail "pending line 6 (default mood)"
[ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u)" = 5 ] || fail "pending lines are not 5 fields"

run 0 "${P[@]}" pending --json
out_lines 6
if [ $HAVE_PY = 1 ]; then
	python3 - "$T/out" "$ID2" <<'PY' || fail "pending --json"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
byid = {r["id"]: r for r in rows}
r = byid[sys.argv[2]]
assert r["text"] == 'tab\there, comma, "quote"', r
assert r["mood"] == "happy" and r["mood_label"] == "开心" and r["kind"] == "text"
assert r["day"] == "2024-05-01"
assert all(set(x) == {"id", "day", "mood", "mood_label", "kind", "text"} for x in rows)
PY
fi

# --- approve, reject, report -----------------------------------------------
run 0 "${P[@]}" approve "$ID1" "$ID2" "$ID3" "$ID6"
out_lines 4
out_has "approved $ID1"
run 0 "${P[@]}" reject "$ID4"
out_has "rejected $ID4"
run 0 "${P[@]}" pending
out_lines 1
out_has "$ID5"

# --- feed: delay 1 shows nothing today, everything tomorrow -----------------
run 0 --db "$DB" feed-delay
[ "$(cat "$T/out")" = 1 ] || fail "feed-delay shows '$(cat "$T/out")', expected 1"
run 0 --db "$DB" feed
out_lines 0
TREEHOLE_TODAY=2024-05-02 run 0 --db "$DB" feed
out_lines 4
for id in "$ID1" "$ID2" "$ID3" "$ID6"; do out_has "$id"; done
out_lacks "$ID4"
out_lacks "$ID5"
run 0 "${P[@]}" feed-delay 0
run 0 --db "$DB" feed
out_lines 4
run 0 --db "$DB" feed --json
out_lines 4

run 0 --db "$DB" report "$ID6"
run 0 --db "$DB" feed
out_lines 3
out_lacks "$ID6"
run 1 --db "$DB" report "$ID6"
err_has "No such note"
run 0 "${P[@]}" reject "$ID6"

# --- export ----------------------------------------------------------------
run 0 --db "$DB" export --format jsonl
out_lines 3
if [ $HAVE_PY = 1 ]; then
	python3 - "$T/out" "$ID1" "$ID2" "$ID3" <<'PY' || fail "export jsonl does not parse back"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
byid = {r["id"]: r for r in rows}
assert set(byid) == set(sys.argv[2:5]), byid.keys()
assert byid[sys.argv[2]]["text"] == "今天开了十二个小时的车。\n腰很酸，但是很满足。"
assert byid[sys.argv[3]]["text"] == 'tab\there, comma, "quote"'
assert byid[sys.argv[4]]["text"] == "=1+2 公式"   # no formula guard in JSON
assert all(r["day"] == "2024-05-01" for r in rows)
PY
elif command -v jq >/dev/null 2>&1; then
	[ "$(jq -s length "$T/out")" = 3 ] || fail "export jsonl does not parse back (jq)"
fi

mkdir "$T/exp"
run 0 --db "$DB" export --format csv --out "$T/exp/notes.csv"
out_has "Exported 3 note(s)"
[ "$(stat -c %a "$T/exp/notes.csv")" = 600 ] || fail "export file mode is not 0600"
[ "$(head -1 "$T/exp/notes.csv")" = $'"id","day","mood","kind","text","width","height","svg"\r' ] ||
	fail "CSV header is not the quoted field names ending in CRLF"
if [ $HAVE_PY = 1 ]; then
	python3 - "$T/exp/notes.csv" "$ID1" "$ID2" "$ID3" <<'PY' || fail "export csv does not parse back"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["id", "day", "mood", "kind", "text", "width", "height", "svg"], rows[0]
assert all(r[5:] == ["", "", ""] for r in rows[1:])   # ink columns, empty for text
byid = {r[0]: r for r in rows[1:]}
assert set(byid) == set(sys.argv[2:5])
assert byid[sys.argv[2]][4] == "今天开了十二个小时的车。\n腰很酸，但是很满足。"
assert byid[sys.argv[3]][4] == 'tab\there, comma, "quote"'
assert byid[sys.argv[4]][4] == "'=1+2 公式"   # formula guard
assert byid[sys.argv[2]][1:4] == ["2024-05-01", "tired", "text"]
raw = open(sys.argv[1], "rb").read()
assert raw.count(b"\r\n") == 4, raw.count(b"\r\n")
PY
fi
SUM=$(cksum <"$T/exp/notes.csv")
run 1 --db "$DB" export --format jsonl --out "$T/exp/notes.csv"
err_one_line
err_has "already exists"
[ "$(cksum <"$T/exp/notes.csv")" = "$SUM" ] || fail "export overwrote an existing file"
[ "$(ls -A "$T/exp")" = notes.csv ] || fail "export left files behind: $(ls -A "$T/exp")"
run 1 --db "$DB" export --format csv --out "$T/no-such-dir/x.csv"
err_one_line
[ ! -e "$T/no-such-dir" ] || fail "export created a folder"
run 2 --db "$DB" export --format xml
run 2 --db "$DB" export

# --- stats -----------------------------------------------------------------
run 0 --db "$DB" stats
out_has "pending notes          1"
out_has "approved notes         3"
grep -Eq '^operator key +[0-9a-f]{16}$' "$T/out" || fail "stats shows the key fingerprint"
FP=$(awk '/^operator key/ {print $3}' "$T/out")
run 0 --db "$DB" --fingerprint "$FP" feed
run 0 --db "$DB" feed --fingerprint "${FP^^}"
run 1 --db "$DB" --fingerprint 0123456789abcdef feed
err_has "public key is not the operator's"
TREEHOLE_FINGERPRINT=0123456789abcdef run 1 --db "$DB" stats
run 1 --db "$DB" --fingerprint xyz feed
run 0 --db "$DB" tidy
out_has "Tidied"
run 0 --db "$DB" stats --json
grep -q '"pending":1,' "$T/out" || fail "stats --json pending"
grep -q '"approved":3,' "$T/out" || fail "stats --json approved"
# today's notes the store still holds: the rejected calm and sad ones no longer count
grep -q '"tired":1,' "$T/out" || fail "stats --json mood counts"
grep -q '"calm":0,' "$T/out" || fail "stats --json mood counts (calm, rejected)"

# --- backup and check -------------------------------------------------------
run 0 --db "$DB" backup "$T/copy.db"
[ -s "$T/copy.db" ] || fail "backup wrote nothing"
run 1 --db "$DB" backup "$T/copy.db"
err_has "already exists"
run 0 --db "$T/copy.db" check
[ "$(head -1 "$T/out")" = ok ] || fail "check of the backup: $(cat "$T/out")"
out_has "pending notes not checked"
run 0 "${P[@]}" check
[ "$(cat "$T/out")" = ok ] || fail "check with passphrase: $(cat "$T/out")"
TREEHOLE_PASSPHRASE=wrong run 1 --db "$DB" check
err_has "Wrong passphrase"
run 0 --db "$T/copy.db" --passphrase-file "$T/pass1" pending
out_has "$ID5"

# --- passwd ----------------------------------------------------------------
run 0 "${P[@]}" passwd --new-passphrase-file "$T/pass2"
out_has "Passphrase changed"
run 1 "${P[@]}" pending
err_one_line
err_has "Wrong passphrase"
run 0 --db "$DB" --passphrase-file "$T/pass2" pending
out_has "$ID5"
TREEHOLE_PASSPHRASE='second secret' TREEHOLE_NEW_PASSPHRASE='third secret' run 0 --db "$DB" passwd
TREEHOLE_PASSPHRASE='third secret' run 0 --db "$DB" pending
out_lines 1
TREEHOLE_PASSPHRASE='second secret' run 1 --db "$DB" pending
err_has "Wrong passphrase"
# the backup kept the old passphrase
run 0 --db "$T/copy.db" --passphrase-file "$T/pass1" pending

# --- purge -----------------------------------------------------------------
export TREEHOLE_PASSPHRASE='third secret'
TREEHOLE_TODAY=2024-05-20 run 0 --db "$DB" purge --older-than-days 30
out_has "Removed 0 note(s)"
TREEHOLE_TODAY=2024-07-01 run 0 --db "$DB" purge --older-than-days 30
out_has "Removed 4 note(s)"
run 0 --db "$DB" stats --json
grep -q '"pending":0,"approved":0,' "$T/out" || fail "purge left notes: $(cat "$T/out")"
run 2 --db "$DB" purge
unset TREEHOLE_PASSPHRASE

# --- defaults, help and usage errors ---------------------------------------
TREEHOLE_DB=$DB run 0 stats
mkdir "$T/empty" && cd "$T/empty" || exit 1
run 1 stats
err_one_line
err_has "treehole.db: No store at this path"
cd "$T" || exit 1
run 0 --help
out_has "TREEHOLE_TODAY"
out_has "formula"
run 0 --version
grep -qE '^treehole-admin [0-9]+\.[0-9]+' "$T/out" || fail "--version"
run 0 --db "$DB" export --help
out_has "usage: treehole-admin export"
run 2
run 2 bogus-command
err_has "unknown command"
run 2 --bogus stats
run 2 --db
run 2 --db "$DB" pending --bogus
err_has "unknown option '--bogus'"
run 2 --db "$DB" approve
run 2 --db "$DB" init --kdf fast
run 2 --db "$DB" init --feed-delay-days 400
run 2 --db "$DB" feed-delay -1
run 2 --db "$DB" feed-delay 1 2
run 2 --db "$DB" submit --mood grumpy </dev/null
TREEHOLE_TODAY=2024-02-30 run 2 --db "$DB" stats
err_has "TREEHOLE_TODAY"

finish
