#!/bin/bash
# e2e_report.sh — Report from browse (scripts/report.txt): a confirmed
# report takes the note out of the feed at once (expect feed N-1) and puts
# it back in the operator's queue (expect pending +1); treehole-admin then
# finds both notes pending, unchanged, and the feed empty.
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
A='雨停了，路上的灯一盏一盏亮起来。'
B='今天开了十二个小时的车，腰很酸。'
make_store "$DB" calm "$A" tired "$B" || finish
kiosk report.log "$SCRIPTS/report.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W"
[ "$(stat_of "$DB" approved_visible)" = 0 ] || fail "reported notes are still in the feed"
TREEHOLE_PASSPHRASE=$PASS admin --db "$DB" pending >pending.txt 2>&1 || fail "pending: $(cat pending.txt)"
[ "$(wc -l <pending.txt)" = 2 ] || fail "$(wc -l <pending.txt) pending notes, expected 2"
grep -qF "$A" pending.txt || fail "the first reported note is not pending as it was"
grep -qF "$B" pending.txt || fail "the second reported note is not pending as it was"
shots_match "$W" e2e_browse_empty
finish
