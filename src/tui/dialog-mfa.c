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

/* Where the worker's question meets the main loop: owned by struct tui
 * (mfa_dialog_install makes it, mfa_dialog_uninstall frees it). */
struct mfa_ask {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	enum ask_state state;
	int wake[2];
	char asked_serial[256], asked_profile[128], answer[65];
};

/* Worker thread: asks the main loop and waits for the answer. */
static int ask(const char *profile, const char *serial, char *code, size_t size, void *ud)
{
	struct mfa_ask *m = ud;
	struct timespec until;
	int rc = -1;

	pthread_mutex_lock(&m->lock);
	if (m->state != IDLE || m->wake[1] < 0) {
		pthread_mutex_unlock(&m->lock);
		return -1;
	}
	snprintf(m->asked_serial, sizeof(m->asked_serial), "%s", serial);
	snprintf(m->asked_profile, sizeof(m->asked_profile), "%s", profile);
	m->state = ASKING;
	if (write(m->wake[1], "m", 1) < 0 && errno != EAGAIN)
		m->state = REFUSED;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += MFA_WAIT_S;
	while ((m->state == ASKING || m->state == SHOWN) &&
	       pthread_cond_timedwait(&m->cond, &m->lock, &until) != ETIMEDOUT)
		;
	if (m->state == ANSWERED) {
		snprintf(code, size, "%s", m->answer);
		rc = 0;
	}
	OPENSSL_cleanse(m->answer, sizeof(m->answer));
	m->state = IDLE;
	pthread_mutex_unlock(&m->lock);
	return rc;
}

static void finish(struct mfa_ask *m, enum ask_state s, const char *code)
{
	pthread_mutex_lock(&m->lock);
	if (m->state == ASKING || m->state == SHOWN) {
		if (code)
			snprintf(m->answer, sizeof(m->answer), "%s", code);
		m->state = s;
		pthread_cond_broadcast(&m->cond);
	}
	pthread_mutex_unlock(&m->lock);
}

void mfa_dialog_install(struct tui *t)
{
	struct mfa_ask *m = xcalloc(1, sizeof(*m));

	if (pipe2(m->wake, O_CLOEXEC | O_NONBLOCK) < 0) {
		free(m);
		return;
	}
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	t->mfa = m;
	aws_mfa_set_prompt(ask, m);
}

/* The worker has not stopped yet (a refresh may wait in ask()): the
 * question is refused and the pipe closed here, and the rest is freed by
 * mfa_dialog_free once the worker is gone. */
void mfa_dialog_uninstall(struct tui *t)
{
	struct mfa_ask *m = t->mfa;

	if (!m)
		return;
	aws_mfa_set_prompt(NULL, NULL);
	finish(m, REFUSED, NULL);
	pthread_mutex_lock(&m->lock);
	for (int i = 0; i < 2; i++) {
		if (m->wake[i] >= 0)
			close(m->wake[i]);
		m->wake[i] = -1;
	}
	pthread_mutex_unlock(&m->lock);
}

void mfa_dialog_free(struct tui *t)
{
	struct mfa_ask *m = t->mfa;

	if (!m)
		return;
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->cond);
	OPENSSL_cleanse(m, sizeof(*m));
	free(m);
	t->mfa = NULL;
}

int mfa_dialog_fd(const struct tui *t)
{
	return t->mfa ? t->mfa->wake[0] : -1;
}

/* ---- the dialog ---- */

struct mfa_view {
	struct tui_view base;
	struct mfa_ask *ask; /* the interface's (v->arg) */
	struct lineedit le;
	char *serial, *profile; /* sanitised copies */
};

static void mfa_init(struct tui_view *v)
{
	struct mfa_view *m = (struct mfa_view *)v;

	m->ask = v->arg;
	lineedit_init(&m->le, 64, "0123456789", NULL);
	pthread_mutex_lock(&m->ask->lock);
	m->serial = sanitize_str(m->ask->asked_serial);
	m->profile = sanitize_str(m->ask->asked_profile);
	pthread_mutex_unlock(&m->ask->lock);
}

static void mfa_done(struct tui_view *v)
{
	struct mfa_view *m = (struct mfa_view *)v;

	finish(m->ask, REFUSED, NULL); /* closed without Enter: no code */
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
		finish(m->ask, ANSWERED, lineedit_text(&m->le));
		return TUI_HANDLED | TUI_CLOSE | TUI_REDRAW;
	}
	if (act == LE_CANCEL) {
		finish(m->ask, REFUSED, NULL);
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
	struct mfa_ask *m = t->mfa;
	char buf[16];
	bool open = false;

	if (!m)
		return 0;
	while (m->wake[0] >= 0 && read(m->wake[0], buf, sizeof(buf)) > 0)
		;
	pthread_mutex_lock(&m->lock);
	if (m->state == ASKING) {
		m->state = SHOWN;
		open = true;
	}
	pthread_mutex_unlock(&m->lock);
	if (open)
		tui_open_modal(t, &mfa_dialog_ops, m);
	return open ? TUI_REDRAW : 0;
}
