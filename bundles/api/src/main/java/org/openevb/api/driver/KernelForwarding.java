package org.openevb.api.driver;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A table of frames that the kernel forwards itself: a frame received on this handle's interface
 * that matches an entry (destination MAC, source MAC and outer tag) is sent out of the entry's
 * egress interface unchanged, by the kernel, and never reaches the port. A frame that matches no
 * entry (and every frame with another outer tag, or too short to hold the key) reaches the port as
 * before. Whoever adds entries answers for them: the kernel forwards by them without looking at
 * anything else (VLAN membership, policy, the FDB), so an entry must only stand for a decision
 * that stays the same for every frame it matches, and go when that decision could change.
 *
 * <p>Counts: every entry counts the frames and bytes it forwarded; when it goes, its counts are
 * kept in the handle's totals, so {@link #forwardedFrames()} and {@link #forwardedFramesTo} never
 * go down while the handle is open.
 */
@ProviderType
public interface KernelForwarding {

    /** The tag key of an untagged frame. */
    int UNTAGGED = 0;

    /** The tag key of a frame whose outer tag is a C-tag (TPID 0x8100) with this VID (0..4095); the PCP and DEI do not matter. */
    static int cTagged(int vid) {
        if (vid < 0 || vid > 4095) {
            throw new IllegalArgumentException("VID " + vid + " is not in 0..4095");
        }
        return 0x1000 | vid;
    }

    /** The interface's kernel index: what entries of other handles name as their egress. */
    int ifindex();

    /** The most entries the table holds. */
    int capacity();

    /**
     * From now on, frames received on this interface to {@code dst} from {@code src} with outer tag
     * {@code tag} ({@link #UNTAGGED} or {@link #cTagged}) are sent out of the interface whose index is
     * {@code egressIfindex}. Replaces an entry with the same key.
     *
     * @return false when the table is full (nothing changed)
     * @throws DriverException when the kernel refused (the message says why)
     */
    boolean add(long dst, long src, int tag, int egressIfindex) throws DriverException;

    /**
     * Removes the entry with this key, if there is one; frames it would have matched reach the port
     * again.
     *
     * @return whether there was one
     */
    boolean remove(long dst, long src, int tag) throws DriverException;

    /** Removes every entry. */
    void clear() throws DriverException;

    /**
     * Removes every entry, in the tables of every handle of this driver, whose egress is this
     * interface: what a port does when it must see every frame it sends again (a tap, shaping).
     */
    void clearTo() throws DriverException;

    /** The entries now in the table. */
    int size();

    /** Frames forwarded by this table's entries, present and removed, since the handle opened. */
    long forwardedFrames();

    /** Bytes of {@link #forwardedFrames()}. */
    long forwardedBytes();

    /** Frames forwarded by this table's entries, present and removed, out of the interface {@code egressIfindex}. */
    long forwardedFramesTo(int egressIfindex);

    /** Bytes of {@link #forwardedFramesTo}. */
    long forwardedBytesTo(int egressIfindex);

    /** Frames the tables of this driver's handles sent out of this interface, present entries and removed. */
    long kernelSentFrames();

    /** Bytes of {@link #kernelSentFrames()}. */
    long kernelSentBytes();

    /**
     * Calls {@code visitor} once for every entry now in the table, with what it forwarded since it
     * was added: the way to see which stations still send (their frames no longer reach the port).
     */
    void forEach(EntryVisitor visitor) throws DriverException;

    /** One entry of the table, as {@link #forEach} reads it. */
    @FunctionalInterface
    interface EntryVisitor {
        void entry(long dst, long src, int tag, int egressIfindex, long frames, long bytes);
    }
}
