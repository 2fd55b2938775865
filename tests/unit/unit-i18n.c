/* The German catalogue against the screen's layout: plural forms, every help
 * entry translated, and the German words fitting the columns the 80x24
 * layout gives them (form labels, summary labels, help keys, tabs, status
 * bar).  The catalogue is compiled from po/de.po into a private directory. */
#include "config.h"
#include "../lib/unit.h"
#include "tui/text.h"
#include "tui/view.h"
#include "tui/tui-int.h"
#include "tui/widget-tree.h"
#include "tui/views.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Columns the layout gives (src/tui: form.c LABEL_COLS - 2, panes.c kv(),
 * dialog-help.c's key column, an 80-column screen). */
enum { FORM_LABEL_W = 11, SUMMARY_LABEL_W = 12, HELP_KEY_W = 18, SCREEN_W = 80 };

static char localedir[] = "/tmp/sagescale-unit-i18n.XXXXXX";
static bool have_catalogue;

static int setup(void **state)
{
	const char *src = getenv("top_srcdir");
	char *cmd;

	(void)state;
#if ENABLE_NLS
	if (src == NULL || mkdtemp(localedir) == NULL)
		return 0;
	cmd = xasprintf("mkdir -p '%s/de/LC_MESSAGES' && msgfmt -o '%s/de/LC_MESSAGES/%s.mo' "
			"'%s/po/de.po' 2>/dev/null", localedir, localedir, PACKAGE, src);
	have_catalogue = system(cmd) == 0;
	free(cmd);
	if (!have_catalogue || setlocale(LC_ALL, "C.UTF-8") == NULL) {
		have_catalogue = false;
		return 0;
	}
	setenv("LANGUAGE", "de", 1);
	bindtextdomain(PACKAGE, localedir);
	textdomain(PACKAGE);
#else
	(void)src;
#endif
	return 0;
}

static int teardown(void **state)
{
	char *cmd;

	(void)state;
	if (localedir[strlen(localedir) - 1] != 'X') {
		cmd = xasprintf("rm -rf '%s'", localedir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", localedir);
		free(cmd);
	}
	return 0;
}

#define NEED_CATALOGUE() do { if (!have_catalogue) { skip(); } } while (0)

static void fits(const char *msgid, size_t width)
{
	const char *s = _(msgid);

	if (text_width(s) > width)
		fail_msg("\"%s\" -> \"%s\": %zu columns, room for %zu", msgid, s, text_width(s), width);
}

static void translated(const char *msgid)
{
	if (strcmp(_(msgid), msgid) == 0)
		fail_msg("not translated: \"%s\"", msgid);
}

static void test_plural_forms(void **state)
{
	char *s;

	(void)state;
	NEED_CATALOGUE();
	s = xasprintf(P_("%zu field differs", "%zu fields differ", 0), (size_t)0);
	assert_string_equal(s, "0 Felder unterscheiden sich");
	free(s);
	s = xasprintf(P_("%zu field differs", "%zu fields differ", 1), (size_t)1);
	assert_string_equal(s, "1 Feld unterscheidet sich");
	free(s);
	s = xasprintf(P_("%zu field differs", "%zu fields differ", 2), (size_t)2);
	assert_string_equal(s, "2 Felder unterscheiden sich");
	free(s);
}

/* The labels of label() in src/tui/form.c. */
static void test_form_labels_fit(void **state)
{
	static const char *const labels[] = {
		"Job name", "Use", "Rec. ID", "Endpoint", "CPU target", "Min invoc.", "Max invoc.",
	};

	(void)state;
	NEED_CATALOGUE();
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		translated(labels[i]);
		fits(labels[i], FORM_LABEL_W);
	}
}

static void test_summary_labels_fit(void **state)
{
	static const char *const labels[] = {
		"Job", "Endpoint", "Rec. ID", "CPU target", "Objective", "Invocations",
		"ModelLatency", "Capacity", "Cooldown",
	};

	(void)state;
	NEED_CATALOGUE();
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		fits(labels[i], SUMMARY_LABEL_W);
}

static void check_keys(const struct tui_key *k)
{
	for (; k != NULL && k->keys != NULL; k++) {
		fits(k->keys, HELP_KEY_W);
		translated(k->help);
	}
}

static void test_help_entries(void **state)
{
	(void)state;
	NEED_CATALOGUE();
	for (const struct tui_binding *b = tui_global_keys; b->fn != NULL; b++) {
		if (b->name == NULL)
			continue;
		fits(b->name, HELP_KEY_W);
		translated(b->help);
	}
	check_keys(form_keys);
	check_keys(treeview_keys);
	check_keys(tui_help_dialog.keys);
	for (const struct tui_view_ops *const *v = tui_view_table; *v != NULL; v++)
		check_keys((*v)->keys);
}

/* The tab line: "+- 1 Name - 2 Name ... -+" in 80 columns. */
static void test_tabs_fit(void **state)
{
	size_t x = 2, i = 0;

	(void)state;
	NEED_CATALOGUE();
	for (const struct tui_view_ops *const *v = tui_view_table; *v != NULL; v++, i++) {
		char *label = xasprintf(" %zu %s ", i + 1, _((*v)->name));

		x += text_width(label) + 1;
		free(label);
	}
	if (x > SCREEN_W - 2)
		fail_msg("the German tabs take %zu columns of %d", x, SCREEN_W - 2);
}

/* The status bar: " STATE   HINTS" must keep its last hint (quit) whole. */
static void status_fits(const char *state, const char *hints)
{
	size_t used = 1 + text_width(state) + 3 + text_width(_(hints));

	if (used > SCREEN_W - 1)
		fail_msg("\"%s\" + \"%s\": %zu columns of %d", state, _(hints), used, SCREEN_W - 1);
}

static void test_status_bar_fits(void **state)
{
	static const char *const idle_hints[] = {
		"Enter send  Tab next field  F6 views  ? help  F10 quit",
		"Tab form  1-6 views  / search  E/C expand  ? help  q quit",
		"Tab form  1-6 views  ? help  q quit",
	};
	static const char *const run_hints[] = {
		"Esc cancel  Enter resend  F6 views  ? help  F10 quit",
		"Esc cancel  Tab form  / search  ? help  q quit",
		"Esc cancel  Tab form  ? help  q quit",
	};
	char *states[5];

	(void)state;
	NEED_CATALOGUE();
	states[0] = xstrdup(_("Ready"));
	states[1] = xstrdup(_("Failed"));
	states[2] = xstrdup(_("Cancelled"));
	states[3] = xasprintf(_("Done in %.0f ms"), 999.0);
	states[4] = xasprintf(_("Done in %.1f s"), 99.9);
	for (size_t i = 0; i < 5; i++) {
		for (size_t j = 0; j < 3; j++) {
			translated(idle_hints[j]);
			status_fits(states[i], idle_hints[j]);
		}
		/* A view's own keys replace the general ones while it has the focus. */
		for (const struct tui_view_ops *const *v = tui_view_table; *v != NULL; v++)
			if ((*v)->hint != NULL)
				status_fits(states[i], (*v)->hint);
	}
	for (size_t i = 0; i < 5; i++)
		free(states[i]);
	states[0] = xasprintf(_("%s Running %.1f s"), "|", 99.9);
	for (size_t j = 0; j < 3; j++) {
		translated(run_hints[j]);
		status_fits(states[0], run_hints[j]);
	}
	free(states[0]);
}

/* glibc ignores LANGUAGE in the C locale: English, as POSIX wants it. */
static void test_c_locale_is_english(void **state)
{
	(void)state;
	NEED_CATALOGUE();
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_string_equal(_("Ready"), "Ready");
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_string_equal(_("Ready"), "Bereit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_form_labels_fit),
		cmocka_unit_test(test_summary_labels_fit),
		cmocka_unit_test(test_help_entries),
		cmocka_unit_test(test_tabs_fit),
		cmocka_unit_test(test_status_bar_fits),
		cmocka_unit_test(test_c_locale_is_english),
	};

	return cmocka_run_group_tests_name("i18n", tests, setup, teardown);
}
