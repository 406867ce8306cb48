/* atlas.c — FreeType glyphs packed on shelves into SDL texture pages. */
#include "atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MAX_SIDE 1024
#define PAGE_MIN_SIDE 256
#define PAD 1 /* empty texels around each glyph, so no neighbour bleeds in */

enum { SLOT_FREE = 0, SLOT_USED = 1 };

typedef struct entry {
	uint8_t state;
	uint8_t kind;         /* atlas_result: GLYPH, EMPTY or BOX */
	uint16_t face;
	uint32_t glyph;
	uint32_t size26;      /* size in 1/64 px */
	uint32_t rgb;         /* ink colour the glyph is stored in, 0xRRGGBB */
	atlas_glyph g;
} entry;

typedef struct page {
	SDL_Texture *tex;     /* NULL: not created yet */
	int shelf_y, shelf_h, pen_x;
	uint64_t last_use;
} page;

struct atlas {
	SDL_Renderer *r;
	fontchain *fc;
	int side;
	size_t max_pages;
	page *pages;
	size_t npages;
	size_t cur;           /* the page new glyphs go to */
	entry *table;         /* open addressing, linear probing; cap a power of 2 */
	size_t cap, used;
	uint64_t frame;
	uint32_t *pixels;     /* upload buffer, side * side */
	atlas_counts counts;
};

static size_t page_bytes(int side)
{
	return (size_t)side * (size_t)side * 4;
}

atlas *atlas_new(SDL_Renderer *r, fontchain *fc, size_t budget_bytes)
{
	atlas *a;
	int side = PAGE_MAX_SIDE;

	if (!r || !fc)
		return NULL;
	while (side > PAGE_MIN_SIDE && budget_bytes < 2 * page_bytes(side))
		side /= 2;
	if (!(a = calloc(1, sizeof *a)))
		return NULL;
	a->r = r;
	a->fc = fc;
	a->side = side;
	a->max_pages = budget_bytes / page_bytes(side);
	if (a->max_pages < 1)
		a->max_pages = 1;
	a->cap = 256;
	a->frame = 1;
	a->pages = calloc(a->max_pages, sizeof *a->pages);
	a->table = calloc(a->cap, sizeof *a->table);
	a->pixels = malloc(page_bytes(side));
	if (!a->pages || !a->table || !a->pixels)
		goto err_free;
	return a;
err_free:
	atlas_destroy(a);
	return NULL;
}

static void drop_pages(atlas *a)
{
	for (size_t i = 0; i < a->npages; i++)
		if (a->pages[i].tex)
			SDL_DestroyTexture(a->pages[i].tex);
	memset(a->pages, 0, a->max_pages * sizeof *a->pages);
	a->npages = 0;
	a->cur = 0;
}

void atlas_destroy(atlas *a)
{
	if (!a)
		return;
	if (a->pages)
		drop_pages(a);
	free(a->pages);
	free(a->table);
	free(a->pixels);
	free(a);
}

void atlas_reset(atlas *a)
{
	if (!a)
		return;
	drop_pages(a);
	memset(a->table, 0, a->cap * sizeof *a->table);
	a->used = 0;
	a->counts.resets++;
}

void atlas_begin(atlas *a)
{
	if (a)
		a->frame++;
}

static size_t hash(unsigned face, uint32_t glyph, uint32_t size26, uint32_t rgb)
{
	uint64_t h = ((uint64_t)face << 48) ^ ((uint64_t)size26 << 24) ^ glyph ^ ((uint64_t)rgb << 29);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static entry *find_slot(entry *table, size_t cap, unsigned face, uint32_t glyph, uint32_t size26,
                        uint32_t rgb)
{
	size_t i = hash(face, glyph, size26, rgb) & (cap - 1);
	while (table[i].state == SLOT_USED &&
	       !(table[i].face == face && table[i].glyph == glyph && table[i].size26 == size26 &&
	         table[i].rgb == rgb))
		i = (i + 1) & (cap - 1);
	return &table[i];
}

/* Rebuilds the table into `cap` slots, leaving out the glyphs of page
 * `drop` (-1: none). Rebuilding instead of tombstones keeps probing short
 * after evictions, which are rare. */
static bool rebuild(atlas *a, size_t cap, int drop)
{
	entry *t = calloc(cap, sizeof *t);
	if (!t)
		return false;
	a->used = 0;
	for (size_t i = 0; i < a->cap; i++) {
		entry *e = &a->table[i];
		if (e->state != SLOT_USED || (e->kind == ATLAS_GLYPH && e->g.page == drop))
			continue;
		*find_slot(t, cap, e->face, e->glyph, e->size26, e->rgb) = *e;
		a->used++;
	}
	free(a->table);
	a->table = t;
	a->cap = cap;
	return true;
}

/* Loads the glyph's 8-bit coverage into a->pixels as ARGB in the ink
 * colour `rgb`, with a PAD-texel empty border. Stored already tinted: the
 * software renderer's colour-modulated blit is ~3x slower than a plain one. Returns the kind; for ATLAS_GLYPH fills the size
 * and bearings of *g. */
static atlas_result rasterise(atlas *a, unsigned face, uint32_t glyph, uint32_t size26, uint32_t rgb,
                              atlas_glyph *g)
{
	FT_Face ft = fontchain_ft(a->fc, face);
	FT_Bitmap *bm;

	if (!ft)
		return ATLAS_BOX;
	/* Set every time: the chain's faces are shared (other atlases, other
	 * sizes), and this runs only on a cache miss. */
	if (FT_Set_Char_Size(ft, 0, (FT_F26Dot6)size26, 72, 72))
		return ATLAS_BOX;
	/* No FT_LOAD_COLOR: a colour-only (CBDT emoji) glyph fails here or is
	 * not gray, and becomes a box. */
	if (FT_Load_Glyph(ft, glyph, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT))
		return ATLAS_BOX;
	a->counts.rasterised++;
	bm = &ft->glyph->bitmap;
	if (bm->width == 0 || bm->rows == 0)
		return ATLAS_EMPTY;
	if (bm->pixel_mode != FT_PIXEL_MODE_GRAY && bm->pixel_mode != FT_PIXEL_MODE_MONO)
		return ATLAS_BOX;
	if ((int)bm->width + 2 * PAD > a->side || (int)bm->rows + 2 * PAD > a->side)
		return ATLAS_BOX;
	*g = (atlas_glyph){.w = (int)bm->width, .h = (int)bm->rows, .left = ft->glyph->bitmap_left,
	                   .top = ft->glyph->bitmap_top};
	int pw = g->w + 2 * PAD, ph = g->h + 2 * PAD;
	memset(a->pixels, 0, (size_t)pw * (size_t)ph * 4);
	for (int y = 0; y < g->h; y++) {
		const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
		uint32_t *out = a->pixels + (size_t)(y + PAD) * (size_t)pw + PAD;
		for (int x = 0; x < g->w; x++) {
			unsigned cov = bm->pixel_mode == FT_PIXEL_MODE_GRAY
			                   ? row[x]
			                   : ((row[x >> 3] >> (7 - (x & 7))) & 1) * 255u;
			out[x] = (uint32_t)cov << 24 | rgb;
		}
	}
	return ATLAS_GLYPH;
}

static bool create_page(atlas *a, page *p)
{
	p->tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, a->side,
	                           a->side);
	if (!p->tex)
		return false;
	SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
	SDL_SetTextureScaleMode(p->tex, SDL_ScaleModeNearest);
	return true;
}

/* Empties the least recently used page for reuse. Returns its index, -1
 * if all were used in this batch (ATLAS_FULL), -2 out of memory. */
static int evict(atlas *a)
{
	size_t victim = 0;
	for (size_t i = 1; i < a->npages; i++)
		if (a->pages[i].last_use < a->pages[victim].last_use)
			victim = i;
	if (a->pages[victim].last_use >= a->frame)
		return -1;
	if (!rebuild(a, a->cap, (int)victim))
		return -2;
	page *p = &a->pages[victim];
	p->shelf_y = p->shelf_h = p->pen_x = 0;
	a->counts.evictions++;
	return (int)victim;
}

/* Reserves pw x ph texels on page p's shelves. */
static bool shelf_fit(const atlas *a, page *p, int pw, int ph, int *x, int *y)
{
	if (p->pen_x + pw > a->side) {
		p->shelf_y += p->shelf_h;
		p->shelf_h = p->pen_x = 0;
	}
	if (p->shelf_y + ph > a->side)
		return false;
	*x = p->pen_x;
	*y = p->shelf_y;
	p->pen_x += pw;
	if (ph > p->shelf_h)
		p->shelf_h = ph;
	return true;
}

/* Finds room for pw x ph: the page being filled, a new page, or an
 * evicted one. Returns the page index, -1 full for this batch, -2 error. */
static int place(atlas *a, int pw, int ph, int *x, int *y)
{
	if (a->npages && shelf_fit(a, &a->pages[a->cur], pw, ph, x, y))
		return (int)a->cur;
	if (a->npages < a->max_pages) {
		page *p = &a->pages[a->npages];
		if (!create_page(a, p))
			return -2;
		a->cur = a->npages++;
	} else {
		int v = evict(a);
		if (v < 0)
			return v;
		a->cur = (size_t)v;
	}
	shelf_fit(a, &a->pages[a->cur], pw, ph, x, y);
	return (int)a->cur;
}

static atlas_result add(atlas *a, entry *e, atlas_glyph *out)
{
	atlas_glyph g = {.page = -1};
	atlas_result k = rasterise(a, e->face, e->glyph, e->size26, e->rgb, &g);
	if (k == ATLAS_GLYPH) {
		int pw = g.w + 2 * PAD, ph = g.h + 2 * PAD, x = 0, y = 0;
		int pg = place(a, pw, ph, &x, &y);
		if (pg < 0)
			return pg == -1 ? ATLAS_FULL : ATLAS_ERROR;
		SDL_Rect rect = {x, y, pw, ph};
		if (SDL_UpdateTexture(a->pages[pg].tex, &rect, a->pixels, pw * 4))
			return ATLAS_ERROR;
		g.page = pg;
		g.x = x + PAD;
		g.y = y + PAD;
		a->pages[pg].last_use = a->frame;
	}
	/* place() may have rebuilt the table: find the slot again. */
	entry *slot = find_slot(a->table, a->cap, e->face, e->glyph, e->size26, e->rgb);
	*slot = *e;
	slot->state = SLOT_USED;
	slot->kind = (uint8_t)k;
	slot->g = g;
	a->used++;
	*out = g;
	return k;
}

atlas_result atlas_lookup(atlas *a, unsigned face, uint32_t glyph, float size_px, uint32_t rgb,
                          atlas_glyph *out)
{
	if (!a || !out || !(size_px > 0) || size_px > 4096 || face >= fontchain_count(a->fc))
		return ATLAS_BOX;
	uint32_t size26 = (uint32_t)lroundf(size_px * 64);
	if ((a->used + 1) * 2 > a->cap && !rebuild(a, a->cap * 2, -1))
		return ATLAS_ERROR;
	rgb &= 0xFFFFFFu;
	entry *e = find_slot(a->table, a->cap, face, glyph, size26, rgb);
	if (e->state == SLOT_USED) {
		if (e->kind == ATLAS_GLYPH)
			a->pages[e->g.page].last_use = a->frame;
		*out = e->g;
		return (atlas_result)e->kind;
	}
	entry n = {.face = (uint16_t)face, .glyph = glyph, .size26 = size26, .rgb = rgb};
	return add(a, &n, out);
}

SDL_Texture *atlas_page(const atlas *a, int i)
{
	return a && i >= 0 && (size_t)i < a->npages ? a->pages[i].tex : NULL;
}

int atlas_page_side(const atlas *a)
{
	return a ? a->side : 0;
}

SDL_Renderer *atlas_renderer(const atlas *a)
{
	return a ? a->r : NULL;
}

size_t atlas_bytes(const atlas *a)
{
	return a ? a->npages * page_bytes(a->side) + a->cap * sizeof *a->table : 0;
}

void atlas_stats(const atlas *a, atlas_counts *out)
{
	if (!out)
		return;
	*out = (atlas_counts){0};
	if (!a)
		return;
	*out = a->counts;
	out->pages = a->npages;
	out->glyphs = a->used;
}
