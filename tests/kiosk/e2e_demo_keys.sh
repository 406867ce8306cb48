#!/bin/bash
# e2e_demo_keys.sh — the demo store driven by scripts/demo_keys.txt: a
# report confirmed right after Report was pressed, and the demo passphrase
# typed on the on-screen pad key by key (keys drawn after the one pressed
# before: key_h after key_e, report_yes after report). Every `press` must
# find its button on the screen as it is now, not in a frame that ended at
# the previous tap (fixed in fa2cc66; this keeps it fixed).
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/demo.treehole
"$KIOSK" --demo --db "$DB" --headless --script /dev/null >demo.out 2>&1 ||
	{ fail "treehole --demo could not create its store: $(cat demo.out)"; finish; }
pending=$(stat_of "$DB" pending)
feed=$(stat_of "$DB" approved_visible)
kiosk demo.log "$SCRIPTS/demo_keys.txt" --demo --db "$DB" --size 1280x800 --screenshot-dir "$W"
[ "$(stat_of "$DB" pending)" = $((pending + 1)) ] || fail "the report did not reach the queue"
[ "$(stat_of "$DB" approved_visible)" = $((feed - 1)) ] || fail "the reported note is still in the feed"
finish
