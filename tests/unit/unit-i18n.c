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
			"'%s/po/de.po' 2>/dev/null",
			localedir, localedir, PACKAGE, src);
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

#define NEED_CATALOGUE()               \
	do {                           \
		if (!have_catalogue) { \
			skip();        \
		}                      \
	} while (0)

static void fits(const char *msgid, size_t width)
{
	const char *s = _(msgid);

	if (text_width(s) > width)
		fail_msg("\"%s\" -> \"%s\": %zu columns, room for %zu", msgid, s, text_width(s),
			 width);
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
		"Job",         "Endpoint",     "Rec. ID",  "CPU target", "Objective",
		"Invocations", "ModelLatency", "Capacity", "Cooldown",
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

/* The help wraps a line's keys at blanks: each key name must fit. */
static void check_line(void *ctx, const char *keys, const char *text)
{
	char *copy = xstrdup(keys), *save = NULL;

	(void)ctx;
	for (char *k = strtok_r(copy, " ", &save); k != NULL; k = strtok_r(NULL, " ", &save))
		fits(k, HELP_KEY_W - 1);
	free(copy);
	if (strcmp(text, "") == 0)
		fail_msg("a help line without text for %s", keys);
}

static void check_bindings(const struct tui_bind *tab)
{
	for (const struct tui_bind *b = tab; b != NULL && b->key != 0; b++) {
		if (b->help != NULL)
			translated(b->help);
		if (b->hint != NULL)
			translated(b->hint);
	}
	keymap_help_lines(tab, false, 0, 0, check_line, NULL);
}

static void test_help_entries(void **state)
{
	(void)state;
	NEED_CATALOGUE();
	for (const struct keymap_table *t = tui_keymap_tables; t->name != NULL || t->ops; t++) {
		if (t->ops == NULL) {
			check_bindings(t->bindings);
			continue;
		}
		check_bindings(t->ops->bindings);
		check_bindings(t->ops->widget);
		check_keys(t->ops->keys);
	}
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

/* The hints made from the tables fit after state, and keep "? help". */
static void hints_fit(const char *state, const struct tui_bind *const *tabs, bool in_form,
		      bool busy, bool fkeys)
{
	struct keymap_state s = { .busy = busy, .fkeys = fkeys, .in_form = in_form };
	int width = SCREEN_W - 1 - (int)(1 + text_width(state) + 3);
	char *h = keymap_hints(tabs, &s, width), *help = xasprintf("? %s", _("help"));

	if ((int)text_width(h) > width)
		fail_msg("\"%s\" + \"%s\": wider than %d columns", state, h, width);
	if (strstr(h, help) == NULL)
		fail_msg("\"%s\": no \"%s\"", h, help);
	free(help);
	free(h);
}

static void test_status_bar_fits(void **state)
{
	const struct tui_bind *form[] = { form_bindings, tui_global_keys, NULL };
	char *states[6];

	(void)state;
	NEED_CATALOGUE();
	states[0] = xstrdup(_("Ready"));
	states[1] = xstrdup(_("Failed"));
	states[2] = xstrdup(_("Cancelled"));
	states[3] = xasprintf(_("Done in %.0f ms"), 999.0);
	states[4] = xasprintf(_("Done in %.1f s"), 99.9);
	states[5] = xasprintf(_("%s Running %.1f s"), "|", 99.9);
	for (size_t i = 0; i < 6; i++) {
		for (int k = 0; k < 4; k++)
			hints_fit(states[i], form, true, k & 1, k & 2);
		for (const struct tui_view_ops *const *v = tui_view_table; *v != NULL; v++) {
			const struct tui_bind *tabs[4] = { NULL };
			size_t n = 0;

			if ((*v)->bindings == NULL && (*v)->widget == NULL) {
				if ((*v)->hint != NULL) /* a view not yet made bindings */
					status_fits(states[i], (*v)->hint);
				continue;
			}
			if ((*v)->bindings != NULL)
				tabs[n++] = (*v)->bindings;
			if ((*v)->widget != NULL)
				tabs[n++] = (*v)->widget;
			tabs[n] = tui_global_keys;
			hints_fit(states[i], tabs, false, i == 5, true);
		}
	}
	for (size_t i = 0; i < 6; i++)
		free(states[i]);
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
