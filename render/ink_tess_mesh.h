/* ink_tess_mesh.h — an ink_tess_mesh's arrays grown (internal to
 * th_render: ink_tess appends to them).
 *
 * Counts stay below INT_MAX, what SDL_RenderGeometry takes; capacities
 * double, so a mesh cleared and reused each frame stops allocating once
 * it is big enough. The public half (clear, free) is in ink_tess.h. */
#ifndef TREEHOLE_INK_TESS_MESH_H
#define TREEHOLE_INK_TESS_MESH_H

#include <stdbool.h>
#include <stddef.h>

#include "ink_tess.h"

/* Makes room for nv more vertices and ni more indices in m. False when
 * the counts would pass INT_MAX or memory ran out: m's counts and
 * contents are unchanged (an array may have grown), its arrays still its
 * own. */
bool ink_tess_mesh_reserve(ink_tess_mesh *m, size_t nv, size_t ni);

/* Makes room for n more shapes in m; false as ink_tess_mesh_reserve. */
bool ink_tess_mesh_reserve_shapes(ink_tess_mesh *m, size_t n);

#endif
