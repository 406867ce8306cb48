#!/bin/bash
# e2e_osk_type.sh — a note typed only by tapping the kiosk's own keys
# (scripts/osk_type.txt): "nihao" + space, "zhongguo" + the first
# candidate, a Chinese comma, and 一 written on the handwriting pad. The
# pending note must read exactly 你好中国，一 (mood hopeful). Skipped when
# the Rime or Zinnia data is not installed.
. "$(dirname "$0")/e2e_lib.sh"

[ -d /usr/share/rime-data ] && [ -e /usr/share/tegaki/models/zinnia/handwriting-zh_CN.model ] ||
	{ echo "Rime or Zinnia data missing"; exit 77; }
DB=$W/notes.db
make_store "$DB" || finish
kiosk osk.log "$SCRIPTS/osk_type.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W"
TREEHOLE_PASSPHRASE=$PASS admin --db "$DB" pending >pending.txt 2>&1 || fail "pending: $(cat pending.txt)"
grep -qF '你好中国，一' pending.txt || fail "the pending note is not 你好中国，一: $(cat pending.txt)"
grep -q hopeful pending.txt || fail "the pending note's mood is not hopeful"
[ -z "$(find "$W" -name '*.userdb*')" ] || fail "Rime kept a user dictionary"
finish
