#!/bin/bash
# e2e_shots.sh — reference screenshots of every screen (feed, browse, mood,
# compose with an input method's preedit, thanks, op_login, op_queue, and
# the empty feed) in a landscape and a portrait size, drawn by the software
# renderer and compared with tests/kiosk/ref/<screen>_<size>.png within a
# tolerance (kiosk_shots). The feed's order is random, so the store holds
# one approved note. TREEHOLE_UPDATE_REFS=1 rewrites the references.
. "$(dirname "$0")/e2e_lib.sh"

SCREENS=(feed browse mood compose thanks op_login op_queue)
for size in 1280x800 1080x1920; do
	DB=$W/one-$size.db
	make_store "$DB" calm '雨停了，路上的灯一盏一盏亮起来。' || finish
	mkdir -p "$W/$size"
	kiosk "shots-$size.log" "$SCRIPTS/shots.txt" --size "$size" --db "$DB" \
		--screenshot-dir "$W/$size"
	DB=$W/empty-$size.db
	make_store "$DB" || finish
	kiosk "empty-$size.log" "$SCRIPTS/shots_empty.txt" --size "$size" --db "$DB" \
		--screenshot-dir "$W/$size"
	names=()
	for s in "${SCREENS[@]}" feed_empty; do
		if [ -f "$W/$size/$s.png" ]; then
			mv "$W/$size/$s.png" "$W/${s}_$size.png"
			names+=("${s}_$size")
		else
			fail "no screenshot of $s at $size"
		fi
	done
	[ ${#names[@]} -gt 0 ] && shots_match "$W" "${names[@]}"
done
finish
