/* Process-wide safety (see proc.h). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "util/i18n.h"
#include "util/proc.h"

void proc_harden(void)
{
	struct rlimit none = { 0, 0 };
	struct sigaction sa;

#ifdef __linux__
	/* Also keeps other processes of the same user from reading our
	 * memory through /proc/PID/mem or ptrace. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
	setrlimit(RLIMIT_CORE, &none);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGXFSZ, &sa, NULL);
}

int proc_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	int e = errno;

	fprintf(stderr, _("sagescale: cannot write the output: %s\n"),
		e ? strerror(e) : _("write error"));
	return -1;
}
