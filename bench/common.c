/* common.c — helpers the figures share: progress lines, sample notes, the
 * bare-SQLite baseline connection, files. */
#include "bench.h"
#include "timing.h"

#include <iconv.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

volatile sig_atomic_t bench_stop;

void bench_progress(const char *fmt, ...)
{
	static double start;
	va_list ap;

	if (start == 0)
		start = timing_now();
	fprintf(stderr, "[bench %6.1fs] ", timing_now() - start);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Sentences of the kind people leave in the notebook on the back seat. */
static const char *const sentences[] = {
	"今天又加班到很晚，坐在车上看着窗外的灯，突然觉得有点想家。",
	"妈妈打电话问我吃饭了没有，我说吃了，其实还没有。",
	"工作三年了，还是不知道自己到底想要什么样的生活。",
	"谢谢司机师傅一路上放的老歌，让我想起了大学的时候。",
	"和男朋友吵架了，他说我太敏感，可我只是希望被认真听一次。",
	"明天就要面试了，紧张得睡不着，希望一切顺利。",
	"孩子今天第一次叫爸爸，我在地铁上偷偷笑了好久。",
	"房租又涨了，这个城市好大，却好像没有一个角落属于我。",
	"今天天气很好，阳光照在身上暖暖的，心情也跟着好起来。",
	"有时候觉得很累，但还是想再坚持一下，也许明天会更好。",
	"给未来的自己：不管发生什么，都要好好吃饭，好好睡觉。",
	"爷爷住院了，我请不了假回去，只能每天晚上打个视频。",
	"第一次一个人来北京，什么都不懂，但我不想放弃。",
	"今天帮一位老奶奶拎了菜，她说谢谢的时候我鼻子一酸。",
	"考研失败了，不知道该怎么告诉爸妈，他们一直以我为骄傲。",
	"下雨了，没带伞，但是路上有陌生人把伞分给我一半。",
	"如果你也在这里写下心事，愿你今晚能睡个好觉。",
	"我们都是普通人，普通地努力着，也普通地难过着。",
	"终于存够钱给妈妈买了一件新大衣，她嘴上说贵，脸上在笑。",
	"很多话不能对身边的人说，就写在这里吧，反正没人知道是我。",
	"刚刚分手，车窗外的城市还是那么亮，只是我有点看不清。",
	"今天被领导表扬了，虽然只是一句话，也开心了一整天。",
	"希望读到这张纸条的你，明天比今天轻松一点点。",
	"一年又快过去了，好像什么都没做成，又好像长大了一些。",
};
#define N_SENTENCES (sizeof sentences / sizeof sentences[0])

/* ---- sample text: the common characters, used as often as in real text ----
 *
 * Notes are drawn from the 3,755 characters of GB2312 level 1 (the
 * common characters, converted with iconv(3)), ranked by how often they
 * are used and picked with a Zipf law (exponent 1.1: the top 1,000 give
 * ~90% of the text, the top 2,500 ~97%, as in real Chinese). The ranks
 * are the characters of the sentences above first, most used first, then
 * the rest in a fixed shuffled order. A 300-character note then uses ~130
 * distinct characters and a 500-note feed ~3,700 — a feed's real working
 * set, not the ~250 characters the sentences alone have. Clauses of 4-18
 * characters end with Chinese punctuation. Everything is deterministic. */

#define ZIPF_EXPONENT 1.1
#define GB2312_L1 3755

typedef struct sample_chars {
	char ch[GB2312_L1 + 64][4]; /* UTF-8, NUL-terminated; by rank */
	double cum[GB2312_L1 + 64]; /* cumulative Zipf weights */
	size_t n;
} sample_chars;

static uint32_t next_rand(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 8;
}

static bool has_char(const sample_chars *c, const char *u)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ch[i], u) == 0)
			return true;
	return false;
}

/* The characters of the sentences, most used first. */
static void rank_sentence_chars(sample_chars *c)
{
	static unsigned count[GB2312_L1 + 64];
	for (size_t k = 0; k < N_SENTENCES; k++)
		for (const char *p = sentences[k]; *p; p += 3) {
			char u[4] = {p[0], p[1], p[2], 0};
			if ((p[0] & 0xF0) != 0xE0 || strstr("，。！？：；、“”", u))
				continue; /* only 3-byte hanzi; punctuation is added apart */
			size_t i = 0;
			while (i < c->n && strcmp(c->ch[i], u) != 0)
				i++;
			if (i == c->n && c->n < GB2312_L1)
				memcpy(c->ch[c->n++], u, 4);
			count[i]++;
		}
	for (size_t i = 1; i < c->n; i++) /* insertion sort, stable: by count */
		for (size_t j = i; j > 0 && count[j] > count[j - 1]; j--) {
			char t[4];
			unsigned tc = count[j];
			memcpy(t, c->ch[j], 4);
			memcpy(c->ch[j], c->ch[j - 1], 4);
			memcpy(c->ch[j - 1], t, 4);
			count[j] = count[j - 1], count[j - 1] = tc;
		}
}

/* Appends GB2312 level 1 (rows 0xB0-0xD7) in a fixed shuffled order. */
static bool add_gb2312(sample_chars *c)
{
	static char rest[GB2312_L1][4];
	size_t n = 0;
	uint32_t x = 20240601u;
	iconv_t cd = iconv_open("UTF-8", "GB2312");

	if (cd == (iconv_t)-1)
		return false;
	for (unsigned hi = 0xB0; hi <= 0xD7; hi++)
		for (unsigned lo = 0xA1; lo <= 0xFE && n < GB2312_L1; lo++) {
			char in[2] = {(char)hi, (char)lo}, out[4] = {0}, *ip = in, *op = out;
			size_t il = 2, ol = 3;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0)
				continue; /* 0xD7FA-0xD7FE are unassigned */
			if (!has_char(c, out))
				memcpy(rest[n++], out, 4);
		}
	iconv_close(cd);
	for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
		size_t j = next_rand(&x) % i;
		char t[4];
		memcpy(t, rest[i - 1], 4);
		memcpy(rest[i - 1], rest[j], 4);
		memcpy(rest[j], t, 4);
	}
	for (size_t i = 0; i < n && c->n < GB2312_L1 + 64; i++)
		memcpy(c->ch[c->n++], rest[i], 4);
	return true;
}

static const sample_chars *sample(void)
{
	static sample_chars c;
	static bool ready;

	if (ready)
		return &c;
	rank_sentence_chars(&c);
	if (!add_gb2312(&c))
		fprintf(stderr, "treehole-bench: warning: iconv has no GB2312; sample notes use only the "
		                "%zu characters of the built-in sentences\n", c.n);
	double sum = 0;
	for (size_t i = 0; i < c.n; i++)
		c.cum[i] = sum += pow((double)(i + 1), -ZIPF_EXPONENT);
	for (size_t i = 0; i < c.n; i++)
		c.cum[i] /= sum;
	ready = true;
	return &c;
}

/* A character by its Zipf rank. */
static const char *zipf_char(const sample_chars *c, uint32_t *x)
{
	double u = (double)next_rand(x) / (double)(1u << 24);
	size_t lo = 0, hi = c->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c->ch[lo];
}

/* Clause ends, as often as in notes: mostly commas and full stops. */
static const char *punctuation(uint32_t *x)
{
	static const char *const marks[] = {"，", "，", "，", "，", "，", "。", "。", "。",
	                                    "！", "？", "、", "……"};
	return marks[next_rand(x) % (sizeof marks / sizeof marks[0])];
}

size_t bench_note_text(size_t k, char *buf)
{
	const sample_chars *c = sample();
	size_t len = 0, chars = 0;
	uint32_t x = (uint32_t)k * 2654435761u + 12345u; /* a cheap, fixed sequence */

	while (chars < BENCH_NOTE_CHARS) {
		size_t clause = 4 + next_rand(&x) % 15;
		for (size_t i = 0; i < clause && chars < BENCH_NOTE_CHARS - 1; i++, chars++) {
			memcpy(buf + len, zipf_char(c, &x), 3);
			len += 3;
		}
		const char *p = punctuation(&x);
		if (strlen(p) > 3 && chars + 2 > BENCH_NOTE_CHARS)
			p = "。";
		memcpy(buf + len, p, strlen(p));
		len += strlen(p);
		chars += strlen(p) / 3;
	}
	buf[len] = 0;
	return len;
}

note_mood bench_random_mood(void)
{
	return (note_mood)(NOTE_MOOD_FIRST + (int)randombytes_uniform(NOTE_MOOD_COUNT));
}

char *bench_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

bool bench_store_create(const char *path, vault_kdf kdf, int delay_days, store **out)
{
	store_create_opts o = {.feed_delay_days = delay_days, .kdf = kdf};
	status st = store_create(path, BENCH_PASS, strlen(BENCH_PASS), &o, out);
	if (st)
		fprintf(stderr, "treehole-bench: cannot create %s: %s\n", path, status_message(st));
	return st == STATUS_OK;
}

bool bench_sql(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	fprintf(stderr, "treehole-bench: baseline SQL failed: %s\n", err ? err : "?");
	sqlite3_free(err);
	return false;
}

bool bench_baseline_open(const char *path, const char *schema, sqlite3 **db)
{
	/* The same settings store.c applies, so the baseline differs from the
	 * store only by what the store adds (crypto, the extra statements). */
	static const char pragmas[] = "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
	                              "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;"
	                              "PRAGMA journal_mode=WAL;";
	int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "treehole-bench: cannot open %s: %s\n", path, sqlite3_errstr(rc));
		sqlite3_close(*db);
		*db = NULL;
		return false;
	}
	sqlite3_busy_timeout(*db, STORE_DEFAULT_BUSY_MS);
	if (bench_sql(*db, pragmas) && bench_sql(*db, schema))
		return true;
	sqlite3_close(*db);
	*db = NULL;
	return false;
}

void bench_remove_db(const char *path)
{
	static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
	char p[4096];

	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, sides[i]);
		unlink(p);
	}
}

double bench_file_bytes(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (double)sb.st_size : 0;
}

void bench_count_label(size_t n, char *buf, size_t cap)
{
	if (n >= 1000000 && n % 1000000 == 0)
		snprintf(buf, cap, "%zuM", n / 1000000);
	else if (n >= 1000 && n % 1000 == 0)
		snprintf(buf, cap, "%zuk", n / 1000);
	else
		snprintf(buf, cap, "%zu", n);
}
