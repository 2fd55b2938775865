/* `sagescale sweep`: the recommendation for a range of CPU targets, run on a
 * small pool of connections, printed as a JSON array (API responses or error
 * objects, in CPU order), a table (optionally with a chart) or CSV. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "whatif/chart.h"
#include "whatif/sweep.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define GROUPS (CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_QUERY)
#define DEFAULT_RANGE "10:100:10"

enum {
	OPT_CONCURRENCY = CLI_OPT_USER,
	OPT_OUTPUT,
	OPT_CHART,
	OPT_ASCII,
	OPT_PROGRESS,
};

static const struct option sweep_opts[] = { { "concurrency", required_argument, NULL,
					      OPT_CONCURRENCY },
					    { "output", required_argument, NULL, OPT_OUTPUT },
					    { "chart", no_argument, NULL, OPT_CHART },
					    { "ascii", no_argument, NULL, OPT_ASCII },
					    { "progress", no_argument, NULL, OPT_PROGRESS },
					    { NULL, 0, NULL, 0 } };

struct sweep_args {
	int concurrency;
	enum cli_fmt fmt;
	bool chart, ascii, progress;
	const char *range_text; /* --cpu as given, NULL: DEFAULT_RANGE */
	struct sweep_range range;
};

static void sweep_args_init(void *opts)
{
	struct sweep_args *sa = opts;

	sa->concurrency = SWEEP_DEFAULT_CONCURRENCY;
	sa->fmt = CLI_FMT_JSON;
}

static void usage(FILE *out)
{
	fputs(_("Usage: sagescale sweep --cpu FROM:TO:STEP --job NAME\n"
		"                       (--recommendation-id ID | --endpoint-name NAME)\n"
		"                       [--min-invocations N] [--max-invocations N]\n"
		"                       [--concurrency N] [--output json|table|csv] [--chart]\n"
		"                       [connection options]\n"
		"Asks for the recommendation at every CPU target of the range (1-100;\n"
		"default 10:100:10) on a small pool of connections, and prints the answers\n"
		"in CPU order; a point that fails keeps its error and the rest are kept.\n\n"
		"Sweep:\n"
		"  --cpu FROM:TO:STEP    the CPU targets, e.g. 10:100:10 (FROM <= TO, STEP >= 1)\n"
		"  --concurrency N       requests in flight at most, 1-16 (default 4); halved\n"
		"                        while the service throttles\n"
		"  --output json|table|csv|yaml|yaml-stream\n"
		"                        json: an array of the API's responses, or error\n"
		"                        objects, in CPU order (default); yaml: the same\n"
		"  --chart               with --output table: a chart of MinCapacity,\n"
		"                        MaxCapacity and InvocationsPerInstance below it\n"
		"  --ascii               draw the chart with ASCII only\n"
		"  --progress            show progress on standard error\n\n"),
	      out);
	cli_print_group_help(out, GROUPS);
	fputs(_("\nExit status: 0 every point answered, 1 some point met a service error,\n"
		"2 usage or validation error (nothing sent), 3 network, TLS or configuration\n"
		"error, 130 interrupted (the points done so far are printed).\n"),
	      out);
}

static int handle_opt(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct sweep_args *sa = ud;

	switch (val) {
	case OPT_CONCURRENCY: return sweep_concurrency_parse(arg, &sa->concurrency, err);
	case OPT_OUTPUT: return cli_parse_fmt(flag, arg, &sa->fmt, err);
	case OPT_CHART: sa->chart = true; return 0;
	case OPT_ASCII: sa->ascii = true; return 0;
	case OPT_PROGRESS: sa->progress = true; return 0;
	}
	return 0;
}

/* --cpu means a range here, not one value: take it (and its AWS CLI
 * spelling) out of argv before the shared parser sees it. */
static char **take_cpu(int argc, char **argv, int *nargc, void *opts)
{
	return cli_take_cpu(argc, argv, nargc, &((struct sweep_args *)opts)->range_text);
}

/* ---- waiting: a self-pipe woken by the pool and by signals ---- */

static int wake_fd[2] = { -1, -1 };
static volatile sig_atomic_t interrupted;

static void wake(void)
{
	int e = errno;
	ssize_t r = write(wake_fd[1], "x", 1);
	(void)r; /* a full pipe already wakes the reader */
	errno = e;
}

static void on_signal(int sig)
{
	interrupted = sig;
	wake();
}

static void on_point(void *arg)
{
	wake();
}

static double started_ms;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void show_progress(struct sweep *s, bool final)
{
	struct sweep_progress p;

	sweep_progress(s, &p);
	fputc('\r', stderr); /* outside the message: gettext wants no \r in one */
	fprintf(stderr, _("sweep: %zu/%zu done, %zu failed, %d in flight at most"),
		p.done + p.skipped, p.total, p.failed, p.concurrency);
	/* The sweep's own time, from the pool's start to the last answer. */
	if (final)
		fprintf(stderr, _(", %.1f ms\n"), now_ms() - started_ms);
	fflush(stderr);
}

static void wait_for(struct sweep *s, bool progress)
{
	struct pollfd pfd = { wake_fd[0], POLLIN, 0 };
	char drain[64];
	/* Live progress only on a terminal; a log gets the final line. */
	bool live = progress && isatty(STDERR_FILENO);

	while (!sweep_finished(s)) {
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		while (read(wake_fd[0], drain, sizeof(drain)) > 0)
			;
		if (interrupted && !sweep_cancelled(s))
			sweep_cancel(s);
		if (live)
			show_progress(s, false);
	}
	sweep_wait(s);
	if (progress)
		show_progress(s, true);
}

/* ---- printing ---- */

static void add_str(json_object *o, const char *k, const char *v)
{
	if (v)
		json_object_object_add(o, k, json_object_new_string(v));
}

/* The error object for a failed point: the CPU target and the error as
 * the AWS CLI's error fields name them. */
static char *error_json(const struct sweep_point *p)
{
	json_object *o = json_object_new_object(), *e = json_object_new_object();

	json_object_object_add(o, "TargetCpuUtilizationPerCore", json_object_new_int(p->cpu));
	add_str(e, "Code", p->run.error_code);
	add_str(e, "Message", p->run.error_message);
	add_str(e, "Kind", p->run.error_kind);
	add_str(e, "RequestId", p->run.request_id);
	if (p->run.http_status)
		json_object_object_add(e, "HTTPStatusCode",
				       json_object_new_int64(p->run.http_status));
	if (p->run.attempts)
		json_object_object_add(e, "Attempts", json_object_new_int(p->run.attempts));
	json_object_object_add(o, "Error", e);
	char *s = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

static int print_json(struct sweep_point *pts, size_t n, enum cli_fmt fmt)
{
	struct buf b = BUF_INIT;
	char *err = NULL;

	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		if (pts[i].run.ok && pts[i].run.response_json) {
			buf_puts(&b, pts[i].run.response_json);
		} else {
			char *e = error_json(&pts[i]);
			buf_puts(&b, e);
			free(e);
		}
	}
	buf_putc(&b, ']');
	/* yaml-stream: the array is one answer, so one list item. */
	int rc = output_print(stdout,
			      fmt == CLI_FMT_JSON   ? CLI_OUTPUT_JSON
			      : fmt == CLI_FMT_YAML ? CLI_OUTPUT_YAML
						    : CLI_OUTPUT_YAML_STREAM,
			      "Sweep", buf_str(&b), b.len, &err);
	if (rc < 0) {
		cli_error("%s", err);
		free(err);
	}
	buf_free(&b);
	return rc;
}

static void num(struct buf *b, struct opt_int v, int width)
{
	if (v.set)
		buf_printf(b, "%*lld", width, v.v);
	else
		buf_printf(b, "%*s", width, "-");
}

/* One line of why a point failed, sanitised. */
static char *failure_text(const struct whatif_run *r)
{
	char *raw = r->error_code ? xasprintf("%s: %s", r->error_code,
					      r->error_message ? r->error_message : "")
				  : xstrdup(r->error_message ? r->error_message : _("failed"));
	char *s = sanitize_str(raw);
	free(raw);
	return s;
}

static void print_table(struct sweep_point *pts, size_t n)
{
	struct buf b = BUF_INIT;

	/* Headings are the API's field names (shortened); left untranslated. */
	buf_printf(&b, "%4s  %11s  %6s  %6s  %7s  %8s  %9s  %s\n", "CPU", "Inv/instance", "MinCap",
		   "MaxCap", "ScaleIn", "ScaleOut", "Latency", _("Status"));
	for (size_t i = 0; i < n; i++) {
		const struct whatif_run *r = &pts[i].run;
		buf_printf(&b, "%4d  ", pts[i].cpu);
		num(&b, r->invocations_per_instance, 12);
		buf_puts(&b, "  ");
		num(&b, r->min_capacity, 6);
		buf_puts(&b, "  ");
		num(&b, r->max_capacity, 6);
		buf_puts(&b, "  ");
		num(&b, r->scale_in_cooldown, 7);
		buf_puts(&b, "  ");
		num(&b, r->scale_out_cooldown, 8);
		buf_puts(&b, "  ");
		num(&b, r->model_latency, 9);
		if (r->ok) {
			buf_printf(&b, "  %s\n", _("ok"));
		} else {
			char *f = failure_text(r);
			buf_printf(&b, "  %s %s\n", _("FAILED"), f);
			free(f);
		}
	}
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void print_chart(struct sweep_point *pts, size_t n, bool ascii)
{
	struct chart_point *cp = xcalloc(n, sizeof(*cp));
	struct winsize ws;
	int width = 80;
	struct chart c;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= CHART_MIN_WIDTH)
		width = ws.ws_col;
	for (size_t i = 0; i < n; i++) {
		const struct whatif_run *r = &pts[i].run;
		cp[i].cpu = pts[i].cpu;
		cp[i].ok = r->ok;
		cp[i].min_capacity = r->min_capacity.v;
		cp[i].max_capacity = r->max_capacity.v;
		cp[i].invocations_per_instance = r->invocations_per_instance.v;
	}
	if (chart_render(cp, n, width, 20, ascii || !utf8_locale() ? CHART_ASCII : CHART_UNICODE,
			 &c) == 0) {
		putchar('\n');
		for (size_t i = 0; i < c.n; i++)
			printf("%s\n", c.lines[i].text);
		chart_free(&c);
	}
	free(cp);
}

/* RFC 4180 quoting; text that a spreadsheet would run as a formula gets a
 * leading apostrophe. */
static void csv_field(struct buf *b, const char *s)
{
	char *safe = sanitize_str(s);
	bool formula = strchr("=+-@", safe[0]) && safe[0];

	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = safe; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
	free(safe);
}

static void csv_num(struct buf *b, struct opt_int v)
{
	buf_putc(b, ',');
	if (v.set)
		buf_printf(b, "%lld", v.v);
}

static void print_csv(struct sweep_point *pts, size_t n)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "TargetCpuUtilizationPerCore,InvocationsPerInstance,ModelLatency,"
		     "MinCapacity,MaxCapacity,ScaleInCooldown,ScaleOutCooldown,Status,ErrorCode,"
		     "ErrorMessage,RequestId\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct whatif_run *r = &pts[i].run;
		buf_printf(&b, "%d", pts[i].cpu);
		csv_num(&b, r->invocations_per_instance);
		csv_num(&b, r->model_latency);
		csv_num(&b, r->min_capacity);
		csv_num(&b, r->max_capacity);
		csv_num(&b, r->scale_in_cooldown);
		csv_num(&b, r->scale_out_cooldown);
		buf_puts(&b, r->ok                           ? ",ok,"
			     : pts[i].state == SWEEP_SKIPPED ? ",cancelled,"
							     : ",failed,");
		if (r->error_code)
			csv_field(&b, r->error_code);
		buf_putc(&b, ',');
		if (!r->ok && r->error_message)
			csv_field(&b, r->error_message);
		buf_putc(&b, ',');
		if (r->request_id)
			csv_field(&b, r->request_id);
		buf_puts(&b, "\r\n");
	}
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

/* The worst outcome decides the exit status. */
static int exit_status(struct sweep_point *pts, size_t n)
{
	int rc = CLI_EXIT_OK;

	for (size_t i = 0; i < n; i++) {
		const struct whatif_run *r = &pts[i].run;
		if (r->ok || !r->error_kind)
			continue;
		if (strcmp(r->error_kind, "service") == 0 ||
		    strcmp(r->error_kind, "response") == 0) {
			if (rc == CLI_EXIT_OK)
				rc = CLI_EXIT_SERVICE;
		} else if (strcmp(r->error_kind, "cancelled") != 0) {
			rc = CLI_EXIT_NETWORK;
		}
	}
	return rc;
}

static int run_sweep(struct cmd_ctx *ctx)
{
	struct cli_args *a = &ctx->a;
	struct sweep_args *sa = ctx->opts;
	const struct sweep_range *range = &sa->range;
	struct session *s = &ctx->s;
	int rc, prc;

	if (pipe2(wake_fd, O_CLOEXEC | O_NONBLOCK) != 0) {
		cli_error("pipe: %s", strerror(errno));
		return CLI_EXIT_NETWORK;
	}
	struct sigaction act, old_int, old_term, old_hup;
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	sigaction(SIGINT, &act, &old_int);
	sigaction(SIGTERM, &act, &old_term);
	/* A dropped SSH link (SIGHUP) keeps the points done, as INT and TERM. */
	sigaction(SIGHUP, &act, &old_hup);

	struct sweep_call call = { &a->req, &s->copts, on_point, NULL };
	struct sweep_ops ops;
	sweep_call_ops(&call, &ops);
	started_ms = now_ms();
	struct sweep *sw = sweep_start(range, sa->concurrency, &ops);
	wait_for(sw, sa->progress);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);

	size_t n = sweep_count(sw);
	struct sweep_point *pts = xcalloc(n ? n : 1, sizeof(*pts));
	for (size_t i = 0; i < n; i++)
		sweep_get(sw, i, &pts[i]);
	bool cancelled = sweep_cancelled(sw);
	sweep_free(sw);

	rc = exit_status(pts, n);
	switch (sa->fmt) {
	case CLI_FMT_JSON:
	case CLI_FMT_YAML:
	case CLI_FMT_YAML_STREAM:
		if ((prc = print_json(pts, n, sa->fmt)) < 0)
			rc = prc == OUTPUT_EQUERY ? CLI_EXIT_USAGE : CLI_EXIT_SERVICE;
		break;
	case CLI_FMT_TABLE:
		print_table(pts, n);
		if (sa->chart)
			print_chart(pts, n, sa->ascii);
		break;
	case CLI_FMT_CSV: print_csv(pts, n); break;
	}
	if (fflush(stdout) != 0)
		rc = CLI_EXIT_NETWORK;
	for (size_t i = 0; i < n; i++)
		whatif_run_free(&pts[i].run);
	free(pts);
	close(wake_fd[0]);
	close(wake_fd[1]);
	wake_fd[0] = wake_fd[1] = -1;
	if (cancelled) {
		cli_error(_("interrupted: the points done so far were printed"));
		return 128 + (interrupted ? interrupted : SIGINT);
	}
	return rc;
}

static int check_range(struct cmd_ctx *ctx)
{
	struct sweep_args *sa = ctx->opts;
	char *err = NULL;

	/* --query reshapes an answer; the table and CSV are not one. */
	if (ctx->a.query && (sa->fmt == CLI_FMT_TABLE || sa->fmt == CLI_FMT_CSV)) {
		cli_error(_("--query: works with --output json, yaml or yaml-stream"));
		return CLI_EXIT_USAGE;
	}
	if (sweep_range_parse(sa->range_text ? sa->range_text : DEFAULT_RANGE, &sa->range, &err) ==
	    0)
		return CLI_EXIT_OK;
	cli_error("--cpu: %s", err);
	free(err);
	return CLI_EXIT_USAGE;
}

const struct cmd cmd_sweep_entry = {
	.name = "sweep",
	.summary = N_("the recommendation for a range of CPU targets, in parallel"),
	.groups = GROUPS,
	.flags = CMD_SESSION | CMD_REQUEST,
	.usage = usage,
	.longopts = sweep_opts,
	.handle = handle_opt,
	.opts_size = sizeof(struct sweep_args),
	.opts_init = sweep_args_init,
	.prepare = take_cpu,
	.check = check_range,
	.run = run_sweep,
};
