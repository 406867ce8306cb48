/* demo_ink.c — the demo store's handwritten notes: a sunrise sketched in
 * three inks, and 心 beside a heart. They go through the same builder as
 * the kiosk's canvas, so the demo shows ink exactly as a passenger's
 * drawing would be stored and drawn. */
#include "demo_ink.h"

#include <math.h>
#include <stddef.h>

#include "ink.h"

#define CANVAS_W 1280.0 /* the sketches' canvas, in its own units */
#define CANVAS_H 800.0
#define PI 3.14159265358979
#define CURVE_STEPS 48  /* points along a drawn curve; the builder resamples */

enum { INK_DARK, INK_BLUE_BLACK, INK_RED, INK_GREEN }; /* ink_palette's order */

/* A curve drawn as one stroke: f(t, arg) for t from t0 to t1. */
typedef void (*curve_fn)(double t, const double *arg, double *x, double *y);

static status curve(ink_builder *b, unsigned colour, curve_fn f, const double *arg, double t0,
                    double t1)
{
	status st = ink_builder_begin(b, colour);
	for (int i = 0; i <= CURVE_STEPS && !st; i++) {
		double x, y;
		f(t0 + (t1 - t0) * i / CURVE_STEPS, arg, &x, &y);
		st = ink_builder_add(b, x, y);
	}
	return st ? st : ink_builder_end(b);
}

/* A polyline stroke through pts[0..n) (x, y pairs), scaled by s and moved
 * by (dx, dy). */
static status polyline(ink_builder *b, unsigned colour, const short (*pts)[2], size_t n, double s,
                       double dx, double dy)
{
	status st = ink_builder_begin(b, colour);
	for (size_t i = 0; i < n && !st; i++)
		st = ink_builder_add(b, dx + pts[i][0] * s, dy + pts[i][1] * s);
	return st ? st : ink_builder_end(b);
}

/* arg: centre x, centre y, radius. t: angle, counter-clockwise on screen. */
static void arc(double t, const double *arg, double *x, double *y)
{
	*x = arg[0] + arg[2] * cos(t);
	*y = arg[1] - arg[2] * sin(t);
}

/* arg: x0, x1, y, amplitude. t: 0..1 across. */
static void wave(double t, const double *arg, double *x, double *y)
{
	*x = arg[0] + (arg[1] - arg[0]) * t;
	*y = arg[2] + arg[3] * sin(t * 11.0);
}

/* arg: centre x, centre y, scale. The classic heart curve. */
static void heart(double t, const double *arg, double *x, double *y)
{
	double s = sin(t);
	*x = arg[0] + arg[2] * 16 * s * s * s;
	*y = arg[1] - arg[2] * (13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t));
}

/* A bird far off: two wing arcs in one stroke. */
static status bird(ink_builder *b, double x, double y, double w)
{
	const short v[][2] = {{-40, -10}, {-28, -18}, {-14, -16}, {0, 0}, {14, -16}, {28, -18}, {40, -10}};
	return polyline(b, INK_DARK, v, sizeof v / sizeof v[0], w / 80, x, y);
}

/* Sunrise over a wavy horizon, rays, two birds. */
static status sunrise(ink_builder *b)
{
	const double horizon[] = {140, 1140, 560, 10}, sun[] = {640, 560, 150};
	status st = curve(b, INK_BLUE_BLACK, wave, horizon, 0, 1);
	if (!st)
		st = curve(b, INK_RED, arc, sun, PI, 0);
	for (int i = 0; i < 7 && !st; i++) {
		double a = (15 + 25 * i) * PI / 180;
		st = ink_builder_begin(b, INK_RED);
		if (!st)
			st = ink_builder_add(b, 640 + 190 * cos(a), 560 - 190 * sin(a));
		if (!st)
			st = ink_builder_add(b, 640 + 250 * cos(a), 560 - 250 * sin(a));
		if (!st)
			st = ink_builder_end(b);
	}
	if (!st)
		st = bird(b, 300, 250, 80);
	return st ? st : bird(b, 390, 205, 56);
}

/* 心 in school stroke order, in a 300-unit box (after the recogniser
 * tests' 心, tests/input/strokes/xin.json, with its tremble smoothed). */
static const short xin_1[][2] = {{74, 114}, {70, 128}, {64, 148}, {56, 170}, {50, 186}, {46, 193}};
static const short xin_2[][2] = {{113, 63}, {114, 80}, {115, 100}, {117, 125}, {119, 155},
                                 {124, 178}, {136, 196}, {156, 210}, {178, 220}, {200, 225},
                                 {222, 224}, {232, 220}, {238, 210}, {244, 197}};
static const short xin_3[][2] = {{136, 56}, {152, 70}, {166, 84}};
static const short xin_4[][2] = {{228, 110}, {245, 130}, {262, 152}, {274, 168}};

/* 心 and a heart beside it. */
static status heart_note(ink_builder *b)
{
	const double h[] = {930, 390, 15};
	const double s = 2.2, dx = 60, dy = 60;
	status st = polyline(b, INK_DARK, xin_1, sizeof xin_1 / sizeof xin_1[0], s, dx, dy);
	if (!st)
		st = polyline(b, INK_DARK, xin_2, sizeof xin_2 / sizeof xin_2[0], s, dx, dy);
	if (!st)
		st = polyline(b, INK_DARK, xin_3, sizeof xin_3 / sizeof xin_3[0], s, dx, dy);
	if (!st)
		st = polyline(b, INK_DARK, xin_4, sizeof xin_4 / sizeof xin_4[0], s, dx, dy);
	return st ? st : curve(b, INK_RED, heart, h, 0, 2 * PI);
}

/* Builds one sketch and submits it; OUT: its id. */
static status submit(store *s, note_mood mood, status (*draw)(ink_builder *), note_id *id)
{
	ink_builder *b = NULL;
	ink k = {0};
	status st = ink_builder_new(0, 0, CANVAS_W, CANVAS_H, &b);
	if (!st)
		st = draw(b);
	if (!st)
		st = ink_builder_finish(b, &k);
	if (!st)
		st = store_submit_ink(s, mood, &k, id);
	ink_free(&k);
	ink_builder_destroy(b);
	return st;
}

status demo_ink_seed(store *s, int32_t today)
{
	static const struct {
		int days_ago;
		note_mood mood;
		status (*draw)(ink_builder *);
	} sketches[] = {
		{1, NOTE_MOOD_HOPEFUL, sunrise},
		{7, NOTE_MOOD_GRATEFUL, heart_note},
	};
	status st = STATUS_OK;

	for (size_t i = 0; i < sizeof sketches / sizeof sketches[0] && !st; i++) {
		note_id id;
		store_set_today(s, today - sketches[i].days_ago);
		st = submit(s, sketches[i].mood, sketches[i].draw, &id);
		if (!st)
			st = store_approve(s, &id);
	}
	return st;
}
