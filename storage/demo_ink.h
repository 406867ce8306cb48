/* demo_ink.h — the demo store's handwritten notes (internal to demo.c). */
#ifndef TREEHOLE_DEMO_INK_H
#define TREEHOLE_DEMO_INK_H

#include <stdint.h>

#include "status.h"
#include "store.h"

/* Writes the demo's sketches into unlocked store s, each dated some days
 * before `today` and approved, like the demo's text notes. Errors are the
 * store's (or the builder's STATUS_NO_MEMORY); what was written before a
 * failure stays. */
status demo_ink_seed(store *s, int32_t today);

#endif
