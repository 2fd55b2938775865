/* Shell completion's engine: `sagescale __complete CWORD WORD...` (a
 * hidden entry point for the scripts in data/completion; see complete.c). */
#ifndef SAGESCALE_CLI_COMPLETE_H
#define SAGESCALE_CLI_COMPLETE_H

/* argv[0] is "__complete".  Prints candidates; always returns 0. */
int cli_complete_main(int argc, char **argv);

#endif
