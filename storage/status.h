/* status.h — result codes shared by every storage module.
 *
 * Every fallible call in storage/ returns a `status`. STATUS_OK is zero so
 * `if (st)` reads as "if it failed". status_message() gives one sentence a
 * person can act on; it never contains note content, so it is safe to log. */
#ifndef TREEHOLE_STATUS_H
#define TREEHOLE_STATUS_H

typedef enum status {
	STATUS_OK = 0,
	STATUS_NO_MEMORY,         /* an allocation failed */
	STATUS_BAD_ARGUMENT,      /* a caller broke a documented precondition */
	STATUS_TEXT_EMPTY,        /* the note text has no characters at all */
	STATUS_TEXT_BLANK,        /* the note text is only spaces and newlines */
	STATUS_TEXT_INVALID,      /* not valid UTF-8, or holds NUL / control bytes */
	STATUS_TEXT_TOO_LONG,     /* more than NOTE_TEXT_MAX_CHARS characters */
	STATUS_BAD_MOOD,          /* mood not in the fixed list */
	STATUS_BAD_ID,            /* a note id that is not 32 hex digits */
	STATUS_NOT_FOUND,         /* no such note (maybe already moderated) */
	STATUS_EXISTS,            /* refusing to overwrite an existing file */
	STATUS_NO_STORE,          /* the store file does not exist */
	STATUS_WRONG_PASSPHRASE,  /* the passphrase does not unwrap the operator key */
	STATUS_KEY_REPLACED,      /* the file's public key is not the operator's */
	STATUS_LOCKED_KEYS,       /* the call needs the operator passphrase first */
	STATUS_NEWER_VERSION,     /* the file was written by a newer treehole */
	STATUS_DAMAGED_FILE,      /* the file is not a treehole store or is corrupt */
	STATUS_DAMAGED_NOTE,      /* one note failed authentication; others are fine */
	STATUS_DISK_FULL,         /* SQLITE_FULL: no room to write */
	STATUS_READ_ONLY,         /* the store (or its folder) cannot be written */
	STATUS_BUSY,              /* another program holds the store locked */
	STATUS_IO,                /* the operating system reported an I/O error */
	STATUS_CANT_OPEN,         /* the file cannot be opened or created there */
	STATUS_CRYPTO,            /* libsodium failed to initialise or to derive a key */
	STATUS_INTERNAL,          /* an unexpected SQLite error; see the log tag */
	STATUS_INK_INVALID,       /* ink that breaks the stroke codec's rules or limits */
	STATUS_COUNT_
} status;

/* Returns a static, human-readable sentence for `st` saying what happened
 * and what to do. Never NULL; unknown codes get a generic sentence. */
const char *status_message(status st);

/* Returns a short stable identifier for `st` ("disk_full", …) for logs,
 * JSON and tests. Never NULL. */
const char *status_name(status st);

#endif
