/* atlas_raster.c — FreeType glyphs into ARGB: tinted coverage, colour
 * bitmaps scaled to the em, and the quarter turn of sideways glyphs. */
#include "atlas_raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bearings must fit the atlas's 16-bit glyph table. */
#define BEARING_MAX 30000

void atlas_scratch_free(atlas_scratch *s)
{
	if (!s)
		return;
	free(s->px);
	*s = (atlas_scratch){0};
}

static uint32_t *scratch_get(atlas_scratch *s, size_t n)
{
	if (n > s->cap) {
		uint32_t *p = realloc(s->px, n * sizeof *p);
		if (!p)
			return NULL;
		s->px = p;
		s->cap = n;
	}
	return s->px;
}

/* Sets the face to size26. Scalable faces are set exactly (scale 1);
 * bitmap-only faces (CBDT emoji) get the smallest strike at least that
 * large (else the largest), and *scale is what their bitmaps need. */
static bool set_size(FT_Face ft, uint32_t size26, double *scale)
{
	*scale = 1;
	if (FT_IS_SCALABLE(ft))
		return FT_Set_Char_Size(ft, 0, (FT_F26Dot6)size26, 72, 72) == 0;
	if (!FT_HAS_FIXED_SIZES(ft) || ft->num_fixed_sizes < 1)
		return false;
	int best = 0;
	for (int i = 1; i < ft->num_fixed_sizes; i++) {
		FT_Pos have = ft->available_sizes[best].y_ppem, cand = ft->available_sizes[i].y_ppem;
		bool cand_fits = cand >= (FT_Pos)size26, have_fits = have >= (FT_Pos)size26;
		if ((cand_fits && (!have_fits || cand < have)) || (!cand_fits && !have_fits && cand > have))
			best = i;
	}
	if (FT_Select_Size(ft, best) || ft->available_sizes[best].y_ppem <= 0)
		return false;
	*scale = (double)size26 / (double)ft->available_sizes[best].y_ppem;
	return true;
}

/* Writes coverage (GRAY or MONO) as ARGB in `rgb` into dst (rows of pw,
 * the bitmap at (ATLAS_PAD, ATLAS_PAD)). */
static void put_coverage(const FT_Bitmap *bm, uint32_t rgb, uint32_t *dst, int pw)
{
	for (int y = 0; y < (int)bm->rows; y++) {
		const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
		uint32_t *out = dst + (size_t)(y + ATLAS_PAD) * (size_t)pw + ATLAS_PAD;
		for (int x = 0; x < (int)bm->width; x++) {
			unsigned cov = bm->pixel_mode == FT_PIXEL_MODE_GRAY
			                   ? row[x]
			                   : ((row[x >> 3] >> (7 - (x & 7))) & 1) * 255u;
			out[x] = (uint32_t)cov << 24 | rgb;
		}
	}
}

/* Premultiplied channels (B, G, R, A) to straight-alpha ARGB. */
static uint32_t unpremultiply(float b, float g, float r, float a)
{
	long A = lroundf(a);
	if (A <= 0)
		return 0;
	if (A > 255)
		A = 255;
	float k = 255.0f / a;
	long R = lroundf(r * k), G = lroundf(g * k), B = lroundf(b * k);
	R = R > 255 ? 255 : R;
	G = G > 255 ? 255 : G;
	B = B > 255 ? 255 : B;
	return (uint32_t)A << 24 | (uint32_t)R << 16 | (uint32_t)G << 8 | (uint32_t)B;
}

/* One output sample of an area (box) filter: the source cells [k0, k1)
 * under output cell i of n_out, and the weight of cell k. */
static void box_span(int i, double ratio, int n_src, int *k0, int *k1)
{
	double a = i * ratio, b = (i + 1) * ratio;
	*k0 = (int)floor(a);
	*k1 = (int)ceil(b);
	if (*k1 > n_src)
		*k1 = n_src;
}

static float box_weight(int i, int k, double ratio)
{
	double a = i * ratio, b = (i + 1) * ratio;
	double lo = k > a ? k : a, hi = k + 1 < b ? k + 1 : b;
	return hi > lo ? (float)((hi - lo) / ratio) : 0;
}

/* Scales a premultiplied BGRA bitmap to dw x dh with an area filter
 * (horizontal pass, then vertical), writing straight ARGB into dst (rows
 * of pw, at (ATLAS_PAD, ATLAS_PAD)). Returns false out of memory. */
static bool put_bgra_scaled(const FT_Bitmap *bm, int dw, int dh, uint32_t *dst, int pw)
{
	int sw = (int)bm->width, sh = (int)bm->rows;
	double rx = (double)sw / dw, ry = (double)sh / dh;
	float *tmp = calloc((size_t)sh * (size_t)dw * 4, sizeof *tmp);

	if (!tmp)
		return false;
	for (int y = 0; y < sh; y++) {
		const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
		for (int i = 0, k0, k1; i < dw; i++) {
			float *t = tmp + ((size_t)y * (size_t)dw + (size_t)i) * 4;
			box_span(i, rx, sw, &k0, &k1);
			for (int k = k0; k < k1; k++)
				for (int c = 0; c < 4; c++)
					t[c] += box_weight(i, k, rx) * row[k * 4 + c];
		}
	}
	for (int j = 0, k0, k1; j < dh; j++) {
		uint32_t *out = dst + (size_t)(j + ATLAS_PAD) * (size_t)pw + ATLAS_PAD;
		box_span(j, ry, sh, &k0, &k1);
		for (int i = 0; i < dw; i++) {
			float acc[4] = {0, 0, 0, 0};
			for (int k = k0; k < k1; k++) {
				const float *t = tmp + ((size_t)k * (size_t)dw + (size_t)i) * 4;
				float w = box_weight(j, k, ry);
				for (int c = 0; c < 4; c++)
					acc[c] += w * t[c];
			}
			out[i] = unpremultiply(acc[0], acc[1], acc[2], acc[3]);
		}
	}
	free(tmp);
	return true;
}

/* Turns padded image src (pw x ph) a quarter clockwise into dst (ph x pw):
 * the glyph's baseline, left to right, then runs top to bottom. */
static void rotate_cw(const uint32_t *src, int pw, int ph, uint32_t *dst)
{
	for (int j = 0; j < pw; j++) {
		uint32_t *out = dst + (size_t)j * (size_t)ph;
		for (int i = 0; i < ph; i++)
			out[i] = src[(size_t)(ph - 1 - i) * (size_t)pw + (size_t)j];
	}
}

/* Bitmap size and bearings after scaling (colour strikes) — *w, *h, *l, *t. */
static void scaled_metrics(const FT_GlyphSlot gs, double scale, int *w, int *h, int *l, int *t)
{
	*w = (int)gs->bitmap.width, *h = (int)gs->bitmap.rows;
	*l = gs->bitmap_left, *t = gs->bitmap_top;
	if (scale == 1)
		return;
	*w = (int)lround(*w * scale), *h = (int)lround(*h * scale);
	*w = *w < 1 ? 1 : *w, *h = *h < 1 ? 1 : *h;
	*l = (int)lround(*l * scale), *t = (int)lround(*t * scale);
}

/* Draws the loaded glyph into s at (w x h), then turns it if sideways. */
static atlas_result put_glyph(FT_GlyphSlot gs, int w, int h, uint32_t rgb, bool sideways,
                              atlas_scratch *s, atlas_bitmap *out)
{
	const FT_Bitmap *bm = &gs->bitmap;
	int pw = w + 2 * ATLAS_PAD, ph = h + 2 * ATLAS_PAD;
	size_t n = (size_t)pw * (size_t)ph;
	uint32_t *px = scratch_get(s, sideways ? 2 * n : n);

	if (!px)
		return ATLAS_ERROR;
	memset(px, 0, n * sizeof *px);
	if (bm->pixel_mode != FT_PIXEL_MODE_BGRA)
		put_coverage(bm, rgb, px, pw);
	else if (!put_bgra_scaled(bm, w, h, px, pw))
		return ATLAS_ERROR;
	out->px = px;
	out->pw = pw, out->ph = ph;
	if (sideways) {
		rotate_cw(px, pw, ph, px + n);
		out->px = px + n;
		out->pw = ph, out->ph = pw;
	}
	return ATLAS_GLYPH;
}

atlas_result atlas_rasterise(FT_Face ft, uint32_t glyph, uint32_t size26, uint32_t rgb,
                             bool sideways, int max_side, atlas_scratch *s, atlas_bitmap *out,
                             bool *rasterised)
{
	FT_Int32 flags = FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT;
	double scale;
	int w, h, l, t;

	*rasterised = false;
	if (!ft || !set_size(ft, size26, &scale))
		return ATLAS_BOX;
	if (FT_HAS_COLOR(ft))
		flags |= FT_LOAD_COLOR;
	if (FT_Load_Glyph(ft, glyph, flags))
		return ATLAS_BOX;
	*rasterised = true;
	const FT_Bitmap *bm = &ft->glyph->bitmap;
	if (bm->width == 0 || bm->rows == 0)
		return ATLAS_EMPTY;
	if (bm->pixel_mode != FT_PIXEL_MODE_GRAY && bm->pixel_mode != FT_PIXEL_MODE_MONO &&
	    bm->pixel_mode != FT_PIXEL_MODE_BGRA)
		return ATLAS_BOX;
	/* Only colour bitmaps come at fixed strikes that need scaling. */
	scaled_metrics(ft->glyph, bm->pixel_mode == FT_PIXEL_MODE_BGRA ? scale : 1, &w, &h, &l, &t);
	if (w + 2 * ATLAS_PAD > max_side || h + 2 * ATLAS_PAD > max_side || abs(l) > BEARING_MAX ||
	    abs(t) > BEARING_MAX)
		return ATLAS_BOX;
	atlas_result k = put_glyph(ft->glyph, w, h, rgb, sideways, s, out);
	if (k != ATLAS_GLYPH)
		return k;
	out->colour = bm->pixel_mode == FT_PIXEL_MODE_BGRA;
	/* Turned clockwise, the box [l, l+w) x [-t, h-t) (y down, from the
	 * origin) becomes [t-h, t) x [l, l+w). */
	out->w = sideways ? h : w, out->h = sideways ? w : h;
	out->left = sideways ? t - h : l;
	out->top = sideways ? -l : t;
	return ATLAS_GLYPH;
}
