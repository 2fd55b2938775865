/* Asking for an MFA code (mfa_serial of an assume-role profile): on the
 * terminal (/dev/tty, echo off) for the batch commands, or through a
 * prompt the TUI installs (a dialog).  Without a terminal and without a
 * prompt the answer is a clear refusal, never a hang. */
#ifndef SAGESCALE_AWS_MFA_H
#define SAGESCALE_AWS_MFA_H
#include <stddef.h>

/* Fills code (NUL-terminated, at most size-1 bytes) for serial, asked for
 * profile.  Returns 0, or -1 when the user cancelled.  Called on the thread
 * that resolves or refreshes credentials (the TUI's worker). */
typedef int aws_mfa_prompt_fn(const char *profile, const char *serial, char *code, size_t size,
			      void *ud);

/* Installs fn (NULL: back to the terminal). */
void aws_mfa_set_prompt(aws_mfa_prompt_fn *fn, void *ud);

/* Asks for a code.  Returns 0 and *code (malloc'd; wipe and free), or -1
 * and *err (translated; names the profile and the serial). */
int aws_mfa_ask(const char *profile, const char *serial, char **code, char **err);

/* How many times a code was asked for (tests). */
unsigned long aws_mfa_asked(void);

#endif
