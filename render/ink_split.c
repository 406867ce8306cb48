/* ink_split.c — a note tessellated and rasterised by two threads: the
 * caller's and one worker that sleeps between notes. */
#include "ink_split.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include <SDL.h>

/* Histogram bins for the row split: fine enough that the halves' ink
 * differs by a percent or so on a page of writing. */
#define SPLIT_BINS 256
#define CACHE_LINE 64

/* What both threads draw: the note, and who does which part. */
typedef struct split_job {
	ink_raster_target t;
	const ink *k;
	ink_tess_xform xf;
	float pen_px;
	const ink_tess_rgba *pal;
	size_t mid;   /* strokes [0, mid) are tessellated by part 0, the rest by part 1 */
	int split_y;  /* rows [clip.y, split_y) are drawn by part 0, the rest by part 1 */
} split_job;

struct ink_split {
	SDL_Thread *th;       /* NULL until the first note, or if it could not start */
	bool no_thread;       /* starting it failed: work alone from now on */
	SDL_sem *go, *done;   /* caller -> worker: a job (or quit); worker -> caller: done */
	bool quit;
	split_job job;
	atomic_int tessed;    /* parts that finished tessellating */
	struct {
		char apart[CACHE_LINE]; /* no cache line shared with the other part or the rest:
		                         * each append writes the mesh's counts */
		ink_tess_mesh mesh;
		bool ok;              /* this part's tessellation succeeded */
	} part[2];
	char apart[CACHE_LINE];
};

ink_split *ink_split_new(void)
{
	ink_split *sp = calloc(1, sizeof *sp);
	if (!sp)
		return NULL;
	sp->part[0].mesh.shapes = sp->part[1].mesh.shapes = true;
	return sp;
}

void ink_split_destroy(ink_split *sp)
{
	if (!sp)
		return;
	if (sp->th) {
		sp->quit = true;
		SDL_SemPost(sp->go);
		SDL_WaitThread(sp->th, NULL);
	}
	if (sp->go)
		SDL_DestroySemaphore(sp->go);
	if (sp->done)
		SDL_DestroySemaphore(sp->done);
	ink_tess_mesh_free(&sp->part[0].mesh);
	ink_tess_mesh_free(&sp->part[1].mesh);
	free(sp);
}

/* Strokes [s0, s1) of the job's note into m, as ink_tess_note would. */
static bool tess_strokes(ink_tess_mesh *m, const split_job *j, size_t s0, size_t s1)
{
	const ink *k = j->k;
	ink_tess_mesh_clear(m);
	for (size_t s = s0; s < s1; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (st->first > k->npoints || st->count > k->npoints - st->first)
			continue;
		if (!ink_tess_stroke(m, k->points + st->first, st->count, &j->xf, j->pen_px,
		                     j->pal[st->colour < INK_COLOURS ? st->colour : 0]))
			return false;
	}
	return true;
}

/* Both meshes, in note order, into rows [y0, y1) of the job's clip. */
static void raster_rows(const ink_split *sp, int y0, int y1)
{
	ink_raster_target t = sp->job.t;
	t.clip.y = y0;
	t.clip.h = y1 - y0;
	if (t.clip.h <= 0 || t.clip.w <= 0)
		return;
	ink_raster_shapes(&t, sp->part[0].mesh.s, sp->part[0].mesh.ns);
	ink_raster_shapes(&t, sp->part[1].mesh.s, sp->part[1].mesh.ns);
}

/* Waits for the other part's tessellation. It is running (or about to,
 * on the other core) and takes about as long as ours: spin, and yield
 * if it was not scheduled. */
static void wait_tessed(ink_split *sp)
{
	for (unsigned i = 0; atomic_load(&sp->tessed) < 2; i++) {
		if (i >= 256)
			sched_yield();
	}
}

/* Part p of the job: its strokes, then (once both are tessellated) its
 * rows. */
static void run_part(ink_split *sp, int p)
{
	const split_job *j = &sp->job;
	sp->part[p].ok = p ? tess_strokes(&sp->part[1].mesh, j, j->mid, j->k->nstrokes)
	                   : tess_strokes(&sp->part[0].mesh, j, 0, j->mid);
	atomic_fetch_add(&sp->tessed, 1);
	wait_tessed(sp);
	if (!sp->part[0].ok || !sp->part[1].ok)
		return;
	int top = j->t.clip.y, bottom = j->t.clip.y + j->t.clip.h;
	if (p)
		raster_rows(sp, j->split_y, bottom);
	else
		raster_rows(sp, top, j->split_y);
}

static int worker(void *arg)
{
	ink_split *sp = arg;
	for (;;) {
		if (SDL_SemWait(sp->go) != 0)
			continue; /* interrupted: nothing was posted */
		if (sp->quit)
			return 0;
		run_part(sp, 1);
		SDL_SemPost(sp->done);
	}
}

static bool worker_ready(ink_split *sp)
{
	if (sp->th)
		return true;
	if (sp->no_thread)
		return false;
	if (!sp->go && !(sp->go = SDL_CreateSemaphore(0)))
		return sp->no_thread = true, false;
	if (!sp->done && !(sp->done = SDL_CreateSemaphore(0)))
		return sp->no_thread = true, false;
	if (!(sp->th = SDL_CreateThread(worker, "ink", sp)))
		sp->no_thread = true;
	return sp->th != NULL;
}

static bool stroke_ok(const ink *k, const ink_stroke *st)
{
	return st->first <= k->npoints && st->count <= k->npoints - st->first;
}

/* The first stroke of part 1: about half the points before it. */
static size_t stroke_mid(const ink *k)
{
	size_t total = 0, run = 0, s = 0;
	for (size_t i = 0; i < k->nstrokes; i++)
		total += stroke_ok(k, &k->strokes[i]) ? k->strokes[i].count : 0;
	while (s < k->nstrokes && run < total / 2) {
		run += stroke_ok(k, &k->strokes[s]) ? k->strokes[s].count : 0;
		s++;
	}
	return s;
}

/* The row that halves the ink: a histogram of the points' rows over the
 * clip (ink costs about the same per point wherever it is). */
static int row_mid(const split_job *j)
{
	const ink *k = j->k;
	const SDL_Rect *c = &j->t.clip;
	size_t bins[SPLIT_BINS] = {0}, total = 0, run = 0;
	float scale = (float)SPLIT_BINS / (float)c->h;
	for (size_t s = 0; s < k->nstrokes; s++) {
		const ink_stroke *st = &k->strokes[s];
		if (!stroke_ok(k, st))
			continue;
		for (size_t i = st->first; i < (size_t)st->first + st->count; i++) {
			float y = j->xf.oy + ((float)k->points[i].y + 0.5f) * j->xf.scale + j->t.oy;
			float b = (y - (float)c->y) * scale;
			bins[b < 0 ? 0 : b >= SPLIT_BINS ? SPLIT_BINS - 1 : (int)b]++;
			total++;
		}
	}
	int b = 0;
	while (b < SPLIT_BINS - 1 && (run += bins[b]) < total / 2)
		b++;
	return c->y + (int)((float)(b + 1) / scale);
}

bool ink_split_note(ink_split *sp, const ink_raster_target *t, const ink *k,
                    const ink_tess_xform *xf, float pen_px, const ink_tess_rgba pal[INK_COLOURS],
                    const ink_tess_mesh *m[2])
{
	split_job *j = &sp->job;
	*j = (split_job){*t, k, *xf, pen_px, pal, stroke_mid(k), t->clip.y};
	if (t->clip.h > 0)
		j->split_y = SDL_min(SDL_max(row_mid(j), t->clip.y), t->clip.y + t->clip.h);
	m[0] = &sp->part[0].mesh;
	m[1] = &sp->part[1].mesh;
	atomic_store(&sp->tessed, 0);
	if (worker_ready(sp)) {
		SDL_SemPost(sp->go);
		run_part(sp, 0);
		while (SDL_SemWait(sp->done) != 0)
			; /* interrupted: the worker still holds the job */
	} else {
		/* Alone: the same work in an order one thread can do. */
		sp->part[0].ok = tess_strokes(&sp->part[0].mesh, j, 0, j->mid);
		sp->part[1].ok = sp->part[0].ok && tess_strokes(&sp->part[1].mesh, j, j->mid, k->nstrokes);
		if (sp->part[1].ok)
			raster_rows(sp, t->clip.y, t->clip.y + t->clip.h);
	}
	return sp->part[0].ok && sp->part[1].ok;
}
