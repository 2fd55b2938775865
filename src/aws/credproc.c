/* credential_process: run the command, read and check its JSON document
 * (json-c); the command line is split into words as botocore splits it. */
#include "config.h"
#include "aws/credproc.h"
#include "aws/cred.h"
#include "aws/cred-http.h"
#include "util/isotime.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <json-c/json.h>
#include <openssl/crypto.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

/* ---- the JSON document (json-c) ---- */

/* Overwrites the document's string values (the secret key, the token). */
static void wipe_document(struct json_object *doc)
{
	json_object_object_foreach(doc, key, v)
	{
		(void)key;
		if (json_object_is_type(v, json_type_string)) {
			const char *sv = json_object_get_string(v);

			OPENSSL_cleanse((char *)sv, strlen(sv));
		}
	}
}

/* A string member, or NULL when absent or not a string.  json-c turns an
 * invalid escape such as a lone surrogate into U+FFFD; no credential holds
 * that character, so such a value counts as malformed. */
static int member_str(struct json_object *doc, const char *key, const char **out)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(doc, key, &v) || !json_object_is_type(v, json_type_string))
		return 0;
	*out = json_object_get_string(v);
	return strstr(*out, "\xef\xbf\xbd") ? -1 : 0;
}

/* One JSON object and nothing after it but white space. */
static struct json_object *parse_document(const char *json, size_t len)
{
	return aws_cred_json_parse_depth(json, len, CREDPROC_JSON_DEPTH);
}

/* "Version": 1 as botocore compares it (1 == 1.0 in Python; "1" is not). */
static bool version_is_one(struct json_object *doc)
{
	struct json_object *v;

	if (!json_object_object_get_ex(doc, "Version", &v))
		return false;
	if (json_object_is_type(v, json_type_int))
		return json_object_get_int64(v) == 1;
	if (json_object_is_type(v, json_type_double))
		return json_object_get_double(v) == 1.0;
	return false;
}

int credproc_parse(const char *json, size_t len, const char *profile, long long now,
		   struct aws_credentials *out, char **err)
{
	struct json_object *doc = len <= CREDPROC_MAX_OUTPUT ? parse_document(json, len) : NULL;
	const char *ak, *sk, *token, *expiration;
	long long exp = 0;
	int rc = -1;

	if (!doc || member_str(doc, "AccessKeyId", &ak) < 0 ||
	    member_str(doc, "SecretAccessKey", &sk) < 0 ||
	    member_str(doc, "SessionToken", &token) < 0 ||
	    member_str(doc, "Expiration", &expiration) < 0) {
		*err = xasprintf(
			_("The credential_process of profile (%s) did not print a JSON object."),
			profile);
	} else if (!version_is_one(doc)) {
		*err = xasprintf(
			_("The credential_process of profile (%s) must print \"Version\": 1."),
			profile);
	} else if (!ak || !*ak) {
		*err = xasprintf(_("The credential_process of profile (%s) did not print %s."),
				 profile, "AccessKeyId");
	} else if (!sk || !*sk) {
		*err = xasprintf(_("The credential_process of profile (%s) did not print %s."),
				 profile, "SecretAccessKey");
	} else if (expiration && isotime_parse(expiration, 0, &exp, NULL) < 0) {
		*err = xasprintf(_("The credential_process of profile (%s) printed an Expiration "
				   "that is not an ISO 8601 time."),
				 profile);
	} else if (expiration && exp <= now) {
		char when[32];

		aws_cred_format_time(exp, when, sizeof when);
		*err = xasprintf(_("The credentials from the credential_process of profile (%s) "
				   "expired at %s."),
				 profile, when);
	} else {
		aws_cred_set(out, ak, sk, token, expiration ? exp : 0,
			     xasprintf(_("credential_process (profile %s)"), profile));
		rc = 0;
	}
	/* The document held the secret: its strings are wiped before release. */
	if (doc)
		wipe_document(doc);
	json_object_put(doc);
	return rc;
}

/* ---- the command line, split as botocore splits it (shlex.split) ---- */

/* POSIX shell words: blanks separate, '...' is literal, "..." keeps its
 * contents with \\ and \" escaped, \x outside quotes is x; no globbing,
 * variables or comments.  A NULL-terminated vector, or NULL when a quote
 * is not closed or a backslash ends the line. */
char **credproc_split(const char *cmd)
{
	char **argv = xcalloc(1, sizeof(char *));
	size_t argc = 0;
	const char *p = cmd;

	for (;;) {
		struct buf w = BUF_INIT;
		bool in_word = false;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
			in_word = true;
			if (*p == '\'') {
				const char *q = strchr(p + 1, '\'');

				if (!q)
					goto bad;
				buf_append(&w, p + 1, (size_t)(q - p - 1));
				p = q + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && (p[1] == '\\' || p[1] == '"'))
						p++;
					buf_putc(&w, *p++);
				}
				if (*p != '"')
					goto bad;
				p++;
			} else if (*p == '\\') {
				if (!p[1])
					goto bad;
				buf_putc(&w, p[1]);
				p += 2;
			} else {
				buf_putc(&w, *p++);
			}
		}
		if (in_word) {
			argv = xrealloc(argv, (argc + 2) * sizeof(char *));
			argv[argc++] = buf_steal(&w);
			argv[argc] = NULL;
		}
		continue;
bad:
		buf_free(&w);
		credproc_argv_free(argv);
		return NULL;
	}
	return argv;
}

void credproc_argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* ---- running the command ---- */

/* The process group of the command being run, for the exit and signal
 * paths (0: none).  One at a time per thread is enough: a group each. */
static volatile sig_atomic_t running_group;

static long timeout_ms(void)
{
	const char *v = getenv("SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT");
	char *end;
	double s;

	if (!v || !*v)
		return CREDPROC_TIMEOUT_MS;
	s = strtod(v, &end);
	if (*end || !(s > 0) || s > 86400)
		return CREDPROC_TIMEOUT_MS;
	return (long)(s * 1000);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The whole group: the command and whatever it started.  SIGTERM, a
 * moment, then SIGKILL for what ignores it. */
static void kill_group(pid_t pgid)
{
	if (pgid <= 0)
		return;
	kill(-pgid, SIGTERM);
	for (int i = 0; i < 20 && kill(-pgid, 0) == 0; i++) {
		struct timespec t = { 0, 10 * 1000000 };

		/* Reap our child if it is gone, so that the group empties. */
		waitpid(pgid, NULL, WNOHANG);
		nanosleep(&t, NULL);
	}
	kill(-pgid, SIGKILL);
}

void credproc_kill_running(void)
{
	pid_t g = (pid_t)running_group;

	if (g > 0)
		kill(-g, SIGKILL);
}

static struct sigaction saved_actions[4];
static const int ending_signals[4] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* A signal that would end us while the command runs ends its group
 * first (async-signal-safe: kill, sigaction, raise). */
static void on_ending_signal(int sig)
{
	pid_t g = (pid_t)running_group;
	struct sigaction dfl;

	if (g > 0)
		kill(-g, SIGKILL);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

static void exit_hook(void)
{
	credproc_kill_running();
}

/* Where a signal would kill the program outright (the batch commands),
 * catch it for the time the command runs; handlers the program has set
 * (the terminal interface's) are left alone: its exit path calls
 * credproc_kill_running through atexit. */
static void guard_signals(bool on)
{
	static bool hooked;

	if (!hooked) {
		hooked = true;
		atexit(exit_hook);
	}
	for (int i = 0; i < 4; i++) {
		if (on) {
			struct sigaction sa;

			sigaction(ending_signals[i], NULL, &saved_actions[i]);
			if (saved_actions[i].sa_handler != SIG_DFL)
				continue;
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_ending_signal;
			sigemptyset(&sa.sa_mask);
			sigaction(ending_signals[i], &sa, NULL);
		} else if (saved_actions[i].sa_handler == SIG_DFL) {
			sigaction(ending_signals[i], &saved_actions[i], NULL);
		}
	}
}

/* Reads until EOF or the deadline: 1 on the deadline, 0 at EOF, -1 on an
 * error; *too_big when the output passes the limit. */
static int read_output(int fd, struct buf *out, bool *too_big, long long deadline)
{
	char chunk[4096];
	int rc = 0;

	*too_big = false;
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd p = { fd, POLLIN, 0 };

		if (left <= 0) {
			rc = 1;
			break;
		}
		int n = poll(&p, 1, left > 1000 ? 1000 : (int)left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			continue;
		ssize_t r = read(fd, chunk, sizeof chunk);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			break;
		if (out->len + (size_t)r > CREDPROC_MAX_OUTPUT) {
			*too_big = true;
			break;
		}
		buf_append(out, chunk, (size_t)r);
	}
	OPENSSL_cleanse(chunk, sizeof chunk);
	return rc;
}

/* Waits for the child until the deadline: 0 with *status, 1 on timeout. */
static int wait_child(pid_t pid, int *status, long long deadline)
{
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR) {
			*status = -1;
			return 0;
		}
		if (now_ms() >= deadline)
			return 1;
		struct timespec t = { 0, 10 * 1000000 };

		nanosleep(&t, NULL);
	}
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child_exec(int out_fd, int in_fd, char **argv)
{
	struct sigaction dfl;
	sigset_t none;

	/* Its own process group, so that it and whatever it starts can be
	 * ended together. */
	setpgid(0, 0);
#ifdef __linux__
	/* If we die without a word, so does it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
#endif
	/* What we ignore (SIGPIPE, SIGXFSZ) and block must not be inherited. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGPIPE, &dfl, NULL);
	sigaction(SIGXFSZ, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* stdin and stderr stay ours: a process may prompt for an MFA code. */
	close(in_fd);
	if (out_fd != STDOUT_FILENO) {
		dup2(out_fd, STDOUT_FILENO);
		close(out_fd);
	}
	execvp(argv[0], argv);
	_exit(127);
}

/* How the process ended, as the AWS CLI would report it. */
struct proc_end {
	int rc; /* read_output's: 0, 1 (timed out) or -1 */
	bool too_big, timed_out;
	int status;
	long limit_ms;
};

/* Starts argv (taken) with its standard output on a pipe, in a process
 * group of its own.  Returns the pid and *out_fd, or -1 with *err. */
static pid_t start(char **argv, const char *profile, int *out_fd, char **err)
{
	int fds[2];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		*err = xasprintf(
			_("The credential_process of profile (%s) could not be started: %s."),
			profile, strerror(errno));
		credproc_argv_free(argv);
		return -1;
	}
	guard_signals(true);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		guard_signals(false);
		close(fds[0]);
		close(fds[1]);
		*err = xasprintf(
			_("The credential_process of profile (%s) could not be started: %s."),
			profile, strerror(e));
		credproc_argv_free(argv);
		return -1;
	}
	if (pid == 0)
		child_exec(fds[1], fds[0], argv);
	setpgid(pid, pid); /* also here: whichever runs first */
	running_group = pid;
	credproc_argv_free(argv);
	close(fds[1]);
	*out_fd = fds[0];
	return pid;
}

/* Reads what pid prints until it exits, passes the bound or the deadline,
 * then makes sure it and its group are gone. */
static void collect(pid_t pid, int fd, struct buf *output, struct proc_end *e)
{
	long long deadline = now_ms() + e->limit_ms;

	e->rc = read_output(fd, output, &e->too_big, deadline);
	close(fd); /* a process still writing gets SIGPIPE */
	e->timed_out = e->rc == 1;
	if (e->rc == 0 && !e->too_big)
		e->timed_out = wait_child(pid, &e->status, deadline) == 1;
	if (e->too_big || e->timed_out || e->rc < 0) {
		kill_group(pid);
		while (waitpid(pid, &e->status, 0) < 0 && errno == EINTR)
			;
	}
	/* Whatever it left running in its group goes with it. */
	kill(-pid, SIGKILL);
	running_group = 0;
	guard_signals(false);
}

/* The sentence for a process that did not end well, or NULL when it did. */
static char *end_error(const struct proc_end *e, const char *profile)
{
	if (e->timed_out)
		return xasprintf(
			_("The credential_process of profile (%s) did not finish within %ld "
			  "seconds and was stopped (SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT)."),
			profile, (e->limit_ms + 999) / 1000);
	if (e->too_big)
		return xasprintf(
			_("The credential_process of profile (%s) printed more than %d KiB."),
			profile, CREDPROC_MAX_OUTPUT / 1024);
	if (e->status == -1 || e->rc < 0)
		return xasprintf(_("The credential_process of profile (%s) could not be read."),
				 profile);
	if (WIFSIGNALED(e->status))
		return xasprintf(
			_("The credential_process of profile (%s) was killed by signal %d."),
			profile, WTERMSIG(e->status));
	if (WEXITSTATUS(e->status) != 0)
		return xasprintf(
			_("The credential_process of profile (%s) failed with exit status %d."),
			profile, WEXITSTATUS(e->status));
	return NULL;
}

int credproc_run(const char *command, const char *profile, struct aws_credentials *out, char **err)
{
	struct buf output = BUF_INIT;
	struct proc_end e = { .limit_ms = timeout_ms() };
	int fd, rc = -1;
	/* Split before fork: the child of a threaded program must not allocate. */
	char **argv = credproc_split(command);
	pid_t pid;

	if (!argv || !argv[0]) {
		credproc_argv_free(argv);
		*err = xasprintf(_("The credential_process of profile (%s) is not a valid command "
				   "line (an unclosed quote?)."),
				 profile);
		return -1;
	}
	if ((pid = start(argv, profile, &fd, err)) < 0)
		return -1;
	collect(pid, fd, &output, &e);
	if (!(*err = end_error(&e, profile)))
		rc = credproc_parse(buf_str(&output), output.len, profile, (long long)time(NULL),
				    out, err);
	buf_free_secret(&output);
	return rc;
}
