/* Process-wide safety set once at start: no core dump (the process holds
 * secret keys and tokens from its first steps), and writes that fail with
 * an error (EPIPE, EFBIG) instead of a signal that kills the program
 * mid-record or with the terminal raw. */
#ifndef SAGESCALE_PROC_H
#define SAGESCALE_PROC_H

/* Non-dumpable (prctl PR_SET_DUMPABLE 0 where there is one) and a core
 * size limit of 0, soft and hard; SIGPIPE and SIGXFSZ ignored.  Call first
 * thing in main, before any secret is read. */
void proc_harden(void);

/* Flushes stdout; on failure a message naming the error on stderr and
 * -1 (a failed write is an error message, not a signal). */
int proc_flush_stdout(void);

#endif
