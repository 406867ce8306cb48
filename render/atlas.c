/* atlas.c — glyphs packed on shelves into pages: SDL textures on a GPU
 * renderer, SDL surfaces on the software renderer. */
/* For madvise(MADV_HUGEPAGE), a Linux extension (see page_pixels). */
#define _DEFAULT_SOURCE
#include "atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "atlas_raster.h"

#define HUGE_ALIGN (2u << 20)
#define PAGE_MAX_SIDE 1024
#define PAGE_MIN_SIDE 256
#define MAX_PAGES 65535 /* page numbers are 16-bit in the table */

enum { SLOT_FREE = 0, SLOT_USED = 1 };
enum { KEY_SIDEWAYS = 1 };

/* 32 bytes: the table is part of the budget, so it is kept small. */
typedef struct entry {
	uint32_t glyph;
	uint32_t size26;      /* size in 1/64 px */
	uint32_t rgb;         /* ink colour the glyph is stored in, 0xRRGGBB */
	uint16_t face;
	uint8_t state;
	uint8_t flags;        /* KEY_SIDEWAYS */
	uint8_t kind;         /* atlas_result: GLYPH, EMPTY or BOX */
	uint8_t colour;
	uint16_t page;
	uint16_t x, y, w, h;
	int16_t left, top;
} entry;

typedef struct page {
	SDL_Texture *tex;     /* GPU: the page; software: made from surf on demand */
	SDL_Surface *surf;    /* software renderer only */
	void *px;             /* its pixels */
	int shelf_y, shelf_h, pen_x;
	uint64_t last_use;
} page;

struct atlas {
	SDL_Renderer *r;
	fontchain *fc;
	SDL_Surface *target;  /* software renderer: the surface it draws on */
	bool soft;            /* pages are surfaces */
	int side;
	size_t budget;
	size_t max_pages;
	page *pages;
	size_t npages;
	size_t ntex;          /* software: pages that also have a texture */
	size_t cur;           /* the page new glyphs go to */
	entry *table;         /* open addressing, linear probing; cap a power of 2 */
	size_t cap, used;
	uint64_t frame;
	atlas_scratch scratch;
	atlas_counts counts;
};

static size_t page_bytes(int side)
{
	return (size_t)side * (size_t)side * 4;
}

static bool renderer_is_software(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	return SDL_GetRendererInfo(r, &info) == 0 && info.name && strcmp(info.name, "software") == 0;
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
	a->soft = renderer_is_software(r);
	a->side = side;
	a->budget = budget_bytes;
	a->max_pages = budget_bytes / page_bytes(side) + 1;
	if (a->max_pages > MAX_PAGES)
		a->max_pages = MAX_PAGES;
	a->cap = 256;
	a->frame = 1;
	a->pages = calloc(a->max_pages, sizeof *a->pages);
	a->table = calloc(a->cap, sizeof *a->table);
	if (!a->pages || !a->table)
		goto err_free;
	return a;
err_free:
	atlas_destroy(a);
	return NULL;
}

static void drop_pages(atlas *a)
{
	for (size_t i = 0; i < a->npages; i++) {
		if (a->pages[i].tex)
			SDL_DestroyTexture(a->pages[i].tex);
		SDL_FreeSurface(a->pages[i].surf);
		free(a->pages[i].px);
	}
	memset(a->pages, 0, a->max_pages * sizeof *a->pages);
	a->npages = 0;
	a->ntex = 0;
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
	atlas_scratch_free(&a->scratch);
	free(a);
}

bool atlas_set_target(atlas *a, SDL_Surface *target)
{
	if (!a || !a->soft)
		return false;
	a->target = target;
	return true;
}

SDL_Surface *atlas_target(const atlas *a)
{
	return a ? a->target : NULL;
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

static size_t hash(unsigned face, uint32_t glyph, uint32_t size26, uint32_t rgb, unsigned flags)
{
	uint64_t h = ((uint64_t)face << 48) ^ ((uint64_t)size26 << 24) ^ glyph ^ ((uint64_t)rgb << 29) ^
	             ((uint64_t)flags << 62);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static bool same_key(const entry *e, const entry *k)
{
	return e->face == k->face && e->glyph == k->glyph && e->size26 == k->size26 &&
	       e->rgb == k->rgb && e->flags == k->flags;
}

static entry *find_slot(entry *table, size_t cap, const entry *k)
{
	size_t i = hash(k->face, k->glyph, k->size26, k->rgb, k->flags) & (cap - 1);
	while (table[i].state == SLOT_USED && !same_key(&table[i], k))
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
		if (e->state != SLOT_USED || (e->kind == ATLAS_GLYPH && e->page == drop))
			continue;
		*find_slot(t, cap, e) = *e;
		a->used++;
	}
	free(a->table);
	a->table = t;
	a->cap = cap;
	return true;
}

static bool create_texture(atlas *a, page *p)
{
	p->tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, a->side,
	                           a->side);
	if (!p->tex)
		return false;
	SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
	SDL_SetTextureScaleMode(p->tex, SDL_ScaleModeNearest);
	return true;
}

/* Pixels of a surface page: zeroed, and on huge pages where the kernel
 * offers them on request, because drawing reads a glyph's rows a page
 * pitch (4 KiB) apart — one TLB entry each on small pages. */
static void *page_pixels(size_t bytes)
{
#ifdef MADV_HUGEPAGE
	if (bytes >= HUGE_ALIGN) {
		void *px;
		if (posix_memalign(&px, HUGE_ALIGN, bytes) != 0)
			return NULL;
		madvise(px, bytes, MADV_HUGEPAGE);
		return memset(px, 0, bytes);
	}
#endif
	return calloc(1, bytes);
}

static bool create_page(atlas *a, page *p)
{
	if (!a->soft)
		return create_texture(a, p);
	/* A page is written only in padded glyph rects. */
	if (!(p->px = page_pixels(page_bytes(a->side))))
		return false;
	p->surf = SDL_CreateRGBSurfaceWithFormatFrom(p->px, a->side, a->side, 32, a->side * 4,
	                                             SDL_PIXELFORMAT_ARGB8888);
	if (!p->surf) {
		free(p->px);
		p->px = NULL;
		return false;
	}
	SDL_SetSurfaceBlendMode(p->surf, SDL_BLENDMODE_BLEND);
	return true;
}

/* Whether one more page (and its texture, if pages get textures, and a
 * doubling of the table) still fits the budget. The first page always
 * fits. */
static bool room_for_page(const atlas *a)
{
	size_t cost = page_bytes(a->side) * (a->soft && a->ntex ? 2 : 1);
	if (a->npages == 0)
		return true;
	if (a->npages >= a->max_pages)
		return false;
	return atlas_bytes(a) + cost + a->cap * sizeof *a->table <= a->budget;
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
	if (room_for_page(a)) {
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

/* Writes the padded bitmap into page pg at (x, y): the surface and, if it
 * has one, the texture. */
static bool store(atlas *a, int pg, int x, int y, const atlas_bitmap *bm)
{
	page *p = &a->pages[pg];
	SDL_Rect rect = {x, y, bm->pw, bm->ph};

	if (p->surf) {
		for (int j = 0; j < bm->ph; j++)
			memcpy((uint8_t *)p->surf->pixels + (size_t)(y + j) * (size_t)p->surf->pitch +
			           (size_t)x * 4,
			       bm->px + (size_t)j * (size_t)bm->pw, (size_t)bm->pw * 4);
	}
	return !p->tex || SDL_UpdateTexture(p->tex, &rect, bm->px, bm->pw * 4) == 0;
}

static void to_glyph(const entry *e, atlas_glyph *g)
{
	*g = (atlas_glyph){.page = e->page, .x = e->x, .y = e->y, .w = e->w, .h = e->h,
	                   .left = e->left, .top = e->top, .colour = e->colour};
}

/* Rasterises key e, stores it in a page if it has pixels, and enters it
 * in the table. */
static atlas_result add(atlas *a, entry *e, atlas_glyph *out)
{
	atlas_bitmap bm;
	bool counted;
	atlas_result k = atlas_rasterise(fontchain_ft(a->fc, e->face), e->glyph, e->size26, e->rgb,
	                                 e->flags & KEY_SIDEWAYS, a->side, &a->scratch, &bm, &counted);
	if (counted)
		a->counts.rasterised++;
	if (k == ATLAS_ERROR)
		return SDL_OutOfMemory(), k;
	if (k == ATLAS_GLYPH) {
		int x = 0, y = 0, pg = place(a, bm.pw, bm.ph, &x, &y);
		if (pg < 0)
			return pg == -1 ? ATLAS_FULL : ATLAS_ERROR;
		if (!store(a, pg, x, y, &bm))
			return ATLAS_ERROR;
		a->pages[pg].last_use = a->frame;
		*e = (entry){.glyph = e->glyph, .size26 = e->size26, .rgb = e->rgb, .face = e->face,
		             .flags = e->flags, .colour = bm.colour, .page = (uint16_t)pg,
		             .x = (uint16_t)(x + ATLAS_PAD), .y = (uint16_t)(y + ATLAS_PAD),
		             .w = (uint16_t)bm.w, .h = (uint16_t)bm.h, .left = (int16_t)bm.left,
		             .top = (int16_t)bm.top};
	}
	/* place() may have rebuilt the table: find the slot again. */
	entry *slot = find_slot(a->table, a->cap, e);
	*slot = *e;
	slot->state = SLOT_USED;
	slot->kind = (uint8_t)k;
	a->used++;
	to_glyph(slot, out);
	return k;
}

atlas_result atlas_lookup(atlas *a, unsigned face, uint32_t glyph, float size_px, uint32_t rgb,
                          bool sideways, atlas_glyph *out)
{
	if (!a || !out || !(size_px > 0) || size_px > 4096 || face >= fontchain_count(a->fc))
		return ATLAS_BOX;
	entry key = {.glyph = glyph, .size26 = (uint32_t)lroundf(size_px * 64),
	             .rgb = rgb & 0xFFFFFFu, .face = (uint16_t)face,
	             .flags = sideways ? KEY_SIDEWAYS : 0};
	if ((a->used + 1) * 2 > a->cap && !rebuild(a, a->cap * 2, -1))
		return SDL_OutOfMemory(), ATLAS_ERROR;
	entry *e = find_slot(a->table, a->cap, &key);
	if (e->state == SLOT_USED) {
		if (e->kind == ATLAS_GLYPH)
			a->pages[e->page].last_use = a->frame;
		to_glyph(e, out);
		return (atlas_result)e->kind;
	}
	return add(a, &key, out);
}

SDL_Texture *atlas_page(atlas *a, int i)
{
	if (!a || i < 0 || (size_t)i >= a->npages)
		return NULL;
	page *p = &a->pages[i];
	if (!p->tex && p->surf) {
		if (!create_texture(a, p))
			return NULL;
		if (SDL_UpdateTexture(p->tex, NULL, p->surf->pixels, p->surf->pitch)) {
			SDL_DestroyTexture(p->tex);
			p->tex = NULL;
			return NULL;
		}
		a->ntex++;
	}
	return p->tex;
}

SDL_Surface *atlas_page_surface(const atlas *a, int i)
{
	return a && i >= 0 && (size_t)i < a->npages ? a->pages[i].surf : NULL;
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
	if (!a)
		return 0;
	size_t pages = a->npages + (a->soft ? a->ntex : 0);
	return pages * page_bytes(a->side) + a->cap * sizeof *a->table +
	       a->scratch.cap * sizeof *a->scratch.px;
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
