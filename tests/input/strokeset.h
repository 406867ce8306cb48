/* strokeset.h — the recorded characters of tests/input/strokes, for the
 * handwriting recogniser's tests and bench: one JSON file each,
 * {"char": "你", "width": W, "height": H, "strokes": [[[x, y], …], …]},
 * points in drawing order. */
#ifndef TREEHOLE_STROKESET_H
#define TREEHOLE_STROKESET_H

#include <stddef.h>
#include <stdint.h>

#define STROKESET_MAX_POINTS 4096

/* One recorded character: points in drawing order, each with its stroke. */
typedef struct strokeset {
	char name[64];  /* the file's name */
	char text[8];   /* the character written (UTF-8) */
	float w, h;     /* the pad it was written on */
	size_t n;
	uint16_t stroke[STROKESET_MAX_POINTS];
	float x[STROKESET_MAX_POINTS], y[STROKESET_MAX_POINTS];
} strokeset;

/* Reads the *.json files of dir (in directory order) into out[0..max);
 * files past max are not read. Returns how many were read, or -1 when dir
 * cannot be read or a file is not a stroke set: a "char" string under 8
 * bytes, numbers "width" and "height", and 1 to STROKESET_MAX_POINTS
 * points of two numbers are all required. err (errlen bytes) then names
 * the file. */
long strokeset_load_dir(const char *dir, strokeset *out, size_t max, char *err, size_t errlen);

#endif
