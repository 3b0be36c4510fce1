package org.openevb.api.driver;

/** A driver could not open an interface or send a frame; the message says why, for operators. */
public class DriverException extends Exception {
    private static final long serialVersionUID = 1L;

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
