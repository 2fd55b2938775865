/* The MFA code dialog: when refreshing assume-role credentials needs a code
 * (mfa_serial) while the screen is up, the refresh (on the worker thread)
 * asks through aws_mfa_set_prompt, the main loop opens this dialog, and the
 * code typed (masked) goes back.  Esc, or the program ending, refuses. */
#ifndef SAGESCALE_TUI_MFA_DIALOG_H
#define SAGESCALE_TUI_MFA_DIALOG_H

struct tui;

/* Installs the prompt (main thread, before the worker runs requests); its
 * state is the interface's (t->mfa). */
void mfa_dialog_install(struct tui *t);
/* Refuses a pending question and restores the terminal prompt. */
void mfa_dialog_uninstall(struct tui *t);
/* Frees the state, once the worker has stopped. */
void mfa_dialog_free(struct tui *t);
/* Readable when a code is asked for (-1 when not installed). */
int mfa_dialog_fd(const struct tui *t);
/* Main thread, when the fd is readable: opens the dialog; tui_flags. */
unsigned mfa_dialog_poll(struct tui *t);

#endif
