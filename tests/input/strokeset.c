/* strokeset.c — loading the recorded characters (strokeset.h). */
#include "strokeset.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = calloc(1, (size_t)len + 1)) && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static bool add_point(strokeset *s, size_t k, const cJSON *pt)
{
	if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 || s->n == STROKESET_MAX_POINTS ||
	    !cJSON_IsNumber(cJSON_GetArrayItem(pt, 0)) || !cJSON_IsNumber(cJSON_GetArrayItem(pt, 1)))
		return false;
	s->stroke[s->n] = (uint16_t)k;
	s->x[s->n] = (float)cJSON_GetArrayItem(pt, 0)->valuedouble;
	s->y[s->n] = (float)cJSON_GetArrayItem(pt, 1)->valuedouble;
	s->n++;
	return true;
}

static bool parse(const cJSON *doc, strokeset *s)
{
	const cJSON *text = cJSON_GetObjectItem(doc, "char");
	const cJSON *strokes = cJSON_GetObjectItem(doc, "strokes");
	const cJSON *w = cJSON_GetObjectItem(doc, "width"), *h = cJSON_GetObjectItem(doc, "height");
	size_t k = 0;

	if (!cJSON_IsString(text) || strlen(text->valuestring) >= sizeof s->text ||
	    !cJSON_IsNumber(w) || !cJSON_IsNumber(h) || !cJSON_IsArray(strokes))
		return false;
	strcpy(s->text, text->valuestring);
	s->w = (float)w->valuedouble;
	s->h = (float)h->valuedouble;
	for (const cJSON *st = strokes->child; st; st = st->next, k++)
		for (const cJSON *pt = st->child; pt; pt = pt->next)
			if (!add_point(s, k, pt))
				return false;
	return s->n > 0;
}

static bool load(const char *dir, const char *file, strokeset *s)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *json = slurp(path);
	cJSON *doc = json ? cJSON_Parse(json) : NULL;
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", file);
	bool ok = doc && parse(doc, s);
	cJSON_Delete(doc);
	free(json);
	return ok;
}

long strokeset_load_dir(const char *dir, strokeset *out, size_t max, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d) {
		snprintf(err, errlen, "%s: cannot read the folder", dir);
		return -1;
	}
	while (n < max && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		if (!load(dir, e->d_name, &out[n])) {
			snprintf(err, errlen, "%s/%s: not a stroke set", dir, e->d_name);
			closedir(d);
			return -1;
		}
		n++;
	}
	closedir(d);
	return (long)n;
}
