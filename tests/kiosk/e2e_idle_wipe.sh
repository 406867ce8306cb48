#!/bin/bash
# e2e_idle_wipe.sh — the idle countdown wipes a draft (scripts/idle.txt with
# scripts/idle.ini): after the idle time a visible countdown covers the page
# (screenshot against tests/kiosk/ref), a tap keeps the draft, and when the
# countdown runs out the feed returns, nothing was stored and the next page
# starts empty.
# (The writing page once never redrew by itself, so the countdown never
# ended; fixed in 26f20bd, and this test keeps it so.)
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
