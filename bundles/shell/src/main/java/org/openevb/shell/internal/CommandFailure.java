package org.openevb.shell.internal;

/**
 * A command could not do what it was asked (no such bridge, a bad argument): the shell prints the
 * message as the error, and a script running the command gets a non-zero exit status.
 */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message, null, false, false); // the message says it all: no stack trace
    }
}
