/* The line editor's keys and drawing (see widget-input.h). */
#include "config.h"
#include "tui/widget-input.h"
#include "tui/text.h"
#include "util/i18n.h"

#define CTRL(c) ((c)&0x1f)

#define F TB_FUNC
#define ALSO TB_ALSO

/* fn NULL: arg is the enum lineedit_action. */
const struct tui_bind input_bindings[] = {
	{ KEY_LEFT, F, NULL, LE_LEFT, N_("a character back / forward") },
	{ KEY_RIGHT, F | ALSO, NULL, LE_RIGHT },
	{ CTRL('b'), ALSO, NULL, LE_LEFT },
	{ CTRL('f'), ALSO, NULL, LE_RIGHT },
	{ TUI_KEY_ALT('b'), F, NULL, LE_WORD_LEFT, N_("a word back / forward") },
	{ TUI_KEY_ALT('B'), F | ALSO, NULL, LE_WORD_LEFT },
	{ TUI_KEY_ALT('f'), F | ALSO, NULL, LE_WORD_RIGHT },
	{ TUI_KEY_ALT('F'), F | ALSO, NULL, LE_WORD_RIGHT },
	{ KEY_HOME, F, NULL, LE_HOME, N_("the start / end of the line") },
	{ KEY_END, F | ALSO, NULL, LE_END },
	{ CTRL('a'), ALSO, NULL, LE_HOME },
	{ CTRL('e'), ALSO, NULL, LE_END },
	{ KEY_BACKSPACE, F, NULL, LE_BACKSPACE, N_("delete before / under the cursor") },
	{ 127, ALSO, NULL, LE_BACKSPACE },
	{ CTRL('h'), ALSO, NULL, LE_BACKSPACE },
	{ KEY_DC, F | ALSO, NULL, LE_DELETE },
	{ CTRL('d'), ALSO, NULL, LE_DELETE },
	{ CTRL('k'), 0, NULL, LE_KILL_END, N_("delete to the end / to the start") },
	{ CTRL('u'), ALSO, NULL, LE_KILL_START },
	{ CTRL('w'), 0, NULL, LE_KILL_WORD, N_("delete the word before the cursor") },
	{ KEY_UP, F, NULL, LE_HISTORY_PREV, N_("earlier lines typed at this prompt") },
	{ KEY_DOWN, F | ALSO, NULL, LE_HISTORY_NEXT },
	{ CTRL('p'), ALSO, NULL, LE_HISTORY_PREV },
	{ CTRL('n'), ALSO, NULL, LE_HISTORY_NEXT },
	{ '\r', 0, NULL, LE_ENTER, N_("accept / cancel") },
	{ '\n', ALSO, NULL, LE_ENTER },
	{ KEY_ENTER, F | ALSO, NULL, LE_ENTER },
	{ 27, ALSO, NULL, LE_CANCEL },
	{ CTRL('g'), ALSO, NULL, LE_CANCEL },
	{ 0 }
};

enum lineedit_action input_action(int key, bool func, uint32_t *ch)
{
	const struct tui_bind *b = keymap_find(input_bindings, key, func, NULL, NULL);

	if (b != NULL)
		return (enum lineedit_action)b->arg;
	if (func || key < 0x20 || key == 127)
		return LE_NONE;
	*ch = (uint32_t)key;
	return LE_INSERT;
}

bool input_key(struct lineedit *le, int key, bool func, enum lineedit_action *action)
{
	uint32_t ch = 0;
	enum lineedit_action a = input_action(key, func, &ch);

	if (action)
		*action = a;
	return lineedit_apply(le, a, ch);
}

void input_draw(WINDOW *w, int y, int x, int width, struct lineedit *le, attr_t attr, bool cursor)
{
	size_t col, start, lead, n;
	const char *text;

	if (width <= 0)
		return;
	col = lineedit_scroll(le, (size_t)width);
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', width);
	/* lineedit keeps only printable text: nothing here drives the terminal. */
	text = lineedit_text(le) + le->view;
	n = text_clip(text, 0, (size_t)width, &start, &lead);
	mvwaddnstr(w, y, x + (int)lead, text + start, (int)n);
	if (cursor)
		mvwchgat(w, y, x + (int)col, 1, attr | A_REVERSE, 0, NULL);
	wattrset(w, A_NORMAL);
}
