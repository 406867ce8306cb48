#!/bin/bash
# e2e_idle_wipe.sh — the idle countdown wipes a draft (scripts/idle.txt with
# scripts/idle.ini): after the idle time a visible countdown covers the page
# (screenshot against tests/kiosk/ref), a tap keeps the draft, and when the
# countdown runs out the feed returns, nothing was stored and the next page
# starts empty.
#
# Fails today at idle.txt:20 (kiosk bug, not a test bug): the writing page
# never redraws by itself, so the countdown never ends and the draft is
# never wiped. kiosk/loop.c renders on a timer only when loop_next_wake()
# <= app_now(), and loop_next_wake() adds the screen's wake() to the
# CURRENT time; compose_wake() (screen_compose.c) returns 1..600 ms (caret)
# or 1..1000 ms (countdown), never 0, so that never holds — in script mode
# (loop_step) and live (run_live) alike. Screens whose wake() reaches 0
# when due (thanks, mood, browse, queue) are not affected. The countdown
# screenshot still works because `screenshot` draws a frame itself.
# e2e_x11_redraw.sh shows the same in a live window.
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
make_store "$DB" || finish
kiosk idle.log "$SCRIPTS/idle.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W" \
	--config "$SCRIPTS/idle.ini"
[ "$(stat_of "$DB" pending)" = 0 ] || fail "the wiped draft was stored"
n=$(plain_count draft-marker-51c2)
[ "$n" = 0 ] || fail "the draft's words are in the store's files ($n times)"
grep -qF draft-marker-51c2 idle.log idle.log.out && fail "the draft's words were logged"
shots_match "$W" e2e_countdown e2e_after_wipe
finish
