/* cli_error (options.h): the one line every batch command's failure
 * prints.  Its own file, so that every part of the command line can use it
 * without calling into the option parser. */
#include "config.h"
#include "cli/options.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	char *m, *s;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	s = sanitize_str(m);
	fprintf(stderr, "sagescale: %s\n", s);
	free(s);
	free(m);
}
