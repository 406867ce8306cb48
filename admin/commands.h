/* commands.h — the commands of treehole-admin, one function each.
 *
 * Each takes the shared context and its own argv (argv[0] is the command
 * name), prints what it shows on stdout and at most one error line on
 * stderr, and returns the exit code: 0 success, 1 failure, 2 usage. */
#ifndef TREEHOLE_ADMIN_COMMANDS_H
#define TREEHOLE_ADMIN_COMMANDS_H

#include "admin.h"

/* cmd_setup.c: the store itself and its keys */
int cmd_init(admin_ctx *ctx, int argc, char **argv);
int cmd_passwd(admin_ctx *ctx, int argc, char **argv);
int cmd_feed_delay(admin_ctx *ctx, int argc, char **argv);

/* cmd_notes.c: notes in and out of the queue */
int cmd_submit(admin_ctx *ctx, int argc, char **argv);
int cmd_pending(admin_ctx *ctx, int argc, char **argv);
int cmd_approve(admin_ctx *ctx, int argc, char **argv);
int cmd_reject(admin_ctx *ctx, int argc, char **argv);
int cmd_report(admin_ctx *ctx, int argc, char **argv);
int cmd_feed(admin_ctx *ctx, int argc, char **argv);

/* cmd_maint.c: looking after the file */
int cmd_stats(admin_ctx *ctx, int argc, char **argv);
int cmd_backup(admin_ctx *ctx, int argc, char **argv);
int cmd_check(admin_ctx *ctx, int argc, char **argv);
int cmd_purge(admin_ctx *ctx, int argc, char **argv);
int cmd_tidy(admin_ctx *ctx, int argc, char **argv);

/* cmd_export.c */
int cmd_export(admin_ctx *ctx, int argc, char **argv);

/* cmd_preview.c: a note's text laid out as the kiosk would; no store */
int cmd_preview(admin_ctx *ctx, int argc, char **argv);

/* demo.c */
int cmd_demo(admin_ctx *ctx, int argc, char **argv);

#endif
