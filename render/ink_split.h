/* ink_split.h — one note's direct-path drawing shared by two threads
 * (internal to th_draw; ink_draw_note uses it for big notes).
 *
 * A 5,000-point page costs ~2 ms on one core, nearly all of it in the
 * rasteriser, and a feed card should change within a frame. The work
 * splits cleanly: strokes tessellate independently, and the rasteriser's
 * pixels depend only on the shapes and the row (never on where the clip
 * starts), so the caller's thread and one worker share out the strokes
 * to tessellate (in chunks, taken as each comes free), wait for each
 * other, then each draw every shape (in note order) into its half of the
 * rows (halved by the points' rows). The picture is exactly the
 * one-thread picture; the total CPU time is about the same, the wait
 * nearly halves (bench "ink note"). */
#ifndef TREEHOLE_INK_SPLIT_H
#define TREEHOLE_INK_SPLIT_H

#include <stdbool.h>

#include "ink_raster.h"
#include "ink_tess.h"

/* A worker thread and its two meshes. Owned by one drawer; not for use by
 * two threads at once. */
typedef struct ink_split ink_split;

/* A splitter, or NULL when out of memory. The thread starts on the first
 * ink_split_note. */
ink_split *ink_split_new(void);

/* Stops the worker (waits for it) and frees sp. Accepts NULL. */
void ink_split_destroy(ink_split *sp);

/* Tessellates note k at xf with pen `pen_px` in palette pal (bad stroke
 * ranges skipped, as ink_tess_note) and rasterises it into t, half on the
 * worker. If the worker cannot be started, does all of it on the calling
 * thread, with the same result. OUT: dirty[0..4) (x0, y0, x1, y1,
 * renderer px) widened by the ink's bounds, as ink_draw's dirty rect
 * takes them. False when tessellation failed (bad pen or transform, out
 * of memory): then nothing was drawn. */
bool ink_split_note(ink_split *sp, const ink_raster_target *t, const ink *k,
                    const ink_tess_xform *xf, float pen_px, const ink_tess_rgba pal[INK_COLOURS],
                    float dirty[4]);

#endif
