/* ink_split.c — a note tessellated and rasterised by two threads: the
 * caller's and one worker that sleeps between notes. */
#include "ink_split.h"

#include <math.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "ink_px.h"

/* Histogram bins for the row split: fine enough that the halves' work
 * differs by a percent or so on a page of writing. */
#define SPLIT_BINS 256
/* A shape costs its rows plus about this many rows' worth of setup. */
#define SETUP_ROWS 4
#define CACHE_LINE 64
/* Strokes are tessellated in chunks that either thread takes as it comes
 * free, so a worker that wakes late (tens of microseconds on a busy
 * machine) costs little: about this many chunks per note, of whole
 * strokes. */
#define CHUNKS 64
/* Polls of the worker's "done" before sleeping on it: ~100 us. */
#define SPIN_POLLS 4000

/* A run of strokes and, once tessellated, where its shapes went. */
typedef struct split_chunk {
	size_t s0, s1;        /* strokes [s0, s1) */
	int owner;            /* the part that tessellated it: its mesh */
	size_t from, to;      /* shapes [from, to) of that mesh */
	float box[4];         /* its shapes' bounds as ink_draw's dirty rect takes them */
	float ylo, yhi;       /* rows its ink may reach (renderer px) */
} split_chunk;

/* What both threads draw: the note, and who does which part. */
typedef struct split_job {
	ink_raster_target t;
	const ink *k;
	ink_tess_xform xf;
	float pen_px;
	const ink_tess_rgba *pal;
	split_chunk chunk[CHUNKS];
	int nchunks;
} split_job;

struct ink_split {
	SDL_Thread *th;       /* NULL until the first note, or if it could not start */
	bool no_thread;       /* starting it failed: work alone from now on */
	SDL_sem *go, *done;   /* caller -> worker: a job (or quit); worker -> caller: done */
	bool quit;
	split_job job;
	char apart0[CACHE_LINE]; /* the counters and each part's mesh on lines of their own:
	                          * both threads write them all the time */
	atomic_int next;      /* the next chunk to take */
	atomic_int tessed;    /* chunks done */
	atomic_int halves;    /* halves of the rows taken */
	atomic_bool failed;   /* a chunk's tessellation failed */
	struct {
		char apart[CACHE_LINE];
		ink_tess_mesh mesh;
		uint32_t cost[SPLIT_BINS]; /* the part's shapes' estimated cost, by row of their centre */
	} part[2];
	char apart1[CACHE_LINE];
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

static bool stroke_ok(const ink *k, const ink_stroke *st)
{
	return st->first <= k->npoints && st->count <= k->npoints - st->first;
}

/* Adds chunk ch's shapes (in part p's mesh) to the part's cost by row: a
 * shape costs its rows plus its setup, and lies around its centre. Notes
 * the chunk's bounds: each shape's ends widened by 1.1 ho (a band reaches
 * ho times its mitre's stretch, under 1.1, beyond its centre line: the
 * dirty rect), and the rows its ink may reach with twice that kept. */
static void weigh(ink_split *sp, int p, split_chunk *ch)
{
	const SDL_Rect *c = &sp->job.t.clip;
	const ink_tess_shape *s = sp->part[p].mesh.s;
	float scale = c->h > 0 ? (float)SPLIT_BINS / (float)c->h : 0;
	float top = (float)c->y - sp->job.t.oy, *b4 = ch->box, most = 0;
	b4[0] = b4[1] = INFINITY;
	b4[2] = b4[3] = -INFINITY;
	for (size_t i = ch->from; i < ch->to; i++) {
		bool band = s[i].kind == INK_TESS_BAND;
		float r = s[i].ho * 1.1f;
		most = max_f(r, most);
		/* As ink_draw's grow_dirty, the new value first (a NaN is passed over). */
		b4[0] = min_f(min_f(s[i].ax, s[i].bx) - r, b4[0]), b4[1] = min_f(min_f(s[i].ay, s[i].by) - r, b4[1]);
		b4[2] = max_f(max_f(s[i].ax, s[i].bx) + r, b4[2]), b4[3] = max_f(max_f(s[i].ay, s[i].by) + r, b4[3]);
		float y = band ? (s[i].ay + s[i].by) * 0.5f : s[i].ay;
		float rows = (band ? fabsf(s[i].by - s[i].ay) : 0) + 2 * s[i].ho + SETUP_ROWS;
		float b = (y - top) * scale; /* NaN goes to bin 0 */
		int bin = b >= 0 && b < SPLIT_BINS ? (int)b : b >= SPLIT_BINS ? SPLIT_BINS - 1 : 0;
		sp->part[p].cost[bin] += rows < 1e6f ? (uint32_t)rows : 1000000u;
	}
	ch->ylo = b4[1] - most - 1;
	ch->yhi = b4[3] + most + 1;
}

/* The row that halves the cost of both parts' shapes: both threads get
 * the same row from the same numbers. */
static int split_row(const ink_split *sp)
{
	const SDL_Rect *c = &sp->job.t.clip;
	uint64_t total = 0, run = 0;
	for (int b = 0; b < SPLIT_BINS; b++)
		total += (uint64_t)sp->part[0].cost[b] + sp->part[1].cost[b];
	int b = 0;
	while (b < SPLIT_BINS - 1 && (run += (uint64_t)sp->part[0].cost[b] + sp->part[1].cost[b]) < total / 2)
		b++;
	return c->y + (int)((int64_t)(b + 1) * c->h / SPLIT_BINS);
}

/* Takes chunks until none is left, tessellating each into part p's mesh. */
static void tess_chunks(ink_split *sp, int p)
{
	split_job *j = &sp->job;
	ink_tess_mesh *m = &sp->part[p].mesh;
	for (int i; (i = atomic_fetch_add(&sp->next, 1)) < j->nchunks;) {
		split_chunk *c = &j->chunk[i];
		c->owner = p;
		c->from = m->ns;
		if (!ink_tess_strokes(m, j->k, c->s0, c->s1, &j->xf, j->pen_px, j->pal))
			atomic_store(&sp->failed, true);
		c->to = m->ns;
		weigh(sp, p, c);
		atomic_fetch_add(&sp->tessed, 1);
	}
}

/* Every chunk's shapes, in note order, into rows [y0, y1) of the clip. */
static void raster_rows(const ink_split *sp, int y0, int y1)
{
	const split_job *j = &sp->job;
	ink_raster_target t = j->t;
	t.clip.y = y0;
	t.clip.h = y1 - y0;
	if (t.clip.h <= 0 || t.clip.w <= 0)
		return;
	for (int i = 0; i < j->nchunks; i++) {
		const split_chunk *c = &j->chunk[i];
		/* A chunk is a few characters, in a line: the other half's are
		 * skipped whole. A NaN bound skips nothing. */
		if (c->yhi + t.oy < (float)y0 || c->ylo + t.oy > (float)y1)
			continue;
		ink_raster_shapes(&t, sp->part[c->owner].mesh.s + c->from, c->to - c->from);
	}
}

/* Waits for the chunks the other part is still tessellating: each takes
 * a few microseconds. Spins, and yields if that part was not scheduled. */
static void wait_tessed(ink_split *sp)
{
	for (unsigned i = 0; atomic_load(&sp->tessed) < sp->job.nchunks; i++) {
		if (i >= 256)
			sched_yield();
	}
}

/* Part p of the job: chunks while there are any, then (once all are
 * tessellated) halves of the rows while there are any: a worker that
 * wakes late (a busy machine) leaves both to the caller. */
static void run_part(ink_split *sp, int p)
{
	const split_job *j = &sp->job;
	tess_chunks(sp, p);
	wait_tessed(sp);
	if (atomic_load(&sp->failed))
		return;
	int mid = split_row(sp);
	for (int h; (h = atomic_fetch_add(&sp->halves, 1)) < 2;) {
		if (h)
			raster_rows(sp, mid, j->t.clip.y + j->t.clip.h);
		else
			raster_rows(sp, j->t.clip.y, mid);
	}
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

/* Waits until the worker is done with the job. The halves take about as
 * long, so it is usually a few microseconds away: poll (no system call)
 * before sleeping, since waking a sleeping thread costs tens of
 * microseconds on a virtual machine. */
static void wait_worker(ink_split *sp)
{
	for (unsigned i = 0; i < SPIN_POLLS; i++)
		if (SDL_SemTryWait(sp->done) == 0)
			return;
	while (SDL_SemWait(sp->done) != 0)
		; /* interrupted: the worker still holds the job */
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

/* Cuts the note's strokes into chunks of about equal points. */
static void make_chunks(split_job *j)
{
	const ink *k = j->k;
	size_t total = 0, run = 0;
	for (size_t i = 0; i < k->nstrokes; i++)
		total += stroke_ok(k, &k->strokes[i]) ? k->strokes[i].count : 0;
	size_t per = total / CHUNKS + 1;
	j->nchunks = 0;
	for (size_t s = 0, s0 = 0; s < k->nstrokes; s++) {
		run += stroke_ok(k, &k->strokes[s]) ? k->strokes[s].count : 0;
		if (s + 1 == k->nstrokes || (run >= per && j->nchunks < CHUNKS - 1)) {
			j->chunk[j->nchunks++] = (split_chunk){.s0 = s0, .s1 = s + 1};
			s0 = s + 1;
			run = 0;
		}
	}
}

bool ink_split_note(ink_split *sp, const ink_raster_target *t, const ink *k,
                    const ink_tess_xform *xf, float pen_px, const ink_tess_rgba pal[INK_COLOURS],
                    float dirty[4])
{
	split_job *j = &sp->job;
	j->t = *t;
	j->k = k;
	j->xf = *xf;
	j->pen_px = pen_px;
	j->pal = pal;
	make_chunks(j);
	for (int p = 0; p < 2; p++) {
		ink_tess_mesh_clear(&sp->part[p].mesh);
		memset(sp->part[p].cost, 0, sizeof sp->part[p].cost);
	}
	atomic_store(&sp->next, 0);
	atomic_store(&sp->tessed, 0);
	atomic_store(&sp->halves, 0);
	atomic_store(&sp->failed, false);
	bool two = worker_ready(sp); /* else alone: every chunk, then both halves */
	if (two)
		SDL_SemPost(sp->go);
	run_part(sp, 0);
	if (two)
		wait_worker(sp);
	if (atomic_load(&sp->failed))
		return false; /* nothing drawn */
	for (int i = 0; i < j->nchunks; i++) {
		const float *b4 = j->chunk[i].box;
		dirty[0] = min_f(b4[0], dirty[0]), dirty[1] = min_f(b4[1], dirty[1]);
		dirty[2] = max_f(b4[2], dirty[2]), dirty[3] = max_f(b4[3], dirty[3]);
	}
	return true;
}
