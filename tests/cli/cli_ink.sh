#!/bin/bash
# cli_ink.sh — handwritten notes through treehole-admin: submit --ink (a
# file and stdin), what is refused with one clear line and nothing stored,
# the canvas that keeps the strokes' aspect, pending/feed summaries, and
# ink in the JSON Lines and CSV exports (as SVG) beside unchanged text.
. "$(dirname "$0")/lib.sh"

DB=$T/ink.db
export TREEHOLE_PASSPHRASE='ink test passphrase'
export TREEHOLE_TODAY=2024-05-01
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1
run 0 --db "$DB" init --kdf interactive --feed-delay-days 0

# Two strokes in canvas pixels: a wavy line 300 px wide, a dot. Their
# bounding box is 300 x 100, so the canvas is 4096 x 1366 grid units.
cat >"$T/note.json" <<'EOF'
[[[100, 150], [130, 140], [160, 120.5], [190, 100], [220, 80], [250, 60],
  [280, 55], [310, 58], [340, 70], [370, 85], [400, 90]],
 [[251, 50], [251, 50], [251.01, 50.01]]]
EOF

# --- submit ----------------------------------------------------------------
run 0 --db "$DB" submit --ink "$T/note.json" --mood happy
INK1=$(cat "$T/out")
[[ $INK1 =~ ^[0-9a-f]{32}$ ]] || fail "submit --ink printed '$INK1', not an id"
th --db "$DB" submit --ink - --mood 难过 <"$T/note.json" >"$T/out" 2>"$T/err" ||
	fail "submit --ink - (stdin) failed: $(cat "$T/err")"
INK2=$(cat "$T/out")
[[ $INK2 =~ ^[0-9a-f]{32}$ ]] || fail "submit --ink - printed '$INK2', not an id"
TEXT=$(printf '写字的那一页\n' | th --db "$DB" submit --mood calm) || fail "text submit"
[ "$(pending_count)" = 3 ] || fail "pending count $(pending_count), expected 3"

# --- refusals: one line, nothing stored --------------------------------------
# refused FILE MESSAGE — submitting FILE fails with MESSAGE and stores nothing
refused() {
	run 1 --db "$DB" submit --ink "$1" --mood sad
	err_one_line
	err_has "$2"
	[ -s "$T/out" ] && fail "a refused ink note printed an id ($1)"
	[ "$(pending_count)" = 3 ] || fail "a refused ink note was stored ($1)"
}
bad() { # NAME JSON — writes $T/NAME.json
	printf '%s' "$2" >"$T/$1.json"
}
bad syntax '[[[1, 2]]'
refused "$T/syntax.json" "not valid JSON (near byte"
bad trailing '[[[1, 2]]] [[[3, 4]]]'
refused "$T/trailing.json" "not valid JSON (near byte 11)"
# numbers JSON does not allow, though cJSON would read them
bad leading_zero '[[[01, 2]]]'
refused "$T/leading_zero.json" "not valid JSON: a malformed number at byte 3"
bad bare_point '[[[1, 2.]]]'
refused "$T/bare_point.json" "not valid JSON: a malformed number at byte 6"
bad point_exp '[[[1.e2, 2]]]'
refused "$T/point_exp.json" "not valid JSON: a malformed number at byte 3"
bad minus '[[[-, 2]]]'
refused "$T/minus.json" "not valid JSON: a malformed number at byte 3"
# every form it does allow, and digits in a string left to the shape check
printf '[[[-0, 0.5], [1E+2, 1.5e-1], [20, 2e1], [0.0, -7]]]' >"$T/forms.json"
run 0 --db "$DB" submit --ink "$T/forms.json"
run 0 --db "$DB" reject "$(cat "$T/out")"
bad quoted '[[["01\"1", 2]]]'
refused "$T/quoted.json" "stroke 1, point 1 is not a pair of numbers"
bad object '{"strokes": [[[1, 2]]]}'
refused "$T/object.json" "not a stroke list: expected [[[x, y], ...], ...]"
bad empty '[]'
refused "$T/empty.json" "the stroke list is empty"
bad empty_stroke '[[[1, 2], [3, 4]], []]'
refused "$T/empty_stroke.json" "stroke 2 has no points"
bad flat '[[1, 2], [3, 4]]'
refused "$T/flat.json" "stroke 1, point 1 is not a pair of numbers [x, y]"
bad triple '[[[1, 2], [3, 4, 5]]]'
refused "$T/triple.json" "stroke 1, point 2 is not a pair of numbers"
bad string '[[[1, 2]], [["3", 4]]]'
refused "$T/string.json" "stroke 2, point 1 is not a pair of numbers"
bad infinite '[[[1, 2], [1e999, 4]]]'
refused "$T/infinite.json" "stroke 1, point 2: coordinates must be finite numbers within +-1e6"
bad absurd '[[[1, 2]], [[0, -1000000.5]]]'
refused "$T/absurd.json" "stroke 2, point 1: coordinates must be finite"
: >"$T/zero.json"
refused "$T/zero.json" "not valid JSON"
refused "$T/no-such-file.json" "cannot open it: No such file or directory"
refused "$T" "cannot read it"
if [ $HAVE_PY = 1 ]; then
	python3 -c 'print([[[s, s]] for s in range(2001)])' >"$T/strokes.json"
	refused "$T/strokes.json" "more than 2000 strokes"
	# 60 sweeps across the box in one stroke: ~100 points each after
	# resampling, over the 4000 a stroke may have
	python3 -c 'print([[[1000 * (i % 2), i] for i in range(60)]])' >"$T/long.json"
	refused "$T/long.json" "too much ink: at most 4000 points in a stroke"
	# the same as 60 strokes fits
	python3 -c 'print([[[0, i], [1000, i]] for i in range(60)])' >"$T/many.json"
	run 0 --db "$DB" submit --ink "$T/many.json"
	run 0 --db "$DB" reject "$(cat "$T/out")"
	[ "$(pending_count)" = 3 ] || fail "could not take the 60-stroke note out again"
fi
# a huge file is refused without being read to the end
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$T/huge.json"
refused "$T/huge.json" "larger than 4 MiB"
# usage errors: exit 2
run 2 --db "$DB" submit --ink "$T/note.json" --mood grumpy
err_has "unknown mood"
run 2 --db "$DB" submit --ink
err_has "needs a value"
[ "$(pending_count)" = 3 ] || fail "a usage error stored something"

# --- pending and feed summaries ---------------------------------------------
run 0 --db "$DB" pending
out_lines 3
grep -qF "$INK1	2024-05-01	happy	ink	[ink: 2 strokes, " "$T/out" ||
	fail "pending does not summarise the ink note: $(cat "$T/out")"
grep -qF "$TEXT	2024-05-01	calm	text	写字的那一页" "$T/out" || fail "pending lost the text note"
run 0 --db "$DB" approve "$INK1" "$INK2" "$TEXT"
run 0 --db "$DB" feed
out_lines 3
[ "$(grep -c -F '	ink	[ink: 2 strokes, ' "$T/out")" = 2 ] || fail "feed does not show ink"

# --- exports ----------------------------------------------------------------
run 0 --db "$DB" export --format jsonl --out "$T/notes.jsonl"
run 0 --db "$DB" export --format csv --out "$T/notes.csv"
[ "$(head -1 "$T/notes.csv")" = $'"id","day","mood","kind","text","width","height","svg"\r' ] ||
	fail "CSV header lacks the ink columns: $(head -1 "$T/notes.csv")"
if [ $HAVE_PY = 1 ]; then
	python3 - "$T/notes.jsonl" "$T/notes.csv" "$INK1" "$INK2" "$TEXT" <<'PY' ||
import csv, json, re, sys
jl, cs, ink1, ink2, text = sys.argv[1:]
rows = {r["id"]: r for r in map(json.loads, open(jl, encoding="utf-8"))}
assert set(rows) == {ink1, ink2, text}, rows.keys()
t = rows[text]
assert t["text"] == "写字的那一页" and t["kind"] == "text", t
assert not {"svg", "width", "height"} & set(t), t      # text notes unchanged
a, b = rows[ink1], rows[ink2]
assert a["kind"] == "ink" and "text" not in a, a
assert (a["width"], a["height"]) == (4096, 1366), (a["width"], a["height"])
assert a["svg"] == b["svg"], "the same file gave different notes"
assert (a["mood"], b["mood"]) == ("happy", "sad")
svg = a["svg"]
assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-14 -14 4124 1394"'), svg[:120]
assert svg.endswith("</svg>")
paths = re.findall(r'<path stroke="(#[0-9a-f]{6})" d="([^"]*)"/>', svg)
assert len(paths) == 1, paths                       # one colour, one path
d = paths[0][1]
subpaths = d.split("M")[1:]
assert len(subpaths) == 2, d                        # two strokes
first = subpaths[0]
assert first.startswith("0 1365L"), first[:40]      # (100, 150): left, bottom
assert first.endswith("L4095 546"), first[-40:]     # (400, 90): right
assert "Q" in first, first                          # smoothed
assert subpaths[1] == "2061 0L2061 0", subpaths[1]  # the dot, at (251, 50)
for x, y in re.findall(r"([0-9.]+) ([0-9.]+)", d):
    assert 0 <= float(x) <= 4095 and 0 <= float(y) <= 1365, (x, y)
with open(cs, newline="", encoding="utf-8") as f:
    recs = list(csv.reader(f))
assert recs[0] == ["id", "day", "mood", "kind", "text", "width", "height", "svg"], recs[0]
byid = {r[0]: r for r in recs[1:]}
assert byid[ink1][3:] == ["ink", "", "4096", "1366", svg], byid[ink1][3:7]
assert byid[text][3:] == ["text", "写字的那一页", "", "", ""], byid[text]
PY
		fail "the exports do not carry the ink as expected"
fi

# --- a dot: stored, drawn at the usual pen in the middle, exported ------------
# A tap's box has no extent (a 1 x 1 canvas); neither has one too small to
# scale. Both are dots, and must not sink the PNG export of every note.
printf '[[[3, 4]]]' >"$T/dot.json"
run 0 --db "$DB" submit --ink "$T/dot.json"
DOT=$(cat "$T/out")
printf '[[[0, 0], [1e-310, 0]]]' >"$T/speck.json"
run 0 --db "$DB" submit --ink "$T/speck.json"
SPECK=$(cat "$T/out")
run 0 --db "$DB" pending
grep -F "$DOT" "$T/out" | grep -qF "[ink: 1 stroke, 1 point]" ||
	fail "the dot's summary: $(grep -F "$DOT" "$T/out")"
run 0 --db "$DB" approve "$DOT" "$SPECK"
umask 022 # the export makes its cards 0600 itself, whatever the umask
run 0 --db "$DB" export --format png --out "$T/cards"
[ "$(ls "$T/cards" | wc -l)" = 5 ] || fail "PNG export wrote $(ls "$T/cards" | wc -l) cards, not 5"
for f in "$T/cards"/*.png; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "card $(basename "$f") has mode $(stat -c %a "$f"), not 0600"
done
if [ $HAVE_PY = 1 ]; then
	# the dot's card: paper with a round dot of the pen's size in the middle
	python3 - "$T/cards/$DOT.png" <<'PY' || fail "the dot's card is not a dot"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", data[16:24])
assert 64 < w < 80 and w == h, (w, h)     # 900 px a grid: a 4.4 px pen and 32 px of paper a side
PY
fi
finish
