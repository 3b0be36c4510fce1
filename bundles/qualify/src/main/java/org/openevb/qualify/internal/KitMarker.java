package org.openevb.qualify.internal;

import java.nio.charset.StandardCharsets;

/**
 * The mark a probe puts in its test frames, so their copies are told apart from everything else on
 * the cable, wherever a peer moved the payload: EtherType 0x88b5 (local experimental), the probe's
 * text, the run's nonce and the number of the case (or channel) the frame was sent for.
 */
final class KitMarker {

    static final int ETHERTYPE = 0x88B5;

    private final byte[] text;

    KitMarker(String text) {
        this.text = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes the mark takes after its EtherType: the text, 4 of nonce, 1 of number. */
    int length() {
        return text.length + 5;
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
        f[at + 4] = (byte) number;
        return at + 5;
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
            return n == nonce ? f[at + 4] & 0xFF : -1;
        }
        return -1;
    }
}
