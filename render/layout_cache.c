/* layout_cache.c — a hash table of layouts threaded on an LRU list. */
#include "layout_cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME 0x100000001b3u
#define MIN_BUCKETS 8

/* The params as they count for the result: values layout_text treats alike
 * are made equal, so they share an entry. */
typedef struct key_params {
	float size_px, max_extent, line_spacing;
	int max_lines;
	int align;
	bool vertical;
} key_params;

typedef struct entry {
	struct entry *chain;          /* next in the same bucket */
	struct entry *newer, *older;  /* the LRU list */
	uint64_t hash;
	key_params kp;
	char *text;                   /* copy of the key bytes */
	size_t len;
	layout *l;
} entry;

struct layout_cache {
	fontchain *fc;
	size_t max;
	entry **buckets;
	size_t nbuckets;              /* a power of two */
	entry *newest, *oldest;
	layout_cache_counts counts;
};

/* memset can be dropped by the compiler before a free; stores through a
 * volatile pointer cannot. */
static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* -0 and 0 compare equal, so they must hash alike too. */
static uint64_t fnv_float(uint64_t h, float f)
{
	uint32_t bits;
	f = f == 0 ? 0.0f : f;
	memcpy(&bits, &f, sizeof bits);
	return fnv(h, &bits, sizeof bits);
}

static key_params normalise(const layout_params *p)
{
	return (key_params){
		.size_px = p->size_px,
		.max_extent = p->max_extent > 0 ? p->max_extent : 0,
		.line_spacing = p->line_spacing > 0 ? p->line_spacing : 0,
		.max_lines = p->max_lines > 0 ? p->max_lines : 0,
		.align = (int)p->align,
		.vertical = p->vertical,
	};
}

/* Field by field, never the struct's bytes: padding is not part of a key. */
static uint64_t key_hash(const char *text, size_t len, const key_params *k)
{
	uint64_t h = fnv(FNV_OFFSET, text, len);
	int32_t ints[3] = {k->max_lines, k->align, k->vertical};

	h = fnv(h, &len, sizeof len);
	h = fnv_float(h, k->size_px);
	h = fnv_float(h, k->max_extent);
	h = fnv_float(h, k->line_spacing);
	return fnv(h, ints, sizeof ints);
}

static bool params_equal(const key_params *a, const key_params *b)
{
	return a->size_px == b->size_px && a->max_extent == b->max_extent &&
	       a->line_spacing == b->line_spacing && a->max_lines == b->max_lines &&
	       a->align == b->align && a->vertical == b->vertical;
}

static bool key_equal(const entry *e, uint64_t hash, const char *text, size_t len,
                      const key_params *k)
{
	return e->hash == hash && e->len == len && params_equal(&e->kp, k) &&
	       (len == 0 || memcmp(e->text, text, len) == 0);
}

static entry **bucket(layout_cache *c, uint64_t hash)
{
	return &c->buckets[hash & (c->nbuckets - 1)];
}

static void lru_unlink(layout_cache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(layout_cache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static void entry_free(entry *e)
{
	if (!e)
		return;
	if (e->text)
		wipe(e->text, e->len);
	if (e->l && e->l->text)
		wipe(e->l->text, e->l->text_len);
	free(e->text);
	layout_free(e->l);
	free(e);
}

/* Takes the least recently used entry out of the table and the list. */
static void evict_oldest(layout_cache *c)
{
	entry *victim = c->oldest;
	entry **link = bucket(c, victim->hash);

	while (*link != victim)
		link = &(*link)->chain;
	*link = victim->chain;
	lru_unlink(c, victim);
	entry_free(victim);
	c->counts.entries--;
	c->counts.evictions++;
}

static entry *lookup(layout_cache *c, uint64_t hash, const char *text, size_t len,
                     const key_params *k)
{
	for (entry *e = *bucket(c, hash); e; e = e->chain) {
		if (key_equal(e, hash, text, len, k))
			return e;
	}
	return NULL;
}

/* Lays the key out into a new entry; NULL if layout_text fails. */
static entry *entry_make(layout_cache *c, uint64_t hash, const char *text, size_t len,
                         const key_params *k, const layout_params *p)
{
	entry *e = calloc(1, sizeof *e);

	if (!e)
		return NULL;
	*e = (entry){.hash = hash, .kp = *k, .len = len};
	if (!(e->text = malloc(len ? len : 1)))
		goto err_entry;
	if (len)
		memcpy(e->text, text, len);
	if (layout_text(c->fc, text, len, p, &e->l) != LAYOUT_OK)
		goto err_entry;
	return e;
err_entry:
	entry_free(e);
	return NULL;
}

layout_cache *layout_cache_new(fontchain *fc, size_t max_entries)
{
	layout_cache *c;
	size_t n = MIN_BUCKETS;

	if (!fc || max_entries == 0)
		return NULL;
	while (n < max_entries && n <= SIZE_MAX / 2 / sizeof(entry *))
		n *= 2;
	if (!(c = calloc(1, sizeof *c)))
		return NULL;
	*c = (layout_cache){.fc = fc, .max = max_entries, .nbuckets = n};
	if (!(c->buckets = calloc(n, sizeof *c->buckets))) {
		free(c);
		return NULL;
	}
	return c;
}

void layout_cache_destroy(layout_cache *c)
{
	if (!c)
		return;
	while (c->oldest) {
		entry *e = c->oldest;
		lru_unlink(c, e);
		entry_free(e);
	}
	free(c->buckets);
	free(c);
}

const layout *layout_cache_get(layout_cache *c, const char *text, size_t len,
                               const layout_params *p)
{
	key_params k;
	uint64_t hash;
	entry *e;

	if (!c || !p || (!text && len))
		return NULL;
	text = text ? text : "";
	k = normalise(p);
	hash = key_hash(text, len, &k);
	if ((e = lookup(c, hash, text, len, &k))) {
		c->counts.hits++;
		lru_unlink(c, e);
		lru_push(c, e);
		return e->l;
	}
	c->counts.misses++;
	if (!(e = entry_make(c, hash, text, len, &k, p)))
		return NULL;
	if (c->counts.entries >= c->max)
		evict_oldest(c);
	e->chain = *bucket(c, hash);
	*bucket(c, hash) = e;
	lru_push(c, e);
	c->counts.entries++;
	return e->l;
}

layout_cache_counts layout_cache_stats(const layout_cache *c)
{
	return c ? c->counts : (layout_cache_counts){0};
}
