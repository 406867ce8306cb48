#!/bin/bash
# cli_preview.sh — `preview` lays a note's text out with the real fonts as
# the kiosk would and prints its lines: known lines at known widths, the
# CLREQ rules at many widths, columns for --vertical, cuts with …, empty,
# invalid and control input, the 64 KiB bound, usage errors, a missing
# font, and --png (a card image). Needs no store.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8 # case patterns match characters, not bytes

NOTE='今天加班到很晚，回家的路上下雨了。司机师傅说：“别着急，慢慢来。”我突然就哭了……谢谢你，陌生人！明天见。'
printf '%s\n' "$NOTE" >"$T/note"

# expect FILE — stdout is exactly the lines in FILE.
expect() {
	cmp -s "$T/out" "$1" || fail "lines differ from $(basename "$1"):$(diff "$1" "$T/out" | sed 's/^/    /')"
}

# joined — stdout's lines joined again.
joined() { tr -d '\n' <"$T/out"; }

# clreq_ok WIDTH — no line after the first starts with closing punctuation
# nor ends with opening punctuation. (Widths are checked by the layout's own
# tests: punctuation here is not always one em wide.) Needs a width of at
# least 3 em: "来。”" and "了……" cannot be split, so a narrower line must
# break a rule or overflow.
clreq_ok() {
	local n=0 line
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in
		[，。、：；！？”’）》…]*) [ "$n" -gt 1 ] && fail "width $1: line $n starts with '${line:0:1}': $line" ;;
		esac
		case $line in
		*[“‘（《]) fail "width $1: line $n ends with '${line: -1}': $line" ;;
		esac
	done <"$T/out"
}

# --- known lines ----------------------------------------------------------
cat >"$T/w200" <<'X'
今天加班到很
晚，回家的路
上下雨了。司
机师傅说：
“别着急，慢
慢来。”我突
然就哭了……
谢谢你，陌生
人！明天见。
X
run 0 preview --width 200 <"$T/note"
expect "$T/w200"
[ -s "$T/err" ] && fail "preview wrote to stderr: $(cat "$T/err")"

cat >"$T/w640" <<'X'
今天加班到很晚，回家的路上下雨了。司机师
傅说：“别着急，慢慢来。”我突然就哭了……
谢谢你，陌生人！明天见。
X
run 0 preview --width=640 <"$T/note"
expect "$T/w640"

# --- the rules at many widths: nothing lost, nothing misplaced -------------
for w in 96 100 128 150 160 200 250 288 320 333.5 400 500 640 1000 5000; do
	run 0 preview --width "$w" <"$T/note"
	[ "$(joined)" = "$NOTE" ] || fail "width $w: the lines do not give the text back"
	clreq_ok "$w"
done
for w in 16 40 64; do # narrower than 3 em: still every character, once
	run 0 preview --width "$w" <"$T/note"
	[ "$(joined)" = "$NOTE" ] || fail "width $w: the lines do not give the text back"
done
run 0 preview --width 100000 <"$T/note"
out_lines 1

# --- font size: the same width holds fewer, bigger characters --------------
run 0 preview --width 640 --font-size 64 <"$T/note"
out_has "今天加班到很晚，回家"
out_lacks "今天加班到很晚，回家的"
run 0 preview --width 640 --font-size 8 <"$T/note"
out_lines 1

# --- vertical: columns, the right-most first -------------------------------
cat >"$T/v300" <<'X'
今天加班到很晚，回
家的路上下雨了。司
机师傅说：“别着
急，慢慢来。”我突
然就哭了……谢谢
你，陌生人！明天
见。
X
run 0 preview --width 300 --vertical <"$T/note"
expect "$T/v300"
for w in 100 200 333 640; do
	run 0 preview --vertical --width "$w" <"$T/note"
	[ "$(joined)" = "$NOTE" ] || fail "vertical $w: the columns do not give the text back"
	clreq_ok "$w"
done

# --- cut to a number of lines, with the kiosk's ellipsis --------------------
run 0 preview --width 200 --max-lines 2 <"$T/note"
out_lines 2
[ "$(tail -n 1 "$T/out")" = "晚，回家的…" ] || fail "cut line: $(tail -n 1 "$T/out")"
run 0 preview --width 200 --max-lines 0 <"$T/note"
expect "$T/w200"
run 0 preview --width 200 --max-lines 9 <"$T/note"
expect "$T/w200"
run 0 preview --width 300 --vertical --max-lines 1 <"$T/note"
out_lines 1
grep -q '…$' "$T/out" || fail "a cut column does not end with …"

# --- line breaks in the text, empty and odd input ---------------------------
printf '第一行\n\n第三行\n' | run 0 preview --width 400
printf '第一行\n\n第三行\n' >"$T/want3"
expect "$T/want3"
run 0 preview --width 400 </dev/null
printf '\n' >"$T/one_empty"
expect "$T/one_empty"                            # empty: one empty line
printf '\n' | run 0 preview --width 400
expect "$T/one_empty"                            # echo's newline is not the text's
printf 'a\xffb\n' | run 0 preview --width 400
out_has "a�b"                                    # invalid UTF-8 shows as U+FFFD
printf 'x\033[2Jy\tz\n' | run 0 preview --width 1000
out_has 'x\x1B[2Jy\tz'                           # a terminal never gets them raw
LC_ALL=C grep -q $'\033' "$T/out" && fail "preview printed a raw ESC"

# --- size: the most it reads works, more is refused at once ------------------
printf '今天下雨了，心情却很好。谢谢你！%.0s' $(seq 1365) >"$T/big" # 21,840 characters
run 0 preview --width 400 <"$T/big"
[ "$(wc -l <"$T/out")" -gt 1000 ] || fail "64 KiB of text gave $(wc -l <"$T/out") lines"
[ "$(joined)" = "$(cat "$T/big")" ] || fail "64 KiB of text: lines lost characters"
head -c 100000 /dev/zero | tr '\0' 'a' >"$T/huge"  # 100,000 characters
run 1 preview --width 400 <"$T/huge"
err_one_line
err_has "longer than 64 KiB"
out_lines 0
for i in $(seq 6); do cat "$T/big"; done >"$T/huge" # 131,040 CJK characters
run 1 preview --width 400 <"$T/huge"
err_has "longer than 64 KiB"

# --- usage errors: exit 2 ------------------------------------------------------
for bad in "" 0 -5 abc 1e3 inf nan 0x10 1.2.3 " 5" 100001; do
	run 2 preview --width "$bad" <"$T/note"
	err_has "--width must be a positive number"
	out_lines 0
done
run 2 preview <"$T/note"
err_has "--width is required"
run 2 preview --width <"$T/note"
for bad in 7 513 -32 x 7.9; do
	run 2 preview --width 200 --font-size "$bad" <"$T/note"
	err_has "--font-size must be a number from 8 to 512"
done
run 0 preview --width 200 --font-size 512 <"$T/note"
run 0 preview --width 200 --font-size 8.5 <"$T/note"
for bad in -1 x 1.5 1000001; do
	run 2 preview --width 200 --max-lines "$bad" <"$T/note"
	err_has "--max-lines must be"
done
run 2 preview --width 200 extra <"$T/note"
run 2 preview --width 200 --bold <"$T/note"
run 2 preview --width 200 --vertical=yes <"$T/note"
run 0 preview --help
out_has "usage: treehole-admin preview --width PX"
run 0 --help
out_has "preview --width PX"

# --- no store is needed (nor opened, nor created) ---------------------------------
run 0 --db "$T/none.db" preview --width 200 <"$T/note"
[ ! -e "$T/none.db" ] || fail "preview created a store"

# --- a missing font names the package to install ------------------------------------
mkdir -p "$T/fc"
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n' \
	"$T/fc/cache" >"$T/fc/empty.conf"
FONTCONFIG_FILE=$T/fc/empty.conf run 1 preview --width 200 <"$T/note"
err_one_line
err_has "fonts-lxgw-wenkai"
out_lines 0

# --- --png: the card as an image, never over an existing file ----------------------
run 0 preview --width 200 --png "$T/p.png" <"$T/note"
[ -s "$T/p.png" ] || fail "--png wrote no file"
[ "$(head -c 8 "$T/p.png" | od -An -tx1 | tr -d ' ')" = "89504e470d0a1a0a" ] ||
	fail "--png wrote no PNG"
run 1 preview --width 200 --png "$T/p.png" <"$T/note"
err_has "already exists"
run 1 preview --width 200 --png "$T/no/such/dir/p.png" <"$T/note"
err_one_line
run 2 preview --width 200 --png <"$T/note"

finish
