/* The line editor's keys and drawing (see widget-input.h). */
#include "config.h"
#include "tui/widget-input.h"
#include "tui/text.h"
#include "util/i18n.h"

#define CTRL(c) ((c) & 0x1f)

const struct tui_key input_keys[] = {
	{ N_("Left / Right"), N_("a character back / forward (also Ctrl-B / Ctrl-F)") },
	{ N_("Alt-B / Alt-F"), N_("a word back / forward") },
	{ N_("Home / End"), N_("the start / end of the line (also Ctrl-A / Ctrl-E)") },
	{ N_("Backspace / Del"), N_("delete before / under the cursor (Del: also Ctrl-D)") },
	{ N_("Ctrl-K / Ctrl-U"), N_("delete to the end / to the start") },
	{ N_("Ctrl-W"), N_("delete the word before the cursor") },
	{ N_("Up / Down"), N_("earlier lines typed at this prompt (also Ctrl-P / Ctrl-N)") },
	{ N_("Enter / Esc"), N_("accept / cancel (Esc: also Ctrl-G)") },
	{ NULL, NULL }
};

static enum lineedit_action func_action(int key)
{
	switch (key) {
	case KEY_LEFT: return LE_LEFT;
	case KEY_RIGHT: return LE_RIGHT;
	case KEY_HOME: return LE_HOME;
	case KEY_END: return LE_END;
	case KEY_BACKSPACE: return LE_BACKSPACE;
	case KEY_DC: return LE_DELETE;
	case KEY_UP: return LE_HISTORY_PREV;
	case KEY_DOWN: return LE_HISTORY_NEXT;
	case KEY_ENTER: return LE_ENTER;
	case TUI_KEY_ALT('b'): case TUI_KEY_ALT('B'): return LE_WORD_LEFT;
	case TUI_KEY_ALT('f'): case TUI_KEY_ALT('F'): return LE_WORD_RIGHT;
	}
	return LE_NONE;
}

static enum lineedit_action ctrl_action(int key)
{
	switch (key) {
	case CTRL('a'): return LE_HOME;
	case CTRL('e'): return LE_END;
	case CTRL('b'): return LE_LEFT;
	case CTRL('f'): return LE_RIGHT;
	case CTRL('d'): return LE_DELETE;
	case CTRL('h'): case 127: return LE_BACKSPACE;
	case CTRL('k'): return LE_KILL_END;
	case CTRL('u'): return LE_KILL_START;
	case CTRL('w'): return LE_KILL_WORD;
	case CTRL('p'): return LE_HISTORY_PREV;
	case CTRL('n'): return LE_HISTORY_NEXT;
	case CTRL('g'): case 27: return LE_CANCEL;
	case '\r': case '\n': return LE_ENTER;
	}
	return LE_NONE;
}

enum lineedit_action input_action(int key, bool func, uint32_t *ch)
{
	if (func)
		return func_action(key);
	if (key < 0x20 || key == 127)
		return ctrl_action(key);
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

void input_draw(WINDOW *w, int y, int x, int width, struct lineedit *le, attr_t attr,
		bool cursor)
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
