/* pinyin_setup.c — before Rime runs: is its Debian data there, and the
 * private user directory with the two patches that make Rime fit a kiosk.
 *
 * Each required file is checked up front because Rime copes badly with
 * partial data: without rime-essay it silently rebuilds the dictionary
 * (seconds) into one that offers nonsense first; without rime-prelude
 * the deploy fails half-way. A clear "install package X" beats both. */
#include "pinyin.h"
#include "pinyin_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the schema needs, in the order a person should install it. */
static const struct {
	const char *file;    /* relative to the shared data directory, or absolute */
	const char *package; /* the Debian package that ships it */
} needed[] = {
	{"luna_pinyin_simp.schema.yaml", "rime-data-luna-pinyin"},
	{"luna_pinyin.schema.yaml", "rime-data-luna-pinyin"},
	{"luna_pinyin.dict.yaml", "rime-data-luna-pinyin"},
	{"pinyin.yaml", "rime-data-luna-pinyin"},
	{"build/luna_pinyin.table.bin", "rime-data-luna-pinyin"},
	{"default.yaml", "rime-prelude"},
	{"symbols.yaml", "rime-prelude"},
	{"punctuation.yaml", "rime-prelude"},
	{"key_bindings.yaml", "rime-prelude"},
	{"essay.txt", "rime-essay"},
	/* The simplifier's OpenCC table: without it Rime offers 中國, not 中国. */
	{"/usr/share/opencc/t2s.json", "libopencc-data"},
};

/* One simplified schema: deploying Debian's default list takes seconds.
 * No key bindings: this module pages by itself (its pages skip what the
 * fonts cannot draw) and period must commit "。", not page. No switcher
 * keys and no saved options: nothing a passenger toggles outlives them. */
static const char default_custom[] =
	"# Written by treehole at every start: edits here are overwritten.\n"
	"patch:\n"
	"  schema_list:\n"
	"    - schema: " PINYIN_SCHEMA "\n"
	"  key_binder/bindings: []\n"
	"  switcher/hotkeys: []\n"
	"  switcher/save_options: []\n";

/* No user dictionary: Rime learns nothing, the next passenger sees the
 * same candidate order. No stroke reverse lookup (` prefix): its table
 * takes 0.4 s of the first deploy and a finger keyboard has no use for
 * it; "(?!)" never matches. No custom-phrase file either. */
static const char schema_custom[] =
	"# Written by treehole at every start: edits here are overwritten.\n"
	"patch:\n"
	"  translator/enable_user_dict: false\n"
	"  schema/dependencies: []\n"
	"  engine/translators: [punct_translator, script_translator]\n"
	"  recognizer/patterns/reverse_lookup: \"(?!)\"\n"
	"  key_binder/bindings: []\n";

static void data_path(const char *shared_dir, const char *file, char *path, size_t cap)
{
	if (file[0] == '/')
		snprintf(path, cap, "%s", file);
	else
		snprintf(path, cap, "%s/%s", shared_dir, file);
}

const char *pinyin_setup_missing(const char *shared_dir, char *path, size_t cap)
{
	if (!shared_dir)
		shared_dir = PINYIN_DEBIAN_DATA_DIR;
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
		data_path(shared_dir, needed[i].file, path, cap);
		if (access(path, R_OK) != 0)
			return needed[i].package;
	}
	path[0] = '\0';
	return NULL;
}

const char *pinyin_check_data(const char *shared_dir)
{
	char path[4096];

	return pinyin_setup_missing(shared_dir, path, sizeof path);
}

bool pinyin_setup_private_dir(const char *dir, char *why, size_t cap)
{
	struct stat st;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(why, cap, "cannot make the input method folder %s: %s", dir, strerror(errno));
		return false;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		snprintf(why, cap, "%s is not a folder of this user; the input method needs a "
		                   "private folder there", dir);
		return false;
	}
	if ((st.st_mode & 077) && chmod(dir, 0700) != 0) {
		snprintf(why, cap, "cannot make %s private: %s", dir, strerror(errno));
		return false;
	}
	return true;
}

/* True if the file at path holds exactly `text`. */
static bool same_content(const char *path, const char *text)
{
	char buf[2048];
	size_t want = strlen(text);
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return n == want && memcmp(buf, text, want) == 0;
}

/* Writes through a temporary file and rename, so Rime never reads half. */
static bool write_file(const char *dir, const char *name, const char *text, char *why,
                       size_t cap)
{
	char path[4096], tmp[4096 + 8];
	size_t len = strlen(text);

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (same_content(path, text))
		return true;
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto err;
	ssize_t w = write(fd, text, len);
	if (close(fd) != 0 || w != (ssize_t)len || rename(tmp, path) != 0) {
		unlink(tmp);
		goto err;
	}
	return true;
err:
	snprintf(why, cap, "cannot write %s: %s", path, strerror(errno));
	return false;
}

bool pinyin_setup_write_config(const char *user_dir, char *why, size_t cap)
{
	return write_file(user_dir, "default.custom.yaml", default_custom, why, cap) &&
	       write_file(user_dir, PINYIN_SCHEMA ".custom.yaml", schema_custom, why, cap);
}
