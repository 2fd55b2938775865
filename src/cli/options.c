/* Shared command-line parsing (see options.h): one getopt_long table made
 * of the groups a command accepts plus its own options. */
#include "config.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/skeleton.h"
#include "jmespath/jmespath.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INPUT_FILE_MAX (1024 * 1024)

enum {
	OPT_HELP = 'h',
	/* connection */
	OPT_PROFILE = 256,
	OPT_REGION,
	OPT_ENDPOINT_URL,
	OPT_CA_BUNDLE,
	OPT_DEMO,
	OPT_DEBUG,
	OPT_ALLOW_HTTP,
	OPT_READ_ONLY,
	OPT_NO_HISTORY,
	OPT_CONNECT_TIMEOUT,
	OPT_TIMEOUT,
	OPT_NO_PAGER,
	OPT_CLI_CONNECT_TIMEOUT,
	OPT_CLI_READ_TIMEOUT,
	/* input */
	OPT_JOB,
	OPT_RECOMMENDATION_ID,
	OPT_ENDPOINT_NAME,
	OPT_CPU,
	OPT_MIN_INVOCATIONS,
	OPT_MAX_INVOCATIONS,
	OPT_OBJECTIVE,
	OPT_INPUT_JSON,
	OPT_INPUT_YAML,
	OPT_SKELETON,
	/* output */
	OPT_OUTPUT,
	OPT_COLOR,
	OPT_QUERY,
	/* paging */
	OPT_NO_PAGINATE,
	OPT_PAGE_SIZE,
	OPT_MAX_ITEMS,
	OPT_STARTING_TOKEN,
};

static const struct option conn_opts[] = {
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "endpoint-url", required_argument, NULL, OPT_ENDPOINT_URL },
	{ "ca-bundle", required_argument, NULL, OPT_CA_BUNDLE },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "allow-http", no_argument, NULL, OPT_ALLOW_HTTP },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "no-history", no_argument, NULL, OPT_NO_HISTORY },
	{ "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
	{ "cli-connect-timeout", required_argument, NULL, OPT_CLI_CONNECT_TIMEOUT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "cli-read-timeout", required_argument, NULL, OPT_CLI_READ_TIMEOUT },
	{ "no-cli-pager", no_argument, NULL, OPT_NO_PAGER },
	{ NULL, 0, NULL, 0 }
};

static const struct option input_opts[] = {
	{ "job", required_argument, NULL, OPT_JOB },
	{ "inference-recommendations-job-name", required_argument, NULL, OPT_JOB },
	{ "recommendation-id", required_argument, NULL, OPT_RECOMMENDATION_ID },
	{ "endpoint-name", required_argument, NULL, OPT_ENDPOINT_NAME },
	{ "cpu", required_argument, NULL, OPT_CPU },
	{ "target-cpu-utilization-per-core", required_argument, NULL, OPT_CPU },
	{ "min-invocations", required_argument, NULL, OPT_MIN_INVOCATIONS },
	{ "max-invocations", required_argument, NULL, OPT_MAX_INVOCATIONS },
	{ "scaling-policy-objective", required_argument, NULL, OPT_OBJECTIVE },
	{ "cli-input-json", required_argument, NULL, OPT_INPUT_JSON },
	{ "cli-input-yaml", required_argument, NULL, OPT_INPUT_YAML },
	{ "generate-cli-skeleton", optional_argument, NULL, OPT_SKELETON },
	{ NULL, 0, NULL, 0 }
};

static const struct option output_opts[] = { { "output", required_argument, NULL, OPT_OUTPUT },
					     { "color", required_argument, NULL, OPT_COLOR },
					     { NULL, 0, NULL, 0 } };

static const struct option page_opts[] = { { "no-paginate", no_argument, NULL, OPT_NO_PAGINATE },
					   { "page-size", required_argument, NULL, OPT_PAGE_SIZE },
					   { "max-items", required_argument, NULL, OPT_MAX_ITEMS },
					   { "starting-token", required_argument, NULL,
					     OPT_STARTING_TOKEN },
					   { NULL, 0, NULL, 0 } };

static const struct option query_opts[] = { { "query", required_argument, NULL, OPT_QUERY },
					    { NULL, 0, NULL, 0 } };

static const struct option help_opts[] = { { "help", no_argument, NULL, OPT_HELP },
					   { NULL, 0, NULL, 0 } };

static size_t count_opts(const struct option *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

static void add_opts(struct option *dst, size_t *n, const struct option *src)
{
	size_t i, k = count_opts(src);

	for (i = 0; i < k; i++)
		dst[(*n)++] = src[i];
}

int cli_parse_int(const char *flag, const char *arg, long long min, long long max, long long *v,
		  char **err)
{
	const char *p = arg;
	long long x = 0;
	bool neg = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p == '\0')
		goto bad;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || x > (LLONG_MAX - 9) / 10)
			goto bad;
		x = x * 10 + (*p - '0');
	}
	if (neg)
		x = -x;
	if (x < min || x > max)
		goto bad;
	*v = x;
	return 0;
bad : {
	char *s = sanitize_str(arg);
	*err = xasprintf(_("%s: must be a whole number from %lld to %lld (got \"%s\")"), flag, min,
			 max, s);
	free(s);
}
	return -1;
}

int cli_parse_seconds(const char *flag, const char *arg, long *ms, char **err)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(arg, &end);
	if (errno || end == arg || *end != '\0' || !isfinite(d) || d <= 0 || d > 86400) {
		char *s = sanitize_str(arg);
		*err = xasprintf(_("%s: must be a number of seconds above 0 and at most 86400 "
				   "(got \"%s\")"),
				 flag, s);
		free(s);
		return -1;
	}
	*ms = (long)ceil(d * 1000);
	return 0;
}

/* The AWS CLI's socket timeouts: whole seconds, 0 meaning none (stored
 * as -1, since 0 is "not given"). */
int cli_parse_socket_timeout(const char *flag, const char *arg, long *ms, char **err)
{
	long long n;

	if (cli_parse_int(flag, arg, 0, 86400, &n, err) != 0)
		return -1;
	*ms = n ? (long)n * 1000 : -1;
	return 0;
}

/* --scaling-policy-objective MinInvocationsPerMinute=N,MaxInvocationsPerMinute=N
 * (the AWS CLI shorthand) or the same as a JSON object. */
static int parse_objective(const char *flag, const char *arg, struct scaling_request *r, char **err)
{
	const char *p = arg;

	while (*p == ' ')
		p++;
	if (*p == '{') {
		struct scaling_request tmp = { 0 };
		char *json = xasprintf("{\"ScalingPolicyObjective\":%s}", p), *e = NULL;
		int rc = scaling_request_from_json(json, &tmp, &e);
		free(json);
		if (rc < 0) {
			*err = xasprintf("%s: %s", flag, e);
			free(e);
			return -1;
		}
		if (tmp.min_invocations.set)
			r->min_invocations = tmp.min_invocations;
		if (tmp.max_invocations.set)
			r->max_invocations = tmp.max_invocations;
		scaling_request_free(&tmp);
		return 0;
	}
	while (*p) {
		size_t n = strcspn(p, ",");
		char *item = xstrndup(p, n), *eq = strchr(item, '='), *label;
		enum scaling_field f;
		struct opt_int *dst;
		long long v;
		int rc;

		p += n;
		if (*p == ',')
			p++;
		if (eq)
			*eq = '\0';
		if (eq && strcmp(item, "MinInvocationsPerMinute") == 0) {
			f = SCALING_FIELD_MIN_INVOCATIONS;
			dst = &r->min_invocations;
		} else if (eq && strcmp(item, "MaxInvocationsPerMinute") == 0) {
			f = SCALING_FIELD_MAX_INVOCATIONS;
			dst = &r->max_invocations;
		} else {
			char *s = sanitize_str(item);
			*err = xasprintf(_("%s: expected MinInvocationsPerMinute=N,"
					   "MaxInvocationsPerMinute=N (got \"%s\")"),
					 flag, s);
			free(s);
			free(item);
			return -1;
		}
		label = xasprintf("%s %s", flag, item);
		rc = scaling_parse_int_field(f, eq + 1, label, &v, err);
		free(label);
		free(item);
		if (rc < 0)
			return -1;
		dst->set = true;
		dst->v = v;
	}
	return 0;
}

/* FILE, "-" for standard input, "file://FILE", or the JSON text itself
 * (as the AWS CLI takes it). */
static int read_input_json(const char *flag, const char *arg, char **text, char **err)
{
	struct buf b = BUF_INIT;
	const char *path = arg;
	FILE *f;

	if (arg[strspn(arg, " \t\r\n")] == '{') {
		*text = xstrdup(arg);
		return 0;
	}
	if (strncmp(arg, "file://", 7) == 0)
		path = arg + 7;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		char *s = sanitize_str(path);
		*err = xasprintf(_("%s: cannot read \"%s\": %s"), flag, s, strerror(errno));
		free(s);
		return -1;
	}
	/* Only the bound is an error here: after a read error, what was read
	 * goes to the JSON parser as it is. */
	bool too_large = fileio_read_stream(f, INPUT_FILE_MAX, &b) != 0 && errno == EFBIG;

	if (f != stdin)
		fclose(f);
	if (too_large) {
		*err = xasprintf(_("%s: the input is larger than %d bytes"), flag, INPUT_FILE_MAX);
		buf_free(&b);
		return -1;
	}
	*text = buf_steal(&b);
	return 0;
}

static enum scaling_field input_field(int val)
{
	switch (val) {
	case OPT_JOB: return SCALING_FIELD_JOB;
	case OPT_RECOMMENDATION_ID: return SCALING_FIELD_RECOMMENDATION_ID;
	case OPT_ENDPOINT_NAME: return SCALING_FIELD_ENDPOINT_NAME;
	case OPT_CPU: return SCALING_FIELD_CPU;
	case OPT_MIN_INVOCATIONS: return SCALING_FIELD_MIN_INVOCATIONS;
	default: return SCALING_FIELD_MAX_INVOCATIONS;
	}
}

static int set_input(int val, const char *flag, const char *arg, struct scaling_request *r,
		     char **err)
{
	enum scaling_field f = input_field(val);
	char **sp = NULL;
	struct opt_int *ip = NULL;
	long long v;

	switch (f) {
	case SCALING_FIELD_JOB: sp = &r->job_name; break;
	case SCALING_FIELD_RECOMMENDATION_ID: sp = &r->recommendation_id; break;
	case SCALING_FIELD_ENDPOINT_NAME: sp = &r->endpoint_name; break;
	case SCALING_FIELD_CPU: ip = &r->cpu; break;
	case SCALING_FIELD_MIN_INVOCATIONS: ip = &r->min_invocations; break;
	default: ip = &r->max_invocations; break;
	}
	if (sp) {
		if (scaling_check_field(f, arg, flag, err) < 0)
			return -1;
		free(*sp);
		*sp = xstrdup(arg);
		return 0;
	}
	if (scaling_parse_int_field(f, arg, flag, &v, err) < 0)
		return -1;
	ip->set = true;
	ip->v = v;
	return 0;
}

/* The flag as typed, as a string that outlives the parse (for messages). */
static const char *stable_flag(const char *flag)
{
	static const char *const names[] = {
		"--job",
		"--inference-recommendations-job-name",
		"--recommendation-id",
		"--endpoint-name",
		"--cpu",
		"--target-cpu-utilization-per-core",
		"--min-invocations",
		"--max-invocations",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], flag) == 0)
			return names[i];
	return NULL;
}

/* --query: compiled now, so that a bad expression is a usage error naming
 * the column before anything is sent; the last one given counts. */
static int parse_query(const char *flag, const char *arg, struct cli_args *a, char **err)
{
	struct jp_error e;
	struct jp_expr *q = jp_compile(arg, strlen(arg), &e);

	if (!q) {
		char *m = jp_error_format(arg, strlen(arg), &e);
		*err = xasprintf("%s: %s", flag, m);
		free(m);
		jp_error_clear(&e);
		return -1;
	}
	jp_free(a->query);
	a->query = q;
	output_set_query(q);
	return 0;
}

static int handle_shared(int val, const char *flag, const char *arg, struct cli_args *a,
			 struct scaling_request *flags, const char **input_json, char **err)
{
	switch (val) {
	case OPT_PROFILE: a->conn.profile = arg; break;
	case OPT_REGION: a->conn.region = arg; break;
	case OPT_ENDPOINT_URL: a->conn.endpoint_url = arg; break;
	case OPT_CA_BUNDLE: a->conn.ca_bundle = arg; break;
	case OPT_DEMO: a->conn.demo = true; break;
	case OPT_DEBUG: a->conn.debug = true; break;
	case OPT_ALLOW_HTTP: a->conn.allow_http = true; break;
	case OPT_READ_ONLY: a->conn.read_only = true; break;
	case OPT_NO_HISTORY: a->conn.no_history = true; break;
	case OPT_NO_PAGER: break; /* accepted for the AWS CLI's sake; we never page */
	case OPT_CONNECT_TIMEOUT:
		return cli_parse_seconds(flag, arg, &a->conn.connect_timeout_ms, err);
	case OPT_TIMEOUT: return cli_parse_seconds(flag, arg, &a->conn.timeout_ms, err);
	case OPT_CLI_CONNECT_TIMEOUT:
		return cli_parse_socket_timeout(flag, arg, &a->conn.connect_timeout_ms, err);
	case OPT_CLI_READ_TIMEOUT:
		return cli_parse_socket_timeout(flag, arg, &a->conn.read_timeout_ms, err);
	case OPT_OUTPUT:
		if (output_parse_format(arg, &a->output) != 0) {
			char *v = sanitize_str(arg);
			*err = xasprintf(
				_("%s: must be one of json, table, text, yaml, yaml-stream "
				  "(got \"%s\")"),
				flag, v);
			free(v);
			return -1;
		}
		a->output_set = true;
		break;
	case OPT_COLOR: return cli_parse_color(flag, arg, &a->color, err);
	case OPT_NO_PAGINATE: a->page.no_paginate = true; break;
	case OPT_PAGE_SIZE: {
		long long n;
		if (cli_parse_int(flag, arg, 1, 100, &n, err) != 0)
			return -1;
		a->page.page_size = (int)n;
		break;
	}
	case OPT_MAX_ITEMS:
		a->page.max_items_set = true;
		return cli_parse_int(flag, arg, 0, INT_MAX, &a->page.max_items, err);
	case OPT_STARTING_TOKEN:
		if (!*arg) {
			*err = xasprintf(_("%s: must not be empty"), flag);
			return -1;
		}
		a->page.starting_token = arg;
		break;
	case OPT_QUERY: return parse_query(flag, arg, a, err);
	case OPT_INPUT_JSON:
		*input_json = arg;
		a->have_input = true;
		break;
	case OPT_INPUT_YAML:
		a->input_yaml = arg;
		a->have_input = true;
		break;
	case OPT_OBJECTIVE:
		a->have_input = true;
		a->field_flag[SCALING_FIELD_MIN_INVOCATIONS] =
			"--scaling-policy-objective MinInvocationsPerMinute";
		a->field_flag[SCALING_FIELD_MAX_INVOCATIONS] =
			"--scaling-policy-objective MaxInvocationsPerMinute";
		return parse_objective(flag, arg, flags, err);
	default:
		a->have_input = true;
		a->field_flag[input_field(val)] = stable_flag(flag);
		return set_input(val, flag, arg, flags, err);
	}
	return 0;
}

/* Flags over --cli-input-json, field by field. */
static void merge_input(struct scaling_request *dst, struct scaling_request *flags)
{
	if (flags->job_name) {
		free(dst->job_name);
		dst->job_name = flags->job_name;
		flags->job_name = NULL;
	}
	if (flags->recommendation_id) {
		free(dst->recommendation_id);
		dst->recommendation_id = flags->recommendation_id;
		flags->recommendation_id = NULL;
	}
	if (flags->endpoint_name) {
		free(dst->endpoint_name);
		dst->endpoint_name = flags->endpoint_name;
		flags->endpoint_name = NULL;
	}
	if (flags->cpu.set)
		dst->cpu = flags->cpu;
	if (flags->min_invocations.set)
		dst->min_invocations = flags->min_invocations;
	if (flags->max_invocations.set)
		dst->max_invocations = flags->max_invocations;
}

static const char *long_name(const struct option *opts, int idx, int val)
{
	static char buf[128];

	if (idx >= 0 && opts[idx].name) {
		snprintf(buf, sizeof(buf), "--%s", opts[idx].name);
		return buf;
	}
	return val == OPT_HELP ? "-h" : "?";
}

/* The long options of a command: its groups', --help, then its own. */
static struct option *command_opts(unsigned groups, const struct cli_extra *extra)
{
	size_t n = 0;
	size_t cap = count_opts(conn_opts) + count_opts(input_opts) + count_opts(output_opts) +
		     count_opts(page_opts) + count_opts(query_opts) + count_opts(help_opts) +
		     count_opts(extra ? extra->longopts : NULL) + 1;
	struct option *opts = xcalloc(cap, sizeof(*opts));

	if (groups & CLI_GROUP_CONN)
		add_opts(opts, &n, conn_opts);
	if (groups & CLI_GROUP_INPUT)
		add_opts(opts, &n, input_opts);
	if (groups & CLI_GROUP_OUTPUT)
		add_opts(opts, &n, output_opts);
	if (groups & CLI_GROUP_PAGE)
		add_opts(opts, &n, page_opts);
	if (groups & (CLI_GROUP_OUTPUT | CLI_GROUP_QUERY))
		add_opts(opts, &n, query_opts);
	add_opts(opts, &n, help_opts);
	if (extra)
		add_opts(opts, &n, extra->longopts);
	return opts;
}

struct option *cli_command_options(unsigned groups, const struct option *longopts)
{
	struct cli_extra e = { longopts, NULL, NULL };

	return command_opts(groups, longopts ? &e : NULL);
}

/* --cli-input-yaml's document into req: FILE, "-", "file://FILE", or the
 * YAML text itself (an argument that names no file).  0, or -1 with *err. */
static int load_input_yaml(const char *arg, struct scaling_request *req, char **err)
{
	char *text = NULL, *json, *e = NULL;
	int rc = 0;

	if (strncmp(arg, "file://", 7) == 0 || strcmp(arg, "-") == 0 || access(arg, F_OK) == 0) {
		if (read_input_json("--cli-input-yaml", arg, &text, err) < 0)
			return -1;
	} else {
		text = xstrdup(arg);
	}
	json = cli_yaml_to_json(text, strlen(text), err);
	free(text);
	if (!json)
		return -1;
	if (scaling_request_from_json(json, req, &e) < 0) {
		*err = xasprintf("--cli-input-yaml: %s", e);
		free(e);
		rc = -1;
	}
	free(json);
	return rc;
}

/* --cli-input-json's document into req.  Returns 0, or -1 with *err. */
static int load_input_json(const char *arg, struct scaling_request *req, char **err)
{
	char *text = NULL, *e = NULL;
	int rc = 0;

	if (read_input_json("--cli-input-json", arg, &text, err) < 0) {
		rc = -1;
	} else if (scaling_request_from_json(text, req, &e) < 0) {
		*err = xasprintf("--cli-input-json: %s", e);
		free(e);
		rc = -1;
	}
	free(text);
	return rc;
}

int cli_parse(int argc, char **argv, const char *command, unsigned groups,
	      const struct cli_extra *extra, struct cli_args *out)
{
	struct option *opts = command_opts(groups, extra);
	struct scaling_request flags = { 0 };
	const char *input_json = NULL;
	char *err = NULL, *flag = NULL;
	int c, idx, rc = 0;

	memset(out, 0, sizeof(*out));
	optind = 0; /* GNU: re-initialise, so a process may parse twice */
	opterr = 0;
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, ":h", opts, &idx);
		if (c == -1)
			break;
		free(flag);
		flag = xstrdup(long_name(opts, idx, c));
		if (c == '?' || c == ':') {
			const char *typed = argv[optind - 1] ? argv[optind - 1] : "";
			char *s = sanitize_str(typed);
			if (c == ':')
				err = xasprintf(_("%s: needs a value"), s);
			else if (command)
				err = xasprintf(
					_("unknown option \"%s\" (see sagescale %s --help)"), s,
					command);
			else
				err = xasprintf(_("unknown option \"%s\" (see sagescale --help)"),
						s);
			free(s);
			rc = -1;
			break;
		}
		if (c == OPT_HELP) {
			out->help = true;
			continue;
		}
		if (c == OPT_SKELETON) {
			/* The AWS CLI's optional value, also as the next word. */
			const char *v = optarg;
			if (!v && optind < argc && argv[optind] &&
			    (strcmp(argv[optind], "input") == 0 ||
			     strcmp(argv[optind], "output") == 0))
				v = argv[optind++];
			if (cli_parse_skeleton(v, &out->skeleton) != 0) {
				char *s = sanitize_str(v);
				err = xasprintf(_("%s: must be input or output (got \"%s\")"), flag,
						s);
				free(s);
				rc = -1;
				break;
			}
			continue;
		}
		if (c >= CLI_OPT_USER && extra && extra->handle)
			rc = extra->handle(c, flag, optarg, extra->ud, &err);
		else
			rc = handle_shared(c, flag, optarg, out, &flags, &input_json, &err);
		if (rc < 0)
			break;
	}
	free(opts);
	if (rc == 0 && input_json && out->input_yaml) {
		err = xstrdup(_("--cli-input-json and --cli-input-yaml: give only one of them"));
		rc = -1;
	}
	if (rc == 0 && !out->help && input_json)
		rc = load_input_json(input_json, &out->req, &err);
	if (rc == 0 && !out->help && out->input_yaml)
		rc = load_input_yaml(out->input_yaml, &out->req, &err);
	if (rc == 0 && !out->help && (groups & CLI_GROUP_OUTPUT))
		rc = cli_output_settings(out, &err);
	free(flag);
	if (rc < 0) {
		cli_error("%s", err);
		free(err);
		scaling_request_free(&flags);
		cli_args_free(out);
		return 2;
	}
	merge_input(&out->req, &flags);
	scaling_request_free(&flags);
	out->nrest = argc - optind;
	out->rest = argv + optind;
	return 0;
}

int cli_check_request(const struct cli_args *a)
{
	char *err = NULL;

	if (scaling_request_check(&a->req, a->field_flag, NULL, &err) == 0)
		return 0;
	cli_error("%s", err);
	free(err);
	return 2;
}

void cli_args_free(struct cli_args *a)
{
	scaling_request_free(&a->req);
	if (a->query)
		output_set_query(NULL);
	jp_free(a->query);
	a->query = NULL;
}

void cli_print_group_help(FILE *out, unsigned groups)
{
	if (groups & CLI_GROUP_INPUT)
		fputs(_("Input:\n"
			"  --job NAME, --inference-recommendations-job-name NAME\n"
			"                        the Inference Recommender job (required)\n"
			"  --recommendation-id ID  one recommendation of that job, or\n"
			"  --endpoint-name NAME    the endpoint it benchmarked (exactly one of the two)\n"
			"  --cpu N, --target-cpu-utilization-per-core N\n"
			"                        target CPU utilisation per core, 1-100\n"
			"                        (not sent unless given: the service's default is 50)\n"
			"  --min-invocations N   expected minimum invocations per minute (>= 0)\n"
			"  --max-invocations N   expected maximum invocations per minute (>= min)\n"
			"  --scaling-policy-objective MinInvocationsPerMinute=N,MaxInvocationsPerMinute=N\n"
			"                        the same two, as the AWS CLI spells them\n"
			"  --cli-input-json FILE|-|JSON\n"
			"                        the request as JSON (AWS CLI keys); flags override it\n"
			"  --cli-input-yaml FILE|-|YAML  the same as YAML\n"
			"  --generate-cli-skeleton [input|output]\n"
			"                        print the request's JSON skeleton (input) or a sample\n"
			"                        answer (output, the request checked); send nothing\n"),
		      out);
	if (groups & CLI_GROUP_OUTPUT)
		fputs(_("Output:\n"
			"  --output json|table|text|yaml|yaml-stream\n"
			"                        layout, as the AWS CLI's (default: AWS_DEFAULT_OUTPUT,\n"
			"                        else the profile's output, else json)\n"
			"  --color on|off|auto   colour table output (auto: on a terminal)\n"),
		      out);
	if (groups & (CLI_GROUP_OUTPUT | CLI_GROUP_QUERY))
		fputs(_("  --query EXPR          a JMESPath expression applied to the whole answer\n"
			"                        before it is printed, as the AWS CLI's --query\n"),
		      out);
	if (groups & CLI_GROUP_PAGE)
		fputs(_("Paging (as the AWS CLI's):\n"
			"  --page-size N         items per request, 1-100 (every page is fetched)\n"
			"  --max-items N         stop after N items; the answer ends with NextToken\n"
			"  --starting-token T    go on from that NextToken (ours or the AWS CLI's)\n"
			"  --no-paginate         one request only, the service's answer as it is\n"),
		      out);
	if (groups & CLI_GROUP_CONN)
		fputs(_("Connection:\n"
			"  --profile NAME        profile of ~/.aws/config and ~/.aws/credentials\n"
			"  --region REGION       AWS region (else AWS_REGION, AWS_DEFAULT_REGION or\n"
			"                        the profile's region)\n"
			"  --endpoint-url URL    send requests to URL instead of the regional endpoint\n"
			"  --ca-bundle FILE      PEM certificates to verify TLS with (AWS_CA_BUNDLE)\n"
			"  --demo                use the built-in simulator and demo credentials\n"
			"  --connect-timeout S   seconds to wait for a connection (default 5)\n"
			"  --timeout S           seconds for a whole request (default 60)\n"
			"  --allow-http          allow plain http:// to a host other than loopback\n"
			"  --debug               log each request and response to stderr (no secrets)\n"
			"  --read-only           never change anything on AWS (apply refuses)\n"
			"  --no-history          do not read or write the history file\n"),
		      out);
	if (groups & CLI_GROUP_CONN)
		fputs(_("  --cli-connect-timeout S, --cli-read-timeout S\n"
			"                        socket timeouts as the AWS CLI's (0: none)\n"),
		      out);
	fputs(_("  -h, --help            show this help\n"), out);
}

int cli_parse_fmt(const char *flag, const char *arg, enum cli_fmt *out, char **err)
{
	static const char *const names[] = { "json", "table", "csv", "yaml", "yaml-stream" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum cli_fmt)i;
			return 0;
		}
	}
	char *s = sanitize_str(arg);
	*err = xasprintf(_("%s: must be one of json, table, csv, yaml, yaml-stream "
			   "(got \"%s\")"),
			 flag, s);
	free(s);
	return -1;
}

char **cli_take_cpu(int argc, char **argv, int *nargc, const char **text)
{
	static const char *const names[] = { "--cpu", "--target-cpu-utilization-per-core" };
	char **out = xcalloc((size_t)argc + 1, sizeof(char *));
	int n = 0;

	for (int i = 0; i < argc; i++) {
		bool taken = false;
		if (i > 0 && strcmp(argv[i], "--") == 0) {
			while (i < argc)
				out[n++] = argv[i++];
			break;
		}
		for (size_t k = 0; i > 0 && !taken && k < sizeof(names) / sizeof(names[0]); k++) {
			size_t l = strlen(names[k]);
			if (strcmp(argv[i], names[k]) == 0 && i + 1 < argc) {
				*text = argv[++i];
				taken = true;
			} else if (strncmp(argv[i], names[k], l) == 0 && argv[i][l] == '=') {
				*text = argv[i] + l + 1;
				taken = true;
			}
		}
		if (!taken)
			out[n++] = argv[i];
	}
	*nargc = n;
	return out;
}
