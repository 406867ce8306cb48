#!/bin/bash
# e2e_backoff.sh — wrong operator passphrases back off (scripts/backoff.txt):
# after a wrong try the pad refuses even the right passphrase until the
# wait is over; the wait doubles with the second wrong try; the screen says
# so (screenshot against tests/kiosk/ref); afterwards the right one works.
. "$(dirname "$0")/e2e_lib.sh"

DB=$W/notes.db
make_store "$DB" || finish
kiosk backoff.log "$SCRIPTS/backoff.txt" --size 1280x800 --db "$DB" --screenshot-dir "$W"
for word in wrong-one wrong-two "$PASS"; do
	grep -qF -- "$word" backoff.log backoff.log.out && fail "a typed passphrase was logged"
done
shots_match "$W" e2e_backoff
finish
