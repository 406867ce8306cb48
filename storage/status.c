/* status.c — the sentences behind status codes. */
#include "status.h"

#include "ink.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const struct {
	const char *name;
	const char *message;
} entries[STATUS_COUNT_] = {
	[STATUS_OK] = {"ok", "Done."},
	[STATUS_NO_MEMORY] = {"no_memory", "Out of memory. Close other programs and try again."},
	[STATUS_BAD_ARGUMENT] = {"bad_argument", "Invalid request (a program error); nothing was changed."},
	[STATUS_TEXT_EMPTY] = {"text_empty", "The note is empty. Write something first."},
	[STATUS_TEXT_BLANK] = {"text_blank", "The note has only spaces or line breaks. Write something first."},
	[STATUS_TEXT_INVALID] = {"text_invalid",
	                         "The text is not valid UTF-8 or holds control characters; nothing was stored."},
	[STATUS_TEXT_TOO_LONG] = {"text_too_long",
	                          "The note is longer than 2000 characters. Shorten it and submit again."},
	[STATUS_BAD_MOOD] = {"bad_mood",
	                     "Unknown mood. Use one of: happy calm tired anxious sad hopeful grateful "
	                     "(开心 平静 疲惫 焦虑 难过 期待 感恩)."},
	[STATUS_BAD_ID] = {"bad_id", "A note id is 32 hexadecimal digits, as printed by `pending`."},
	[STATUS_NOT_FOUND] = {"not_found", "No such note here (it may have been moderated already)."},
	[STATUS_EXISTS] = {"exists", "The file already exists; refusing to overwrite it. Choose another path."},
	[STATUS_NO_STORE] = {"no_store",
	                     "No store at this path. Create one with `treehole-admin init` or check --db."},
	[STATUS_WRONG_PASSPHRASE] = {"wrong_passphrase",
	                             "Wrong passphrase. Nothing was opened; try again."},
	[STATUS_KEY_REPLACED] = {"key_replaced",
	                         "The store's public key is not the operator's: the file was edited, and "
	                         "notes written since may be readable by someone else. Stop the kiosk and "
	                         "restore the store from a backup."},
	[STATUS_LOCKED_KEYS] = {"locked_keys",
	                        "This needs the operator passphrase; the store is locked."},
	[STATUS_NEWER_VERSION] = {"newer_version",
	                          "The store was written by a newer treehole. Update treehole to open it; "
	                          "the file was not changed."},
	[STATUS_DAMAGED_FILE] = {"damaged_file",
	                         "The store file is damaged or is not a treehole store. Restore it from a "
	                         "backup (treehole-admin backup) and keep the damaged copy for inspection."},
	[STATUS_DAMAGED_NOTE] = {"damaged_note",
	                         "A note failed its integrity check and cannot be read; the other notes are "
	                         "fine. Reject it to remove it."},
	[STATUS_DISK_FULL] = {"disk_full",
	                      "The disk is full; nothing was stored. Free some space (or purge old notes) "
	                      "and try again."},
	[STATUS_READ_ONLY] = {"read_only",
	                      "The store cannot be written (read-only file, folder or medium). Check the "
	                      "file's permissions and the disk."},
	[STATUS_BUSY] = {"busy",
	                 "Another program is using the store right now. Wait a moment and try again."},
	[STATUS_IO] = {"io_error",
	               "The disk reported an input/output error. Check the storage medium; the last "
	               "acknowledged notes are safe."},
	[STATUS_CANT_OPEN] = {"cant_open",
	                      "The file cannot be opened or created there: check that the folder exists "
	                      "and that this user may write to it."},
	[STATUS_CRYPTO] = {"crypto_error",
	                   "The encryption library failed (often: not enough memory for the passphrase "
	                   "hashing). Nothing was changed."},
	[STATUS_INTERNAL] = {"internal_error",
	                     "Unexpected database error; nothing was changed. See the log for details."},
	[STATUS_INK_INVALID] = {"ink_invalid",
	                        "The handwriting is not valid ink or is too large (at most "
	                        STR(INK_MAX_STROKES) " strokes, " STR(INK_MAX_STROKE_POINTS)
	                        " points in a stroke, " STR(INK_MAX_POINTS) " in all); nothing was "
	                        "stored."},
};

const char *status_message(status st)
{
	if ((unsigned)st >= STATUS_COUNT_ || !entries[st].message)
		return "Unknown error.";
	return entries[st].message;
}

const char *status_name(status st)
{
	if ((unsigned)st >= STATUS_COUNT_ || !entries[st].name)
		return "unknown";
	return entries[st].name;
}
