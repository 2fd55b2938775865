/* `sagescale [OPTIONS]` with no command: the terminal interface, with the
 * connection flags of `recommend`, the form pre-filled from its input
 * flags, and --run to send at once. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/session.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define GROUPS (CLI_GROUP_CONN | CLI_GROUP_INPUT)

enum { OPT_RUN = CLI_OPT_USER, OPT_ASCII, OPT_NO_MOUSE, OPT_BENCH_KEYS, OPT_DUMP_KEYS };

static const struct option tui_opts[] = { { "run", no_argument, NULL, OPT_RUN },
					  { "ascii", no_argument, NULL, OPT_ASCII },
					  { "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
					  { "bench-keys", required_argument, NULL, OPT_BENCH_KEYS },
					  { "dump-keys", no_argument, NULL, OPT_DUMP_KEYS },
					  { NULL, 0, NULL, 0 } };

static int handle_opt(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct tui_options *o = ud;

	switch (val) {
	case OPT_RUN: o->run = true; break;
	case OPT_ASCII: o->ascii = true; break;
	case OPT_NO_MOUSE: o->no_mouse = true; break;
	case OPT_BENCH_KEYS: o->bench_keys = arg; break;
	case OPT_DUMP_KEYS: o->dump_keys = true; break;
	default: *err = xasprintf(_("%s: unknown option"), flag); return -1;
	}
	return 0;
}

static void usage(FILE *out)
{
	fputs(_("Usage: sagescale [--demo] [connection options] [input options] [--run] [--ascii]\n"
		"Opens the terminal interface: a form for GetScalingConfigurationRecommendation,\n"
		"the answer as panes and a navigable tree.  Press ? inside for every key.\n\n"
		"  --run                 send the pre-filled request at once\n"
		"  --ascii               draw lines with ASCII characters\n"
		"  --no-mouse            leave the mouse to the terminal (or SAGESCALE_NO_MOUSE)\n"
		"Environment: NO_COLOR (monochrome), ESCDELAY (Esc delay in ms, default 25).\n\n"),
	      out);
	cli_print_group_help(out, GROUPS);
}

/* host[:port] of an endpoint URL (malloc'd), for the title line. */
static char *endpoint_host(const char *url)
{
	struct aws_url u;
	char *host = NULL;

	if (url && !aws_url_parse(url, &u)) {
		host = xstrdup(u.hostport);
		aws_url_free(&u);
	}
	return host;
}

static int run(struct cmd_ctx *ctx)
{
	struct tui_options *o = ctx->opts;
	struct session *s = &ctx->s;
	struct aws_client *client;
	bool client_busy = false;
	int rc;

	struct scaling_request last = { 0 };

	if (o->dump_keys) { /* for the tests: every key table, no terminal */
		tui_dump_keys(stdout);
		return 0;
	}
	o->read_only = ctx->a.conn.read_only;
	o->demo = s->demo;
	o->region = s->cfg.region;
	o->profile = session_chosen_profile(s, &ctx->a.conn);
	o->credstore = s->cfg.credstore;
	o->title_profile = s->cfg.profile;
	struct sts_conn sts;
	char *host = s->cfg.endpoint_explicit && !s->demo
			     ? endpoint_host(aws_config_endpoint(&s->cfg, AWS_SVC_SAGEMAKER))
			     : NULL;
	session_sts_conn(s, &sts);
	/* --endpoint-url moves every service, STS too: the SageMaker endpoint
	 * it names is not asked for the account (a test server or a proxy for
	 * SageMaker alone would take the call for one of its own). */
	const char *sts_src = s->cfg.endpoint_source[AWS_SVC_STS].type;
	o->sts = s->demo || !sts_src || strcmp(sts_src, "manual") != 0 ? &sts : NULL;
	o->endpoint_host = host;
	client = session_new_client(s);
	o->copts = &s->copts;
	o->history = whatif_tui_history_open(ctx->a.conn.no_history);
	/* No input on the command line: the form as the last run left it
	 * (nothing with --no-history, which reads no file). */
	o->prefill = ctx->a.req;
	if (!ctx->a.have_input && whatif_last_request(o->history, &last))
		o->prefill = last;
	rc = tui_run(o, client, &client_busy);
	scaling_request_free(&last);
	free(host);
	whatif_tui_history_close(o->history);
	o->history = NULL;
	/* A request that ignored cancellation still uses these: leave them. */
	if (client_busy)
		ctx->keep_session = true;
	else
		aws_client_free(client);
	return rc;
}

const struct cmd cmd_tui_entry = {
	.name = "tui",
	.summary = N_("the terminal interface (also: no command at all)"),
	.groups = GROUPS,
	.flags = CMD_SESSION,
	.usage = usage,
	.longopts = tui_opts,
	.handle = handle_opt,
	.opts_size = sizeof(struct tui_options),
	.run = run,
};
