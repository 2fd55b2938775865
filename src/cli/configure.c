/* `sagescale configure list`: what the configuration resolves to and where
 * each part came from, as `aws configure list` shows it, plus the
 * credential method, the expiry of temporary credentials and the endpoint
 * URLs; `--output json` gives one object for scripts and tests.  Nothing is
 * sent: the only process or network use is the credential source's own. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/config.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#define NOT_SET "<not set>"

static void configure_help(FILE *out)
{
	fputs(_("Usage: sagescale configure list [--profile P] [--output json]\n"
		"Shows the profile, access key (masked), region, credential method,\n"
		"credential expiry and the SageMaker, Application Auto Scaling and STS\n"
		"endpoints this configuration resolves to, and where each came from.\n"
		"Nothing is sent to AWS.\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

/* The AWS CLI's mask: 16 stars and the last 4 characters. */
static char *mask_key(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	if (!n)
		return NULL;
	return xasprintf("****************%s", key + (n > 4 ? n - 4 : 0));
}

static char *format_expiry(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (!t || !gmtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return NULL;
	return xstrdup(buf);
}

/* What both layouts show. */
struct listing {
	const char *profile;
	const struct aws_source *profile_src, *region_src;
	char *access_key; /* masked */
	const char *region, *method;
	char *expiration;
	const char *endpoint[3]; /* SageMaker, Application Auto Scaling, STS */
	const struct aws_source *endpoint_src[3];
};

static const enum aws_service listed[3] = {
	AWS_SVC_SAGEMAKER,
	AWS_SVC_AUTOSCALING,
	AWS_SVC_STS,
};

static void listing_fill(const struct aws_config *cfg, struct listing *l)
{
	memset(l, 0, sizeof(*l));
	l->profile = cfg->profile;
	l->profile_src = &cfg->profile_source;
	l->region_src = &cfg->region_source;
	l->access_key = mask_key(cfg->creds.access_key_id);
	l->region = cfg->region;
	l->method = cfg->creds.access_key_id ? cfg->creds.method : NULL;
	l->expiration = format_expiry(cfg->creds.expiration);
	for (int i = 0; i < 3; i++) {
		l->endpoint[i] = aws_config_endpoint(cfg, listed[i]);
		l->endpoint_src[i] = &cfg->endpoint_source[listed[i]];
	}
}

static void add_string(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static int print_json(const struct listing *l)
{
	json_object *o = json_object_new_object();
	static const char *const keys[3] = {
		"endpoint_url",
		"application_autoscaling_endpoint_url",
		"sts_endpoint_url",
	};
	char *err = NULL;
	int rc = CLI_EXIT_OK;

	add_string(o, "profile", l->profile);
	add_string(o, "region", l->region);
	add_string(o, "access_key", l->access_key);
	add_string(o, "credential_method", l->method);
	add_string(o, "expiration", l->expiration);
	for (int i = 0; i < 3; i++)
		add_string(o, keys[i], l->endpoint[i]);
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);

	/* (output_print: --query applies, as on every command) */
	if (output_print(stdout, CLI_OUTPUT_JSON, "", s, strlen(s), &err) != 0) {
		cli_error("%s", err);
		free(err);
		rc = CLI_EXIT_NETWORK;
	}
	json_object_put(o);
	return rc;
}

/* One line as `aws configure list` lays it out: name, value, type, location. */
static void row(const char *name, const char *value, const char *type, const char *location)
{
	char *v = sanitize_str(value ? value : NOT_SET);
	char *loc = sanitize_str(location ? location : "");

	printf("%10s %24s %16s    %s\n", name, v, type ? type : "None", loc);
	free(v);
	free(loc);
}

static void print_table(const struct listing *l)
{
	static const char *const names[3] = { "sagemaker", "autoscale", "sts" };
	bool profile_set = l->profile_src->type != NULL;

	printf("%10s %24s %16s    %s\n", "Name", "Value", "Type", "Location");
	printf("%10s %24s %16s    %s\n", "----", "-----", "----", "--------");
	row("profile", profile_set ? l->profile : NULL, l->profile_src->type,
	    profile_set ? l->profile_src->location : "None");
	row("access_key", l->access_key, l->method, "");
	row("region", l->region, l->region_src->type,
	    l->region_src->type ? l->region_src->location : "None");
	row("expiration", l->expiration, l->expiration ? l->method : NULL, "");
	for (int i = 0; i < 3; i++)
		row(names[i], l->endpoint[i],
		    l->endpoint_src[i]->type ? l->endpoint_src[i]->type
					     : (l->endpoint[i] ? "default" : NULL),
		    l->endpoint_src[i]->location);
}

static int configure_run(struct cmd_ctx *ctx)
{
	const struct cli_conn *c = &ctx->a.conn;
	struct aws_config_flags f = {
		.profile = c->profile,
		.region = c->region,
		.endpoint_url = c->endpoint_url,
		.ca_bundle = c->ca_bundle,
		.incomplete_ok = true,
	};
	struct aws_config cfg;
	struct listing l;
	char *err = NULL;
	int rc = CLI_EXIT_OK;

	if (strcmp(ctx->a.rest[0], "list") != 0) {
		char *s = sanitize_str(ctx->a.rest[0]);

		cli_error(_("unknown configure command \"%s\" (sagescale configure list)"), s);
		free(s);
		return CLI_EXIT_USAGE;
	}
	/* --query reshapes the JSON; the table is aws configure list's own layout. */
	if (ctx->a.query && !(ctx->a.output_set && ctx->a.output == CLI_OUTPUT_JSON)) {
		cli_error(_("--query: configure list takes it with --output json"));
		return CLI_EXIT_USAGE;
	}
	if (c->demo) {
		if ((rc = cli_session_open(c, &ctx->s)) != 0)
			return rc;
		listing_fill(&ctx->s.cfg, &l);
	} else if (aws_config_load(&f, &cfg, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_NETWORK;
	} else {
		listing_fill(&cfg, &l);
	}
	if (ctx->a.output_set && ctx->a.output == CLI_OUTPUT_JSON)
		rc = print_json(&l);
	else
		print_table(&l);
	free(l.access_key);
	free(l.expiration);
	if (c->demo)
		session_close(&ctx->s);
	else
		aws_config_free(&cfg);
	return rc;
}

const struct cmd cmd_configure_entry = {
	.name = "configure",
	.summary = N_("configure list: profile, keys, region, endpoints and their sources"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_OUTPUT,
	.args_min = 1,
	.args_max = 1,
	.args_missing = N_("which configure command? (sagescale configure list)"),
	.usage = configure_help,
	.run = configure_run,
};
