/* export_png.h — approved notes as card images (export --format png). */
#ifndef TREEHOLE_EXPORT_PNG_H
#define TREEHOLE_EXPORT_PNG_H

#include <stdint.h>

#include "store.h"

/* Makes folder `dir` (it must not exist) and writes every approved note
 * into it as <id>.png: text through the text engine's card, ink redrawn
 * with the uniform pen. On failure removes what it wrote. OUT: *written,
 * *damaged (notes left out). Returns the exit code (a message on stderr
 * on failure, never note content). */
int export_png(store *s, const char *dir, uint64_t *written, uint64_t *damaged);

#endif
