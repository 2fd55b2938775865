/* sagescale: pick a command (or the TUI) from the arguments. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/complete.h"
#include "util/i18n.h"
#include "util/proc.h"
#include "util/sanitize.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	const struct cmd *const *c;

	fprintf(out, _("Usage: sagescale [OPTIONS]            open the terminal interface\n"
		       "       sagescale COMMAND [OPTIONS]    run one command\n"
		       "       sagescale help COMMAND         help on a command\n\n"
		       "Commands:\n"));
	for (c = cmd_table; *c; c++)
		if (strcmp((*c)->name, "tui") != 0)
			fprintf(out, "  %-12s %s\n", (*c)->name, _((*c)->summary));
	fprintf(out, _("\nOptions:\n"
		       "  -h, --help     show this help\n"
		       "  --version      show the version\n\n"
		       "Exit status: 0 success, 1 service error, 2 usage or validation error,\n"
		       "3 network, TLS or configuration error.  See sagescale(1).\n"));
}

static int unknown_command(const char *name)
{
	char *s = sanitize_str(name);

	fprintf(stderr, _("sagescale: unknown command \"%s\" (see sagescale --help)\n"), s);
	free(s);
	return CLI_EXIT_USAGE;
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
	/* Before anything reads a secret: no core dump, no death by SIGPIPE
	 * or SIGXFSZ (a failed write is an error, said below). */
	proc_harden();
	int rc = run(argc, argv);

	if (proc_flush_stdout() != 0 && rc == CLI_EXIT_OK)
		rc = CLI_EXIT_NETWORK;
	return rc;
}

static int run(int argc, char **argv)
{
	const struct cmd *c;

	setlocale(LC_ALL, "");
	/* Numbers keep the C form in every language: JSON, CSV and the AWS CLI
	 * layouts must not become "0,102" under a German LC_NUMERIC. */
	setlocale(LC_NUMERIC, "C");
#if ENABLE_NLS
	/* SAGESCALE_LOCALEDIR: catalogues of an uninstalled build (tests, make locale). */
	const char *localedir = getenv("SAGESCALE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* Hidden: the shell completion scripts' engine. */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cli_complete_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return CLI_EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "help") == 0) {
		char *help_argv[] = { NULL, (char *)"--help", NULL };
		if (argc < 3) {
			usage(stdout);
			return CLI_EXIT_OK;
		}
		if (!(c = cmd_find(argv[2])))
			return unknown_command(argv[2]);
		help_argv[0] = argv[2];
		return cmd_dispatch(c, 2, help_argv);
	}
	/* No command (or only options): the terminal interface. */
	if (argc < 2 || argv[1][0] == '-')
		return cmd_dispatch(&cmd_tui_entry, argc, argv);
	if (!(c = cmd_find(argv[1])))
		return unknown_command(argv[1]);
	return cmd_dispatch(c, argc - 1, argv + 1);
}
