/* passphrase.c — reading the operator passphrase (see passphrase.h).
 *
 * Everything is read with read(2) straight into vault memory, never through
 * stdio, whose buffers would keep an unwiped copy. */
#include "passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "store.h"
#include "vault.h"

/* Room for the longest allowed passphrase, a "\r\n" and the NUL. */
#define PASS_CAP (STORE_MAX_PASSPHRASE_BYTES + 3)

/* The terminal being read with echo off, for the signal handler. */
static volatile sig_atomic_t tty_active;
static int tty_fd = -1;
static struct termios tty_saved;

static const int tty_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define TTY_NSIGNALS (sizeof tty_signals / sizeof tty_signals[0])

static void tty_on_signal(int sig)
{
	if (tty_active) {
		/* both calls are async-signal-safe */
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
		if (write(tty_fd, "\n", 1) < 0) {
			/* nothing left to do: we are on the way out */
		}
	}
	/* SA_RESETHAND put the default action back: die of the same signal */
	raise(sig);
}

static bool alloc_pass(passphrase *p)
{
	p->text = vault_alloc(PASS_CAP);
	p->len = 0;
	if (!p->text)
		return false;
	memset(p->text, 0, PASS_CAP);
	return true;
}

void pass_free(passphrase *p)
{
	if (!p)
		return;
	vault_free(p->text);
	p->text = NULL;
	p->len = 0;
}

bool pass_available(const pass_request *req)
{
	return req->file || (req->env && getenv(req->env));
}

/* Cuts p at its first line end and checks the length rules. */
static pass_result finish_line(passphrase *p, size_t got, char *err, size_t errlen,
                               const char *where)
{
	char *nl = memchr(p->text, '\n', got);
	size_t len = nl ? (size_t)(nl - p->text) : got;

	if (len > 0 && p->text[len - 1] == '\r')
		len--;
	sodium_memzero(p->text + len, PASS_CAP - len);
	p->len = len;
	if (len == 0) {
		snprintf(err, errlen, "the passphrase %s is empty", where);
		return PASS_ERROR;
	}
	if (len > STORE_MAX_PASSPHRASE_BYTES) {
		snprintf(err, errlen, "the passphrase %s is longer than %d bytes", where,
		         STORE_MAX_PASSPHRASE_BYTES);
		return PASS_ERROR;
	}
	return PASS_OK;
}

static pass_result read_file(const char *path, passphrase *p, char *err, size_t errlen)
{
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "cannot read the passphrase file: %s", strerror(errno));
		return PASS_ERROR;
	}
	/* The first line is all we need; stop as soon as it is complete. */
	while (got < PASS_CAP - 1 && !memchr(p->text, '\n', got)) {
		ssize_t r = read(fd, p->text + got, PASS_CAP - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read the passphrase file: %s", strerror(errno));
			close(fd);
			return PASS_ERROR;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return finish_line(p, got, err, errlen, "in the file");
}

static pass_result read_env(const char *name, passphrase *p, char *err, size_t errlen)
{
	const char *v = getenv(name);
	size_t len = v ? strlen(v) : 0;

	if (len > STORE_MAX_PASSPHRASE_BYTES) {
		snprintf(err, errlen, "the passphrase in %s is longer than %d bytes", name,
		         STORE_MAX_PASSPHRASE_BYTES);
		return PASS_ERROR;
	}
	if (len > 0)
		memcpy(p->text, v, len);
	p->len = len;
	if (len == 0) {
		snprintf(err, errlen, "the passphrase in %s is empty", name);
		return PASS_ERROR;
	}
	return PASS_OK;
}

static void tty_write(int fd, const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

/* Reads one line from the terminal into p, byte by byte so that nothing
 * past the line is consumed. Echo must already be off. */
static pass_result tty_read_line(int fd, passphrase *p, char *err, size_t errlen)
{
	size_t got = 0;
	bool too_long = false;

	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read from the terminal: %s", strerror(errno));
			return PASS_ERROR;
		}
		if (r == 0 || c == '\n')
			break;
		if (got < PASS_CAP - 1)
			p->text[got++] = c;
		else
			too_long = true;
		c = 0;
	}
	if (too_long) {
		snprintf(err, errlen, "the passphrase is longer than %d bytes",
		         STORE_MAX_PASSPHRASE_BYTES);
		return PASS_ERROR;
	}
	return finish_line(p, got, err, errlen, "typed");
}

/* Turns echo off on fd with signal handlers that turn it back on. */
static bool tty_echo_off(int fd, struct sigaction old[TTY_NSIGNALS])
{
	struct sigaction sa;
	struct termios quiet;

	if (tcgetattr(fd, &tty_saved) != 0)
		return false;
	tty_fd = fd;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tty_on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < TTY_NSIGNALS; i++)
		sigaction(tty_signals[i], &sa, &old[i]);
	quiet = tty_saved;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	quiet.c_lflag |= ECHONL; /* the user still sees Enter take effect */
	tty_active = 1;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
		tty_active = 0;
		for (size_t i = 0; i < TTY_NSIGNALS; i++)
			sigaction(tty_signals[i], &old[i], NULL);
		return false;
	}
	return true;
}

static void tty_echo_restore(int fd, const struct sigaction old[TTY_NSIGNALS])
{
	tcsetattr(fd, TCSAFLUSH, &tty_saved);
	tty_active = 0;
	for (size_t i = 0; i < TTY_NSIGNALS; i++)
		sigaction(tty_signals[i], &old[i], NULL);
}

static pass_result tty_ask(int fd, const char *prompt, passphrase *p, char *err, size_t errlen)
{
	struct sigaction old[TTY_NSIGNALS];
	pass_result r;

	tty_write(fd, prompt);
	if (!tty_echo_off(fd, old)) {
		snprintf(err, errlen, "cannot turn off echo on the terminal: %s", strerror(errno));
		return PASS_ERROR;
	}
	r = tty_read_line(fd, p, err, errlen);
	tty_echo_restore(fd, old);
	return r;
}

static pass_result read_tty(const pass_request *req, passphrase *p, char *err, size_t errlen)
{
	passphrase again = { 0 };
	pass_result r;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "no passphrase given and no terminal to ask on; %s",
		         req->hint ? req->hint : "run it on a terminal");
		return PASS_ERROR;
	}
	r = tty_ask(fd, req->prompt, p, err, errlen);
	if (r != PASS_OK || !req->confirm)
		goto out;
	if (!alloc_pass(&again)) {
		snprintf(err, errlen, "out of locked memory for the passphrase");
		r = PASS_ERROR;
		goto out;
	}
	r = tty_ask(fd, "Repeat to confirm: ", &again, err, errlen);
	if (r == PASS_OK &&
	    (again.len != p->len || sodium_memcmp(again.text, p->text, p->len) != 0)) {
		snprintf(err, errlen, "the two passphrases typed differ; nothing was changed");
		r = PASS_ERROR;
	}
	pass_free(&again);
out:
	close(fd);
	return r;
}

pass_result pass_get(const pass_request *req, passphrase *out, char *err, size_t errlen)
{
	pass_result r;

	if (!req->file && !(req->env && getenv(req->env)) && !req->allow_tty)
		return PASS_NONE;
	if (!alloc_pass(out)) {
		snprintf(err, errlen, "out of locked memory for the passphrase");
		return PASS_ERROR;
	}
	if (req->file)
		r = read_file(req->file, out, err, errlen);
	else if (req->env && getenv(req->env))
		r = read_env(req->env, out, err, errlen);
	else
		r = read_tty(req, out, err, errlen);
	if (r != PASS_OK)
		pass_free(out);
	return r;
}
