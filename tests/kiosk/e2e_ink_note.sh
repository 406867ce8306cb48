#!/bin/bash
# e2e_ink_note.sh — a handwritten note end to end (scripts/ink_note.txt):
# finger strokes → seal → one pending ink note that the kiosk cannot read
# back → operator approves → the feed shows the ink. The exported note
# carries its strokes as SVG path data; the canvas and the feed card are
# compared with references; a stroke caught while the finger is still down
# shows up to the finger, as it does once lifted.
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
make_store "$DB" || finish
kiosk ink.log "$SCRIPTS/ink_note.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W"
[ "$(stat_of "$DB" approved_visible)" = 1 ] || fail "the ink note is not in the feed"
TREEHOLE_PASSPHRASE=$PASS admin --db "$DB" export --format jsonl --out "$W/export.jsonl" \
	>/dev/null 2>&1 || fail "export failed"
grep -q '"kind":"ink"' "$W/export.jsonl" || fail "the export has no ink note"
grep -qF 'd=\"M' "$W/export.jsonl" || fail "the exported ink note has no SVG path data"
# The same note as a card image; a second export into the folder is refused.
admin --db "$DB" export --format png --out "$W/cards" >/dev/null 2>&1 || fail "png export failed"
[ "$(find "$W/cards" -name '*.png' -size +2k | wc -l)" = 1 ] || fail "no card image for the ink note"
if admin --db "$DB" export --format png --out "$W/cards" >/dev/null 2>&1; then
	fail "a png export replaced an existing folder"
fi
shots_match "$W" e2e_ink_canvas e2e_ink_feed
# While the finger is down the stroke shows to the finger, as it will stay.
"$SHOTS" same "$W/e2e_ink_held.png" "$W/e2e_ink_lifted.png" ||
	fail "the stroke under the finger does not show as it does once lifted"
if "$SHOTS" same "$W/e2e_ink_lifted.png" "$W/e2e_ink_canvas.png" 2>/dev/null; then
	fail "the held stroke left no ink"
fi
finish
