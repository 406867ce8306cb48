/* pinyin_engine.c — the one librime of the process: start, background
 * deploy, state for the kiosk to poll, shutdown (see pinyin.h).
 *
 * librime keeps its configuration in globals and aborts on a second
 * RimeSetup (glog refuses to initialise twice), so this file owns one
 * engine record behind a mutex and remembers forever that setup ran. The
 * deploy thread does everything slow — setup, initialize, maintenance, a
 * check that the schema loads with our patches — so pinyin_start returns
 * at once and the kiosk shows its compose screen while Rime deploys. */
#include "pinyin.h"
#include "pinyin_impl.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct engine {
	pthread_mutex_t lock;
	pthread_cond_t changed;    /* broadcast when status leaves DEPLOYING */
	pinyin_status status;
	char message[PATH_MAX + 256];
	const char *missing;       /* Debian package, or NULL */
	char user_dir[PATH_MAX];
	char shared_dir[PATH_MAX];
	char log_dir[PATH_MAX];
	pthread_t thread;
	bool thread_live;          /* created, not yet joined */
	bool rime_setup;           /* RimeSetup ran (or will): never again */
	bool rime_up;              /* RimeInitialize ran; finalize at shutdown */
	bool shut;                 /* shut down after setup: no restart */
	struct timespec t0;
	double seconds;            /* start to READY */
	int sessions;              /* live pinyin sessions */
	atomic_int deploy_note;    /* Rime's deploy notice: 0 none, 1 success, -1 failure */
} g = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.changed = PTHREAD_COND_INITIALIZER,
};

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Called by Rime from its maintenance thread, and for every session's
 * option and schema changes from the typing thread: only "deploy" counts. */
static void on_notice(void *ctx, RimeSessionId sid, const char *type, const char *value)
{
	(void)ctx;
	(void)sid;
	if (!type || !value || strcmp(type, "deploy") != 0)
		return;
	if (strcmp(value, "success") == 0)
		atomic_store(&g.deploy_note, 1);
	else if (strcmp(value, "failure") == 0)
		atomic_store(&g.deploy_note, -1);
}

/* Checks the deployed schema: present, learning off, and a session
 * really gets it with simplified output. OUT: why on failure. */
static bool verify_schema(RimeApi *api, char *why, size_t cap)
{
	RimeConfig cfg = {0};
	Bool user_dict = True;

	if (!api->schema_open(PINYIN_SCHEMA, &cfg)) {
		snprintf(why, cap, "Rime did not deploy the schema " PINYIN_SCHEMA);
		return false;
	}
	bool found = api->config_get_bool(&cfg, "translator/enable_user_dict", &user_dict);
	api->config_close(&cfg);
	if (!found || user_dict) {
		snprintf(why, cap, "Rime ignored the patch that turns its learning off");
		return false;
	}
	RimeSessionId sid = api->create_session();
	char schema[64] = "";
	bool ok = sid && api->get_current_schema(sid, schema, sizeof schema) &&
	          strcmp(schema, PINYIN_SCHEMA) == 0 && api->get_option(sid, "zh_simp");
	if (sid)
		api->destroy_session(sid);
	if (!ok)
		snprintf(why, cap, "a Rime session does not start with " PINYIN_SCHEMA);
	return ok;
}

static void finish(bool ok, const char *why)
{
	pthread_mutex_lock(&g.lock);
	g.status = ok ? PINYIN_READY : PINYIN_FAILED;
	g.seconds = ok ? since(&g.t0) : -1;
	snprintf(g.message, sizeof g.message, "%s", ok ? "" : why);
	pthread_cond_broadcast(&g.changed);
	pthread_mutex_unlock(&g.lock);
}

/* The deploy thread. g's directories do not change while it runs:
 * pinyin_start refuses everything once rime_setup is set. */
static void *deploy_main(void *arg)
{
	/* No plugins: librime-lua would run scripts from data directories,
	 * octagram loads grammar models; neither serves this schema. */
	static const char *modules[] = {"core", "dict", "gears", NULL};
	RimeApi *api = rime_get_api();
	char why[PATH_MAX + 128];

	(void)arg;
	RIME_STRUCT(RimeTraits, t);
	t.shared_data_dir = g.shared_dir;
	t.user_data_dir = g.user_dir;
	t.distribution_name = "treehole";
	t.distribution_code_name = "treehole";
	t.distribution_version = TREEHOLE_VERSION;
	t.app_name = PINYIN_APP_NAME;
	t.modules = modules;
	t.min_log_level = PINYIN_LOG_LEVEL;
	t.log_dir = g.log_dir;
	api->setup(&t);
	api->set_notification_handler(on_notice, NULL);
	api->initialize(&t);
	pthread_mutex_lock(&g.lock);
	g.rime_up = true;
	pthread_mutex_unlock(&g.lock);
	/* False means either "nothing changed since the last deploy" or a
	 * failure before deploying; verify_schema tells the two apart. */
	if (api->start_maintenance(False))
		api->join_maintenance_thread();
	if (atomic_load(&g.deploy_note) < 0) {
		snprintf(why, sizeof why, "Rime could not deploy its data into %s (disk full, or "
		                          "not writable?)", g.user_dir);
		finish(false, why);
	} else {
		bool ok = verify_schema(api, why, sizeof why);
		finish(ok, why);
	}
	return NULL;
}

/* Records a failure found before Rime was touched. Lock held. */
static bool fail_early(const char *package, const char *why)
{
	g.status = PINYIN_FAILED;
	g.missing = package;
	snprintf(g.message, sizeof g.message, "%s", why);
	return false;
}

/* Checks data and directories. Lock held; Rime not set up. */
static bool prepare(const char *user_dir, const char *shared_dir)
{
	char path[PATH_MAX], why[PATH_MAX + 128];
	const char *package = pinyin_setup_missing(shared_dir, path, sizeof path);

	if (package) {
		snprintf(why, sizeof why, "Pinyin input needs the Debian package %s (%s is missing)",
		         package, path);
		return fail_early(package, why);
	}
	if (snprintf(g.log_dir, sizeof g.log_dir, "%s/log", user_dir) >= (int)sizeof g.log_dir ||
	    snprintf(g.user_dir, sizeof g.user_dir, "%s", user_dir) >= (int)sizeof g.user_dir ||
	    snprintf(g.shared_dir, sizeof g.shared_dir, "%s", shared_dir) >= (int)sizeof g.shared_dir)
		return fail_early(NULL, "the input method folder's path is too long");
	if (!pinyin_setup_private_dir(user_dir, why, sizeof why) ||
	    !pinyin_setup_private_dir(g.log_dir, why, sizeof why) ||
	    !pinyin_setup_write_config(user_dir, why, sizeof why))
		return fail_early(NULL, why);
	return true;
}

bool pinyin_start(const char *user_dir, const char *shared_dir)
{
	if (!user_dir || user_dir[0] != '/')
		return false;
	if (!shared_dir)
		shared_dir = PINYIN_DEBIAN_DATA_DIR;
	pthread_mutex_lock(&g.lock);
	bool ok;
	if (g.rime_setup) {
		ok = !g.shut && strcmp(g.user_dir, user_dir) == 0 &&
		     (g.status == PINYIN_DEPLOYING || g.status == PINYIN_READY);
	} else if ((ok = prepare(user_dir, shared_dir))) {
		g.status = PINYIN_DEPLOYING;
		g.missing = NULL;
		g.message[0] = '\0';
		g.seconds = -1;
		atomic_store(&g.deploy_note, 0);
		clock_gettime(CLOCK_MONOTONIC, &g.t0);
		g.thread_live = pthread_create(&g.thread, NULL, deploy_main, NULL) == 0;
		g.rime_setup = g.thread_live;
		if (!g.thread_live)
			ok = fail_early(NULL, "cannot start the input method's deploy thread");
	}
	pthread_mutex_unlock(&g.lock);
	return ok;
}

pinyin_status pinyin_state(const char **message)
{
	pthread_mutex_lock(&g.lock);
	pinyin_status st = g.status;
	/* Only a FAILED message is final; the deploy thread may still write. */
	if (message)
		*message = st == PINYIN_FAILED ? g.message : "";
	pthread_mutex_unlock(&g.lock);
	return st;
}

const char *pinyin_missing_package(void)
{
	pthread_mutex_lock(&g.lock);
	const char *m = g.status == PINYIN_FAILED ? g.missing : NULL;
	pthread_mutex_unlock(&g.lock);
	return m;
}

pinyin_status pinyin_wait(double timeout_s)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	if (timeout_s > 0) {
		double ns = (double)until.tv_nsec + (timeout_s - (double)(long)timeout_s) * 1e9;
		until.tv_sec += (time_t)timeout_s + (time_t)(ns / 1e9);
		until.tv_nsec = (long)ns % 1000000000L;
	}
	pthread_mutex_lock(&g.lock);
	while (g.status == PINYIN_DEPLOYING &&
	       pthread_cond_timedwait(&g.changed, &g.lock, &until) == 0)
		;
	pinyin_status st = g.status;
	pthread_mutex_unlock(&g.lock);
	return st;
}

double pinyin_deploy_seconds(void)
{
	pthread_mutex_lock(&g.lock);
	double s = g.status == PINYIN_READY ? g.seconds : -1;
	pthread_mutex_unlock(&g.lock);
	return s;
}

bool pinyin_shutdown(void)
{
	pthread_mutex_lock(&g.lock);
	if (g.sessions > 0) {
		pthread_mutex_unlock(&g.lock);
		return false;
	}
	bool join = g.thread_live;
	g.thread_live = false;
	pthread_mutex_unlock(&g.lock);
	if (join)
		pthread_join(g.thread, NULL);
	pthread_mutex_lock(&g.lock);
	if (g.rime_up)
		rime_get_api()->finalize();
	g.rime_up = false;
	g.shut = g.rime_setup;
	g.status = PINYIN_OFF;
	g.message[0] = '\0';
	pthread_mutex_unlock(&g.lock);
	return true;
}

RimeApi *pinyin_engine_acquire(void)
{
	RimeApi *api = NULL;

	pthread_mutex_lock(&g.lock);
	if (g.status == PINYIN_READY) {
		g.sessions++;
		api = rime_get_api();
	}
	pthread_mutex_unlock(&g.lock);
	return api;
}

void pinyin_engine_release(void)
{
	pthread_mutex_lock(&g.lock);
	if (g.sessions > 0)
		g.sessions--;
	pthread_mutex_unlock(&g.lock);
}
