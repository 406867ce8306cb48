#!/bin/bash
# e2e_exit_keys.sh — Escape, Ctrl+Q, Ctrl+W, Alt+F4 and the window manager's
# close request are ignored outside operator mode (scripts/exit_keys.txt):
# feed, browse, mood, compose and thanks stay where they are, the draft
# keeps exactly what was typed (the keys add nothing to it), and the
# script runs to its last step.
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
make_store "$DB" calm '雨停了，路上的灯一盏一盏亮起来。' || finish
kiosk exit.log "$SCRIPTS/exit_keys.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W"
# The runner stops quietly once the app stops running: the last screenshot
# proves that every step ran.
[ -s "$W/e2e_exit_end.png" ] || fail "the script did not reach its end: the kiosk stopped"
TREEHOLE_PASSPHRASE=$PASS admin --db "$DB" pending >pending.txt 2>&1 || fail "pending: $(cat pending.txt)"
[ "$(wc -l <pending.txt)" = 1 ] || fail "$(wc -l <pending.txt) pending notes, expected 1"
[ "$(cut -f3 pending.txt)" = sad ] || fail "the note's mood is '$(cut -f3 pending.txt)'"
[ "$(cut -f5- pending.txt)" = '按了很多键 keys-marker-88' ] || fail "the exit keys changed the draft"
finish
