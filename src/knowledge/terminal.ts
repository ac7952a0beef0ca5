/**
 * What terminals and the people pasting from them add to command output: the echo of Ctrl-C.
 */

/** The terminal's echo of Ctrl-C on a line of its own, ending the command that was running. */
export const INTERRUPT_ECHO = /^\^C\s*$/;
