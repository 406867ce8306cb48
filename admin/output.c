/* output.c — records, JSON Lines, CSV and terminal cards (see output.h). */
#include "output.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>

#include "day.h"
#include "note.h"
#include "vault.h"

static const char *mood_key(note_mood m)
{
	const char *k = note_mood_key(m);
	return k ? k : "unknown";
}

static const char *mood_label(note_mood m)
{
	const char *l = note_mood_label(m);
	return l ? l : "?";
}

static const char *kind_name(note_kind k)
{
	const char *s = note_kind_name(k);
	return s ? s : "unknown";
}

static bool is_text(const store_note *n)
{
	return n->damage == STATUS_OK && n->kind == NOTE_KIND_TEXT && n->body;
}

static bool put_escape(FILE *f, const char *esc)
{
	return fputs(esc, f) != EOF;
}

bool out_escaped(FILE *f, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool ok;
		if (c == '\\')
			ok = put_escape(f, "\\\\");
		else if (c == '\n')
			ok = put_escape(f, "\\n");
		else if (c == '\r')
			ok = put_escape(f, "\\r");
		else if (c == '\t')
			ok = put_escape(f, "\\t");
		else if (c < 0x20 || c == 0x7f)
			ok = fprintf(f, "\\x%02X", c) > 0;
		else if (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			ok = fprintf(f, "\\u00%02X", p[++i]) > 0;
		else
			ok = fputc(c, f) != EOF;
		if (!ok)
			return false;
	}
	return true;
}

/* id TAB day TAB mood TAB kind TAB — the part every record shares. */
static bool put_prefix(FILE *f, const store_note *n)
{
	char hex[NOTE_ID_HEX_LEN + 1];
	char day[11];

	note_id_to_hex(&n->id, hex);
	day_to_iso(n->day, day);
	return fprintf(f, "%s\t%s\t%s\t%s\t", hex, day, mood_key(n->mood), kind_name(n->kind)) > 0;
}

bool out_note_line(FILE *f, const store_note *n)
{
	if (!put_prefix(f, n))
		return false;
	if (n->damage != STATUS_OK)
		return fputs("(damaged)\n", f) != EOF;
	if (out_is_ink(n)) {
		char summary[64];
		out_ink_summary(n, summary, sizeof summary);
		return fprintf(f, "%s\n", summary) > 0;
	}
	if (!is_text(n))
		return fputs("(unknown kind)\n", f) != EOF;
	return out_escaped(f, (const char *)n->body, n->body_len) && fputc('\n', f) != EOF;
}

/* Prints a cJSON tree as one line, wiping the printed copy afterwards. */
static bool put_json_line(FILE *f, const cJSON *obj)
{
	char *s = cJSON_PrintUnformatted(obj);
	bool ok;

	if (!s)
		return false;
	ok = fputs(s, f) != EOF && fputc('\n', f) != EOF;
	sodium_memzero(s, strlen(s));
	cJSON_free(s);
	return ok;
}

/* Adds an ink note's canvas and drawing. OUT: *svg, which the object
 * only references (so no unwiped copy is made): free it after printing. */
static bool add_ink_json(cJSON *obj, const store_note *n, char **svg, size_t *len)
{
	ink k;
	cJSON *ref;
	bool ok;

	/* the store hands out no ink that fails to decode; should one come, it
	 * is shown as what it is */
	if (ink_decode(n->body, n->body_len, &k) != STATUS_OK)
		return cJSON_AddTrueToObject(obj, "damaged") != NULL;
	ok = out_ink_svg(&k, svg, len);
	ok = ok && cJSON_AddNumberToObject(obj, "width", k.width);
	ok = ok && cJSON_AddNumberToObject(obj, "height", k.height);
	ink_free(&k);
	ref = ok ? cJSON_CreateStringReference(*svg) : NULL;
	ok = ref && cJSON_AddItemToObject(obj, "svg", ref);
	if (ref && !ok)
		cJSON_Delete(ref);
	return ok;
}

bool out_note_json(FILE *f, const store_note *n)
{
	char hex[NOTE_ID_HEX_LEN + 1];
	char day[11];
	cJSON *obj = cJSON_CreateObject();
	bool ok = obj != NULL;
	char *svg = NULL;
	size_t svg_len = 0;

	note_id_to_hex(&n->id, hex);
	day_to_iso(n->day, day);
	ok = ok && cJSON_AddStringToObject(obj, "id", hex);
	ok = ok && cJSON_AddStringToObject(obj, "day", day);
	ok = ok && cJSON_AddStringToObject(obj, "mood", mood_key(n->mood));
	ok = ok && cJSON_AddStringToObject(obj, "mood_label", mood_label(n->mood));
	ok = ok && cJSON_AddStringToObject(obj, "kind", kind_name(n->kind));
	if (ok && n->damage != STATUS_OK) {
		ok = cJSON_AddTrueToObject(obj, "damaged") != NULL;
	} else if (ok && is_text(n)) {
		/* a reference, not a copy: the only copy cJSON makes is the
		 * printed line, which put_json_line wipes */
		cJSON *text = cJSON_CreateStringReference((const char *)n->body);
		ok = text && cJSON_AddItemToObject(obj, "text", text);
		if (text && !ok)
			cJSON_Delete(text);
	} else if (ok && out_is_ink(n)) {
		ok = add_ink_json(obj, n, &svg, &svg_len);
	}
	ok = ok && put_json_line(f, obj);
	cJSON_Delete(obj);
	out_ink_free(svg, svg_len);
	return ok;
}

bool out_csv_needs_guard(const char *text, size_t len)
{
	return len > 0 && strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
}

static bool csv_field(FILE *f, const char *s, size_t len, bool last)
{
	if (csv_fwrite(f, s, len) != 0)
		return false;
	return last ? fputs("\r\n", f) != EOF : fputc(',', f) != EOF;
}

bool out_csv_header(FILE *f)
{
	static const char *const names[] = { "id",    "day",    "mood", "kind",
		                             "text", "width", "height", "svg" };
	for (size_t i = 0; i < 8; i++) {
		if (!csv_field(f, names[i], strlen(names[i]), i == 7))
			return false;
	}
	return true;
}

/* The text field, with the formula guard; the guarded copy is wiped. */
static bool csv_text(FILE *f, const store_note *n)
{
	const char *text = (const char *)n->body;
	size_t len = n->body_len;
	char *guarded;
	bool ok;

	if (!is_text(n))
		return csv_field(f, "", 0, false);
	if (!out_csv_needs_guard(text, len))
		return csv_field(f, text, len, false);
	guarded = vault_alloc(len + 1);
	if (!guarded)
		return false;
	guarded[0] = '\'';
	memcpy(guarded + 1, text, len);
	ok = csv_field(f, guarded, len + 1, false);
	vault_free(guarded);
	return ok;
}

/* width, height and svg: filled for ink notes, empty for the others. */
static bool csv_ink(FILE *f, const store_note *n)
{
	char w[8], h[8];
	char *svg = NULL;
	size_t len = 0;
	ink k;
	bool ok;

	if (!out_is_ink(n) || ink_decode(n->body, n->body_len, &k) != STATUS_OK)
		return csv_field(f, "", 0, false) && csv_field(f, "", 0, false) &&
		       csv_field(f, "", 0, true);
	ok = out_ink_svg(&k, &svg, &len);
	snprintf(w, sizeof w, "%u", k.width);
	snprintf(h, sizeof h, "%u", k.height);
	ink_free(&k);
	ok = ok && csv_field(f, w, strlen(w), false) && csv_field(f, h, strlen(h), false) &&
	     csv_field(f, svg, len, true);
	out_ink_free(svg, len);
	return ok;
}

bool out_note_csv(FILE *f, const store_note *n)
{
	char hex[NOTE_ID_HEX_LEN + 1];
	char day[11];
	const char *mood = mood_key(n->mood);
	const char *kind = kind_name(n->kind);

	note_id_to_hex(&n->id, hex);
	day_to_iso(n->day, day);
	return csv_field(f, hex, strlen(hex), false) && csv_field(f, day, strlen(day), false) &&
	       csv_field(f, mood, strlen(mood), false) && csv_field(f, kind, strlen(kind), false) &&
	       csv_text(f, n) && csv_ink(f, n);
}

/* Writes one line of a card's body; controls except tab become "?". */
static bool card_line(FILE *f, const unsigned char *p, size_t len)
{
	if (fputs("  \u2502 ", f) == EOF)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool ctl = (c < 0x20 && c != '\t') || c == 0x7f ||
		           (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f);
		if (ctl && c == 0xc2)
			i++;
		if (fputc(ctl ? '?' : c, f) == EOF)
			return false;
	}
	return fputc('\n', f) != EOF;
}

bool out_note_card(FILE *f, const store_note *n)
{
	char day[11];
	const unsigned char *p = n->body;
	size_t start = 0;

	day_to_iso(n->day, day);
	if (fprintf(f, "  \u256d\u2500 %s \u00b7 %s\n", day, mood_label(n->mood)) < 0)
		return false;
	if (!is_text(n)) {
		char what[64] = "(unknown kind)";
		if (out_is_ink(n))
			out_ink_summary(n, what, sizeof what);
		else if (n->damage != STATUS_OK)
			snprintf(what, sizeof what, "(damaged)");
		return card_line(f, (const unsigned char *)what, strlen(what)) &&
		       fputs("  \u2570\u2500\n", f) != EOF;
	}
	/* split on "\n", "\r\n" and a lone "\r" */
	for (size_t i = 0; i <= n->body_len; i++) {
		if (i < n->body_len && p[i] != '\n' && p[i] != '\r')
			continue;
		if (!card_line(f, p + start, i - start))
			return false;
		if (i + 1 < n->body_len && p[i] == '\r' && p[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	return fputs("  \u2570\u2500\n", f) != EOF;
}

static void day_or_dash(int32_t day, char out[11])
{
	if (day < 0)
		memcpy(out, "-", 2);
	else
		day_to_iso(day, out);
}

bool out_stats_text(FILE *f, const out_stats *s)
{
	const store_stats *st = &s->stats;
	char oldest[11], newest[11], today[11];
	int r;

	day_or_dash(st->oldest_day, oldest);
	day_or_dash(st->newest_day, newest);
	day_to_iso(s->today, today);
	r = fprintf(f,
	            "pending notes          %llu\n"
	            "approved notes         %llu\n"
	            "in the feed today      %llu\n"
	            "feed delay (days)      %d\n"
	            "oldest note day        %s\n"
	            "newest note day        %s\n"
	            "schema version         %d\n"
	            "passphrase cost        Argon2id, opslimit %llu, memlimit %zu MiB\n"
	            "operator key           %s\n"
	            "notes held from %s, per mood:\n",
	            (unsigned long long)st->pending, (unsigned long long)st->approved,
	            (unsigned long long)st->approved_visible, st->feed_delay_days, oldest, newest,
	            st->schema_version, st->kdf.opslimit, st->kdf.memlimit >> 20, st->key_fingerprint,
	            today);
	if (r < 0)
		return false;
	for (int m = NOTE_MOOD_FIRST; m < NOTE_MOOD_END_; m++) {
		if (fprintf(f, "  %-9s %s  %llu\n", mood_key((note_mood)m), mood_label((note_mood)m),
		            (unsigned long long)s->moods_today[m - NOTE_MOOD_FIRST]) < 0)
			return false;
	}
	return true;
}

static bool add_day(cJSON *obj, const char *name, int32_t day)
{
	char iso[11];

	if (day < 0)
		return cJSON_AddNullToObject(obj, name) != NULL;
	day_to_iso(day, iso);
	return cJSON_AddStringToObject(obj, name, iso) != NULL;
}

bool out_stats_json(FILE *f, const out_stats *s)
{
	const store_stats *st = &s->stats;
	cJSON *obj = cJSON_CreateObject();
	cJSON *kdf = NULL, *moods = NULL;
	bool ok = obj != NULL;

	ok = ok && cJSON_AddNumberToObject(obj, "pending", (double)st->pending);
	ok = ok && cJSON_AddNumberToObject(obj, "approved", (double)st->approved);
	ok = ok && cJSON_AddNumberToObject(obj, "approved_visible", (double)st->approved_visible);
	ok = ok && cJSON_AddNumberToObject(obj, "feed_delay_days", st->feed_delay_days);
	ok = ok && cJSON_AddNumberToObject(obj, "schema_version", st->schema_version);
	ok = ok && cJSON_AddStringToObject(obj, "key_fingerprint", st->key_fingerprint);
	ok = ok && add_day(obj, "oldest_day", st->oldest_day);
	ok = ok && add_day(obj, "newest_day", st->newest_day);
	ok = ok && add_day(obj, "today", s->today);
	ok = ok && (moods = cJSON_AddObjectToObject(obj, "moods_today"));
	for (int m = NOTE_MOOD_FIRST; ok && m < NOTE_MOOD_END_; m++)
		ok = cJSON_AddNumberToObject(moods, mood_key((note_mood)m),
		                             (double)s->moods_today[m - NOTE_MOOD_FIRST]) != NULL;
	ok = ok && (kdf = cJSON_AddObjectToObject(obj, "kdf"));
	ok = ok && cJSON_AddNumberToObject(kdf, "opslimit", (double)st->kdf.opslimit);
	ok = ok && cJSON_AddNumberToObject(kdf, "memlimit", (double)st->kdf.memlimit);
	ok = ok && put_json_line(f, obj);
	cJSON_Delete(obj);
	return ok;
}
