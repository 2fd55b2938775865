/* The life of a batch command (see cmd.h): parse, help, argument count,
 * the command's own checks, the session, run, clean up.  Everything a
 * command would otherwise repeat around its logic. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/output.h"
#include "cli/skeleton.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The command's name as the user types it: the TUI has none. */
static const char *spelled(const struct cmd *c)
{
	return strcmp(c->name, "tui") == 0 ? "" : c->name;
}

static int check_arity(const struct cmd *c, const struct cli_args *a)
{
	if (a->nrest < c->args_min) {
		if (c->args_missing)
			cli_error("%s", _(c->args_missing));
		else
			cli_error(_("missing argument (see sagescale %s --help)"), c->name);
		return CLI_EXIT_USAGE;
	}
	if (c->args_max >= 0 && a->nrest > c->args_max) {
		const char *name = spelled(c);

		if (c->args_extra)
			cli_error("%s", _(c->args_extra));
		else
			cli_error(_("unexpected argument \"%s\" (see sagescale %s%s--help)"),
				  a->rest[c->args_max], name, *name ? " " : "");
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* From the parsed command line to the command's result. */
static int run_parsed(const struct cmd *c, struct cmd_ctx *ctx)
{
	int rc;

	if (ctx->a.help) {
		c->usage(stdout);
		return CLI_EXIT_OK;
	}
	/* --generate-cli-skeleton input needs nothing else; output checks
	 * the request first, as the AWS CLI does, then sends nothing. */
	if (ctx->a.skeleton == CLI_SKELETON_INPUT)
		return cli_skeleton_print(c->name, &ctx->a);
	if ((rc = check_arity(c, &ctx->a)) != 0)
		return rc;
	if ((c->flags & CMD_REQUEST) && cli_check_request(&ctx->a) != 0)
		return CLI_EXIT_USAGE;
	if (c->check && (rc = c->check(ctx)) != 0)
		return rc;
	if (ctx->a.skeleton == CLI_SKELETON_OUTPUT)
		return cli_skeleton_print(c->name, &ctx->a);
	if (!(c->flags & CMD_SESSION))
		return c->run(ctx);
	if ((rc = cli_session_open(&ctx->a.conn, &ctx->s)) != 0)
		return rc;
	rc = c->run(ctx);
	if (!ctx->keep_session)
		session_close(&ctx->s);
	return rc;
}

int cmd_dispatch(const struct cmd *c, int argc, char **argv)
{
	struct cmd_ctx ctx;
	struct cli_extra extra = { c->longopts, c->handle, NULL };
	char **args = NULL;
	const char *command;
	int rc;

	if (c->main)
		return c->main(argc, argv);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cmd = c;
	ctx.opts = c->opts_size ? xcalloc(1, c->opts_size) : NULL;
	if (c->opts_init)
		c->opts_init(ctx.opts);
	extra.ud = ctx.opts;
	if (c->prepare)
		argv = args = c->prepare(argc, argv, &argc, ctx.opts);
	/* The terminal interface may be started without its command word. */
	command = argv[0] && strcmp(argv[0], c->name) == 0 ? c->name : NULL;
	rc = cli_parse(argc, argv, command, c->groups, c->longopts ? &extra : NULL, &ctx.a);
	if (rc == 0) {
		rc = run_parsed(c, &ctx);
		/* A --query that failed on the answer is a usage error, whatever
		 * the command made of the printer's failure. */
		if (output_query_failed())
			rc = CLI_EXIT_USAGE;
		cli_args_free(&ctx.a);
	}
	free(args);
	free(ctx.opts);
	return rc;
}
