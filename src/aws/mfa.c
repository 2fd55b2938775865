/* MFA codes from the terminal or the TUI's dialog (see mfa.h). */
#include "config.h"
#include "aws/mfa.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MFA_CODE_MAX 64

static pthread_mutex_t prompt_lock = PTHREAD_MUTEX_INITIALIZER;
static aws_mfa_prompt_fn *prompt_fn;
static void *prompt_ud;
static atomic_ulong asked;

void aws_mfa_set_prompt(aws_mfa_prompt_fn *fn, void *ud)
{
	pthread_mutex_lock(&prompt_lock);
	prompt_fn = fn;
	prompt_ud = ud;
	pthread_mutex_unlock(&prompt_lock);
}

unsigned long aws_mfa_asked(void)
{
	return atomic_load(&asked);
}

/* getpass() as botocore's getpass.getpass: the prompt and the answer on
 * /dev/tty, echo off, restored afterwards. */
static int ask_tty(const char *serial, char *code, size_t size)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	struct termios old, quiet;
	bool restore = false;
	size_t n = 0;
	char *safe;

	if (fd < 0)
		return -2;
	/* Echo off before the prompt, so that nothing typed after it shows. */
	if (tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	safe = sanitize_str(serial);
	dprintf(fd, _("Enter MFA code for %s: "), safe);
	free(safe);
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == '\n' || c == '\r')
			break;
		if (n + 1 < size)
			code[n++] = c;
	}
	code[n] = '\0';
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	dprintf(fd, "\n");
	close(fd);
	return 0;
}

int aws_mfa_ask(const char *profile, const char *serial, char **code, char **err)
{
	char buf[MFA_CODE_MAX + 1] = "";
	aws_mfa_prompt_fn *fn;
	void *ud;
	int rc;

	pthread_mutex_lock(&prompt_lock);
	fn = prompt_fn;
	ud = prompt_ud;
	pthread_mutex_unlock(&prompt_lock);
	atomic_fetch_add(&asked, 1);
	rc = fn ? fn(profile, serial, buf, sizeof(buf), ud) : ask_tty(serial, buf, sizeof(buf));
	char *sp = sanitize_str(profile), *ss = sanitize_str(serial);
	if (rc == -2) {
		*err = xasprintf(
			_("The profile (%s) needs an MFA code for %s, but there is no "
			  "terminal to ask for it on: run the command in a terminal once "
			  "(the session is then cached in ~/.aws/cli/cache for its lifetime)."),
			sp, ss);
	} else if (rc < 0 || !*buf) {
		*err = xasprintf(_("No MFA code was given for %s (profile %s)."), ss, sp);
		rc = -1;
	} else {
		*code = xstrdup(buf);
	}
	free(sp);
	free(ss);
	OPENSSL_cleanse(buf, sizeof(buf));
	return rc < 0 ? -1 : 0;
}
