/* script_run.h — running a parsed script against the app. */
#ifndef TREEHOLE_SCRIPT_RUN_H
#define TREEHOLE_SCRIPT_RUN_H

#include "app.h"

/* Runs a->sc to its end on the app's virtual clock, through the real
 * event handling and drawing. Returns 0 if every command and expectation
 * held, 1 otherwise (a message on stderr names the script line). */
int script_run(app *a);

#endif
