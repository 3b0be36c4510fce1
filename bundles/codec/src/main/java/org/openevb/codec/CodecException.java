package org.openevb.codec;

/**
 * Thrown by every decoder of this bundle when its input is malformed: too short, a length field
 * that runs past the data, a field value the format does not allow, or offset/length arguments
 * outside the array.
 *
 * <p>{@link #offset()} is the index, in the array handed to the decoder, of the first byte of the
 * element that was wrong (for decoders of an already extracted value, such as the typed LLDP TLVs,
 * it is the index within that value).
 */
public class CodecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param message what was wrong and where
     * @param offset  index of the offending element
     */
    public CodecException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * @param message what was wrong and where
     * @param offset  index of the offending element
     * @param cause   the underlying problem
     */
    public CodecException(String message, int offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** Index of the offending element in the decoded array. */
    public int offset() {
        return offset;
    }
}
