/* Unit tests of src/whatif/history.c: round trip, bounds, corrupt and
 * truncated lines, a foreign or unreadable file left untouched, mode 0600,
 * the atomic rewrite, --no-history. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testfile.h"
#include "whatif/history.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	tmpdir = testfile_tmpdir("unit-history");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testfile_rmtree(tmpdir);
}

static char *path_in(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void sample_ok(struct whatif_run *r, int cpu)
{
	memset(r, 0, sizeof(*r));
	r->time = 1764230000 + cpu;
	r->elapsed_ms = 12;
	r->req.job_name = xstrdup("demo-job-1");
	r->req.recommendation_id = xstrdup("rec-0001");
	r->req.cpu = (struct opt_int){ true, cpu };
	r->req.min_invocations = (struct opt_int){ true, 100 };
	r->req.max_invocations = (struct opt_int){ true, 5000 };
	r->ok = true;
	r->invocations_per_instance = (struct opt_int){ true, 40 * cpu };
	r->model_latency = (struct opt_int){ true, 1200 };
	r->min_capacity = (struct opt_int){ true, 1 };
	r->max_capacity = (struct opt_int){ true, 7 };
	r->scale_in_cooldown = (struct opt_int){ true, 300 };
	r->scale_out_cooldown = (struct opt_int){ true, 60 };
	r->npolicies = 2;
	r->policies = xcalloc(2, sizeof(char *));
	r->policies[0] =
		xstrdup("TargetTracking Predefined SageMakerVariantInvocationsPerInstance = 2000");
	r->policies[1] = xstrdup(
		"TargetTracking Customized /aws/sagemaker/Endpoints/CPUUtilizationNormalized Average = 50");
	r->response_json = xstrdup("{\"Metric\":{\"InvocationsPerInstance\":2000}}");
	r->request_id = xstrdup("11111111-2222-3333-4444-555555555555");
	r->attempts = 1;
}

static void sample_err(struct whatif_run *r)
{
	memset(r, 0, sizeof(*r));
	r->time = 1764230999;
	r->req.job_name = xstrdup("no-such-job");
	r->req.endpoint_name = xstrdup("ep \"quoted\"\n");
	r->req.cpu = (struct opt_int){ true, 70 };
	whatif_run_set_error(r, "service", "ResourceNotFound", "Job no-such-job not found");
	r->http_status = 400;
	r->attempts = 1;
}

static void assert_same(const struct whatif_run *a, const struct whatif_run *b)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->time, b->time);
	assert_int_equal(a->elapsed_ms, b->elapsed_ms);
	assert_string_equal(a->req.job_name, b->req.job_name);
	assert_true((a->req.recommendation_id == NULL) == (b->req.recommendation_id == NULL));
	assert_true((a->req.endpoint_name == NULL) == (b->req.endpoint_name == NULL));
	if (a->req.endpoint_name)
		assert_string_equal(a->req.endpoint_name, b->req.endpoint_name);
	assert_int_equal(a->req.cpu.v, b->req.cpu.v);
	assert_int_equal(a->req.min_invocations.set, b->req.min_invocations.set);
	assert_int_equal(a->ok, b->ok);
	assert_int_equal(a->invocations_per_instance.set, b->invocations_per_instance.set);
	assert_int_equal(a->invocations_per_instance.v, b->invocations_per_instance.v);
	assert_int_equal(a->max_capacity.v, b->max_capacity.v);
	assert_int_equal(a->scale_in_cooldown.v, b->scale_in_cooldown.v);
	assert_int_equal(a->npolicies, b->npolicies);
	for (size_t i = 0; i < a->npolicies; i++)
		assert_string_equal(a->policies[i], b->policies[i]);
	if (!a->ok) {
		assert_string_equal(a->error_kind, b->error_kind);
		assert_string_equal(a->error_code, b->error_code);
		assert_string_equal(a->error_message, b->error_message);
		assert_int_equal(a->http_status, b->http_status);
	}
}

static void free_warnings(struct history *h, size_t expect)
{
	char **w;
	size_t n = history_take_warnings(h, &w);
	for (size_t i = 0; i < n; i++) {
		print_message("# warning: %s\n", w[i]);
		free(w[i]);
	}
	free(w);
	assert_int_equal(n, expect);
}

static void test_encode_decode(void **state)
{
	struct whatif_run a, b, c, d;

	sample_ok(&a, 55);
	a.id = 3;
	char *line = history_encode(&a);
	assert_null(strchr(line, '\n')); /* one record, one line */
	assert_int_equal(history_decode(line, strlen(line), &b), 0);
	assert_same(&a, &b);
	assert_string_equal(b.response_json, a.response_json);
	free(line);
	sample_err(&c);
	c.id = 4;
	line = history_encode(&c);
	assert_null(strchr(line, '\n')); /* the newline in the input was escaped */
	assert_int_equal(history_decode(line, strlen(line), &d), 0);
	assert_same(&c, &d);
	free(line);
	whatif_run_free(&a);
	whatif_run_free(&b);
	whatif_run_free(&c);
	whatif_run_free(&d);
}

static void test_round_trip(void **state)
{
	char *path = xasprintf("%s/state/sagescale/history.jsonl", tmpdir);
	struct history_options o = { .path = path };
	struct history *h = history_open(&o);
	struct whatif_run runs[3];

	assert_int_equal(history_status(h), HISTORY_ACTIVE);
	sample_ok(&runs[0], 10);
	sample_err(&runs[1]);
	sample_ok(&runs[2], 90);
	for (int i = 0; i < 3; i++)
		assert_int_equal(history_add(h, &runs[i]), 0);
	assert_int_equal(runs[0].id, 1);
	assert_int_equal(runs[2].id, 3);
	free_warnings(h, 0);
	history_close(h);

	/* Mode 0600 for the file, 0700 for the directories we made. */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *dir = xasprintf("%s/state/sagescale", tmpdir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0077, 0);
	free(dir);

	h = history_open(&o);
	assert_int_equal(history_status(h), HISTORY_ACTIVE);
	assert_int_equal(history_count(h), 3);
	for (int i = 0; i < 3; i++)
		assert_same(&runs[i], history_get(h, (size_t)i));
	assert_non_null(history_find(h, 2));
	assert_false(history_find(h, 2)->ok);
	assert_null(history_find(h, 99));
	/* Ids go on from the last one. */
	struct whatif_run r;
	sample_ok(&r, 20);
	history_add(h, &r);
	assert_int_equal(r.id, 4);
	free_warnings(h, 0);
	history_close(h);
	char *text = testfile_slurp(path, NULL);
	assert_int_equal(count_lines(text), 5); /* header + 4 */
	assert_memory_equal(text, HISTORY_HEADER "\n", strlen(HISTORY_HEADER) + 1);
	free(text);
	whatif_run_free(&r);
	for (int i = 0; i < 3; i++)
		whatif_run_free(&runs[i]);
	free(path);
}

static void test_bound_runs(void **state)
{
	char *path = path_in("bound.jsonl");
	struct history_options o = { .path = path, .max_runs = 5 };
	struct history *h = history_open(&o);

	for (int i = 1; i <= 12; i++) {
		struct whatif_run r;
		sample_ok(&r, i);
		assert_int_equal(history_add(h, &r), 0);
		whatif_run_free(&r);
		char *text = testfile_slurp(path, NULL);
		assert_true(count_lines(text) <= 1 + 5);
		free(text);
	}
	assert_int_equal(history_count(h), 5);
	assert_int_equal(history_get(h, 0)->id, 8);
	history_close(h);
	h = history_open(&o);
	assert_int_equal(history_count(h), 5);
	/* The newest are kept, in order. */
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(history_get(h, i)->id, (long long)(8 + i));
	free_warnings(h, 0);
	history_close(h);
	free(path);
}

static void test_bound_bytes(void **state)
{
	char *path = path_in("bytes.jsonl");
	struct history_options o = { .path = path, .max_bytes = 4096 };
	struct history *h = history_open(&o);

	for (int i = 1; i <= 40; i++) {
		struct whatif_run r;
		sample_ok(&r, i);
		history_add(h, &r);
		whatif_run_free(&r);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_size <= 4096);
	}
	free_warnings(h, 0);
	history_close(h);
	h = history_open(&o);
	assert_true(history_count(h) >= 3);
	assert_int_equal(history_get(h, history_count(h) - 1)->id, 40);
	free_warnings(h, 0);
	history_close(h);
	free(path);
}

static void test_corrupt_and_truncated(void **state)
{
	char *path = path_in("corrupt.jsonl");
	struct whatif_run a, b;
	sample_ok(&a, 30);
	a.id = 1;
	sample_ok(&b, 40);
	b.id = 2;
	char *la = history_encode(&a), *lb = history_encode(&b);
	/* A good line, garbage, a good line, then a line cut short by a crash. */
	char *text = xasprintf("%s\n%s\n{not json at all\n%s\n%.*s", HISTORY_HEADER, la, lb,
			       (int)(strlen(la) / 2), la);
	spit(path, text);
	struct history_options o = { .path = path };
	struct history *h = history_open(&o);
	assert_int_equal(history_status(h), HISTORY_ACTIVE);
	assert_int_equal(history_count(h), 2);
	assert_int_equal(history_get(h, 0)->id, 1);
	assert_int_equal(history_get(h, 1)->id, 2);
	free_warnings(h, 2); /* one for each bad line */
	/* Adding after a truncated last line repairs the file in place: the
	 * cut line is truncated away and the run appended, with no rewrite
	 * (issue 17: a rewrite needs as much free space as the file). */
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	struct whatif_run c;
	sample_ok(&c, 50);
	assert_int_equal(history_add(h, &c), 0);
	assert_int_equal(c.id, 3);
	free_warnings(h, 0);
	history_close(h);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	char *got = testfile_slurp(path, NULL);
	assert_int_equal(got[strlen(got) - 1], '\n');
	size_t lines = 0;
	for (const char *q = got; *q; q++)
		lines += *q == '\n';
	assert_int_equal(lines, 5); /* header, a, garbage, b, c: the cut line gone */
	free(got);
	h = history_open(&o);
	assert_int_equal(history_count(h), 3);
	free_warnings(h, 1); /* the garbage line in the middle stays skipped */
	history_close(h);
	whatif_run_free(&a);
	whatif_run_free(&b);
	whatif_run_free(&c);
	free(la);
	free(lb);
	free(text);
	free(path);
}

/* A full disk, made real with a file-size limit (the kernel stops the
 * write part-way with EFBIG, as a full file system does with ENOSPC): the
 * append is cut back (no half record), one warning for the episode, the
 * runs wait in memory and are written, in order, once there is room. */
static void test_full_disk(void **state)
{
	char *path = path_in("full.jsonl");
	struct history_options o = { .path = path };
	struct history *h = history_open(&o);
	struct whatif_run r[4];
	struct rlimit saved, lim;
	struct stat st;
	char **w;

	signal(SIGXFSZ, SIG_IGN);
	for (int i = 0; i < 4; i++)
		sample_ok(&r[i], 10 + i);
	assert_int_equal(history_add(h, &r[0]), 0);
	free_warnings(h, 0);
	assert_int_equal(stat(path, &st), 0);
	off_t size0 = st.st_size;

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	lim = saved;
	lim.rlim_cur = (rlim_t)size0 + 10;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(history_add(h, &r[1]), -1);
	assert_int_equal(history_add(h, &r[2]), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, size0); /* cut back: no half record */
	assert_int_equal(history_status(h), HISTORY_ACTIVE);
	assert_int_equal(history_pending(h), 2);
	assert_int_equal(history_count(h), 3);             /* kept in memory */
	assert_int_equal(history_take_warnings(h, &w), 1); /* one for the episode */
	assert_non_null(strstr(w[0], "runs are kept in memory"));
	free(w[0]);
	free(w);
	/* Room again: the next run writes the waiting ones first. */
	assert_int_equal(history_add(h, &r[3]), 0);
	assert_int_equal(history_pending(h), 0);
	free_warnings(h, 0);
	history_close(h);
	h = history_open(&o);
	assert_int_equal(history_count(h), 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(history_get(h, (size_t)i)->req.cpu.v, 10 + i);
	free_warnings(h, 0);
	history_close(h);

	/* Full until the end: closing writes what waits once there is room. */
	h = history_open(&o);
	assert_int_equal(stat(path, &st), 0);
	lim.rlim_cur = (rlim_t)st.st_size + 5;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(history_add(h, &r[0]), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	free_warnings(h, 1);
	history_close(h);
	h = history_open(&o);
	assert_int_equal(history_count(h), 5);
	free_warnings(h, 0);
	history_close(h);
	signal(SIGXFSZ, SIG_DFL);
	for (int i = 0; i < 4; i++)
		whatif_run_free(&r[i]);
	free(path);
}

static void test_foreign_untouched(void **state)
{
	char *path = path_in("foreign.jsonl");
	const char *theirs = "# my notes\nnot a sagescale file\n";
	spit(path, theirs);
	chmod(path, 0644);
	struct history_options o = { .path = path };
	struct history *h = history_open(&o);
	assert_int_equal(history_status(h), HISTORY_FOREIGN);
	assert_int_equal(history_count(h), 0);
	free_warnings(h, 1);
	struct whatif_run r;
	sample_ok(&r, 10);
	assert_int_equal(history_add(h, &r), -1);
	assert_int_equal(history_count(h), 1); /* still kept in memory */
	whatif_run_free(&r);
	history_close(h);
	char *now = testfile_slurp(path, NULL);
	assert_string_equal(now, theirs);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	free(now);
	/* A directory in its place is reported too, and left alone. */
	char *dpath = path_in("adir.jsonl");
	assert_int_equal(mkdir(dpath, 0700), 0);
	o.path = dpath;
	h = history_open(&o);
	assert_int_equal(history_status(h), HISTORY_FOREIGN);
	free_warnings(h, 1);
	history_close(h);
	free(dpath);
	free(path);
}

static void test_unreadable_untouched(void **state)
{
	/* A path through a regular file cannot be read by anyone (ENOTDIR). */
	char *blocker = path_in("blocker");
	spit(blocker, "mine\n");
	char *through = path_in("blocker/history.jsonl");
	struct history_options ob = { .path = through };
	struct history *hb = history_open(&ob);
	assert_int_equal(history_status(hb), HISTORY_UNREADABLE);
	free_warnings(hb, 1);
	history_close(hb);
	char *still = testfile_slurp(blocker, NULL);
	assert_string_equal(still, "mine\n");
	free(still);
	free(through);
	free(blocker);
	if (geteuid() == 0)
		return; /* root reads a 0000 file anyway */
	char *path = path_in("unreadable.jsonl");
	spit(path, HISTORY_HEADER "\n");
	chmod(path, 0);
	struct history_options o = { .path = path };
	struct history *h = history_open(&o);
	assert_int_equal(history_status(h), HISTORY_UNREADABLE);
	free_warnings(h, 1);
	struct whatif_run r;
	sample_ok(&r, 10);
	assert_int_equal(history_add(h, &r), -1);
	whatif_run_free(&r);
	history_close(h);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0);
	assert_int_equal(st.st_size, strlen(HISTORY_HEADER) + 1);
	free(path);
}

static void test_atomic_rewrite(void **state)
{
	char *path = path_in("atomic.jsonl");
	struct history_options o = { .path = path, .max_runs = 3 };
	struct history *h = history_open(&o);

	for (int i = 1; i <= 3; i++) {
		struct whatif_run r;
		sample_ok(&r, i);
		history_add(h, &r);
		whatif_run_free(&r);
	}
	/* A reader holding the file open while the bound forces a rewrite keeps
	 * seeing the complete old file: the new one replaced it by rename. */
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	struct stat before, after;
	fstat(fd, &before);
	char *old = testfile_slurp(path, NULL);
	struct whatif_run r;
	sample_ok(&r, 4);
	assert_int_equal(history_add(h, &r), 0);
	whatif_run_free(&r);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	assert_int_equal(after.st_mode & 0777, 0600);
	struct buf seen = BUF_INIT;
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&seen, chunk, (size_t)n);
	close(fd);
	assert_string_equal(buf_str(&seen), old);
	buf_free(&seen);
	free(old);
	/* No temporary file is left behind. */
	char *cmd =
		xasprintf("ls '%s' | grep -v lock | grep -c 'atomic.jsonl.' >/dev/null", tmpdir);
	int rc = system(cmd);
	free(cmd);
	assert_int_not_equal(rc, 0);
	/* Below the bound, an append keeps the same file (one whole-line write). */
	history_close(h);
	o.max_runs = 10;
	h = history_open(&o);
	assert_int_equal(stat(path, &before), 0);
	sample_ok(&r, 5);
	assert_int_equal(history_add(h, &r), 0);
	whatif_run_free(&r);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino == after.st_ino);
	free_warnings(h, 0);
	history_close(h);
	free(path);
}

/* Two processes appending at once (two open interfaces): every run lands
 * whole, none is lost, the bound still holds. */
static void test_concurrent_writers(void **state)
{
	char *path = path_in("shared.jsonl");
	pid_t kids[2];

	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			struct history_options o = { .path = path, .max_runs = 60 };
			struct history *h = history_open(&o);
			int rc = 0;
			for (int i = 0; i < 40; i++) {
				struct whatif_run r;
				sample_ok(&r, 1 + i);
				rc |= history_add(h, &r);
				whatif_run_free(&r);
			}
			history_close(h);
			_exit(rc == 0 ? 0 : 1);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st;
		assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	struct history_options o = { .path = path, .max_runs = 60 };
	struct history *h = history_open(&o);
	/* 80 runs were written, the last 60 kept, every line whole, and
	 * numbered 21 to 80 in order though two sessions wrote them. */
	assert_int_equal(history_count(h), 60);
	for (size_t i = 0; i < 60; i++)
		assert_int_equal(history_get(h, i)->id, (long long)(21 + i));
	free_warnings(h, 0);
	history_close(h);
	char *text = testfile_slurp(path, NULL);
	assert_int_equal(count_lines(text), 61);
	free(text);
	free(path);
}

static void test_disabled(void **state)
{
	char *path = path_in("never/history.jsonl");
	struct history_options o = { .path = path, .disabled = true };
	struct history *h = history_open(&o);
	struct whatif_run r;

	assert_int_equal(history_status(h), HISTORY_OFF);
	sample_ok(&r, 10);
	assert_int_equal(history_add(h, &r), 0);
	assert_int_equal(history_count(h), 1);
	whatif_run_free(&r);
	free_warnings(h, 0);
	history_close(h);
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0); /* nothing written, not even the directory */
	char *dir = path_in("never");
	assert_int_not_equal(stat(dir, &st), 0);
	free(dir);
	free(path);
}

static void test_default_path(void **state)
{
	char *saved_state = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	char *saved_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *p = history_default_path();
	assert_string_equal(p, "/x/state/sagescale/history.jsonl");
	free(p);
	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/u", 1);
	p = history_default_path();
	assert_string_equal(p, "/home/u/.local/state/sagescale/history.jsonl");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = history_default_path();
	assert_string_equal(p, "/home/u/.local/state/sagescale/history.jsonl");
	free(p);
	if (saved_state)
		setenv("XDG_STATE_HOME", saved_state, 1);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	free(saved_state);
	free(saved_home);
}

/* A rerun that changed nothing is recognised (and not written again);
 * another input, another answer or a failure is a new run. */
static void test_same_run(void **state)
{
	struct whatif_run a, b, e;

	(void)state;
	sample_ok(&a, 50);
	sample_ok(&b, 50);
	b.time += 60; /* later, and slower: still the same run */
	b.elapsed_ms = 99;
	assert_true(whatif_run_same(&a, &b));
	b.req.cpu.v = 51;
	assert_false(whatif_run_same(&a, &b));
	b.req.cpu.v = 50;
	free(b.response_json);
	b.response_json = xstrdup("{\"Metric\":{\"InvocationsPerInstance\":2001}}");
	assert_false(whatif_run_same(&a, &b));
	sample_err(&e);
	assert_false(whatif_run_same(&e, &e)); /* failures are always kept */
	whatif_run_free(&a);
	whatif_run_free(&b);
	whatif_run_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_decode),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bound_runs),
		cmocka_unit_test(test_bound_bytes),
		cmocka_unit_test(test_corrupt_and_truncated),
		cmocka_unit_test(test_full_disk),
		cmocka_unit_test(test_foreign_untouched),
		cmocka_unit_test(test_unreadable_untouched),
		cmocka_unit_test(test_atomic_rewrite),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_same_run),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests_name("history", tests, setup, teardown);
}
