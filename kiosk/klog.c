/* klog.c — stderr lines without timestamps: the journal adds its own, and
 * the app must not keep a finer record of when passengers were there. */
#include "klog.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet;

void klog_set_quiet(int q)
{
	quiet = q;
}

static void emit(const char *level, const char *tag, const char *fmt, va_list ap)
{
	fprintf(stderr, "treehole[%s]%s: ", tag, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void klog_info(const char *tag, const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit("", tag, fmt, ap);
	va_end(ap);
}

void klog_error(const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(" error", tag, fmt, ap);
	va_end(ap);
}
