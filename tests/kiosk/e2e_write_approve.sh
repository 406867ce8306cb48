#!/bin/bash
# e2e_write_approve.sh — the life of one note through the kiosk: a
# passenger writes and seals it (scripts/write.txt); the store then holds
# exactly one pending note that neither the kiosk nor anyone without the
# passphrase can read, and no file of the store holds its words in plain
# bytes; the operator opens operator mode with the hidden gesture and the
# on-screen pad, sees the note and approves it (scripts/approve.txt); the
# feed then shows it (screenshots against tests/kiosk/ref).
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
TYPED='谢谢今天载我的师傅。\n路上平安 marker-7f3a'   # as admin prints it: \n escaped
make_store "$DB" || finish
SIZE=(--size 1280x800 --db "$DB" --screenshot-dir "$W")

# --- part 1: write and seal --------------------------------------------------
kiosk write.log "$SCRIPTS/write.txt" "${SIZE[@]}"
[ "$(stat_of "$DB" pending)" = 1 ] || fail "the store holds $(stat_of "$DB" pending) pending notes, expected 1"
[ "$(stat_of "$DB" approved)" = 0 ] || fail "a note was approved without the operator"

# Sealed: no file of the store spells the note, in either script.
for word in marker-7f3a 谢谢今天载我的师傅 路上平安; do
	n=$(plain_count "$word")
	[ "$n" = 0 ] || fail "'$word' is in the store's files as plain bytes ($n times)"
done
# Without the passphrase nothing reads it back, and a wrong one does not either.
admin --db "$DB" pending >pending.none 2>pending.none.err &&
	fail "treehole-admin pending worked without a passphrase"
grep -qF marker-7f3a pending.none && fail "the note's text came out without a passphrase"
TREEHOLE_PASSPHRASE=not-$PASS admin --db "$DB" pending >pending.wrong 2>&1 &&
	fail "treehole-admin pending worked with a wrong passphrase"
grep -qF marker-7f3a pending.wrong && fail "the note's text came out with a wrong passphrase"
# With it, the note is exactly what was typed, with its mood.
TREEHOLE_PASSPHRASE=$PASS admin --db "$DB" pending >pending.ok 2>pending.ok.err ||
	fail "treehole-admin pending with the passphrase: $(cat pending.ok.err)"
[ "$(wc -l <pending.ok)" = 1 ] || fail "pending lists $(wc -l <pending.ok) notes, expected 1"
[ "$(cut -f3 pending.ok)" = grateful ] || fail "the note's mood is '$(cut -f3 pending.ok)'"
[ "$(cut -f5- pending.ok)" = "$TYPED" ] || fail "the pending note is not the typed text"

# --- part 2: the operator approves; the feed shows the note -----------------
kiosk approve.log "$SCRIPTS/approve.txt" "${SIZE[@]}"
[ "$(stat_of "$DB" pending)" = 0 ] || fail "still pending after approval"
[ "$(stat_of "$DB" approved_visible)" = 1 ] || fail "the feed holds $(stat_of "$DB" approved_visible) notes, expected 1"
admin --db "$DB" feed >feed.txt 2>&1 || fail "treehole-admin feed: $(cat feed.txt)"
grep -qF "$TYPED" feed.txt || fail "the feed does not hold the typed text"
for word in marker-7f3a 谢谢今天载我的师傅; do
	n=$(plain_count "$word")
	[ "$n" = 0 ] || fail "after approval '$word' is in the store's files as plain bytes ($n times)"
done
# What the operator saw (the note decrypted only after unlocking) and what
# the feed and browse show now.
shots_match "$W" e2e_queue e2e_feed e2e_browse
finish
