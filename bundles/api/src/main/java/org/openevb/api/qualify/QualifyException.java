package org.openevb.api.qualify;

/** A qualification could not start: no such port, the port owned by another component, an unknown probe. */
public class QualifyException extends Exception {
    private static final long serialVersionUID = 1L;

    public QualifyException(String message) {
        super(message);
    }
}
