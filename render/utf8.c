/* utf8.c — strict UTF-8 decoding for render/ (see utf8.h). */
#include "utf8.h"

size_t utf8_next(const char *text, size_t len, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)text + i;
	size_t left = len - i, n;
	unsigned char lo = 0x80, hi = 0xBF;
	uint32_t v;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		v = u[0] & 0x1Fu;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		v = u[0] & 0x0Fu;
		lo = u[0] == 0xE0 ? 0xA0 : 0x80; /* overlong */
		hi = u[0] == 0xED ? 0x9F : 0xBF; /* surrogates */
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		v = u[0] & 0x07u;
		lo = u[0] == 0xF0 ? 0x90 : 0x80; /* overlong */
		hi = u[0] == 0xF4 ? 0x8F : 0xBF; /* above U+10FFFF */
	} else {
		goto err_invalid;
	}
	if (left < n || u[1] < lo || u[1] > hi)
		goto err_invalid;
	v = v << 6 | (u[1] & 0x3Fu);
	for (size_t k = 2; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80)
			goto err_invalid;
		v = v << 6 | (u[k] & 0x3Fu);
	}
	*cp = v;
	return n;

err_invalid:
	*cp = 0xFFFD;
	return 1;
}

/* A valid sequence ending at b-1 starts with a lead byte, which can never be
 * inside another valid sequence: so the forward decoder reaches its start,
 * and at most one such sequence exists. Otherwise byte b-1 stands alone. */
size_t utf8_prev(const char *text, size_t b, uint32_t *cp)
{
	if ((unsigned char)text[b - 1] < 0x80) {
		*cp = (unsigned char)text[b - 1];
		return 1;
	}
	for (size_t n = 2; n <= 4 && n <= b; n++) {
		if (utf8_next(text, b, b - n, cp) == n)
			return n;
	}
	return utf8_next(text, b, b - 1, cp);
}
