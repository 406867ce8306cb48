/* layout_cache.h — laid-out texts kept for reuse, least recently used out.
 *
 * The feed shows the same few notes again and again; shaping and breaking
 * them each time is wasted work. The cache keys a layout by the exact text
 * bytes and every layout_params field that changes the result, and keeps
 * at most max_entries layouts, evicting the least recently used one.
 *
 * Keys are hashed with 64-bit FNV-1a, but a hit is only a hit when the
 * whole key (bytes and params) compares equal, so a hash collision can
 * never hand out another text's layout.
 *
 * Privacy: the cache holds note text (a copy of the key, and each layout's
 * text). Feed notes are public once approved, but the same cache may serve
 * compose previews, so every stored text is wiped (overwritten through a
 * volatile pointer) before its memory is freed, on eviction and on destroy.
 *
 * A cache belongs to one thread at a time, like its font chain. */
#ifndef TREEHOLE_LAYOUT_CACHE_H
#define TREEHOLE_LAYOUT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "fontchain.h"
#include "layout.h"

typedef struct layout_cache layout_cache;

/* What the cache has done so far. */
typedef struct layout_cache_counts {
	uint64_t hits;        /* gets answered from the cache */
	uint64_t misses;      /* gets that had to lay out (including failed ones) */
	uint64_t evictions;   /* entries dropped to stay within max_entries */
	size_t entries;       /* layouts held now */
} layout_cache_counts;

/* Creates an empty cache that lays out with `fc` and holds at most
 * max_entries layouts. The chain is borrowed: it must outlive the cache.
 * Returns NULL if fc is NULL, max_entries is 0, or memory ran out. */
layout_cache *layout_cache_new(fontchain *fc, size_t max_entries);

/* Wipes every stored text, frees every layout and the cache. Every pointer
 * layout_cache_get returned is invalid afterwards. Accepts NULL. */
void layout_cache_destroy(layout_cache *c);

/* The layout of `len` bytes of `text` with params `p`, exactly as
 * layout_text would make it: from the cache if this key was laid out
 * before, else laid out now and cached (which may evict the least recently
 * used entry). Params that layout_text treats alike share an entry
 * (line_spacing <= 0, max_extent <= 0, max_lines <= 0).
 *
 * The layout is owned by the cache: do not free or change it. The pointer
 * stays valid until its entry is evicted — that is, until max_entries
 * other keys have been added to the cache since it was last returned — or
 * the cache is destroyed. A caller that keeps it longer must copy what it needs.
 *
 * Returns NULL if c or p is NULL, text is NULL with len > 0, the params
 * are rejected by layout_text (LAYOUT_BAD_PARAMS), or memory ran out;
 * nothing is cached then. text NULL with len 0 is the empty text. */
const layout *layout_cache_get(layout_cache *c, const char *text, size_t len,
                               const layout_params *p);

/* The counters so far (all zero for NULL). */
layout_cache_counts layout_cache_stats(const layout_cache *c);

#endif
