# lib.sh — shared helpers of the treehole-admin end-to-end tests.
# Sourced by each cli_*.sh with the path of treehole-admin as $1.
#
# Every command runs in a new session without a controlling terminal
# (setsid), so a test that forgets a passphrase fails instead of waiting on
# the terminal for one.
set -u

ADMIN=${1:?usage: $0 path/to/treehole-admin}
case $ADMIN in /*) ;; *) ADMIN=$PWD/$ADMIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/th-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
# None of the operator's settings reach the tests (a TREEHOLE_FINGERPRINT
# from the README's set-up would refuse every store made here);
# TREEHOLE_UPDATE_REFS is the tests' own.
for v in $(compgen -e | grep '^TREEHOLE_'); do
	[ "$v" = TREEHOLE_UPDATE_REFS ] || unset "$v"
done
FAILS=0
# A sanitizer report must never pass for the ordinary exit code 1.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"

if command -v setsid >/dev/null 2>&1; then
	th() { setsid -w "$ADMIN" "$@"; }
else
	th() { "$ADMIN" "$@" </dev/null; }
fi

fail() {
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

# run RC ARGS... — runs treehole-admin; stdout in $T/out, stderr in $T/err;
# fails the test if the exit code is not RC.
run() {
	local want=$1 rc
	shift
	th "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "exit $rc, expected $want: treehole-admin $*"
		sed 's/^/    stderr: /' "$T/err" >&2
	elif grep -qE 'Sanitizer|runtime error:' "$T/err"; then
		fail "sanitizer report: treehole-admin $*"
		sed 's/^/    stderr: /' "$T/err" >&2
	fi
	return 0
}

# out_has TEXT / err_has TEXT — fixed-string search in the last output.
out_has() { grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1'"; }
err_has() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1' (got: $(head -c 300 "$T/err"))"; }
out_lacks() { ! grep -qF -- "$1" "$T/out" || fail "stdout holds '$1'"; }

# err_one_line — a failure reports exactly one line on stderr.
err_one_line() {
	local n
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || fail "stderr has $n lines, expected 1: $(head -c 300 "$T/err")"
	grep -q '^treehole-admin: ' "$T/err" || fail "stderr line lacks the 'treehole-admin: ' prefix"
}

# out_lines N — stdout has exactly N lines.
out_lines() {
	local n
	n=$(wc -l <"$T/out")
	[ "$n" -eq "$1" ] || fail "stdout has $n lines, expected $1"
}

# pending_count — pending notes per `stats --json` (needs $DB).
pending_count() {
	th --db "$DB" stats --json | sed -n 's/.*"pending":\([0-9]*\).*/\1/p'
}

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}
