/* `sagescale replay`: what the recommended scaling configuration would have
 * done to a traffic series (synthetic, a CSV file or CloudWatch), for one
 * or more CPU targets (the sweep's pool) and one or every candidate of the
 * job, with the candidates ranked by cost among those never overloaded. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "replay/replay_set.h"
#include "replay/traffic.h"
#include "sagemaker/jobs.h"
#include "sagemaker/metricdata.h"
#include "whatif/sweep.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GROUPS (CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_QUERY)
#define DEFAULT_VARIANT "AllTraffic"

enum {
	OPT_ALL = CLI_OPT_USER,
	OPT_TRAFFIC,
	OPT_DURATION,
	OPT_SEED,
	OPT_SINCE,
	OPT_FROM,
	OPT_TO,
	OPT_WARMUP,
	OPT_OUTPUT,
	OPT_TIMELINE,
	OPT_CONCURRENCY,
};

static const struct option replay_opts[] = { { "all-candidates", no_argument, NULL, OPT_ALL },
					     { "traffic", required_argument, NULL, OPT_TRAFFIC },
					     { "duration", required_argument, NULL, OPT_DURATION },
					     { "seed", required_argument, NULL, OPT_SEED },
					     { "since", required_argument, NULL, OPT_SINCE },
					     { "from", required_argument, NULL, OPT_FROM },
					     { "to", required_argument, NULL, OPT_TO },
					     { "warmup", required_argument, NULL, OPT_WARMUP },
					     { "output", required_argument, NULL, OPT_OUTPUT },
					     { "timeline", required_argument, NULL, OPT_TIMELINE },
					     { "concurrency", required_argument, NULL,
					       OPT_CONCURRENCY },
					     { NULL, 0, NULL, 0 } };

enum source_kind { SRC_SYNTH, SRC_CSV, SRC_CLOUDWATCH };

struct replay_args {
	bool all;
	const char *traffic;
	enum source_kind kind;
	struct traffic_synth synth;
	const char *csv_path;
	char cw_endpoint[64], cw_variant[64]; /* endpoint and variant names: 63 at most */
	long long duration, since;            /* minutes; 0: not given */
	bool has_from, has_to;
	long long from, to; /* epoch seconds */
	unsigned long long seed;
	int warmup;
	enum cli_fmt fmt;
	const char *timeline;
	int concurrency;
	const char *cpu_text;
	struct sweep_range range;
};

static void args_init(void *opts)
{
	struct replay_args *ra = opts;

	ra->seed = 1;
	ra->warmup = REPLAY_DEFAULT_WARMUP_MIN;
	ra->fmt = CLI_FMT_JSON;
	ra->concurrency = SWEEP_DEFAULT_CONCURRENCY;
}

static void usage(FILE *out)
{
	fputs(_("Usage: sagescale replay --job NAME (--recommendation-id ID | --endpoint-name\n"
		"                        NAME | --all-candidates) --traffic SOURCE\n"
		"                        [--cpu N | --cpu FROM:TO:STEP] [--output json|table|csv]\n"
		"                        [--timeline FILE] [--query EXPR] [connection options]\n"
		"Replays a traffic series through the recommended scaling configuration (our\n"
		"model of target tracking, see sagescale(1)): instance-hours, cost, peak and\n"
		"mean instances, scale-outs and scale-ins, minutes overloaded, for each\n"
		"candidate and CPU target.\n\n"
		"Replay:\n"
		"  --traffic SOURCE      diurnal[:PERIOD[:PEAK[:NOISE%]]] (between --min- and\n"
		"                        --max-invocations), step:AT:FROM:TO,\n"
		"                        spike:AT:LENGTH:PEAK, ramp:FROM:TO, csv:FILE\n"
		"                        (timestamp,invocations) or cloudwatch:ENDPOINT[:VARIANT]\n"
		"                        (AWS/SageMaker Invocations, Sum, 60 s; variant\n"
		"                        AllTraffic by default)\n"
		"  --duration D          synthetic traffic's length, e.g. 7d (default), 36h\n"
		"  --seed N              the synthetic noise's seed (default 1)\n"
		"  --since D             CloudWatch: the last D (default 7d), or\n"
		"  --from T --to T       a range (ISO 8601 UTC or epoch seconds); --from\n"
		"                        also starts synthetic traffic\n"
		"  --cpu N|FROM:TO:STEP  the CPU target(s) (default 50, the service's)\n"
		"  --all-candidates      every recommendation of the job, ranked by cost\n"
		"                        among those with no overloaded minute\n"
		"  --warmup MIN          minutes before a new instance serves, 0-60 (default 5)\n"
		"  --timeline FILE       the per-minute series of the best run, as CSV\n"
		"  --concurrency N       recommendation requests in flight, 1-16 (default 4)\n"
		"  --output json|table|csv|yaml|yaml-stream\n\n"),
	      out);
	cli_print_group_help(out, GROUPS);
	fputs(_("\nExit status: 0 every run replayed, 1 a service error or no traffic data,\n"
		"2 usage or validation error (nothing sent), 3 network, TLS or configuration\n"
		"error.\n"),
	      out);
}

static int parse_source(struct replay_args *ra, const char *arg, char **err)
{
	ra->traffic = arg;
	if (strncmp(arg, "csv:", 4) == 0) {
		ra->kind = SRC_CSV;
		ra->csv_path = arg + 4;
		if (!*ra->csv_path) {
			*err = xstrdup(
				_("--traffic csv: needs a file name (or - for standard input)"));
			return -1;
		}
		return 0;
	}
	if (strcmp(arg, "cloudwatch") == 0) {
		/* The --endpoint-name's own traffic (check() fills the names in). */
		ra->kind = SRC_CLOUDWATCH;
		ra->cw_endpoint[0] = '\0';
		strcpy(ra->cw_variant, DEFAULT_VARIANT);
		return 0;
	}
	if (strncmp(arg, "cloudwatch:", 11) == 0) {
		const char *e = arg + 11, *colon = strchr(e, ':');
		const char *variant = colon && colon[1] ? colon + 1 : DEFAULT_VARIANT;
		size_t el = colon ? (size_t)(colon - e) : strlen(e);
		char *why = NULL;

		ra->kind = SRC_CLOUDWATCH;
		/* Both names follow the endpoint name's rule (1-63 letters, digits, hyphens). */
		if (el >= sizeof(ra->cw_endpoint) || strlen(variant) >= sizeof(ra->cw_variant)) {
			*err = xstrdup(_("--traffic cloudwatch:ENDPOINT:VARIANT: names are 1 to 63 "
					 "letters, digits and hyphens"));
			return -1;
		}
		memcpy(ra->cw_endpoint, e, el);
		ra->cw_endpoint[el] = '\0';
		strcpy(ra->cw_variant, variant);
		if (scaling_check_field(SCALING_FIELD_ENDPOINT_NAME, ra->cw_endpoint,
					"--traffic cloudwatch:ENDPOINT", &why) < 0 ||
		    scaling_check_field(SCALING_FIELD_ENDPOINT_NAME, ra->cw_variant,
					"--traffic cloudwatch:ENDPOINT:VARIANT", &why) < 0) {
			*err = why;
			return -1;
		}
		return 0;
	}
	ra->kind = SRC_SYNTH;
	return traffic_synth_parse(arg, &ra->synth, err);
}

static int parse_time_flag(const char *flag, const char *arg, long long *out, char **err)
{
	if (traffic_parse_time(arg, out) == 0)
		return 0;
	char *s = sanitize_str(arg);
	*err = xasprintf(_("%s: \"%s\" is not a time (ISO 8601 UTC such as 2026-11-02T09:00:00Z, "
			   "or epoch seconds)"),
			 flag, s);
	free(s);
	return -1;
}

static int parse_uint(const char *flag, const char *arg, long long lo, long long hi, long long *out,
		      char **err)
{
	char *end;

	errno = 0;
	long long v = strtoll(arg, &end, 10);
	if (*arg && *end == '\0' && errno == 0 && v >= lo && v <= hi && arg[0] != '-') {
		*out = v;
		return 0;
	}
	char *s = sanitize_str(arg);
	*err = xasprintf(_("%s: must be a whole number from %lld to %lld (got \"%s\")"), flag, lo,
			 hi, s);
	free(s);
	return -1;
}

static int handle_opt(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct replay_args *ra = ud;
	long long v;

	switch (val) {
	case OPT_ALL: ra->all = true; return 0;
	case OPT_TRAFFIC: return parse_source(ra, arg, err);
	case OPT_DURATION: return traffic_parse_duration(arg, &ra->duration, err);
	case OPT_SINCE: return traffic_parse_duration(arg, &ra->since, err);
	case OPT_SEED:
		if (parse_uint(flag, arg, 0, 9007199254740991LL, &v, err) < 0)
			return -1;
		ra->seed = (unsigned long long)v;
		return 0;
	case OPT_FROM: ra->has_from = true; return parse_time_flag(flag, arg, &ra->from, err);
	case OPT_TO: ra->has_to = true; return parse_time_flag(flag, arg, &ra->to, err);
	case OPT_WARMUP:
		if (parse_uint(flag, arg, 0, REPLAY_MAX_WARMUP_MIN, &v, err) < 0)
			return -1;
		ra->warmup = (int)v;
		return 0;
	case OPT_OUTPUT: return cli_parse_fmt(flag, arg, &ra->fmt, err);
	case OPT_TIMELINE: ra->timeline = arg; return 0;
	case OPT_CONCURRENCY: return sweep_concurrency_parse(arg, &ra->concurrency, err);
	}
	return 0;
}

/* --cpu is one value or a range here: take it out of argv before the
 * shared parser (which knows only one value) sees it. */
static char **take_cpu(int argc, char **argv, int *nargc, void *opts)
{
	return cli_take_cpu(argc, argv, nargc, &((struct replay_args *)opts)->cpu_text);
}

static int check_cpu(struct replay_args *ra)
{
	const char *t = ra->cpu_text ? ra->cpu_text : "50";
	char *err = NULL;
	long long v;

	if (strchr(t, ':')) {
		if (sweep_range_parse(t, &ra->range, &err) == 0)
			return 0;
	} else if (scaling_parse_int_field(SCALING_FIELD_CPU, t, "--cpu", &v, &err) == 0) {
		ra->range = (struct sweep_range){ (int)v, (int)v, 1 };
		return 0;
	}
	cli_error("--cpu: %s", err);
	free(err);
	return CLI_EXIT_USAGE;
}

static int check(struct cmd_ctx *ctx)
{
	struct replay_args *ra = ctx->opts;
	const struct scaling_request *r = &ctx->a.req;

	if (!ra->traffic) {
		cli_error(_("--traffic is required (see sagescale replay --help)"));
		return CLI_EXIT_USAGE;
	}
	/* --query reshapes an answer; the table and CSV are not one. */
	if (ctx->a.query && (ra->fmt == CLI_FMT_TABLE || ra->fmt == CLI_FMT_CSV)) {
		cli_error(_("--query: works with --output json, yaml or yaml-stream"));
		return CLI_EXIT_USAGE;
	}
	if (ra->all && (r->recommendation_id || r->endpoint_name)) {
		cli_error(_("--all-candidates takes every recommendation of the job: give no "
			    "--recommendation-id or --endpoint-name"));
		return CLI_EXIT_USAGE;
	}
	if (ra->all && !r->job_name) {
		cli_error(_("--job is required (see sagescale replay --help)"));
		return CLI_EXIT_USAGE;
	}
	if (!ra->all && cli_check_request(&ctx->a) != 0)
		return CLI_EXIT_USAGE;
	if (ra->kind == SRC_CLOUDWATCH && !ra->cw_endpoint[0]) {
		if (!r->endpoint_name || strlen(r->endpoint_name) >= sizeof(ra->cw_endpoint)) {
			cli_error(_("--traffic cloudwatch (no ENDPOINT) reads --endpoint-name's "
				    "traffic: give --endpoint-name or cloudwatch:ENDPOINT"));
			return CLI_EXIT_USAGE;
		}
		strcpy(ra->cw_endpoint, r->endpoint_name);
	}
	if (ra->kind == SRC_SYNTH && !ra->synth.has_from_to && ra->synth.shape == TRAFFIC_DIURNAL &&
	    (!r->min_invocations.set || !r->max_invocations.set)) {
		cli_error(_("--traffic diurnal needs --min-invocations and --max-invocations "
			    "(the objective it swings between)"));
		return CLI_EXIT_USAGE;
	}
	if (ra->has_from && ra->has_to &&
	    (ra->to <= ra->from || ra->to - ra->from > (long long)TRAFFIC_MAX_MINUTES * 60)) {
		cli_error(_("--from and --to: the range must be from 1 minute to %d days long"),
			  TRAFFIC_MAX_MINUTES / 1440);
		return CLI_EXIT_USAGE;
	}
	if (ra->has_to && !ra->has_from) {
		cli_error(_("--to needs --from"));
		return CLI_EXIT_USAGE;
	}
	return check_cpu(ra);
}

/* ---- traffic ---- */

static long long now_minute(void)
{
	long long t = (long long)time(NULL);
	return t - t % 60;
}

static int load_cloudwatch(struct cmd_ctx *ctx, struct replay_args *ra, struct traffic *t)
{
	long long end = ra->has_to ? ra->to : now_minute();
	long long start = ra->has_from ? ra->from : end - (ra->since ? ra->since : 7 * 1440) * 60;
	struct metricdata_query q = { ra->cw_endpoint, ra->cw_variant, start, end, 0 };
	struct metricdata_series s;
	struct aws_result res;

	if (ra->has_from && !ra->has_to)
		end = q.end = now_minute();
	if (end - start > (long long)TRAFFIC_MAX_MINUTES * 60 || end <= start) {
		cli_error(_("--from and --to: the range must be from 1 minute to %d days long"),
			  TRAFFIC_MAX_MINUTES / 1440);
		return CLI_EXIT_USAGE;
	}
	if (metricdata_invocations(ctx->s.client, &q, NULL, &s, &res) != 0) {
		int rc = cli_report_call("GetMetricData", &res, true);
		aws_result_free(&res);
		return rc;
	}
	aws_result_free(&res);
	traffic_from_points(s.times, s.values, s.n, start, end, t);
	char *e = sanitize_str(ra->cw_endpoint), *v = sanitize_str(ra->cw_variant);
	t->source =
		xasprintf(P_("CloudWatch AWS/SageMaker Invocations of %s/%s (%zu page)",
			     "CloudWatch AWS/SageMaker Invocations of %s/%s (%zu pages)", s.pages),
			  e, v, s.pages);
	free(e);
	free(v);
	metricdata_series_free(&s);
	return 0;
}

static int load_traffic(struct cmd_ctx *ctx, struct replay_args *ra, struct traffic *t)
{
	const struct scaling_request *r = &ctx->a.req;
	char *err = NULL;

	switch (ra->kind) {
	case SRC_CSV:
		if (traffic_csv_load(ra->csv_path, t, &err) < 0) {
			cli_error("%s", err);
			free(err);
			return CLI_EXIT_USAGE;
		}
		return 0;
	case SRC_CLOUDWATCH: return load_cloudwatch(ctx, ra, t);
	case SRC_SYNTH: break;
	}
	long long minutes = ra->duration ? ra->duration : 7 * 1440;
	/* By default the series ends at the last midnight (UTC): the same
	 * flags give the same series all day. */
	long long start =
		ra->has_from ? ra->from : now_minute() - now_minute() % 86400 - minutes * 60;
	double lo = r->min_invocations.set ? (double)r->min_invocations.v : 0;
	double hi = r->max_invocations.set ? (double)r->max_invocations.v : lo;
	traffic_synth_make(&ra->synth, lo, hi, start, minutes, ra->seed, t);
	return 0;
}

/* ---- the recommendations ---- */

static struct sweep *start_candidate(struct cmd_ctx *ctx, struct replay_args *ra,
				     struct replay_set *rs, size_t c, struct scaling_request *base,
				     struct sweep_call *call)
{
	struct sweep_ops ops;

	*base = ctx->a.req; /* shallow: only the candidate and the target change */
	base->recommendation_id = rs->cands[c].recommendation_id;
	base->endpoint_name = rs->cands[c].recommendation_id ? NULL : rs->cands[c].endpoint_name;
	*call = (struct sweep_call){ base, &ctx->s.copts, NULL, NULL };
	sweep_call_ops(call, &ops);
	return sweep_start(&ra->range, ra->concurrency, &ops);
}

/* One candidate after the other on the sweep's pool; each candidate's
 * replays run on this thread while the next candidate's requests are out. */
static int run_candidates(struct cmd_ctx *ctx, struct replay_args *ra, struct replay_set *rs,
			  const struct traffic *t)
{
	struct scaling_request base[2];
	struct sweep_call call[2];
	struct sweep *sw = rs->ncands ? start_candidate(ctx, ra, rs, 0, &base[0], &call[0]) : NULL;

	for (size_t c = 0; c < rs->ncands; c++) {
		sweep_wait(sw);
		size_t n = sweep_count(sw);
		struct sweep_point *pts = xcalloc(n ? n : 1, sizeof(*pts));
		for (size_t i = 0; i < n; i++)
			sweep_get(sw, i, &pts[i]);
		sweep_free(sw);
		sw = c + 1 < rs->ncands ? start_candidate(ctx, ra, rs, c + 1, &base[(c + 1) % 2],
							  &call[(c + 1) % 2])
					: NULL;
		replay_set_add(rs, c, pts, n, t);
		for (size_t i = 0; i < n; i++)
			whatif_run_free(&pts[i].run);
		free(pts);
	}
	return 0;
}

/* ---- printing ---- */

static void add_num(json_object *o, const char *k, double v)
{
	json_object_object_add(o, k,
			       v == floor(v) && fabs(v) < 9e15 ? json_object_new_int64((int64_t)v)
							       : json_object_new_double(v));
}

static json_object *traffic_json(const struct traffic *t)
{
	json_object *o = json_object_new_object();
	char *from = traffic_format_time(t->start),
	     *to = traffic_format_time(t->start + (long long)t->n * 60);

	json_object_object_add(o, "Source", json_object_new_string(t->source ? t->source : ""));
	json_object_object_add(o, "Start", json_object_new_string(from));
	json_object_object_add(o, "End", json_object_new_string(to));
	add_num(o, "Minutes", (double)t->n);
	add_num(o, "Points", (double)t->points);
	add_num(o, "PeriodSeconds", t->period_s);
	add_num(o, "Gaps", (double)t->gaps);
	add_num(o, "GapMinutes", (double)t->gap_minutes);
	free(from);
	free(to);
	return o;
}

static double round2(double v)
{
	return floor(v * 100 + 0.5) / 100;
}

static json_object *row_json(const struct replay_set *rs, const struct replay_row *r)
{
	const struct replay_candidate *c = &rs->cands[r->candidate];
	json_object *o = json_object_new_object();

	if (c->recommendation_id)
		json_object_object_add(o, "RecommendationId",
				       json_object_new_string(c->recommendation_id));
	if (c->endpoint_name)
		json_object_object_add(o, "EndpointName", json_object_new_string(c->endpoint_name));
	if (c->instance_type)
		json_object_object_add(o, "InstanceType", json_object_new_string(c->instance_type));
	add_num(o, "TargetCpuUtilizationPerCore", r->cpu);
	if (!r->ok) {
		json_object_object_add(o, "Error",
				       json_object_new_string(r->error ? r->error : ""));
		return o;
	}
	add_num(o, "MinCapacity", r->cfg.min_capacity);
	add_num(o, "MaxCapacity", r->cfg.max_capacity);
	add_num(o, "InstanceHours", round2(r->res.instance_hours));
	if (r->res.has_cost) {
		add_num(o, "CostPerHour", c->cost_per_hour);
		add_num(o, "Cost", round2(r->res.cost));
	}
	add_num(o, "PeakInstances", r->res.peak_instances);
	add_num(o, "MeanInstances", round2(r->res.mean_instances));
	add_num(o, "ScaleOutEvents", r->res.scale_out_events);
	add_num(o, "ScaleInEvents", r->res.scale_in_events);
	add_num(o, "OverloadedMinutes", (double)r->res.overloaded_minutes);
	add_num(o, "OverloadedInvocations", r->res.overloaded_invocations);
	add_num(o, "MeanCpuUtilization", round2(r->res.mean_utilisation));
	return o;
}

/* JSON, or YAML made from it (one document; a yaml-stream of one). */
static int print_json(const struct replay_set *rs, const struct traffic *t, bool all,
		      enum cli_fmt fmt)
{
	json_object *o = json_object_new_object(), *runs = json_object_new_array();
	char *err = NULL;

	json_object_object_add(o, "Traffic", traffic_json(t));
	for (size_t i = 0; i < rs->nrows; i++)
		json_object_array_add(runs, row_json(rs, &rs->rows[i]));
	json_object_object_add(o, "Runs", runs);
	if (all) {
		size_t *order = xcalloc(rs->ncands + 1, sizeof(size_t));
		size_t nq = replay_set_rank(rs, order);
		json_object *rank = json_object_new_array();
		for (size_t k = 0; k < nq; k++)
			json_object_array_add(
				rank, row_json(rs, &rs->rows[replay_set_best(rs, order[k])]));
		json_object_object_add(o, "Ranking", rank);
		free(order);
	}
	const char *text = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	/* (output_print: --query applies, as on every command) */
	int rc = output_print(stdout,
			      fmt == CLI_FMT_YAML          ? CLI_OUTPUT_YAML
			      : fmt == CLI_FMT_YAML_STREAM ? CLI_OUTPUT_YAML_STREAM
							   : CLI_OUTPUT_JSON,
			      "Replay", text, strlen(text), &err);
	if (rc < 0) {
		cli_error("%s", err);
		free(err);
	}
	json_object_put(o);
	return rc;
}

static void table_row(struct buf *b, const struct replay_set *rs, const struct replay_row *r)
{
	const struct replay_candidate *c = &rs->cands[r->candidate];
	char *label = sanitize_str(replay_candidate_label(c));

	buf_printf(b, "%-14s %3d  ", label, r->cpu);
	free(label);
	if (!r->ok) {
		buf_printf(b, "%s %s\n", _("FAILED"), r->error ? r->error : "");
		return;
	}
	const struct replay_result *x = &r->res;
	buf_printf(b, "%3d %3d %9.1f ", r->cfg.min_capacity, r->cfg.max_capacity,
		   x->instance_hours);
	if (x->has_cost)
		buf_printf(b, "%9.2f ", x->cost);
	else
		buf_printf(b, "%9s ", "-");
	buf_printf(b, "%4d %5.2f %4d %4d %6zu %5.1f\n", x->peak_instances, x->mean_instances,
		   x->scale_out_events, x->scale_in_events, x->overloaded_minutes,
		   x->mean_utilisation);
}

static void print_ranking(struct buf *b, const struct replay_set *rs)
{
	size_t *order = xcalloc(rs->ncands + 1, sizeof(size_t));
	size_t nq = replay_set_rank(rs, order);

	buf_printf(b, "\n%s\n", _("Candidates by cost, among runs with no overloaded minute:"));
	for (size_t k = 0; k < rs->ncands; k++) {
		const struct replay_candidate *c = &rs->cands[order[k]];
		char *label = sanitize_str(replay_candidate_label(c));
		char *id = sanitize_str(c->recommendation_id ? c->recommendation_id : "");
		if (k < nq) {
			const struct replay_row *r = &rs->rows[replay_set_best(rs, order[k])];
			buf_printf(b, "%c %zu  %-14s %-34s ", k == 0 ? '*' : ' ', k + 1, label, id);
			if (r->res.has_cost)
				buf_printf(b, _("CPU %d%%, cost %.2f\n"), r->cpu, r->res.cost);
			else
				buf_printf(b, _("CPU %d%%, %.1f instance-hours\n"), r->cpu,
					   r->res.instance_hours);
		} else {
			buf_printf(b, "  -  %-14s %-34s %s\n", label, id,
				   _("overloaded at every CPU target tried"));
		}
		free(label);
		free(id);
	}
	if (nq == 0)
		buf_printf(b, "%s\n",
			   _("No candidate kept up with the traffic at any CPU target "
			     "tried: none qualifies."));
	free(order);
}

static void print_table(const struct replay_set *rs, bool all)
{
	struct buf b = BUF_INIT;

	/* Headings name the figures as the man page does; left untranslated
	 * like the sweep's. */
	buf_printf(&b, "%-14s %3s  %3s %3s %9s %9s %4s %5s %4s %4s %6s %5s\n", "Candidate", "CPU",
		   "Min", "Max", "Inst-h", "Cost", "Peak", "Mean", "Out", "In", "OvMin", "CPU%");
	for (size_t i = 0; i < rs->nrows; i++)
		table_row(&b, rs, &rs->rows[i]);
	if (all)
		print_ranking(&b, rs);
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

static void print_csv(const struct replay_set *rs)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "RecommendationId,EndpointName,InstanceType,TargetCpuUtilizationPerCore,"
		     "MinCapacity,MaxCapacity,InstanceHours,Cost,PeakInstances,MeanInstances,"
		     "ScaleOutEvents,ScaleInEvents,OverloadedMinutes,OverloadedInvocations,"
		     "MeanCpuUtilization,Error\r\n");
	for (size_t i = 0; i < rs->nrows; i++) {
		const struct replay_row *r = &rs->rows[i];
		const struct replay_candidate *c = &rs->cands[r->candidate];
		const struct replay_result *x = &r->res;
		char *id = sanitize_str(c->recommendation_id ? c->recommendation_id : "");
		char *ep = sanitize_str(c->endpoint_name ? c->endpoint_name : "");
		char *it = sanitize_str(c->instance_type ? c->instance_type : "");
		buf_printf(&b, "%s,%s,%s,%d,", id, ep, it, r->cpu);
		if (r->ok) {
			buf_printf(&b, "%d,%d,%.4f,", r->cfg.min_capacity, r->cfg.max_capacity,
				   x->instance_hours);
			if (x->has_cost)
				buf_printf(&b, "%.4f", x->cost);
			buf_printf(&b, ",%d,%.4f,%d,%d,%zu,%.0f,%.2f,\r\n", x->peak_instances,
				   x->mean_instances, x->scale_out_events, x->scale_in_events,
				   x->overloaded_minutes, x->overloaded_invocations,
				   x->mean_utilisation);
		} else {
			/* The error is sanitised; quotes doubled (RFC 4180). */
			buf_puts(&b, ",,,,,,,,,,,\"");
			for (const char *p = r->error ? r->error : ""; *p; p++) {
				if (*p == '"')
					buf_putc(&b, '"');
				buf_putc(&b, *p);
			}
			buf_puts(&b, "\"\r\n");
		}
		free(id);
		free(ep);
		free(it);
	}
	fputs(buf_str(&b), stdout);
	buf_free(&b);
}

/* ---- the timeline ---- */

static long timeline_row(const struct replay_set *rs)
{
	long best = replay_set_cheapest(rs);

	for (size_t i = 0; best < 0 && i < rs->nrows; i++)
		if (rs->rows[i].ok)
			best = (long)i;
	return best;
}

static int write_timeline(const char *path, const struct replay_set *rs, const struct traffic *t)
{
	long i = timeline_row(rs);
	struct buf b = BUF_INIT;

	if (i < 0) {
		cli_error(_("--timeline: no run was replayed, nothing written"));
		return CLI_EXIT_SERVICE;
	}
	struct replay_minute *tl = xcalloc(t->n ? t->n : 1, sizeof(*tl));
	replay_set_timeline(rs, (size_t)i, t, tl);
	buf_puts(
		&b,
		"timestamp,invocations,desired_instances,in_service,invocations_per_instance,state\n");
	for (size_t m = 0; m < t->n; m++) {
		char *ts = traffic_format_time(t->start + (long long)m * 60);
		ts[10] = 'T';
		buf_printf(&b, "%s:00Z,", ts);
		free(ts);
		if (tl[m].flags & REPLAY_F_GAP)
			buf_printf(&b, ",%d,%d,,gap\n", tl[m].capacity, tl[m].in_service);
		else
			buf_printf(&b, "%.0f,%d,%d,%.1f,%s%s\n", tl[m].traffic, tl[m].capacity,
				   tl[m].in_service, tl[m].metric,
				   tl[m].flags & REPLAY_F_OVER ? "overloaded" : "ok",
				   tl[m].flags & REPLAY_F_OUT  ? " scale-out"
				   : tl[m].flags & REPLAY_F_IN ? " scale-in"
							       : "");
	}
	free(tl);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int rc = fd < 0 ? -1 : fileio_write_all(fd, b.data, b.len);
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	buf_free(&b);
	if (rc < 0) {
		char *p = sanitize_str(path);
		cli_error(_("--timeline: cannot write %s: %s"), p, strerror(e));
		free(p);
		return CLI_EXIT_NETWORK;
	}
	const struct replay_row *r = &rs->rows[i];
	char *label = sanitize_str(replay_candidate_label(&rs->cands[r->candidate]));
	char *p = sanitize_str(path);
	fprintf(stderr, _("sagescale: timeline of %s at CPU %d%% written to %s\n"), label, r->cpu,
		p);
	free(label);
	free(p);
	return 0;
}

/* The worst outcome decides the exit status. */
static int exit_status(const struct replay_set *rs)
{
	int rc = CLI_EXIT_OK;

	for (size_t i = 0; i < rs->nrows; i++) {
		const struct whatif_run *r = &rs->rows[i].run;
		if (rs->rows[i].ok)
			continue;
		if (!r->ok && r->error_kind && strcmp(r->error_kind, "service") != 0 &&
		    strcmp(r->error_kind, "response") != 0)
			return CLI_EXIT_NETWORK;
		rc = CLI_EXIT_SERVICE;
	}
	return rc;
}

static int describe_job(struct cmd_ctx *ctx, struct replay_args *ra, struct replay_set *rs)
{
	struct jobs_detail d;
	struct aws_result res;
	char *err = NULL;
	int rc;

	if (jobs_describe(ctx->s.client, ctx->a.req.job_name, NULL, &d, &res) != 0) {
		rc = cli_report_call("DescribeInferenceRecommendationsJob", &res, true);
		aws_result_free(&res);
		return rc;
	}
	aws_result_free(&res);
	rc = replay_set_candidates(rs, &d, ctx->a.req.recommendation_id, ctx->a.req.endpoint_name,
				   ra->all, &err);
	jobs_detail_free(&d);
	if (rc < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_SERVICE;
	}
	return 0;
}

static int run(struct cmd_ctx *ctx)
{
	struct replay_args *ra = ctx->opts;
	struct replay_set rs;
	struct traffic t;
	int rc;

	memset(&rs, 0, sizeof(rs));
	memset(&t, 0, sizeof(t));
	rs.warmup_min = ra->warmup;
	if ((rc = load_traffic(ctx, ra, &t)) != 0)
		goto out;
	/* What was read, before any result. */
	char *desc = traffic_describe(&t);
	if (ra->fmt == CLI_FMT_TABLE)
		printf("%s\n\n", desc);
	else
		fprintf(stderr, "sagescale: %s\n", desc);
	free(desc);
	if (t.points == 0 && ra->kind == SRC_CLOUDWATCH) {
		cli_error(
			_("CloudWatch has no AWS/SageMaker Invocations for endpoint %s, variant %s "
			  "in that range: nothing to replay (check the names, the region and the "
			  "range; one-minute data is kept 15 days)"),
			ra->cw_endpoint, ra->cw_variant);
		rc = CLI_EXIT_SERVICE;
		goto out;
	}
	if (t.points == 0 || t.gap_minutes == t.n) {
		cli_error(_("the traffic has no data in that range: nothing to replay"));
		rc = CLI_EXIT_SERVICE;
		goto out;
	}
	if ((rc = describe_job(ctx, ra, &rs)) != 0)
		goto out;
	run_candidates(ctx, ra, &rs, &t);
	rc = exit_status(&rs);
	switch (ra->fmt) {
	case CLI_FMT_JSON:
	case CLI_FMT_YAML:
	case CLI_FMT_YAML_STREAM:
		if (print_json(&rs, &t, ra->all, ra->fmt) < 0)
			rc = CLI_EXIT_SERVICE;
		break;
	case CLI_FMT_TABLE: print_table(&rs, ra->all); break;
	case CLI_FMT_CSV: print_csv(&rs); break;
	}
	if (fflush(stdout) != 0)
		rc = CLI_EXIT_NETWORK;
	if (ra->timeline) {
		int trc = write_timeline(ra->timeline, &rs, &t);
		if (trc > rc)
			rc = trc;
	}
out:
	replay_set_free(&rs);
	traffic_free(&t);
	return rc;
}

const struct cmd cmd_replay_entry = {
	.name = "replay",
	.summary = N_("replay traffic through the recommendation: instances, cost, overload"),
	.groups = GROUPS,
	.flags = CMD_SESSION,
	.usage = usage,
	.longopts = replay_opts,
	.handle = handle_opt,
	.opts_size = sizeof(struct replay_args),
	.opts_init = args_init,
	.prepare = take_cpu,
	.check = check,
	.run = run,
};
