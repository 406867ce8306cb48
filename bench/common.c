/* common.c — helpers the figures share: progress lines, sample notes, the
 * bare-SQLite baseline connection, files. */
#include "bench.h"
#include "timing.h"

#include <stdarg.h>
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

/* Length in bytes of the first `chars` code points of s (stops at NUL). */
static size_t utf8_prefix(const char *s, size_t chars)
{
	size_t i = 0;
	while (s[i] && chars) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

size_t bench_note_text(size_t k, char *buf)
{
	size_t len = 0, chars = 0;
	uint32_t x = (uint32_t)k * 2654435761u + 12345u; /* a cheap, fixed sequence */

	while (chars < BENCH_NOTE_CHARS) {
		x = x * 1103515245u + 12345u;
		const char *s = sentences[(x >> 8) % N_SENTENCES];
		size_t take = utf8_prefix(s, BENCH_NOTE_CHARS - chars);
		memcpy(buf + len, s, take);
		len += take;
		buf[len] = 0;
		chars += utf8_chars(buf + len - take);
	}
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
