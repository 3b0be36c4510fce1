package org.openevb.qualify.internal;

import java.nio.charset.StandardCharsets;
import org.openevb.codec.MacAddress;

/**
 * The mark a probe puts in its test frames, so their copies are told apart from everything else on
 * the cable, wherever a peer moved the payload: EtherType 0x88b5 (local experimental), the probe's
 * text, the run's nonce and the number of the case (or channel) the frame was sent for, in one byte,
 * or of the frame in a stream (P4's), in two, most significant first.
 */
final class KitMarker {

    static final int ETHERTYPE = 0x88B5;

    private final byte[] text;
    private final int numberBytes;

    /** A mark numbering up to 256 cases in one byte. */
    KitMarker(String text) {
        this(text, 1);
    }

    /** A mark whose number takes {@code numberBytes} (1 or 2). */
    KitMarker(String text, int numberBytes) {
        if (numberBytes != 1 && numberBytes != 2) {
            throw new IllegalArgumentException("a mark's number takes 1 or 2 bytes, not " + numberBytes);
        }
        this.text = text.getBytes(StandardCharsets.US_ASCII);
        this.numberBytes = numberBytes;
    }

    /** Bytes the mark takes after its EtherType: the text, 4 of nonce, 1 or 2 of number. */
    int length() {
        return text.length + 4 + numberBytes;
    }

    /** Writes the EtherType and the mark at {@code at}; returns the index after the number. */
    int write(byte[] f, int at, int nonce, int number) {
        f[at] = (byte) (ETHERTYPE >> 8);
        f[at + 1] = (byte) ETHERTYPE;
        at += 2;
        System.arraycopy(text, 0, f, at, text.length);
        at += text.length;
        f[at] = (byte) (nonce >> 24);
        f[at + 1] = (byte) (nonce >> 16);
        f[at + 2] = (byte) (nonce >> 8);
        f[at + 3] = (byte) nonce;
        at += 4;
        if (numberBytes == 2) {
            f[at++] = (byte) (number >> 8);
        }
        f[at++] = (byte) number;
        return at;
    }

    /**
     * An untagged test frame from {@code source} to {@code destination} with this mark right after
     * the MAC addresses, padded to 60 bytes.
     */
    byte[] frame(long destination, long source, int nonce, int number) {
        byte[] f = new byte[ProbeSession.MIN_FRAME];
        MacAddress.write(destination, f, 0);
        MacAddress.write(source, f, 6);
        write(f, 12, nonce, number);
        return f;
    }

    /**
     * The number of a frame that carries this mark with {@code nonce}, found anywhere after the MAC
     * addresses; -1 when it carries none, a cut one, or another run's.
     */
    int find(byte[] f, int nonce) {
        outer:
        for (int i = 12; i + length() <= f.length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (f[i + j] != text[j]) {
                    continue outer;
                }
            }
            int at = i + text.length;
            int n = ((f[at] & 0xFF) << 24) | ((f[at + 1] & 0xFF) << 16) | ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
            if (n != nonce) {
                return -1;
            }
            return numberBytes == 2 ? ((f[at + 4] & 0xFF) << 8) | (f[at + 5] & 0xFF) : f[at + 4] & 0xFF;
        }
        return -1;
    }
}
