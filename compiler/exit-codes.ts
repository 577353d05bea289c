// Exit codes shared by every serc command (and documented in README.md).
export const EXIT_OK = 0;
/** The input has errors (diagnostics were printed). */
export const EXIT_ERRORS = 1;
/** The command line was wrong. */
export const EXIT_USAGE = 2;
/** serc itself failed: a bug, reported as a diagnostic with a bug-report hint. */
export const EXIT_INTERNAL = 3;
