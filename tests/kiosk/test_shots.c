/* test_shots.c — `kiosk_shots`, the picture checks of the kiosk's end-to-end
 * tests (tests/kiosk/e2e_*.sh):
 *
 *   kiosk_shots compare REF_DIR SHOT_DIR OUT_DIR NAME...
 *       SHOT_DIR/NAME.png against REF_DIR/NAME.png, with a tolerance. On a
 *       mismatch OUT_DIR/NAME_mismatch.png holds actual | expected | the
 *       differing pixels side by side, and its path is printed. With
 *       TREEHOLE_UPDATE_REFS=1 in the environment the shots are written to
 *       REF_DIR instead (look at every one before committing it).
 *   kiosk_shots content FILE
 *       fails if the picture is blank: one colour nearly everywhere.
 *   kiosk_shots same A B
 *       succeeds if two pictures match within the tolerance, else prints how
 *       many pixels differ and fails.
 *   kiosk_shots xwd FILE OUT.png
 *       converts an X window dump (Xvfb -fbdir's screen file) to PNG.
 *   kiosk_shots find FILE RRGGBB
 *       prints "X Y W H": the centre and size of the largest connected
 *       patch of that colour (a filled button), or fails if there is none;
 *       the Xvfb test clicks there, as a person aims at what they see.
 *
 * Exit status: 0 yes, 1 no (a message on stderr), 2 usage or unreadable file.
 *
 * Tolerance: the software renderer is deterministic on one machine, but
 * FreeType and SDL builds antialias a little differently. A pixel differs
 * when a channel moves more than CHANNEL_TOLERANCE; a picture matches if
 * at most 1/ALLOWED_DIVISOR of its pixels differ AND no BLOCK x BLOCK tile
 * has more than BLOCK_LIMIT differing pixels, so a changed word or digit
 * (a dense cluster) fails even though it is a tiny fraction of the screen,
 * while antialiasing noise (thin, spread out) passes. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#define CHANNEL_TOLERANCE 48
#define ALLOWED_DIVISOR 500     /* 0.2 % of the pixels */
#define BLOCK 16
#define BLOCK_LIMIT 40          /* of 256 pixels in a tile */
#define BLANK_SHARE 0.995       /* one colour on this share of pixels = blank */
#define EXIT_NO 1
#define EXIT_USAGE 2
#define BAD_ARGS (-1)        /* internal: print the usage */

typedef struct diff_result {
	long bad;                   /* differing pixels; -1 if the sizes differ */
	int worst_block;            /* differing pixels in the worst tile */
	int worst_x, worst_y;       /* its top-left corner */
} diff_result;

static uint32_t px(const SDL_Surface *s, int x, int y)
{
	return ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

static bool px_differs(uint32_t p, uint32_t q)
{
	for (int sh = 0; sh < 24; sh += 8) {
		int d = (int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF);
		if (d > CHANNEL_TOLERANCE || d < -CHANNEL_TOLERANCE)
			return true;
	}
	return false;
}

/* A PNG as ARGB8888, or NULL with a message. */
static SDL_Surface *load(const char *path)
{
	SDL_Surface *raw = IMG_Load(path), *s;

	if (!raw) {
		fprintf(stderr, "kiosk_shots: cannot read %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(raw);
	return s;
}

static int block_bad(const SDL_Surface *a, const SDL_Surface *b, int bx, int by)
{
	int n = 0;

	for (int y = by; y < SDL_min(by + BLOCK, a->h); y++)
		for (int x = bx; x < SDL_min(bx + BLOCK, a->w); x++)
			n += px_differs(px(a, x, y), px(b, x, y));
	return n;
}

static diff_result diff(const SDL_Surface *a, const SDL_Surface *b)
{
	diff_result r = { 0, 0, 0, 0 };

	if (a->w != b->w || a->h != b->h) {
		r.bad = -1;
		return r;
	}
	for (int by = 0; by < a->h; by += BLOCK)
		for (int bx = 0; bx < a->w; bx += BLOCK) {
			int n = block_bad(a, b, bx, by);
			r.bad += n;
			if (n > r.worst_block)
				r.worst_block = n, r.worst_x = bx, r.worst_y = by;
		}
	return r;
}

static bool matches(const SDL_Surface *a, diff_result r)
{
	long allowed = (long)a->w * a->h / ALLOWED_DIVISOR;
	return r.bad >= 0 && r.bad <= allowed && r.worst_block <= BLOCK_LIMIT;
}

static void report(const char *name, const SDL_Surface *a, const SDL_Surface *b, diff_result r)
{
	if (r.bad < 0) {
		fprintf(stderr, "%s: size %dx%d, expected %dx%d\n", name, a->w, a->h, b->w, b->h);
		return;
	}
	fprintf(stderr, "%s: %ld of %d pixels differ (allowed %d); worst %dx%d tile at (%d,%d) "
	        "has %d (allowed %d)\n", name, r.bad, a->w * a->h, a->w * a->h / ALLOWED_DIVISOR,
	        BLOCK, BLOCK, r.worst_x, r.worst_y, r.worst_block, BLOCK_LIMIT);
}

/* actual | expected | the differing pixels in magenta over a faded actual. */
static SDL_Surface *side_by_side(const SDL_Surface *a, const SDL_Surface *b)
{
	int gap = 6, w = a->w * 3 + gap * 2, h = SDL_max(a->h, b->h);
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

	if (!out)
		return NULL;
	SDL_FillRect(out, NULL, 0xFFFF00FFu);
	SDL_BlitSurface((SDL_Surface *)a, NULL, out, &(SDL_Rect){ 0, 0, a->w, a->h });
	SDL_BlitSurface((SDL_Surface *)b, NULL, out, &(SDL_Rect){ a->w + gap, 0, b->w, b->h });
	for (int y = 0; y < a->h; y++)
		for (int x = 0; x < a->w; x++) {
			uint32_t p = px(a, x, y);
			bool bad = x >= b->w || y >= b->h || px_differs(p, px(b, x, y));
			uint32_t faded = 0xFF000000u | (((p >> 2) & 0x3F3F3Fu) + 0x9F9F9Fu);
			((uint32_t *)((uint8_t *)out->pixels + (size_t)y * (size_t)out->pitch))
				[2 * (a->w + gap) + x] = bad ? 0xFFFF00FFu : faded;
		}
	return out;
}

static void save_mismatch(const char *out_dir, const char *name, const SDL_Surface *a,
                          const SDL_Surface *b)
{
	char path[4096];
	SDL_Surface *both = side_by_side(a, b);

	snprintf(path, sizeof path, "%s/%s_mismatch.png", out_dir, name);
	if (both && IMG_SavePNG(both, path) == 0)
		fprintf(stderr, "%s: actual | expected | differing pixels saved to %s\n", name, path);
	else
		fprintf(stderr, "%s: cannot save %s: %s\n", name, path, SDL_GetError());
	SDL_FreeSurface(both);
}

static bool update_ref(const char *ref_dir, const char *name, SDL_Surface *a)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s.png", ref_dir, name);
	if (IMG_SavePNG(a, path) != 0) {
		fprintf(stderr, "%s: cannot write %s: %s\n", name, path, SDL_GetError());
		return false;
	}
	printf("%s: reference rewritten (TREEHOLE_UPDATE_REFS=1): %s\n", name, path);
	return true;
}

/* One shot against its reference. Returns 0, EXIT_NO or EXIT_USAGE. */
static int compare_one(const char *ref_dir, const char *shot_dir, const char *out_dir,
                       const char *name, bool update)
{
	char path[4096];
	SDL_Surface *a, *b;
	diff_result r;
	int rc;

	snprintf(path, sizeof path, "%s/%s.png", shot_dir, name);
	if (!(a = load(path)))
		return EXIT_USAGE;
	if (update) {
		rc = update_ref(ref_dir, name, a) ? 0 : EXIT_USAGE;
		SDL_FreeSurface(a);
		return rc;
	}
	snprintf(path, sizeof path, "%s/%s.png", ref_dir, name);
	if (!(b = load(path))) {
		fprintf(stderr, "%s: no usable reference; TREEHOLE_UPDATE_REFS=1 creates it\n", name);
		SDL_FreeSurface(a);
		return EXIT_NO;
	}
	r = diff(a, b);
	rc = matches(a, r) ? 0 : EXIT_NO;
	if (rc) {
		report(name, a, b, r);
		save_mismatch(out_dir, name, a, b);
	} else {
		printf("%s: matches (%ld pixels differ slightly)\n", name, r.bad);
	}
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return rc;
}

static int cmd_compare(int argc, char **argv)
{
	const char *upd = getenv("TREEHOLE_UPDATE_REFS");
	bool update = upd && strcmp(upd, "1") == 0;
	int worst = 0;

	if (argc < 6)
		return BAD_ARGS;
	for (int i = 5; i < argc; i++) {
		int rc = compare_one(argv[2], argv[3], argv[4], argv[i], update);
		worst = rc > worst ? rc : worst;
	}
	return worst;
}

static int cmd_same(int argc, char **argv)
{
	SDL_Surface *a, *b;
	diff_result r;
	int rc = EXIT_USAGE;

	if (argc != 4)
		return BAD_ARGS;
	a = load(argv[2]);
	b = a ? load(argv[3]) : NULL;

	if (a && b) {
		r = diff(a, b);
		rc = matches(a, r) ? 0 : EXIT_NO;
		if (rc)
			report(argv[3], a, b, r);
	}
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return rc;
}

/* The share of pixels that have the most common colour of a sample. */
static double dominant_share(const SDL_Surface *s)
{
	uint32_t seen[64];
	long count[64] = { 0 }, total = 0, best = 0;
	int nseen = 0;

	for (int y = 0; y < s->h; y += 2)
		for (int x = 0; x < s->w; x += 2, total++) {
			uint32_t p = px(s, x, y) & 0xFFFFFFu;
			int i = 0;
			while (i < nseen && seen[i] != p)
				i++;
			if (i == nseen && nseen < 64)
				seen[nseen++] = p;
			if (i < nseen && ++count[i] > best)
				best = count[i];
		}
	return total ? (double)best / (double)total : 1.0;
}

static int cmd_content(int argc, char **argv)
{
	SDL_Surface *s;
	double share;

	if (argc != 3)
		return BAD_ARGS;
	if (!(s = load(argv[2])))
		return EXIT_USAGE;
	share = dominant_share(s);
	SDL_FreeSurface(s);
	if (share > BLANK_SHARE) {
		fprintf(stderr, "%s is blank: one colour covers %.2f%% of it\n", argv[2], share * 100);
		return EXIT_NO;
	}
	printf("%s has content: its most common colour covers %.1f%%\n", argv[2], share * 100);
	return 0;
}

static uint32_t xwd_field(const uint8_t *h, int i, bool big)
{
	const uint8_t *p = h + 4 * i;
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	           : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Xvfb's screen file: an XWD header (25 words), a colour map, then 32-bit
 * pixels. Only the 24/32-bit TrueColor layout Xvfb writes is read. */
static SDL_Surface *xwd_decode(const uint8_t *d, size_t n)
{
	bool big = n >= 100 && xwd_field(d, 1, true) == 7;
	uint32_t hsize, w, h, bpp, stride, ncolors, lsb;
	SDL_Surface *s;

	if (n < 100 || (!big && xwd_field(d, 1, false) != 7))
		return NULL;
	hsize = xwd_field(d, 0, big), w = xwd_field(d, 4, big), h = xwd_field(d, 5, big);
	lsb = xwd_field(d, 7, big) == 0, bpp = xwd_field(d, 11, big);
	stride = xwd_field(d, 12, big), ncolors = xwd_field(d, 19, big);
	if (bpp != 32 || w == 0 || h == 0 || w > 16384 || h > 16384 || stride < 4 * w ||
	    ncolors > 65536 || hsize + 12ull * ncolors + (uint64_t)stride * h > n)
		return NULL;
	d += hsize + 12 * ncolors;
	if (!(s = SDL_CreateRGBSurfaceWithFormat(0, (int)w, (int)h, 32, SDL_PIXELFORMAT_ARGB8888)))
		return NULL;
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			const uint8_t *p = d + (size_t)y * stride + 4 * x;
			uint32_t v = lsb ? (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]
			                 : (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
			((uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x] =
				0xFF000000u | v;
		}
	return s;
}

static int cmd_xwd(int argc, char **argv)
{
	size_t n = 0;
	uint8_t *d;
	SDL_Surface *s;
	int rc;

	if (argc != 4)
		return BAD_ARGS;
	d = SDL_LoadFile(argv[2], &n);
	s = d ? xwd_decode(d, n) : NULL;
	rc = s && IMG_SavePNG(s, argv[3]) == 0 ? 0 : EXIT_USAGE;
	if (rc)
		fprintf(stderr, "kiosk_shots: cannot convert %s: not a 32-bit XWD screen, or %s\n",
		        argv[2], SDL_GetError());
	SDL_FreeSurface(s);
	SDL_free(d);
	return rc;
}

#define FIND_TOLERANCE 24
#define FIND_MIN_PIXELS 200

typedef struct patch {
	long n;
	int x0, y0, x1, y1;
} patch;

static bool near_colour(uint32_t p, uint32_t want)
{
	for (int sh = 0; sh < 24; sh += 8) {
		int d = (int)((p >> sh) & 0xFF) - (int)((want >> sh) & 0xFF);
		if (d > FIND_TOLERANCE || d < -FIND_TOLERANCE)
			return false;
	}
	return true;
}

/* Flood-fills the patch at (x, y) with an explicit stack, marking seen. */
static patch flood(const SDL_Surface *s, uint32_t want, uint8_t *seen, int32_t *stack, int x,
                   int y)
{
	patch p = { 0, x, y, x, y };
	long top = 0;

	seen[(size_t)y * s->w + x] = 1;
	stack[top++] = y * s->w + x;
	while (top > 0) {
		int32_t i = stack[--top];
		int cx = i % s->w, cy = i / s->w;
		static const int dx[4] = { 1, -1, 0, 0 }, dy[4] = { 0, 0, 1, -1 };
		p.n++;
		p.x0 = SDL_min(p.x0, cx), p.x1 = SDL_max(p.x1, cx);
		p.y0 = SDL_min(p.y0, cy), p.y1 = SDL_max(p.y1, cy);
		for (int k = 0; k < 4; k++) {
			int nx = cx + dx[k], ny = cy + dy[k];
			size_t j = (size_t)ny * s->w + nx;
			if (nx < 0 || ny < 0 || nx >= s->w || ny >= s->h || seen[j] ||
			    !near_colour(px(s, nx, ny), want))
				continue;
			seen[j] = 1;
			stack[top++] = (int32_t)j;
		}
	}
	return p;
}

static patch largest_patch(const SDL_Surface *s, uint32_t want)
{
	size_t n = (size_t)s->w * s->h;
	uint8_t *seen = calloc(n, 1);
	int32_t *stack = malloc(n * sizeof *stack);
	patch best = { 0, 0, 0, 0, 0 };

	for (int y = 0; seen && stack && y < s->h; y++)
		for (int x = 0; x < s->w; x++) {
			if (seen[(size_t)y * s->w + x] || !near_colour(px(s, x, y), want))
				continue;
			patch p = flood(s, want, seen, stack, x, y);
			if (p.n > best.n)
				best = p;
		}
	free(seen);
	free(stack);
	return best;
}

static int cmd_find(int argc, char **argv)
{
	SDL_Surface *s;
	char *end;
	unsigned long want;
	patch p;

	if (argc != 4)
		return BAD_ARGS;
	want = strtoul(argv[3], &end, 16);
	if (*end || end == argv[3] || want > 0xFFFFFFul)
		return BAD_ARGS;
	if (!(s = load(argv[2])))
		return EXIT_USAGE;
	p = largest_patch(s, (uint32_t)want);
	SDL_FreeSurface(s);
	if (p.n < FIND_MIN_PIXELS) {
		fprintf(stderr, "%s: no patch of colour %06lx\n", argv[2], want);
		return EXIT_NO;
	}
	printf("%d %d %d %d\n", (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2, p.x1 - p.x0 + 1,
	       p.y1 - p.y0 + 1);
	return 0;
}

int main(int argc, char **argv)
{
	static const char usage[] =
		"usage: kiosk_shots compare REF_DIR SHOT_DIR OUT_DIR NAME...\n"
		"       kiosk_shots content FILE | same A B | xwd FILE OUT.png | find FILE RRGGBB\n";
	int rc = BAD_ARGS;

	if (argc >= 2 && strcmp(argv[1], "compare") == 0)
		rc = cmd_compare(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "content") == 0)
		rc = cmd_content(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "same") == 0)
		rc = cmd_same(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "xwd") == 0)
		rc = cmd_xwd(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "find") == 0)
		rc = cmd_find(argc, argv);
	if (rc == BAD_ARGS) {
		fputs(usage, stderr);
		rc = EXIT_USAGE;
	}
	return rc;
}
