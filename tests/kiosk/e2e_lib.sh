# e2e_lib.sh — shared helpers of the kiosk's end-to-end tests (e2e_*.sh).
#
# Sourced by each test with four arguments: the treehole kiosk, the
# treehole-admin tool, the kiosk_shots picture checker (test_shots.c) and a
# folder in the build tree. Each test works in <folder>/<test name>, which
# it empties first and leaves behind, so the screenshots and any
# *_mismatch.png (actual | expected | differing pixels) can be looked at.
#
# The kiosk runs headless with --script: the real app and event loop on a
# software surface and a virtual clock (kiosk/script.h). Stores are made
# with treehole-admin (init --kdf interactive, so an unlock costs little
# even under AddressSanitizer) and hold only what a test put there.
set -u

KIOSK=${1:?usage: $0 treehole treehole-admin kiosk_shots work-dir}
ADMIN=${2:?}
SHOTS=${3:?}
WORK_ROOT=${4:?}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2034  # SELF, SCRIPTS, ACCENT, DANGER: for the tests sourcing this
SELF=$HERE/$(basename "$0")
# shellcheck disable=SC2034
SCRIPTS=$HERE/scripts
REFS=$HERE/ref
NAME=$(basename "$0" .sh)
W=$WORK_ROOT/$NAME
# A test that runs part of itself again under xvfb-run keeps its folder.
if [ -z "${E2E_INNER:-}" ]; then
	rm -rf "$W" && mkdir -p "$W" || exit 1
fi
cd "$W" || exit 1
# None of the operator's settings reach the tests (a TREEHOLE_FINGERPRINT
# from the README's set-up would refuse every store made here);
# TREEHOLE_UPDATE_REFS is the tests' own.
for v in $(compgen -e | grep '^TREEHOLE_'); do
	[ "$v" = TREEHOLE_UPDATE_REFS ] || unset "$v"
done
# The live kiosk needs SDL's X11 driver and picks its own renderer.
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER
FAILS=0
# A sanitizer report must never pass for the ordinary exit code 1.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"
# For the kiosk in an X11 window only: LeakSanitizer then reports a few
# hundred bytes that libdbus and the X libraries SDL loads itself (and
# unloads in SDL_Quit, so their frames show as <unknown module>) keep at
# exit. They are not the app's; the app's own leaks are checked by every
# headless run of the same code. Every other sanitizer check stays on.
X11_ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"

# The operator passphrase of the stores made here (scripts type it on the
# on-screen pad key by key).
PASS=mnbjhgyt54

fail() {
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

# admin ARGS... — treehole-admin in a session without a terminal, so a
# missing passphrase fails instead of waiting for one.
admin() {
	setsid -w "$ADMIN" "$@" </dev/null
}

# make_store DB [MOOD TEXT]... — a new store with feed delay 0 and one
# approved note per MOOD TEXT pair (TEXT in printf %b form).
make_store() {
	local db=$1 id
	shift
	TREEHOLE_PASSPHRASE=$PASS admin --db "$db" init --feed-delay-days 0 --kdf interactive \
		>/dev/null || { fail "treehole-admin init $db"; return 1; }
	while [ $# -ge 2 ]; do
		id=$(printf '%b' "$2" | setsid -w "$ADMIN" --db "$db" submit --mood "$1") ||
			{ fail "treehole-admin submit"; return 1; }
		TREEHOLE_PASSPHRASE=$PASS admin --db "$db" approve "$id" >/dev/null ||
			{ fail "treehole-admin approve"; return 1; }
		shift 2
	done
}

# submit_only DB MOOD TEXT — a pending note, as the kiosk would seal it.
submit_only() {
	printf '%b' "$3" | setsid -w "$ADMIN" --db "$1" submit --mood "$2" >/dev/null ||
		fail "treehole-admin submit"
}

# stat_of DB KEY — one number from `treehole-admin stats --json`.
stat_of() {
	admin --db "$1" stats --json | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"
}

# kiosk LOG SCRIPT ARGS... — runs a script to its end; fails the test if
# the kiosk exits non-zero (a step or expectation failed) or a sanitizer
# spoke. Its stderr is in LOG and shown on failure.
kiosk() {
	local log=$1 script=$2 rc
	shift 2
	"$KIOSK" --headless --script "$script" "$@" >"$log.out" 2>"$log" </dev/null
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "kiosk exit $rc on $(basename "$script") ($*)"
		sed 's/^/    /' "$log" >&2
	elif grep -qE 'Sanitizer|runtime error:' "$log"; then
		fail "sanitizer report on $(basename "$script")"
		sed 's/^/    /' "$log" >&2
	fi
	return "$rc"
}

# shots_match SHOT_DIR NAME... — compares screenshots with tests/kiosk/ref.
# TREEHOLE_UPDATE_REFS=1 rewrites the references instead (kiosk_shots).
shots_match() {
	local dir=$1
	shift
	"$SHOTS" compare "$REFS" "$dir" "$W" "$@" || fail "screenshots differ from tests/kiosk/ref: $*"
}

# plain_count TEXT — how many of the store's files (db, -wal, -shm, and
# any -journal) hold TEXT as plain bytes; prints the per-file counts.
plain_count() {
	local f n total=0
	for f in "$DB" "$DB-wal" "$DB-shm" "$DB-journal"; do
		[ -e "$f" ] || continue
		n=$(grep -c -a -F -- "$1" "$f")
		total=$((total + n))
	done
	echo "$total"
}

# ---- a live kiosk under Xvfb (e2e_x11*.sh), driven by xdotool -------------
# These run inside `xvfb-run -s "... -fbdir $W/fb"`: the X server keeps its
# screen in $W/fb/Xvfb_screen0, which kiosk_shots turns into a PNG.
FB=$W/fb/Xvfb_screen0
LIVE_PID=

# live_start ARGS... — starts the kiosk in a window; waits for it to show
# something that is not blank.
live_start() {
	ASAN_OPTIONS=$X11_ASAN_OPTIONS "$KIOSK" --windowed --size 1280x800 "$@" \
		>>live.out 2>>live.err </dev/null &
	LIVE_PID=$!
	timeout 120 xdotool search --sync --pid "$LIVE_PID" >/dev/null ||
		{ fail "no kiosk window within 120 s"; return 1; }
	for _ in $(seq 1 100); do
		cap start && "$SHOTS" content "$W/start.png" >/dev/null 2>&1 && return 0
		sleep 0.3
	done
	fail "the kiosk window stayed blank"
	return 1
}

# live_stop — SIGTERM (what the service manager sends); the kiosk must end
# by itself with status 0 and no sanitizer report.
live_stop() {
	local rc
	[ -n "$LIVE_PID" ] || return 0
	kill -TERM "$LIVE_PID" 2>/dev/null
	wait "$LIVE_PID"
	rc=$?
	LIVE_PID=
	[ "$rc" = 0 ] || fail "the live kiosk ended with status $rc on SIGTERM"
	if grep -qE 'Sanitizer|runtime error:' live.err; then
		fail "sanitizer report from the live kiosk"
		sed 's/^/    /' live.err >&2
	fi
}

live_alive() {
	[ -n "$LIVE_PID" ] && kill -0 "$LIVE_PID" 2>/dev/null
}

# cap NAME — the X screen now, as $W/NAME.png.
cap() {
	"$SHOTS" xwd "$FB" "$W/$1.png" >/dev/null
}

# cap_change BEFORE NAME [TRIES] — captures NAME until it differs from
# BEFORE (0.3 s apart); fails if it never does.
cap_change() {
	for _ in $(seq 1 "${3:-60}"); do
		sleep 0.3
		cap "$2" || continue
		"$SHOTS" same "$W/$1.png" "$W/$2.png" >/dev/null 2>&1 || return 0
	done
	return 1
}

# cap_colour NAME RRGGBB [TRIES] — captures NAME until a patch of that
# colour shows (e.g. a screen's one filled button); prints "X Y W H".
cap_colour() {
	for _ in $(seq 1 "${3:-100}"); do
		sleep 0.3
		cap "$1" && "$SHOTS" find "$W/$1.png" "$2" 2>/dev/null && return 0
	done
	return 1
}

# click X Y — a left click there, as a person would.
click() {
	xdotool mousemove "$1" "$2" click 1
}

# corners — the operator gesture: hold the top-left corner, then the
# top-right one, 2.5 s each. The kiosk needs 1.5 s, timed when it handles
# the events: the margin absorbs a stall of a loaded, sanitised build.
corners() {
	xdotool mousemove 8 8 mousedown 1 && sleep 2.5 && xdotool mouseup 1 &&
		xdotool mousemove 1271 8 mousedown 1 && sleep 2.5 && xdotool mouseup 1
}

# wait_stat DB KEY VALUE — polls treehole-admin stats for up to 60 s.
wait_stat() {
	for _ in $(seq 1 200); do
		[ "$(stat_of "$1" "$2")" = "$3" ] && return 0
		sleep 0.3
	done
	return 1
}

# The filled colours of ui.h: PRIMARY buttons (write, submit, approve,
# unlock) and WARN ones (reject).
# shellcheck disable=SC2034
ACCENT=E09F5A
# shellcheck disable=SC2034
DANGER=C85A4E

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$NAME: $FAILS check(s) failed; files in $W" >&2
		exit 1
	fi
	echo "$NAME: all checks passed"
	exit 0
}
