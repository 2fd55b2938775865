/* `sagescale sim`: runs the SageMaker simulator in the foreground until
 * SIGINT or SIGTERM, printing where it listens and what it accepts. */
#include "config.h"
#include "cli/cmd.h"
#include "sim/sim.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sim_usage(FILE *out)
{
	fprintf(out,
		_("Usage: sagescale sim [OPTIONS]\n"
		  "Runs a local SageMaker simulator (JSON 1.1 over HTTP, SigV4 verified) until\n"
		  "interrupted, for the AWS CLI, boto3, curl or sagescale itself.\n\n"
		  "  --port N              port to listen on (0: pick a free one; default 0)\n"
		  "  --bind ADDR           address to listen on (default 127.0.0.1, loopback only)\n"
		  "  --data FILE           jobs to serve (default: the built-in demo jobs)\n"
		  "  --access-key ID       accepted access key (default AKIDSAGESCALEDEMO)\n"
		  "  --secret-key SECRET   its secret (default sagescale-demo-secret)\n"
		  "  --region REGION       accepted region (default us-east-1)\n"
		  "  --tls-cert FILE       serve HTTPS with this PEM certificate (chain)...\n"
		  "  --tls-key FILE        ...and this PEM private key\n"
		  "  --quiet               do not log each request on stderr\n"
		  "  -h, --help            show this help\n\n"
		  "Fault injection, for tests (each N counts requests, applied in this order):\n"
		  "  --fault-drop N        close the connection without answering, N times\n"
		  "  --fault-throttle N    answer 400 ThrottlingException to the first N requests\n"
		  "  --fault-500 N         answer 500 InternalFailure N times\n"
		  "  --fault-503 N         answer 503 ServiceUnavailable N times\n"
		  "  --fault-truncate N    announce a JSON body, send half of it, close; N times\n"
		  "  --fault-non-json N    answer 200 with an HTML page N times\n"
		  "  --fault-oversized N   answer 200 with a 16 MiB JSON body N times\n"
		  "  --fault-latency MS    wait MS milliseconds before every answer\n"
		  "  --clock-skew SECONDS  run the server's clock SECONDS ahead (negative: behind),\n"
		  "                        so that signatures look that far off\n\n"
		  "The demo credentials are published on purpose: they protect nothing.\n"));
	fputs(_("\nThe secret key out of sight of ps:\n"
		"  --secret-key-file FILE  read it from the first line of FILE\n"
		"  SAGESCALE_SIM_SECRET_KEY  or from this environment variable\n"),
	      out);
	fputs(_("\nDemo data:\n"
		"  --demo-scaling        start with scaling already configured on fraud-prod\n"),
	      out);
	fputs(_("\nSTS (AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity):\n"
		"  --sts-duration S      the temporary keys it issues expire after S seconds\n"
		"                        (1-43200; default: the DurationSeconds asked for)\n"),
	      out);
	fputs(_("\nRate limit (as the service throttles):\n"
		"  --rate-limit TPS      answer 400 ThrottlingException beyond TPS requests a\n"
		"                        second (a token bucket holding one second's worth)\n"),
	      out);
}

enum {
	OPT_SECRET_FILE = 900,
	OPT_PORT = 1000,
	OPT_BIND,
	OPT_DATA,
	OPT_ACCESS,
	OPT_SECRET,
	OPT_REGION,
	OPT_CERT,
	OPT_KEY,
	OPT_QUIET,
	OPT_DROP,
	OPT_THROTTLE,
	OPT_500,
	OPT_503,
	OPT_TRUNCATE,
	OPT_NONJSON,
	OPT_OVERSIZED,
	OPT_LATENCY,
	OPT_SKEW,
	OPT_DEMO_SCALING,
	OPT_STS_DURATION,
	OPT_RATE_LIMIT,
};

static const struct option sim_longopts[] = {
	{ "port", required_argument, NULL, OPT_PORT },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "access-key", required_argument, NULL, OPT_ACCESS },
	{ "secret-key", required_argument, NULL, OPT_SECRET },
	{ "secret-key-file", required_argument, NULL, OPT_SECRET_FILE },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "tls-cert", required_argument, NULL, OPT_CERT },
	{ "tls-key", required_argument, NULL, OPT_KEY },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "demo-scaling", no_argument, NULL, OPT_DEMO_SCALING },
	{ "fault-drop", required_argument, NULL, OPT_DROP },
	{ "fault-throttle", required_argument, NULL, OPT_THROTTLE },
	{ "fault-500", required_argument, NULL, OPT_500 },
	{ "fault-503", required_argument, NULL, OPT_503 },
	{ "fault-truncate", required_argument, NULL, OPT_TRUNCATE },
	{ "fault-non-json", required_argument, NULL, OPT_NONJSON },
	{ "fault-oversized", required_argument, NULL, OPT_OVERSIZED },
	{ "fault-latency", required_argument, NULL, OPT_LATENCY },
	{ "clock-skew", required_argument, NULL, OPT_SKEW },
	{ "sts-duration", required_argument, NULL, OPT_STS_DURATION },
	{ "rate-limit", required_argument, NULL, OPT_RATE_LIMIT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A whole decimal number within [min, max]; otherwise complains. */
static bool parse_num(const char *flag, const char *arg, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		char *s = sanitize_str(arg);
		fprintf(stderr,
			_("sagescale sim: %s needs a whole number from %ld to %ld, not \"%s\"\n"),
			flag, min, max, s);
		free(s);
		return false;
	}
	*out = v;
	return true;
}

/* The first line of path, for --secret-key-file: a secret on the command
 * line is in `ps` for everyone to read.  Kept for the process's life. */
static char *read_secret_file(const char *path)
{
	static char *kept;
	char line[1024];
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f || !fgets(line, sizeof(line), f)) {
		fprintf(stderr, _("sagescale sim: cannot read the secret key from %s: %s\n"), path,
			f ? _("empty file") : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	free(kept);
	kept = xstrdup(line);
	OPENSSL_cleanse(line, sizeof(line));
	return kept;
}

/* The numeric options: the field of struct sim_options each sets (an int,
 * or a long where is_long) and its range, so that one lookup parses them. */
static const struct num_opt {
	int opt;
	const char *flag;
	long min, max;
	size_t off;
	bool is_long;
} num_opts[] = {
	{ OPT_PORT, "--port", 0, 65535, offsetof(struct sim_options, port), false },
	{ OPT_DROP, "--fault-drop", 0, INT_MAX, offsetof(struct sim_options, faults.drop), false },
	{ OPT_THROTTLE, "--fault-throttle", 0, INT_MAX,
	  offsetof(struct sim_options, faults.throttle), false },
	{ OPT_500, "--fault-500", 0, INT_MAX, offsetof(struct sim_options, faults.err500), false },
	{ OPT_503, "--fault-503", 0, INT_MAX, offsetof(struct sim_options, faults.err503), false },
	{ OPT_TRUNCATE, "--fault-truncate", 0, INT_MAX,
	  offsetof(struct sim_options, faults.truncate), false },
	{ OPT_NONJSON, "--fault-non-json", 0, INT_MAX,
	  offsetof(struct sim_options, faults.non_json), false },
	{ OPT_OVERSIZED, "--fault-oversized", 0, INT_MAX,
	  offsetof(struct sim_options, faults.oversized), false },
	{ OPT_LATENCY, "--fault-latency", 0, 600000,
	  offsetof(struct sim_options, faults.latency_ms), false },
	{ OPT_SKEW, "--clock-skew", -10L * 365 * 86400, 10L * 365 * 86400,
	  offsetof(struct sim_options, faults.clock_skew), true },
	{ OPT_STS_DURATION, "--sts-duration", 1, 43200, offsetof(struct sim_options, sts_duration),
	  true },
	{ OPT_RATE_LIMIT, "--rate-limit", 1, 100000,
	  offsetof(struct sim_options, faults.rate_limit), false },
};

/* Parses a numeric option into its field.  1: done; 0: not a numeric
 * option; -1: a bad value (the message printed). */
static int parse_num_opt(int c, const char *arg, struct sim_options *o)
{
	for (size_t i = 0; i < sizeof(num_opts) / sizeof(num_opts[0]); i++) {
		const struct num_opt *n = &num_opts[i];
		char *field = (char *)o + n->off;
		long v;

		if (n->opt != c)
			continue;
		if (!parse_num(n->flag, arg, n->min, n->max, &v))
			return -1;
		if (n->is_long)
			*(long *)field = v;
		else
			*(int *)field = (int)v;
		return 1;
	}
	return 0;
}

/* The options that take a string or nothing.  Returns 0, or -1 after a
 * message. */
static int parse_other_opt(int c, const char *flag, struct sim_options *o, bool *help,
			   bool *secret_given)
{
	switch (c) {
	case 'h': *help = true; break;
	case OPT_BIND: o->bind = optarg; break;
	case OPT_DATA: o->data_file = optarg; break;
	case OPT_ACCESS: o->access_key = optarg; break;
	case OPT_SECRET:
		o->secret_key = optarg;
		*secret_given = true;
		break;
	case OPT_SECRET_FILE:
		if (!(o->secret_key = read_secret_file(optarg)))
			return -1;
		*secret_given = true;
		break;
	case OPT_REGION: o->region = optarg; break;
	case OPT_CERT: o->tls_cert = optarg; break;
	case OPT_KEY: o->tls_key = optarg; break;
	case OPT_QUIET: o->log = 0; break;
	case OPT_DEMO_SCALING: o->demo_scaling = true; break;
	case ':': fprintf(stderr, _("sagescale sim: %s needs a value\n"), flag); return -1;
	default: {
		char *s = sanitize_str(flag);
		fprintf(stderr,
			_("sagescale sim: unknown option \"%s\" (see sagescale sim --help)\n"), s);
		free(s);
		return -1;
	}
	}
	return 0;
}

/* What holds only once every flag is read. */
static int check_args(struct sim_options *o, bool secret_given)
{
	/* After the flags: SAGESCALE_SIM_SECRET_KEY, out of sight of ps too. */
	const char *env_secret = getenv("SAGESCALE_SIM_SECRET_KEY");

	if (!secret_given && env_secret && *env_secret)
		o->secret_key = env_secret;
	if (!o->tls_cert != !o->tls_key) {
		fprintf(stderr, _("sagescale sim: --tls-cert and --tls-key go together\n"));
		return -1;
	}
	if (!*o->access_key || !*o->secret_key || !*o->region) {
		fprintf(stderr,
			_("sagescale sim: the access key, secret key and region must not be empty\n"));
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct sim_options *o, bool *help)
{
	bool secret_given = false;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", sim_longopts, NULL)) != -1) {
		const char *flag = optind > 1 ? argv[optind - 1] : "?";
		int rc = c == ':' ? 0 : parse_num_opt(c, optarg, o);

		if (rc < 0 || (rc == 0 && parse_other_opt(c, flag, o, help, &secret_given) < 0))
			return -1;
	}
	if (optind < argc) {
		char *s = sanitize_str(argv[optind]);
		fprintf(stderr, _("sagescale sim: unexpected argument \"%s\"\n"), s);
		free(s);
		return -1;
	}
	return check_args(o, secret_given);
}

static int cmd_sim(int argc, char **argv)
{
	struct sim_options o;
	bool help = false;
	char *err = NULL;
	sigset_t set;
	int sig;

	sim_options_init(&o);
	o.log = 1;
	if (parse_args(argc, argv, &o, &help) < 0)
		return CLI_EXIT_USAGE;
	if (help) {
		sim_usage(stdout);
		return CLI_EXIT_OK;
	}
	/* Block the stop signals before the server's threads exist, so that
	 * they inherit the mask and only sigwait() below receives them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct sim *s = sim_start(&o, &err);
	if (!s) {
		fprintf(stderr, _("sagescale sim: %s\n"), err ? err : _("cannot start"));
		free(err);
		return CLI_EXIT_NETWORK;
	}
	bool demo_secret = strcmp(o.secret_key, SIM_DEMO_SECRET_KEY) == 0;
	if (strcmp(o.bind, "127.0.0.1") != 0 && strcmp(o.bind, "::1") != 0 &&
	    strcmp(o.bind, "localhost") != 0 && strncmp(o.bind, "127.", 4) != 0)
		fprintf(stderr,
			_("sagescale sim: warning: listening on %s, beyond loopback; anyone who can reach it can use it%s\n"),
			o.bind, demo_secret ? _(" with the published demo credentials") : "");
	printf(_("sagescale sim: listening on %s\n"), sim_url(s));
	printf("  export AWS_ENDPOINT_URL=%s\n", sim_url(s));
	printf("  export AWS_ACCESS_KEY_ID=%s\n", o.access_key);
	if (demo_secret)
		printf("  export AWS_SECRET_ACCESS_KEY=%s\n", o.secret_key);
	printf("  export AWS_REGION=%s\n", o.region);
	if (demo_secret)
		printf(_("These are the published demo credentials: they protect nothing.\n"));
	else
		printf(_("Secret key: as given with --secret-key (not shown).\n"));
	printf(_("Serving %s; stop with Ctrl-C.\n"),
	       o.data_file ? o.data_file : _("the built-in demo jobs"));
	printf(_("Try: aws sagemaker list-inference-recommendations-jobs --endpoint-url %s --region %s\n"),
	       sim_url(s), o.region);
	fflush(stdout);

	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig != SIGINT && sig != SIGTERM && sig != SIGHUP);
	sim_stop(s);
	if (o.log)
		fprintf(stderr, _("sagescale sim: stopped\n"));
	return CLI_EXIT_OK;
}

const struct cmd cmd_sim_entry = {
	.name = "sim",
	.summary = N_("run the local SageMaker simulator (demos, tests, other clients)"),
	.main = cmd_sim,
};
