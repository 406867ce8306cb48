/* cmd_export.c — export of every approved note as JSON Lines or CSV (or,
 * through export_png.c, as card images).
 *
 * With --out the file appears complete or not at all: the notes go to a
 * hidden temporary file (mode 0600) in the same folder, which is flushed,
 * fsync()ed and then linked to the final name. link() fails if the name
 * exists, so an existing file is never overwritten, not even one that
 * appeared while the export ran. */
#define _GNU_SOURCE /* renameat2 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "export_png.h"
#include "output.h"

typedef struct export_state {
	FILE *f;
	bool csv;
	bool write_failed;
	uint64_t written;
	uint64_t damaged;
} export_state;

static bool export_one(const store_note *n, void *arg)
{
	export_state *es = arg;

	if (n->damage != STATUS_OK) {
		/* nothing to publish; `check` and `reject` deal with it */
		es->damaged++;
		return true;
	}
	if (!(es->csv ? out_note_csv(es->f, n) : out_note_json(es->f, n))) {
		es->write_failed = true;
		return false;
	}
	es->written++;
	return true;
}

static int write_notes(store *s, export_state *es)
{
	status st;

	if (es->csv && !out_csv_header(es->f))
		es->write_failed = true;
	st = es->write_failed ? STATUS_OK : store_export_each(s, export_one, es);
	if (fflush(es->f) != 0 || ferror(es->f))
		es->write_failed = true;
	if (es->write_failed) {
		char msg[200];
		snprintf(msg, sizeof msg, "cannot write the export: %s", strerror(errno));
		return admin_fail_msg("export", msg);
	}
	if (st)
		return admin_fail("export", st);
	return ADMIN_EXIT_OK;
}

/* "<dir>/.<base>.partial-XXXXXX" for mkstemp, malloc()ed. */
static char *temp_template(const char *out)
{
	const char *slash = strrchr(out, '/');
	size_t dir_len = slash ? (size_t)(slash - out) + 1 : 0;
	const char *base = out + dir_len;
	size_t n = strlen(out) + sizeof "/..partial-XXXXXX";
	char *t = malloc(n);

	if (t)
		snprintf(t, n, "%.*s.%s.partial-XXXXXX", (int)dir_len, out, base);
	return t;
}

static void fsync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	/* best effort: the data itself is already on disk */
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Gives the finished temporary file its final name without overwriting. */
static int publish(const char *tmp, const char *out)
{
	struct stat sb;
	char msg[200];

	if (link(tmp, out) == 0) {
		unlink(tmp);
	} else if (errno == EEXIST || lstat(out, &sb) == 0) {
		unlink(tmp);
		return admin_fail(out, STATUS_EXISTS);
	} else if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_NOREPLACE) != 0) {
		/* a file system without hard links (a FAT stick) still renames
		 * without replacing; one that cannot do even that is refused */
		snprintf(msg, sizeof msg, "cannot give the export its name: %s", strerror(errno));
		unlink(tmp);
		return admin_fail_msg(out, errno == EEXIST ? status_message(STATUS_EXISTS) : msg);
	}
	fsync_dir_of(out);
	return ADMIN_EXIT_OK;
}

static int export_to_file(store *s, export_state *es, const char *out)
{
	struct stat sb;
	char msg[200];
	char *tmp;
	int fd, rc;

	if (lstat(out, &sb) == 0)
		return admin_fail(out, STATUS_EXISTS);
	tmp = temp_template(out);
	if (!tmp)
		return admin_fail("export", STATUS_NO_MEMORY);
	fd = mkstemp(tmp);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(es->f = fdopen(fd, "w"))) {
		snprintf(msg, sizeof msg, "cannot create a file beside it: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return admin_fail_msg(out, msg);
	}
	void *buf = NULL;
	/* note text passes through this buffer: locked memory, wiped on free */
	if (!admin_secure_stream(es->f, &buf)) {
		fclose(es->f);
		unlink(tmp);
		free(tmp);
		return admin_fail("export", STATUS_NO_MEMORY);
	}
	rc = write_notes(s, es);
	if (rc == ADMIN_EXIT_OK && fsync(fd) != 0) {
		snprintf(msg, sizeof msg, "cannot write the export to disk: %s", strerror(errno));
		rc = admin_fail_msg(out, msg);
	}
	if (fclose(es->f) != 0 && rc == ADMIN_EXIT_OK)
		rc = admin_fail_msg(out, "cannot write the export to disk");
	vault_free(buf);
	if (rc == ADMIN_EXIT_OK)
		rc = publish(tmp, out);
	else
		unlink(tmp);
	free(tmp);
	return rc;
}

static void report_damaged(uint64_t damaged)
{
	if (damaged > 0)
		fprintf(stderr, "treehole-admin: export: %llu damaged note(s) left out; "
		                "see 'treehole-admin check'\n",
		        (unsigned long long)damaged);
}

/* --format png: a folder of card images. */
static int export_cards(admin_ctx *ctx, const char *out, const char *usage)
{
	uint64_t written = 0, damaged = 0;
	store *s = NULL;
	int rc;

	if (!out)
		return admin_usage_error("export", "--format png needs --out NEW-FOLDER", usage);
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	rc = export_png(s, out, &written, &damaged);
	store_close(s);
	if (rc == ADMIN_EXIT_OK)
		printf("Exported %llu note(s) as cards to %s/.\n", (unsigned long long)written, out);
	report_damaged(damaged);
	return rc;
}

int cmd_export(admin_ctx *ctx, int argc, char **argv)
{
	static const char usage[] = "treehole-admin export --format jsonl|csv [--out FILE]\n"
	                            "       treehole-admin export --format png --out NEW-FOLDER";
	const char *format = NULL, *out = NULL;
	args_opt opts[] = {
		{ "--format", &format, NULL },
		{ "--out", &out, NULL },
	};
	export_state es = { .f = stdout };
	args_result res;
	store *s = NULL;
	int rc = admin_parse(ctx, argc, argv, opts, 2, usage, 0, 0, &res);

	if (rc >= 0)
		return rc;
	if (!format)
		return admin_usage_error("export", "--format is required", usage);
	if (strcmp(format, "png") == 0)
		return export_cards(ctx, out, usage);
	if (strcmp(format, "csv") == 0)
		es.csv = true;
	else if (strcmp(format, "jsonl") != 0)
		return admin_usage_error("export", "--format is jsonl, csv or png", usage);
	if (!admin_open(ctx, &s))
		return ADMIN_EXIT_FAIL;
	rc = out ? export_to_file(s, &es, out) : write_notes(s, &es);
	store_close(s);
	if (rc == ADMIN_EXIT_OK && out)
		printf("Exported %llu note(s) to %s.\n", (unsigned long long)es.written, out);
	report_damaged(es.damaged);
	return rc;
}
