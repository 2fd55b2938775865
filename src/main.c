/* sagescale: pick a command (or the TUI) from the arguments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "sagescale: not built yet\n");
	return 2;
}
