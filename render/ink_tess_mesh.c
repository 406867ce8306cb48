/* ink_tess_mesh.c — the memory of an ink_tess_mesh: its three arrays,
 * grown by doubling, emptied for reuse, freed. */
#include "ink_tess_mesh.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void ink_tess_mesh_clear(ink_tess_mesh *m)
{
	if (m)
		m->nv = m->ni = m->ns = 0;
}

void ink_tess_mesh_free(ink_tess_mesh *m)
{
	if (!m)
		return;
	free(m->v);
	free(m->idx);
	free(m->s);
	memset(m, 0, sizeof *m);
}

/* Capacity for `need` items: doubled from cap, at most INT_MAX. */
static size_t next_cap(size_t cap, size_t need)
{
	size_t c = cap ? cap : 256;
	while (c < need && c < (size_t)INT_MAX / 2)
		c *= 2;
	return c < need ? need : c;
}

bool ink_tess_mesh_reserve(ink_tess_mesh *m, size_t nv, size_t ni)
{
	if (nv > (size_t)INT_MAX - m->nv || ni > (size_t)INT_MAX - m->ni)
		return false;
	if (m->nv + nv > m->cap_v) {
		size_t c = next_cap(m->cap_v, m->nv + nv);
		ink_tess_vertex *v = realloc(m->v, c * sizeof *v);
		if (!v)
			return false;
		m->v = v;
		m->cap_v = c;
	}
	if (m->ni + ni > m->cap_i) {
		size_t c = next_cap(m->cap_i, m->ni + ni);
		int *idx = realloc(m->idx, c * sizeof *idx);
		if (!idx)
			return false;
		m->idx = idx;
		m->cap_i = c;
	}
	return true;
}

bool ink_tess_mesh_reserve_shapes(ink_tess_mesh *m, size_t n)
{
	if (n > (size_t)INT_MAX - m->ns)
		return false;
	if (m->ns + n > m->cap_s) {
		size_t c = next_cap(m->cap_s, m->ns + n);
		ink_tess_shape *s = realloc(m->s, c * sizeof *s);
		if (!s)
			return false;
		m->s = s;
		m->cap_s = c;
	}
	return true;
}
