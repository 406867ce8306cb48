/* demo.h — the demo store: sample notes under a published passphrase.
 *
 * `treehole-admin demo` and `treehole --demo` both show treehole working
 * on a store seeded with a dozen approved notes of the kind passengers
 * leave, two of them drawn by hand. Its passphrase is printed in the README, so a demo store must
 * never hold real notes: demo_open refuses any file this passphrase does
 * not open. */
#ifndef TREEHOLE_DEMO_H
#define TREEHOLE_DEMO_H

#include <stdint.h>

#include "status.h"
#include "store.h"

#define DEMO_PASSPHRASE "treehole-demo"

/* Creates a demo store at `path` (refuses STATUS_EXISTS if the file
 * exists): feed delay 0, the INTERACTIVE key-derivation cost (the
 * passphrase is public anyway), each sample note (text, and two ink
 * sketches) written on its own day up to 11 days before `today` (-1: the
 * real calendar) and approved. On
 * failure no file is left. OUT: *out, an open, locked handle owned by the
 * caller; NULL on failure. */
status demo_create(const char *path, int32_t today, store **out);

/* Opens an existing demo store and proves it is one: the demo passphrase
 * must unlock it (STATUS_WRONG_PASSPHRASE otherwise — a real store, which
 * the caller must leave alone). OUT: *out, open and locked again, owned
 * by the caller; NULL on failure. */
status demo_open(const char *path, store **out);

#endif
