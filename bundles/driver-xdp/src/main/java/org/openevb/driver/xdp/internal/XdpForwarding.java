package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.codec.MacAddress;
import org.openevb.linux.LibC;
import org.slf4j.LoggerFactory;

/**
 * A port's kernel forwarding table: a BPF hash map that the port's XDP program looks every frame
 * up in ({@link Bpf#forwardingProgram}), read and changed here with bpf(2).
 *
 * <p>Key, 16 bytes: destination MAC, source MAC (6 bytes each, as on the wire), the tag key as two
 * bytes in network order ({@link #UNTAGGED} or 0x1000 | VID) and two zero bytes. Value, 24 bytes:
 * the egress ifindex (u32), a u32 of padding, the frames and the bytes the entry forwarded (u64
 * each, host order), which the program adds to atomically. The whole table is read in one
 * BPF_MAP_LOOKUP_BATCH (Linux 5.6; else key by key), so the totals, which a port's counters read,
 * cost one system call per table.
 *
 * <p>Every call holds {@link #tableLock} (not the port's own lock, so a read of a full table does
 * not hold up the port's sends). The map belongs to the port: the port's release, under its own
 * lock, closes it through {@link #close}, which takes the driver's {@link Tables} lock and then
 * this one (the port's lock first, the table's last, never the other way round); from then on
 * nothing here touches the descriptor. The counts of entries that went are kept in Java: totals,
 * and per egress interface a small map by ifindex.
 */
final class XdpForwarding implements KernelForwarding {

    /** Entries of each port's table: 4096 entries take about 400 KiB of kernel memory, allocated when the port opens. */
    static final int CAPACITY = 4096;
    static final int KEY_SIZE = 16;
    static final int VALUE_SIZE = 24;
    static final int IFINDEX_AT = 0;
    static final int FRAMES_AT = 8;
    static final int BYTES_AT = 16;

    private final String interfaceName;
    private final int ifindex;
    private final Tables tables;
    private final Object tableLock = new Object();

    // under tableLock
    private int fd;
    private int size;
    private final Memory attr = new Memory(Sys.BPF_ATTR_SIZE);
    private final Memory key = new Memory(KEY_SIZE);
    private final Memory value = new Memory(VALUE_SIZE);
    private final byte[] keyBytes = new byte[KEY_SIZE];
    /** The batch read's buffers (the whole table), made at the first read. */
    private Memory batchKeys;
    private Memory batchValues;
    private Memory batchToken;
    /** False once the kernel refused BPF_MAP_LOOKUP_BATCH (before 5.6): key by key from then on. */
    private boolean batchRead = true;
    /** False once the kernel said it has no BPF_MAP_LOOKUP_AND_DELETE_ELEM for hash maps (before 5.14). */
    private boolean lookupAndDelete = true;
    private long goneFrames;
    private long goneBytes;
    /** Per egress ifindex, the frames and bytes of entries that went. */
    private final Map<Integer, long[]> goneTo = new HashMap<>();

    private XdpForwarding(String interfaceName, int ifindex, Tables tables, int fd) {
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.tables = tables;
        this.fd = fd;
    }

    /** Makes the hash map, one of {@code tables} until {@link #close}. */
    static XdpForwarding create(String interfaceName, int ifindex, Tables tables) throws DriverException {
        Memory a = new Memory(Sys.BPF_ATTR_SIZE);
        a.clear();
        a.setInt(0, Sys.BPF_MAP_TYPE_HASH);
        a.setInt(4, KEY_SIZE);
        a.setInt(8, VALUE_SIZE);
        a.setInt(12, CAPACITY);
        byte[] name = "evb_kfwd".getBytes(StandardCharsets.US_ASCII);
        a.write(28, name, 0, name.length); // map_name, NUL-terminated (the rest is zero)
        long fd = LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_CREATE, a, Sys.BPF_ATTR_SIZE);
        if (fd < 0) {
            throw new DriverException("cannot open interface '" + interfaceName
                    + "' (BPF_MAP_CREATE of the kernel forwarding table): " + LibC.error(Native.getLastError()));
        }
        XdpForwarding table = new XdpForwarding(interfaceName, ifindex, tables, (int) fd);
        tables.open.add(table);
        return table;
    }

    /** The map's descriptor, for the program. */
    int fd() {
        return fd;
    }

    @Override
    public int ifindex() {
        return ifindex;
    }

    @Override
    public int capacity() {
        return CAPACITY;
    }

    @Override
    public boolean add(long dst, long src, int tag, int egressIfindex) throws DriverException {
        checkKey(dst, src, tag);
        if (egressIfindex <= 0) {
            throw new IllegalArgumentException("egress ifindex " + egressIfindex + " is not an interface index");
        }
        synchronized (tableLock) {
            if (fd < 0) {
                throw new DriverException("interface '" + interfaceName + "' is closed: its kernel forwarding table is gone");
            }
            writeKey(key, dst, src, tag);
            if (lookup(key, value)) {
                if (value.getInt(IFINDEX_AT) == egressIfindex) {
                    return true; // the same entry: it keeps its counts
                }
                // another egress: the entry starts again from zero, what it forwarded goes to the totals
                // once the kernel took the new one (frames the program counts between this read and
                // the update are not counted)
                int oldEgress = value.getInt(IFINDEX_AT);
                long frames = value.getLong(FRAMES_AT);
                long bytes = value.getLong(BYTES_AT);
                writeValue(egressIfindex);
                if (!update(Sys.BPF_EXIST)) {
                    return false;
                }
                gone(oldEgress, frames, bytes);
                return true;
            }
            writeValue(egressIfindex);
            if (!update(Sys.BPF_NOEXIST)) {
                return false;
            }
            size++;
            return true;
        }
    }

    @Override
    public boolean remove(long dst, long src, int tag) throws DriverException {
        checkKey(dst, src, tag);
        synchronized (tableLock) {
            if (fd < 0) {
                return false;
            }
            writeKey(key, dst, src, tag);
            return delete(key);
        }
    }

    @Override
    public void clear() throws DriverException {
        removeTo(0);
    }

    @Override
    public void clearTo() throws DriverException {
        tables.clearTo(ifindex);
    }

    /** Removes the entries to {@code egress}, or all of them when 0. */
    void removeTo(int egress) throws DriverException {
        synchronized (tableLock) {
            if (fd < 0 || size == 0) {
                return;
            }
            Entries all = read(); // first, then each one deleted: deleting while walking would restart the walk
            for (int i = 0; i < all.count; i++) {
                if (egress == 0 || all.egress[i] == egress) {
                    key.write(0, all.keys, i * KEY_SIZE, KEY_SIZE);
                    delete(key);
                }
            }
        }
    }

    @Override
    public int size() {
        synchronized (tableLock) {
            return size;
        }
    }

    @Override
    public long forwardedFrames() {
        return forwarded(0, false);
    }

    @Override
    public long forwardedBytes() {
        return forwarded(0, true);
    }

    @Override
    public long forwardedFramesTo(int egressIfindex) {
        return egressIfindex == 0 ? 0 : forwarded(egressIfindex, false);
    }

    @Override
    public long forwardedBytesTo(int egressIfindex) {
        return egressIfindex == 0 ? 0 : forwarded(egressIfindex, true);
    }

    @Override
    public long kernelSentFrames() {
        return tables.sentTo(ifindex, false);
    }

    @Override
    public long kernelSentBytes() {
        return tables.sentTo(ifindex, true);
    }

    @Override
    public void forEach(EntryVisitor visitor) throws DriverException {
        Entries all;
        synchronized (tableLock) {
            if (fd < 0 || size == 0) {
                return;
            }
            all = read();
        }
        // the visitor runs without the lock: it may add and remove
        byte[] k = all.keys;
        for (int i = 0; i < all.count; i++) {
            int at = i * KEY_SIZE;
            visitor.entry(MacAddress.read(k, at), MacAddress.read(k, at + 6), (k[at + 12] & 0xff) << 8 | k[at + 13] & 0xff,
                    all.egress[i], all.frames[i], all.bytes[i]);
        }
    }

    /**
     * Called by the port's release after the program is detached: the entries' counts go to the
     * totals (they stay readable, and in {@link #kernelSentFrames} of the egress interfaces), the
     * map is closed. Idempotent.
     */
    void close() {
        synchronized (tables) {
            synchronized (tableLock) {
                if (fd < 0) {
                    return;
                }
                try {
                    Entries all = read();
                    for (int i = 0; i < all.count; i++) {
                        gone(all.egress[i], all.frames[i], all.bytes[i]);
                    }
                } catch (DriverException e) {
                    LoggerFactory.getLogger(XdpForwarding.class).debug("'{}': counts of the kernel forwarding table lost at close",
                            interfaceName, e);
                }
                LibC.closeQuietly(fd);
                fd = -1;
                size = 0;
                tables.closed(this);
            }
        }
    }

    /** Frames (or bytes) forwarded: out of {@code egress}, or out of any when 0. */
    private long forwarded(int egress, boolean bytes) {
        synchronized (tableLock) {
            long sum = goneTotal(egress, bytes);
            if (fd < 0 || size == 0) {
                return sum;
            }
            try {
                Entries all = read();
                for (int i = 0; i < all.count; i++) {
                    if (egress == 0 || all.egress[i] == egress) {
                        sum += bytes ? all.bytes[i] : all.frames[i];
                    }
                }
            } catch (DriverException e) {
                // the map is ours and open: not expected; the totals of what went are still right
                LoggerFactory.getLogger(XdpForwarding.class).debug("'{}': kernel forwarding table not read", interfaceName, e);
            }
            return sum;
        }
    }

    /** What entries that went forwarded: out of {@code egress}, or out of any when 0. Under tableLock. */
    private long goneTotal(int egress, boolean bytes) {
        if (egress == 0) {
            return bytes ? goneBytes : goneFrames;
        }
        long[] g = goneTo.get(egress);
        return g == null ? 0 : g[bytes ? 1 : 0];
    }

    /** Deletes the entry at {@code k}, its counts to the totals; false when there was none. Under tableLock. */
    private boolean delete(Pointer k) throws DriverException {
        if (lookupAndDelete) {
            // one call: the counts read are the entry's last (a frame whose program run is still
            // under way on another CPU may yet add to the deleted entry, uncounted)
            prepare(k, value);
            if (LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_LOOKUP_AND_DELETE_ELEM, attr, Sys.BPF_ATTR_SIZE) == 0) {
                gone(value);
                size--;
                return true;
            }
            int errno = Native.getLastError();
            if (errno == Sys.ENOENT) {
                return false;
            }
            if (errno != LibC.EINVAL && errno != Sys.ENOTSUPP && errno != LibC.EOPNOTSUPP) {
                throw failure("BPF_MAP_LOOKUP_AND_DELETE_ELEM", errno);
            }
            lookupAndDelete = false; // before Linux 5.14: read, then delete
        }
        if (!lookup(k, value)) {
            return false;
        }
        // frames the program counts between this read and the delete are not counted
        prepare(k, null);
        if (LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_DELETE_ELEM, attr, Sys.BPF_ATTR_SIZE) != 0) {
            throw failure("BPF_MAP_DELETE_ELEM", Native.getLastError());
        }
        gone(value);
        size--;
        return true;
    }

    /** The counts of an entry read into {@code v} that went. Under tableLock. */
    private void gone(Pointer v) {
        gone(v.getInt(IFINDEX_AT), v.getLong(FRAMES_AT), v.getLong(BYTES_AT));
    }

    /** What an entry to {@code egress} forwarded, now that it went (or was replaced), into the totals. Under tableLock. */
    private void gone(int egress, long frames, long bytes) {
        goneFrames += frames;
        goneBytes += bytes;
        long[] to = goneTo.computeIfAbsent(egress, i -> new long[2]);
        to[0] += frames;
        to[1] += bytes;
    }

    /** Every entry of the table, read at once. */
    private record Entries(byte[] keys, int[] egress, long[] frames, long[] bytes, int count) {

        static Entries of(int capacity) {
            return new Entries(new byte[capacity * KEY_SIZE], new int[capacity], new long[capacity], new long[capacity], 0);
        }

        Entries with(int n) {
            return new Entries(keys, egress, frames, bytes, n);
        }
    }

    /** Every entry now in the map. Under tableLock, the map open. */
    private Entries read() throws DriverException {
        if (batchRead) {
            Entries all = readBatch();
            if (all != null) {
                return all;
            }
            batchRead = false; // before Linux 5.6: key by key from now on
        }
        return readWalk();
    }

    /** BPF_MAP_LOOKUP_BATCH of the whole map, or null when the kernel has no such command. Under tableLock. */
    private Entries readBatch() throws DriverException {
        if (batchKeys == null) {
            batchKeys = new Memory((long) KEY_SIZE * CAPACITY);
            batchValues = new Memory((long) VALUE_SIZE * CAPACITY);
            batchToken = new Memory(16); // in_batch at 0, out_batch at 8: a hash map's is a u32 bucket index
        }
        Entries all = Entries.of(CAPACITY);
        int n = 0;
        boolean first = true;
        // bounded: every call returns at least one bucket's entries until the kernel says ENOENT
        for (int calls = 0; calls <= CAPACITY; calls++) {
            attr.clear();
            if (!first) {
                batchToken.setLong(0, batchToken.getLong(8));
                attr.setPointer(0, batchToken);
            }
            attr.setPointer(8, batchToken.share(8));
            attr.setPointer(16, batchKeys);
            attr.setPointer(24, batchValues);
            attr.setInt(32, CAPACITY - n); // count: the room left; on return, how many were read
            attr.setInt(36, fd);
            long r = LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_LOOKUP_BATCH, attr, Sys.BPF_ATTR_SIZE);
            int errno = r == 0 ? 0 : Native.getLastError();
            if (r != 0 && errno != Sys.ENOENT) {
                if (first && (errno == LibC.EINVAL || errno == Sys.ENOTSUPP || errno == LibC.EOPNOTSUPP)) {
                    return null;
                }
                throw failure("BPF_MAP_LOOKUP_BATCH", errno);
            }
            int got = Math.min(attr.getInt(32), CAPACITY - n);
            batchKeys.read(0, all.keys, n * KEY_SIZE, got * KEY_SIZE);
            for (int i = 0; i < got; i++) {
                long at = (long) i * VALUE_SIZE;
                all.egress[n + i] = batchValues.getInt(at + IFINDEX_AT);
                all.frames[n + i] = batchValues.getLong(at + FRAMES_AT);
                all.bytes[n + i] = batchValues.getLong(at + BYTES_AT);
            }
            n += got;
            first = false;
            if (errno == Sys.ENOENT || n == CAPACITY) {
                break; // the last bucket read
            }
        }
        return all.with(n);
    }

    /** The map key by key: BPF_MAP_GET_NEXT_KEY, then BPF_MAP_LOOKUP_ELEM of each. Under tableLock. */
    private Entries readWalk() throws DriverException {
        Entries all = Entries.of(CAPACITY);
        Memory next = new Memory(KEY_SIZE);
        int n = 0;
        Pointer previous = null;
        // bounded: the map holds at most CAPACITY keys, and nothing else changes it
        while (n < CAPACITY) {
            attr.clear();
            attr.setInt(0, fd);
            attr.setPointer(8, previous);
            attr.setPointer(16, next);
            if (LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_GET_NEXT_KEY, attr, Sys.BPF_ATTR_SIZE) != 0) {
                int errno = Native.getLastError();
                if (errno == Sys.ENOENT) {
                    break; // the last one
                }
                throw failure("BPF_MAP_GET_NEXT_KEY", errno);
            }
            key.write(0, next.getByteArray(0, KEY_SIZE), 0, KEY_SIZE);
            previous = key;
            if (!lookup(key, value)) {
                continue; // cannot happen: every change is ours, under this lock
            }
            key.read(0, all.keys, n * KEY_SIZE, KEY_SIZE);
            all.egress[n] = value.getInt(IFINDEX_AT);
            all.frames[n] = value.getLong(FRAMES_AT);
            all.bytes[n] = value.getLong(BYTES_AT);
            n++;
        }
        return all.with(n);
    }

    /** BPF_MAP_LOOKUP_ELEM of {@code k} into {@code v}: false when there is no such entry. Under tableLock. */
    private boolean lookup(Pointer k, Pointer v) throws DriverException {
        prepare(k, v);
        if (LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_LOOKUP_ELEM, attr, Sys.BPF_ATTR_SIZE) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == Sys.ENOENT) {
            return false;
        }
        throw failure("BPF_MAP_LOOKUP_ELEM", errno);
    }

    /** BPF_MAP_UPDATE_ELEM of {@link #key} to {@link #value}: false when the table is full (E2BIG). Under tableLock. */
    private boolean update(long flags) throws DriverException {
        prepare(key, value);
        attr.setLong(24, flags);
        if (LibC.syscall(Sys.NR_BPF, Sys.BPF_MAP_UPDATE_ELEM, attr, Sys.BPF_ATTR_SIZE) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == Sys.E2BIG) {
            return false;
        }
        throw failure("BPF_MAP_UPDATE_ELEM", errno);
    }

    private void prepare(Pointer k, Pointer v) {
        attr.clear();
        attr.setInt(0, fd);
        attr.setPointer(8, k);
        attr.setPointer(16, v);
    }

    private void writeValue(int egressIfindex) {
        value.clear();
        value.setInt(IFINDEX_AT, egressIfindex);
    }

    private DriverException failure(String call, int errno) {
        return new DriverException("kernel forwarding table of '" + interfaceName + "': " + call + " failed: "
                + (errno == Sys.ENOTSUPP ? "not supported by this kernel (errno 524)" : LibC.error(errno)));
    }

    /** The key's 16 bytes into {@code k}, as the program builds them. Under tableLock. */
    private void writeKey(Pointer k, long dst, long src, int tag) {
        keyBytes(keyBytes, dst, src, tag);
        k.write(0, keyBytes, 0, KEY_SIZE);
    }

    /** The key's 16 bytes as the program builds them: destination, source, tag key (network order), two zeros. */
    static void keyBytes(byte[] k, long dst, long src, int tag) {
        MacAddress.write(dst, k, 0);
        MacAddress.write(src, k, 6);
        k[12] = (byte) (tag >>> 8);
        k[13] = (byte) tag;
        k[14] = 0;
        k[15] = 0;
    }

    private static void checkKey(long dst, long src, int tag) {
        if ((dst & ~MacAddress.MASK) != 0 || (src & ~MacAddress.MASK) != 0) {
            throw new IllegalArgumentException("not a MAC address: "
                    + Long.toHexString((dst & ~MacAddress.MASK) != 0 ? dst : src));
        }
        if (tag != UNTAGGED && (tag & ~0xfff) != 0x1000) {
            throw new IllegalArgumentException("tag key " + tag + " is neither UNTAGGED nor cTagged(vid)");
        }
    }

    /**
     * The tables of one driver's open handles, and what the closed ones forwarded per egress
     * interface: what {@link #kernelSentFrames} and {@link #clearTo} need. Its lock is taken before
     * a table's, never after.
     */
    static final class Tables {
        final Set<XdpForwarding> open = ConcurrentHashMap.newKeySet();
        /** Per egress ifindex, frames and bytes the tables of closed handles sent there. Under this. */
        private final Map<Integer, long[]> closedTo = new HashMap<>();

        /** A table closing (under this and its own lock): its counts per egress stay here. */
        private void closed(XdpForwarding table) {
            open.remove(table);
            for (Map.Entry<Integer, long[]> e : table.goneTo.entrySet()) {
                long[] to = closedTo.computeIfAbsent(e.getKey(), i -> new long[2]);
                to[0] += e.getValue()[0];
                to[1] += e.getValue()[1];
            }
        }

        /** Frames (or bytes) every table, open or closed, sent out of {@code egress}. */
        synchronized long sentTo(int egress, boolean bytes) {
            long[] closed = closedTo.get(egress);
            long sum = closed == null ? 0 : closed[bytes ? 1 : 0];
            for (XdpForwarding t : open) {
                sum += t.forwarded(egress, bytes);
            }
            return sum;
        }

        /** Removes the entries to {@code egress} from every open table. */
        synchronized void clearTo(int egress) throws DriverException {
            for (XdpForwarding t : open) {
                t.removeTo(egress);
            }
        }
    }
}
