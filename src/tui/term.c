/* The terminal: start curses (falling back for an unknown TERM), restore it
 * from one place (atexit, fatal errors, signals), turn signals into bytes
 * on a pipe the main loop polls, and the colour theme. */
#include "config.h"
#include "tui/tui-int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <term.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The only file-level state of the interface, and on purpose: a signal
 * handler and atexit() get no argument to find a struct tui through, and
 * the terminal is one per process anyway. */
static SCREEN *term_screen;
static bool term_active;
static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_ending, sig_winch, sig_tstp, sig_cont;

/* The one way back to a usable terminal (tig's done_display). */
void term_restore(void)
{
	if (!term_active)
		return;
	term_active = false;
	curs_set(1);
	endwin();
	fflush(stdout);
}

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (sig == SIGWINCH)
		sig_winch = 1;
	else if (sig == SIGTSTP)
		sig_tstp = 1;
	else if (sig == SIGCONT)
		sig_cont = 1;
	else
		sig_ending = sig;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], &c, 1) < 0) {
		/* full pipe: a wake-up is already pending */
	}
	errno = saved;
}

static void signals_init(void)
{
	struct sigaction sa;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		xfatal("pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() returns at once with EINTR as well. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Ctrl-\ ends the program like Ctrl-C, the terminal restored first
	 * (its default action dumps core: a raw terminal, and secrets). */
	sigaction(SIGQUIT, &sa, NULL);
	/* Ctrl-Z: the loop restores the terminal, then stops (term_suspend);
	 * SIGCONT after any stop redraws.  Set before newterm, so that
	 * ncurses does not install its own handler, which calls curses from
	 * the signal handler. */
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	/* Set before newterm, so ncurses keeps out of SIGWINCH: the loop asks
	 * the kernel for the size and calls resizeterm itself. */
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

int term_signal_fd(void)
{
	return sig_pipe[0];
}

int term_take_signal(void)
{
	unsigned char sink[32];

	while (read(sig_pipe[0], sink, sizeof(sink)) > 0)
		;
	return sig_ending;
}

bool term_take_suspend(void)
{
	sigset_t set, old;
	struct sigaction dfl, ours;

	if (!sig_tstp && !sig_cont)
		return false;
	if (sig_tstp) {
		sig_tstp = 0;
		def_prog_mode();
		endwin();
		fflush(stdout);
		/* Stop with the default action, then take the handler back. */
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGTSTP, &dfl, &ours);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &set, &old);
		raise(SIGTSTP);
		sigprocmask(SIG_SETMASK, &old, NULL);
		sigaction(SIGTSTP, &ours, NULL);
		reset_prog_mode();
	}
	sig_cont = 0;
	/* Whatever the screen shows after a stop, draw it all again. */
	clearok(curscr, TRUE);
	sig_winch = 1;
	return true;
}

bool term_take_winch(void)
{
	struct winsize ws;

	if (!sig_winch)
		return false;
	sig_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

static void fatal_hook(void)
{
	term_restore();
}

/* Whether terminfo describes name (1), describes a terminal that cannot
 * move the cursor (-1: "dumb", a full screen is impossible), or not (0).
 * Asked of setupterm first because a newterm that fails leaks its
 * half-made screen (ncurses' new_prescr). */
static int term_known(const char *name)
{
	int err = 0;
	TERMINAL *saved = cur_term, *probe;
	char *cup;

	if (setupterm((char *)name, STDOUT_FILENO, &err) != OK)
		return 0;
	probe = cur_term;
	cup = tigetstr("cup");
	set_curterm(saved);
	del_curterm(probe);
	return cup != NULL && cup != (char *)-1 ? 1 : -1;
}

/* Tries TERM, then basic terminals, so that an unknown TERM (a rare
 * terminal over SSH) still gets a usable screen, with a warning. */
static SCREEN *open_screen(struct tui *t)
{
	static const char *const fallbacks[] = { "xterm", "vt100", "ansi" };
	const char *term = getenv("TERM");
	int known = term != NULL && *term != '\0' ? term_known(term) : 0;
	SCREEN *s;

	if (known > 0) {
		s = newterm(NULL, stdout, stdin);
		if (s != NULL)
			return s;
	}
	for (size_t i = 0; i < sizeof(fallbacks) / sizeof(*fallbacks); i++) {
		if (term_known(fallbacks[i]) <= 0)
			continue;
		s = newterm(fallbacks[i], stdout, stdin);
		if (s != NULL) {
			free(t->warning);
			t->warning =
				known < 0
					? xasprintf(
						  _("Terminal type \"%s\" cannot move the cursor: using \"%s\"."),
						  term, fallbacks[i])
					: xasprintf(
						  _("Unknown terminal type \"%s\": using \"%s\"."),
						  term != NULL ? term : "", fallbacks[i]);
			return s;
		}
	}
	return NULL;
}

/* Whether F6 and F10 are keys a person has.  vt100's terminfo names its
 * numeric keypad (SS3 sequences, "ESC O u") as F5-F10; terminals with real
 * function keys send CSI sequences ("ESC [ 17 ~").  Without them the status
 * bar names the letter and Ctrl alternatives. */
static bool has_fkeys(void)
{
	static char kf6[] = "kf6", kf10[] = "kf10";
	const char *f6 = tigetstr(kf6), *f10 = tigetstr(kf10);

	if (f6 == NULL || f6 == (char *)-1 || f10 == NULL || f10 == (char *)-1)
		return false;
	return strncmp(f6, "\033O", 2) != 0 && strncmp(f10, "\033O", 2) != 0;
}

int term_init(struct tui *t)
{
	const char *cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("sagescale: the terminal interface needs a terminal; "
				  "use \"sagescale recommend\" in scripts\n"));
		return -1;
	}
	cs = nl_langinfo(CODESET);
	t->utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	t->ascii = t->opts.ascii || !t->utf8;
	/* The Linux console draws lines, but its fonts have no braille
	 * (the spinner) or small triangles (the trees): ASCII glyphs there. */
	t->console = getenv("TERM") != NULL && strncmp(getenv("TERM"), "linux", 5) == 0;
	signals_init();
	term_screen = open_screen(t);
	if (term_screen == NULL) {
		fprintf(stderr, _("sagescale: cannot use this terminal (TERM=%s)\n"),
			getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	term_active = true;
	t->screen = term_screen;
	atexit(term_restore);
	xalloc_set_fatal_hook(fatal_hook);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* Clicks and the wheel (SGR 1006 where terminfo has it); a terminal
	 * still selects text with Shift held.  Presses, not clicks: no
	 * mouseinterval wait before a key is handled. */
	if (!t->opts.no_mouse && getenv("SAGESCALE_NO_MOUSE") == NULL) {
		t->mouse =
			mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
		mouseinterval(0);
	}
	t->fkeys = has_fkeys();
	nodelay(stdscr, TRUE);
	/* Esc cancels: 25 ms tells a lone Esc from an arrow key's sequence even
	 * over SSH, without the 1 s default that makes Esc feel broken. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	curs_set(0);
	term_theme(t);
	return 0;
}

void term_theme(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->color = has_colors() && (nc == NULL || *nc == '\0');
	if (t->color) {
		start_color();
		/* The terminal's own background where it has one (-1), else black. */
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;

		init_pair(1, COLOR_WHITE, COLOR_BLUE); /* title, status */
		init_pair(2, COLOR_CYAN, bg);          /* frames */
		init_pair(3, COLOR_BLACK, COLOR_CYAN); /* selection */
		init_pair(4, COLOR_RED, bg);           /* errors */
		init_pair(5, COLOR_GREEN, bg);         /* ok */
		init_pair(6, COLOR_YELLOW, bg);        /* keys */
		init_pair(7, COLOR_WHITE, COLOR_RED);  /* bad field */
		t->attrs[TUI_NORMAL] = A_NORMAL;
		t->attrs[TUI_TITLE] = COLOR_PAIR(1) | A_BOLD;
		t->attrs[TUI_FRAME] = COLOR_PAIR(2);
		t->attrs[TUI_FRAME_FOCUS] = COLOR_PAIR(2) | A_BOLD;
		/* A colour pair, not reverse video: the highlighted row's blank
		 * end is then erased with ECH (bce) instead of written out. */
		t->attrs[TUI_SELECTED] = COLOR_PAIR(3);
		t->attrs[TUI_DIM] = A_DIM;
		t->attrs[TUI_ERROR] = COLOR_PAIR(4) | A_BOLD;
		t->attrs[TUI_OK] = COLOR_PAIR(5);
		t->attrs[TUI_FIELD] = A_UNDERLINE;
		t->attrs[TUI_FIELD_BAD] = COLOR_PAIR(7) | A_UNDERLINE;
		t->attrs[TUI_KEY] = COLOR_PAIR(6) | A_BOLD;
	} else {
		/* Monochrome: attributes only, and the selection stays visible. */
		t->attrs[TUI_NORMAL] = A_NORMAL;
		t->attrs[TUI_TITLE] = A_REVERSE;
		t->attrs[TUI_FRAME] = A_NORMAL;
		t->attrs[TUI_FRAME_FOCUS] = A_BOLD;
		t->attrs[TUI_SELECTED] = A_REVERSE;
		t->attrs[TUI_DIM] = A_DIM;
		t->attrs[TUI_ERROR] = A_BOLD;
		t->attrs[TUI_OK] = A_NORMAL;
		t->attrs[TUI_FIELD] = A_UNDERLINE;
		t->attrs[TUI_FIELD_BAD] = A_REVERSE | A_UNDERLINE;
		t->attrs[TUI_KEY] = A_BOLD;
	}
}

/* A box with a title; ASCII corners and lines on request. */
void term_frame(struct tui *t, WINDOW *w, const char *title, bool focused)
{
	attr_t a = t->attrs[focused ? TUI_FRAME_FOCUS : TUI_FRAME];
	int cols = getmaxx(w);

	wattrset(w, a);
	if (t->ascii)
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	else
		box(w, 0, 0);
	if (title != NULL && cols > 6) {
		mvwaddch(w, 0, 2, ' ');
		tui_draw_text(w, 0, 3, cols - 6, 0, title);
		waddch(w, ' ');
	}
	wattrset(w, A_NORMAL);
}

/* The frame of the view area: lines above and below, no sides. */
void term_hframe(struct tui *t, WINDOW *w, bool focused)
{
	int rows = getmaxy(w);

	wattrset(w, t->attrs[focused ? TUI_FRAME_FOCUS : TUI_FRAME]);
	if (t->ascii) {
		mvwhline(w, 0, 0, '-', getmaxx(w));
		mvwhline(w, rows - 1, 0, '-', getmaxx(w));
	} else {
		mvwhline(w, 0, 0, ACS_HLINE, getmaxx(w));
		mvwhline(w, rows - 1, 0, ACS_HLINE, getmaxx(w));
	}
	wattrset(w, A_NORMAL);
}
