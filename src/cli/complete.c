/* `sagescale __complete CWORD WORD...`: the candidates for the word at
 * index CWORD of the command line WORD... (WORD 0 being "sagescale"), one
 * per line, already filtered by the word's prefix, for the bash, zsh and
 * fish scripts in data/completion/.  A line "__files__" asks the shell to
 * complete file names instead.
 *
 * Commands, flags and flag values come from the command table and the
 * option tables (so they cannot drift from the parser); profiles from the
 * config and credentials files; regions from data/partitions.def.  Job
 * names and recommendation ids come from the account, and only when the
 * word being completed is one of them: they are cached for a minute in the
 * state directory (per profile, region and endpoint), so that a warm
 * completion is one small file read.  Nothing is ever printed on stderr
 * (it would land in the middle of the user's line), and a failed lookup
 * completes nothing. */
#include "config.h"
#include "cli/complete.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/session.h"
#include "aws/ini.h"
#include "sagemaker/jobs.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CACHE_SECONDS 60
#define CACHE_MAX (4 << 20)

struct line {
	int cword;
	int nwords;
	char **words;
	const char *cur;       /* the word being completed ("" past the end) */
	const char *prev;      /* the word before it, or "" */
	const struct cmd *cmd; /* the command typed, or NULL */
};

/* What was printed, so that a name in two places (a profile in both
 * files) is offered once. */
static char **seen;
static size_t nseen;

static void put(const char *cur, const char *cand)
{
	if (strncmp(cand, cur, strlen(cur)) != 0)
		return;
	for (size_t i = 0; i < nseen; i++)
		if (strcmp(seen[i], cand) == 0)
			return;
	seen = xrealloc(seen, (nseen + 1) * sizeof(*seen));
	seen[nseen++] = xstrdup(cand);
	printf("%s\n", cand);
}

static void put_list(const char *cur, const char *const *list)
{
	for (; *list; list++)
		put(cur, *list);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* The value of --flag in the words before the cursor, or NULL. */
static const char *word_value(const struct line *l, const char *flag)
{
	size_t n = strlen(flag);
	const char *v = NULL;

	for (int i = 1; i < l->cword && i < l->nwords; i++) {
		if (strcmp(l->words[i], flag) == 0 && i + 1 < l->cword)
			v = l->words[i + 1];
		else if (strncmp(l->words[i], flag, n) == 0 && l->words[i][n] == '=')
			v = l->words[i] + n + 1;
	}
	return v;
}

static bool word_given(const struct line *l, const char *flag)
{
	for (int i = 1; i < l->cword && i < l->nwords; i++)
		if (strcmp(l->words[i], flag) == 0)
			return true;
	return false;
}

/* ---- static candidates ---- */

static void complete_commands(const char *cur)
{
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (strcmp((*c)->name, "tui") != 0)
			put(cur, (*c)->name);
	put(cur, "help");
}

static void complete_flags(const struct line *l)
{
	const struct cmd *c = l->cmd ? l->cmd : &cmd_tui_entry;
	struct option *o = cli_command_options(c->groups, c->longopts);

	for (size_t i = 0; o[i].name; i++) {
		char *f = xasprintf("--%s", o[i].name);
		put(l->cur, f);
		free(f);
	}
	free(o);
	if (!l->cmd)
		put(l->cur, "--version");
}

static const char *const regions[] = {
#define PARTITION(...)
#define REGION(name, partition) name,
#include "../../data/partitions.def"
#undef PARTITION
#undef REGION
	NULL
};

static void profiles_of(const char *path, bool config, const char *cur)
{
	struct ini ini = { 0 };

	if (ini_load(path, &ini) != 0) {
		ini_free(&ini);
		return;
	}
	for (size_t i = 0; i < ini.nsections; i++) {
		const char *s = ini.sections[i];

		if (config && strncmp(s, "profile ", 8) == 0)
			put(cur, s + 8);
		else if (!config || strcmp(s, "default") == 0)
			put(cur, s);
	}
	ini_free(&ini);
}

static void complete_profiles(const char *cur)
{
	char *cfg = env("AWS_CONFIG_FILE") ? xstrdup(env("AWS_CONFIG_FILE"))
					   : xasprintf("%s/.aws/config", fileio_home());
	char *cred = env("AWS_SHARED_CREDENTIALS_FILE")
			     ? xstrdup(env("AWS_SHARED_CREDENTIALS_FILE"))
			     : xasprintf("%s/.aws/credentials", fileio_home());

	profiles_of(cfg, true, cur);
	profiles_of(cred, false, cur);
	free(cfg);
	free(cred);
}

/* ---- account candidates, cached ---- */

/* FNV-1a: the cache file's name from what the answer depends on. */
static unsigned long long fnv(const char *s)
{
	unsigned long long h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static char *cache_path(const struct line *l, const char *what, const char *job)
{
	char *key = xasprintf("%s|%s|%s|%s|%s|%s|%s", what, job ? job : "",
			      word_value(l, "--profile") ? word_value(l, "--profile")
			      : env("AWS_PROFILE")       ? env("AWS_PROFILE")
							 : "",
			      word_value(l, "--region")   ? word_value(l, "--region")
			      : env("AWS_REGION")         ? env("AWS_REGION")
			      : env("AWS_DEFAULT_REGION") ? env("AWS_DEFAULT_REGION")
							  : "",
			      word_value(l, "--endpoint-url") ? word_value(l, "--endpoint-url")
			      : env("AWS_ENDPOINT_URL")       ? env("AWS_ENDPOINT_URL")
							      : "",
			      word_given(l, "--demo") ? "demo" : "",
			      env("AWS_ACCESS_KEY_ID") ? "env-key" : "");
	char *dir = fileio_state_dir();
	char *p = xasprintf("%s/complete-%s-%016llx", dir, what, fnv(key));

	free(dir);
	free(key);
	return p;
}

/* The cached lines, when the file is ours, private and under a minute old. */
static char *cache_read(const char *path)
{
	struct stat st;
	struct buf b = BUF_INIT;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077) || time(NULL) - st.st_mtime >= CACHE_SECONDS ||
	    time(NULL) < st.st_mtime) {
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return NULL;
	}
	if (fileio_read_stream(f, CACHE_MAX, &b) != 0) {
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	return buf_steal(&b);
}

/* Written to a temporary file and renamed, so that a completion running
 * at the same time reads the old list or the new one, never half. */
static void cache_write(const char *path, const char *text)
{
	char *dir = fileio_state_dir(), *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	int fd;

	fileio_mkdirs(dir);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		size_t n = strlen(text);
		bool okw = write(fd, text, n) == (ssize_t)n;
		if (close(fd) == 0 && okw && rename(tmp, path) == 0) {
			free(tmp);
			free(dir);
			return;
		}
		unlink(tmp);
	}
	free(tmp);
	free(dir);
}

/* A name fit to complete: what the service model allows (letters, digits,
 * '-', '/', ...) and nothing a terminal or a shell would act on. */
static bool safe_word(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("-_./:", *s)))
			return false;
	return true;
}

static int open_session(const struct line *l, struct session *s)
{
	struct cli_conn c = { 0 };
	char *err = NULL;

	c.profile = word_value(l, "--profile");
	c.region = word_value(l, "--region");
	c.endpoint_url = word_value(l, "--endpoint-url");
	c.ca_bundle = word_value(l, "--ca-bundle");
	c.demo = word_given(l, "--demo");
	c.no_history = true;
	c.read_only = true;
	c.connect_timeout_ms = 2000;
	c.timeout_ms = 5000;
	if (session_open(&c, s, &err) != 0) {
		free(err);
		return -1;
	}
	return 0;
}

static char *fetch_jobs(const struct line *l)
{
	struct session s;
	struct jobs_filter f = { 0 };
	struct jobs_list list;
	struct aws_result res;
	struct buf b = BUF_INIT;

	if (open_session(l, &s) != 0)
		return NULL;
	f.page_size = 100;
	if (jobs_list_all(s.client, &f, NULL, &list, &res) != 0) {
		aws_result_free(&res);
		session_close(&s);
		return NULL;
	}
	for (size_t i = 0; i < list.njobs; i++)
		if (list.jobs[i].name && safe_word(list.jobs[i].name))
			buf_printf(&b, "%s\n", list.jobs[i].name);
	jobs_list_free(&list);
	aws_result_free(&res);
	session_close(&s);
	return buf_steal(&b);
}

static char *fetch_recommendations(const struct line *l, const char *job)
{
	struct session s;
	struct jobs_detail d;
	struct aws_result res;
	struct buf b = BUF_INIT;

	if (open_session(l, &s) != 0)
		return NULL;
	if (jobs_describe(s.client, job, NULL, &d, &res) != 0) {
		aws_result_free(&res);
		session_close(&s);
		return NULL;
	}
	for (size_t i = 0; i < d.nrecs; i++)
		if (d.recs[i].recommendation_id && safe_word(d.recs[i].recommendation_id))
			buf_printf(&b, "%s\n", d.recs[i].recommendation_id);
	jobs_detail_free(&d);
	aws_result_free(&res);
	session_close(&s);
	return buf_steal(&b);
}

static void put_lines(const char *cur, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *w = xstrndup(p, n);

		if (*w)
			put(cur, w);
		free(w);
		p = nl ? nl + 1 : NULL;
	}
}

static void complete_account(const struct line *l, bool recs)
{
	const char *job = recs ? word_value(l, "--job") : NULL;

	if (recs && !job)
		job = word_value(l, "--inference-recommendations-job-name");
	if (recs && (!job || !safe_word(job)))
		return;
	char *path = cache_path(l, recs ? "recs" : "jobs", job);
	char *text = cache_read(path);

	if (!text) {
		text = recs ? fetch_recommendations(l, job) : fetch_jobs(l);
		if (text)
			cache_write(path, text);
	}
	put_lines(l->cur, text);
	free(text);
	free(path);
}

/* ---- flag values ---- */

static const char *const formats[] = { "json", "table", "text", "yaml", "yaml-stream", NULL };
static const char *const sweep_formats[] = { "json", "table", "csv", "yaml", "yaml-stream", NULL };
static const char *const colors[] = { "on", "off", "auto", NULL };
static const char *const skeletons[] = { "input", "output", NULL };
static const char *const statuses[] = { "PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "STOPPING",
					"STOPPED", "DELETING",    "DELETED",   NULL };
static const char *const sort_bys[] = { "Name", "CreationTime", "Status", NULL };
static const char *const sort_orders[] = { "Ascending", "Descending", NULL };

/* Whether flag takes a value in this command's table. */
static int flag_arg(const struct line *l, const char *flag)
{
	const struct cmd *c = l->cmd ? l->cmd : &cmd_tui_entry;
	struct option *o = cli_command_options(c->groups, c->longopts);
	int has = -1;

	for (size_t i = 0; o[i].name; i++)
		if (strncmp(flag, "--", 2) == 0 && strcmp(o[i].name, flag + 2) == 0)
			has = o[i].has_arg;
	free(o);
	return has;
}

/* Values of the flag before the cursor.  True when it takes one (then
 * nothing else is offered). */
static bool complete_value(const struct line *l, const char *flag)
{
	/* sweep and replay: CSV, no text */
	bool sweep = l->cmd &&
		     (strcmp(l->cmd->name, "sweep") == 0 || strcmp(l->cmd->name, "replay") == 0);

	if (!strcmp(flag, "--output"))
		put_list(l->cur, sweep ? sweep_formats : formats);
	else if (!strcmp(flag, "--color"))
		put_list(l->cur, colors);
	else if (!strcmp(flag, "--generate-cli-skeleton"))
		put_list(l->cur, skeletons);
	else if (!strcmp(flag, "--status") || !strcmp(flag, "--status-equals"))
		put_list(l->cur, statuses);
	else if (!strcmp(flag, "--sort-by"))
		put_list(l->cur, sort_bys);
	else if (!strcmp(flag, "--sort-order"))
		put_list(l->cur, sort_orders);
	else if (!strcmp(flag, "--profile"))
		complete_profiles(l->cur);
	else if (!strcmp(flag, "--region"))
		put_list(l->cur, regions);
	else if (!strcmp(flag, "--job") || !strcmp(flag, "--inference-recommendations-job-name"))
		complete_account(l, false);
	else if (!strcmp(flag, "--recommendation-id"))
		complete_account(l, true);
	else if (!strcmp(flag, "--cli-input-json") || !strcmp(flag, "--cli-input-yaml") ||
		 !strcmp(flag, "--ca-bundle") || !strcmp(flag, "--data") ||
		 !strcmp(flag, "--tls-cert") || !strcmp(flag, "--tls-key"))
		puts("__files__");
	else
		return flag_arg(l, flag) == required_argument;
	return true;
}

int cli_complete_main(int argc, char **argv)
{
	struct line l = { 0 };
	char *end;

	/* argv: "__complete" CWORD WORD0 WORD1 ... */
	if (argc < 3)
		return 0;
	l.cword = (int)strtol(argv[1], &end, 10);
	if (*end || l.cword < 1)
		return 0;
	l.words = argv + 2;
	l.nwords = argc - 2;
	l.cur = l.cword < l.nwords ? l.words[l.cword] : "";
	l.prev = l.cword - 1 < l.nwords ? l.words[l.cword - 1] : "";
	/* The command: the first word that is not a flag (or a flag's value). */
	for (int i = 1; i < l.cword && i < l.nwords; i++) {
		if (l.words[i][0] == '-')
			continue;
		if (i > 1 && l.words[i - 1][0] == '-' && !strchr(l.words[i - 1], '='))
			continue;
		l.cmd = cmd_find(l.words[i]);
		if (strcmp(l.words[i], "help") == 0) {
			if (l.cword == i + 1)
				complete_commands(l.cur);
			return 0;
		}
		break;
	}
	/* --flag=VALUE */
	const char *eq = strchr(l.cur, '=');
	if (strncmp(l.cur, "--", 2) == 0 && eq) {
		char *flag = xstrndup(l.cur, (size_t)(eq - l.cur));
		struct line v = l;

		v.cur = eq + 1;
		/* The shell replaces the whole word: each value with its flag. */
		{
			FILE *mem;
			char *buf = NULL;
			size_t len = 0;

			mem = open_memstream(&buf, &len);
			if (mem) {
				FILE *old = stdout;
				stdout = mem;
				complete_value(&v, flag);
				stdout = old;
				fclose(mem);
				const char *p = buf;
				while (p && *p) {
					const char *nl = strchr(p, '\n');
					printf("%s=%.*s\n", flag,
					       (int)(nl ? nl - p : (long)strlen(p)), p);
					p = nl ? nl + 1 : NULL;
				}
				free(buf);
			}
		}
		free(flag);
		return 0;
	}
	if (l.cword > 1 && strncmp(l.prev, "--", 2) == 0 && complete_value(&l, l.prev))
		return 0;
	if (!l.cmd && l.cur[0] != '-') {
		complete_commands(l.cur);
		return 0;
	}
	if (l.cmd && l.cmd->main)
		return 0; /* a command with its own parser (sim): no flag table */
	complete_flags(&l);
	return 0;
}
