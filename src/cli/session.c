/* Opening a command's connection: configuration, client, or the demo
 * simulator; reporting a failed call (see session.h). */
#include "config.h"
#include "cli/session.h"
#include "aws/cred.h"
#include "aws/http.h"
#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

static pthread_once_t http_once = PTHREAD_ONCE_INIT;

/* libcurl's global set-up is not thread-safe: done once, before any client
 * (sessions are opened on the main thread, before workers start). */
static void http_init_once(void)
{
	http_global_init();
}

static int open_demo(struct session *s, char **err)
{
	struct sim_options o;
	const char *url;

	sim_options_init(&o);
	o.demo_scaling = true; /* the demo shows an endpoint already scaled */
	s->sim = sim_start(&o, err);
	if (!s->sim)
		return -1;
	url = sim_url(s->sim);
	/* The demo ignores the user's AWS settings on purpose: it must work
	 * on a machine with no credentials and never reach AWS. */
	s->cfg.profile = xstrdup("demo");
	s->cfg.region = xstrdup(SIM_DEMO_REGION);
	s->cfg.endpoint_sagemaker = xstrdup(url);
	s->cfg.endpoint_autoscaling = xstrdup(url);
	s->cfg.endpoint_monitoring = xstrdup(url);
	s->cfg.endpoint_sts = xstrdup(url);
	s->cfg.endpoint_explicit = true;
	s->cfg.max_attempts = 3;
	s->cfg.retry_mode = xstrdup("standard");
	s->cfg.cli_connect_timeout_ms = s->cfg.cli_read_timeout_ms = -1;
	s->cfg.creds.access_key_id = xstrdup(SIM_DEMO_ACCESS_KEY);
	s->cfg.creds.secret_access_key = xstrdup(SIM_DEMO_SECRET_KEY);
	s->cfg.creds.source = xstrdup(_("the demo (built-in simulator)"));
	return 0;
}

/* --debug names where the credentials came from and when they expire:
 * the method and the access key id's last four characters, never a secret. */
static void session_debug_credentials(const struct aws_config *cfg)
{
	const struct aws_credentials *c = &cfg->creds;
	const char *ak = c->access_key_id ? c->access_key_id : "";
	size_t n = strlen(ak);
	char *src = sanitize_str(c->source ? c->source : "");
	char *tail = sanitize_str(n > 4 ? ak + n - 4 : "");

	fprintf(stderr, _("sagescale: credentials: %s (method %s, key ****%s)\n"), src,
		c->method ? c->method : "-", tail);
	if (c->expiration) {
		char when[32];

		aws_cred_format_time(c->expiration, when, sizeof when);
		fprintf(stderr, _("sagescale: credentials expire at %s\n"), when);
	}
	free(src);
	free(tail);
}

int session_open(const struct cli_conn *conn, struct session *s, char **err)
{
	memset(s, 0, sizeof(*s));
	pthread_once(&http_once, http_init_once);
	s->demo = conn->demo;
	if (conn->demo) {
		if (open_demo(s, err) < 0) {
			aws_config_free(&s->cfg);
			return -1;
		}
	} else {
		struct aws_config_flags f = {
			.profile = conn->profile,
			.region = conn->region,
			.endpoint_url = conn->endpoint_url,
			.ca_bundle = conn->ca_bundle,
		};
		if (aws_config_load(&f, &s->cfg, err) < 0)
			return -1;
	}
	s->copts.cfg = &s->cfg;
	/* Socket timeouts: the flag, else the profile's cli_connect_timeout /
	 * cli_read_timeout (0 there is "none" too), else the defaults. */
	s->copts.connect_timeout_ms = conn->connect_timeout_ms;
	if (!s->copts.connect_timeout_ms && s->cfg.cli_connect_timeout_ms >= 0)
		s->copts.connect_timeout_ms =
			s->cfg.cli_connect_timeout_ms ? s->cfg.cli_connect_timeout_ms : -1;
	s->copts.read_timeout_ms = conn->read_timeout_ms > 0 ? conn->read_timeout_ms : 0;
	if (!conn->read_timeout_ms && s->cfg.cli_read_timeout_ms > 0)
		s->copts.read_timeout_ms = s->cfg.cli_read_timeout_ms;
	s->copts.timeout_ms = conn->timeout_ms;
	s->copts.allow_http = conn->allow_http;
	s->copts.debug = conn->debug;
	if (conn->debug)
		session_debug_credentials(&s->cfg);
	s->client = aws_client_new(&s->copts);
	return 0;
}

const char *session_chosen_profile(const struct session *s, const struct cli_conn *conn)
{
	if (s->demo)
		return NULL;
	if (conn->profile || (s->cfg.profile && strcmp(s->cfg.profile, "default") != 0))
		return s->cfg.profile;
	return NULL;
}

struct aws_client *session_new_client(const struct session *s)
{
	return aws_client_new(&s->copts);
}

void session_close(struct session *s)
{
	if (s->client)
		aws_client_free(s->client);
	if (s->sim)
		sim_stop(s->sim);
	aws_config_free(&s->cfg);
	memset(s, 0, sizeof(*s));
}

void session_sts_conn(const struct session *s, struct sts_conn *out)
{
	memset(out, 0, sizeof(*out));
	out->endpoint = aws_config_endpoint(&s->cfg, AWS_SVC_STS);
	/* "us-east-1" for the global endpoint (sts_regional_endpoints = legacy) */
	out->region = s->cfg.sts_signing_region ? s->cfg.sts_signing_region : s->cfg.region;
	out->ca_bundle = s->cfg.ca_bundle;
	out->connect_timeout_ms = s->copts.connect_timeout_ms;
	out->timeout_ms = s->copts.timeout_ms;
	out->max_attempts = s->cfg.max_attempts;
	out->allow_http = s->copts.allow_http;
	out->debug = s->copts.debug;
	out->creds = &s->cfg.creds;
	out->credstore = s->cfg.credstore;
}

/* ---- what the batch commands share around a call ---- */

int cli_exit_code(enum aws_result_kind kind)
{
	switch (kind) {
	case AWS_OK: return CLI_EXIT_OK;
	case AWS_ERR_SERVICE:
	case AWS_ERR_RESPONSE: return CLI_EXIT_SERVICE;
	default: return CLI_EXIT_NETWORK;
	}
}

int cli_report_call(const char *op, const struct aws_result *res, bool with_hint)
{
	char *msg = sanitize_str(res->error_message ? res->error_message : "");

	if (res->kind == AWS_ERR_SERVICE) {
		char *code = sanitize_str(res->error_code ? res->error_code : "");

		cli_error(_("An error occurred (%s) when calling the %s operation: %s"), code, op,
			  msg);
		free(code);
	} else {
		cli_error(_("%s failed: %s"), op, msg);
	}
	if (res->request_id) {
		char *id = sanitize_str(res->request_id);

		fprintf(stderr, _("Request ID: %s\n"), id);
		free(id);
	}
	const char *hint = with_hint ? aws_error_hint(res) : NULL;

	if (hint)
		fprintf(stderr, "%s\n", hint);
	free(msg);
	if (res->kind == AWS_ERR_SERVICE || res->kind == AWS_ERR_RESPONSE)
		return CLI_EXIT_SERVICE;
	return CLI_EXIT_NETWORK;
}

int cli_session_open(const struct cli_conn *conn, struct session *s)
{
	char *err = NULL;

	if (session_open(conn, s, &err) == 0)
		return 0;
	cli_error("%s", err ? err : _("cannot set up the connection"));
	free(err);
	return CLI_EXIT_NETWORK;
}
