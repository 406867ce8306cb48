/* script.h — the kiosk driven by a script of input events.
 *
 * `treehole --script FILE` runs the real app and event loop, feeding it
 * the events a person would make, one command per line:
 *
 *   tap X Y            a mouse click; X, Y in px or percent ("50%")
 *   touch X Y          the same with a finger (SDL_FINGERDOWN/UP)
 *   press ID           tap the centre of the button drawn as ID
 *   longpress X Y MS   hold, then release
 *   swipe X1 Y1 X2 Y2  drag quickly from one point to the other
 *   stroke X Y X Y …   draw with a finger through 1..SCRIPT_MAX_POINTS
 *                      points (down, moves 16 ms apart, up)
 *   hold X Y X Y …     the same, but the finger stays on the glass (a
 *                      screenshot then shows a stroke being written);
 *                      a later hold or stroke goes on from where it is
 *   lift               the held finger leaves the glass where it is (the
 *                      end of a script lifts it too)
 *   text STRING        typed text (SDL_TEXTINPUT), the rest of the line;
 *                      \n in it is a line break
 *   edit STRING        an input method's preedit (SDL_TEXTEDITING)
 *   key NAME           a key press: SDL key names, with ctrl+ alt+ shift+
 *   close              the window manager asks the window to close
 *   wait MS            the app's clock moves on MS milliseconds
 *   screenshot NAME    saves the screen as DIR/NAME.png
 *   expect screen S    fails the run unless the screen is S (feed, browse,
 *                      mood, compose, thanks, op_login, op_queue)
 *   expect pending N   fails unless the store holds N pending notes
 *   expect feed N      fails unless N notes are visible in the feed
 *   # …                a comment; blank lines are skipped
 *
 * The parser is pure (fuzzed); the app runs the commands (script_run.c).
 * Script text is test input, never a passenger's: it may be logged. */
#ifndef TREEHOLE_SCRIPT_H
#define TREEHOLE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#define SCRIPT_TEXT_MAX 1024
#define SCRIPT_MAX_POINTS 64
#define SCRIPT_LINE_MAX 2048

typedef enum script_op {
	SCRIPT_TAP = 0,
	SCRIPT_TOUCH,
	SCRIPT_PRESS,
	SCRIPT_LONGPRESS,
	SCRIPT_SWIPE,
	SCRIPT_STROKE,
	SCRIPT_HOLD,
	SCRIPT_LIFT,
	SCRIPT_TEXT,
	SCRIPT_EDIT,
	SCRIPT_KEY,
	SCRIPT_CLOSE,
	SCRIPT_WAIT,
	SCRIPT_SCREENSHOT,
	SCRIPT_EXPECT_SCREEN,
	SCRIPT_EXPECT_PENDING,
	SCRIPT_EXPECT_FEED,
} script_op;

/* A coordinate: pixels, or a fraction of the screen's side. */
typedef struct script_coord {
	float v;
	bool percent;
} script_coord;

typedef struct script_cmd {
	script_op op;
	int line;                       /* 1-based, for messages */
	script_coord x, y, x2, y2;
	script_coord pts[2 * SCRIPT_MAX_POINTS];  /* stroke, hold: x, y pairs */
	int npts;
	long ms;                        /* wait, longpress; expect counts */
	char text[SCRIPT_TEXT_MAX];     /* text, edit, press id, screenshot name, key name,
	                                   expected screen */
} script_cmd;

typedef struct script script;

/* Opens and parses a whole script file. Screenshots go to shot_dir (NULL:
 * the current folder). Returns NULL with a message on stderr (file:line:
 * what is wrong) if the file cannot be read or a line does not parse. */
script *script_open(const char *path, const char *shot_dir);

/* Parses `len` bytes of script text. OUT: *out; on failure NULL and
 * `msg` (msg_len bytes) names the line. Any bytes are safe. */
bool script_parse(const char *text, size_t len, const char *name, script **out, char *msg,
                  size_t msg_len);

/* A script from NUL-terminated text (built-in scripts). NULL on failure
 * (a message on stderr). */
script *script_from_text(const char *text, const char *name, const char *shot_dir);

/* The built-in tour (tour.c) as a script: every screen once, each saved
 * as a numbered PNG in shot_dir. Used when `make run` finds no display.
 * NULL on failure (a message on stderr). */
script *script_tour(const char *shot_dir);

/* Frees a script. Accepts NULL. */
void script_close(script *s);

/* The next command, or false when the script has ended. OUT: *cmd. */
bool script_next(script *s, script_cmd *cmd);

/* DIR/NAME.png for a screenshot. Returns false if it does not fit. */
bool script_shot_path(const script *s, const char *name, char *buf, size_t cap);

/* The script's file name, for messages. */
const char *script_name(const script *s);

#endif
