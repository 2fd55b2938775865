/* The MFA code dialog (see dialog-mfa.h). */
#include "config.h"
#include "tui/dialog-mfa.h"
#include "aws/mfa.h"
#include "tui/lineedit.h"
#include "tui/tui-int.h"
#include "tui/widget-input.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A code not typed within this time is refused (the request then fails). */
#define MFA_WAIT_S 300

enum ask_state { IDLE, ASKING, SHOWN, ANSWERED, REFUSED };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static enum ask_state state;
static int wake[2] = { -1, -1 };
static char asked_serial[256], asked_profile[128], answer[65];

/* Worker thread: asks the main loop and waits for the answer. */
static int ask(const char *profile, const char *serial, char *code, size_t size, void *ud)
{
	struct timespec until;
	int rc = -1;

	(void)ud;
	pthread_mutex_lock(&lock);
	if (state != IDLE || wake[1] < 0) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	snprintf(asked_serial, sizeof(asked_serial), "%s", serial);
	snprintf(asked_profile, sizeof(asked_profile), "%s", profile);
	state = ASKING;
	if (write(wake[1], "m", 1) < 0 && errno != EAGAIN)
		state = REFUSED;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += MFA_WAIT_S;
	while ((state == ASKING || state == SHOWN) &&
	       pthread_cond_timedwait(&cond, &lock, &until) != ETIMEDOUT)
		;
	if (state == ANSWERED) {
		snprintf(code, size, "%s", answer);
		rc = 0;
	}
	OPENSSL_cleanse(answer, sizeof(answer));
	state = IDLE;
	pthread_mutex_unlock(&lock);
	return rc;
}

static void finish(enum ask_state s, const char *code)
{
	pthread_mutex_lock(&lock);
	if (state == ASKING || state == SHOWN) {
		if (code)
			snprintf(answer, sizeof(answer), "%s", code);
		state = s;
		pthread_cond_broadcast(&cond);
	}
	pthread_mutex_unlock(&lock);
}

void mfa_dialog_install(void)
{
	if (wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
		return;
	aws_mfa_set_prompt(ask, NULL);
}

void mfa_dialog_uninstall(void)
{
	aws_mfa_set_prompt(NULL, NULL);
	finish(REFUSED, NULL);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 2; i++) {
		if (wake[i] >= 0)
			close(wake[i]);
		wake[i] = -1;
	}
	pthread_mutex_unlock(&lock);
}

int mfa_dialog_fd(void)
{
	return wake[0];
}

/* ---- the dialog ---- */

struct mfa_view {
	struct tui_view base;
	struct lineedit le;
	char *serial, *profile;	/* sanitised copies */
};

static void mfa_init(struct tui_view *v)
{
	struct mfa_view *m = (struct mfa_view *)v;

	lineedit_init(&m->le, 64, "0123456789", NULL);
	pthread_mutex_lock(&lock);
	m->serial = sanitize_str(asked_serial);
	m->profile = sanitize_str(asked_profile);
	pthread_mutex_unlock(&lock);
}

static void mfa_done(struct tui_view *v)
{
	struct mfa_view *m = (struct mfa_view *)v;

	finish(REFUSED, NULL);	/* closed without Enter: no code */
	if (m->le.text)
		OPENSSL_cleanse(m->le.text, m->le.cap);
	lineedit_free(&m->le);
	free(m->serial);
	free(m->profile);
}

static void mfa_draw(struct tui_view *v, WINDOW *w, bool focused)
{
	struct mfa_view *m = (struct mfa_view *)v;
	char *line = xasprintf(_("Profile %s needs an MFA code for"), m->profile);
	size_t n = strlen(lineedit_text(&m->le));
	char stars[65];

	(void)focused;
	werase(w);
	tui_draw_text(w, 0, 1, v->cols - 2, 0, line);
	tui_draw_text(w, 1, 1, v->cols - 2, 0, m->serial);
	/* The code is masked: only how many digits were typed shows. */
	memset(stars, '*', n < 64 ? n : 64);
	stars[n < 64 ? n : 64] = '\0';
	tui_draw_text(w, 3, 1, v->cols - 2, 0, _("Code:"));
	tui_draw_text(w, 3, 8, v->cols - 9, 0, stars);
	tui_draw_text(w, 5, 1, v->cols - 2, 0, _("Enter send  Esc refuse (the request fails)"));
	free(line);
}

static unsigned mfa_key(struct tui_view *v, int key, bool func)
{
	struct mfa_view *m = (struct mfa_view *)v;
	enum lineedit_action act = LE_NONE;

	input_key(&m->le, key, func, &act);
	if (act == LE_ENTER && *lineedit_text(&m->le)) {
		finish(ANSWERED, lineedit_text(&m->le));
		return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
	}
	if (act == LE_CANCEL) {
		finish(REFUSED, NULL);
		return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static const struct tui_view_ops mfa_dialog_ops = {
	.name = N_("MFA code"),
	.size = sizeof(struct mfa_view),
	.init = mfa_init,
	.done = mfa_done,
	.draw = mfa_draw,
	.key = mfa_key,
	.modal_rows = 8,
	.modal_cols = 64,
};

unsigned mfa_dialog_poll(struct tui *t)
{
	char buf[16];
	bool open = false;

	while (wake[0] >= 0 && read(wake[0], buf, sizeof(buf)) > 0)
		;
	pthread_mutex_lock(&lock);
	if (state == ASKING) {
		state = SHOWN;
		open = true;
	}
	pthread_mutex_unlock(&lock);
	if (open)
		tui_open_modal(t, &mfa_dialog_ops, NULL);
	return open ? TUI_REDRAW : 0;
}
