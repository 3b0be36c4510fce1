package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.vdp.Fixtures.MANAGER;
import static org.openevb.vdp.Fixtures.TYPE;
import static org.openevb.vdp.Fixtures.VERSION;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VsiTlv;

/** The admission policy alone: one request, the type database, the associations. */
class AdmissionTest {

    private final VsiTypeDatabase types = Fixtures.types(2);
    private final LocalVsiRegistry registry = new LocalVsiRegistry();

    private Admission.Decision decide(VsiTlv request, int reserved) {
        return Admission.decide(request, "p1", false, types, reserved, registry);
    }

    private static VsiTlv associate(Vsi v) {
        return v.tlv(VdpCommand.ASSOCIATE, 0);
    }

    @Test
    void accepted() {
        Admission.Decision d = decide(associate(Fixtures.vsi(1, 0x020000000a01L, 101)), 0);
        assertTrue(d.accepted());
        assertEquals(List.of(FilterEntry.ofMacVid(0x020000000a01L, 101)), d.entries());
    }

    @Test
    void vidZeroGetsTheTypesLowestVlan() {
        Vsi v = new Vsi(MANAGER, Fixtures.uuid(1), TYPE, VERSION, VsiTlv.FILTER_VID,
                List.of(FilterEntry.ofVid(true, 5, 0), FilterEntry.ofVid(false, 0, 102)));
        Admission.Decision d = decide(associate(v), 0);
        assertEquals(List.of(FilterEntry.ofVid(true, 5, 100), FilterEntry.ofVid(false, 0, 102)), d.entries());
    }

    @Test
    void unknownTypeAndVersion() {
        Vsi unknown = new Vsi(MANAGER, Fixtures.uuid(1), 99, VERSION, VsiTlv.FILTER_VID, List.of(FilterEntry.ofVid(false, 0, 100)));
        assertEquals(VdpReason.UNKNOWN_TYPE_ID, decide(associate(unknown), 0).reason());
        Vsi version = new Vsi(MANAGER, Fixtures.uuid(1), TYPE, 9, VsiTlv.FILTER_VID, List.of(FilterEntry.ofVid(false, 0, 100)));
        assertEquals(VdpReason.TYPE_VERSION_VIOLATION, decide(associate(version), 0).reason());
    }

    @Test
    void vidsAndMacsTheTypeDoesNotAllow() {
        assertEquals(VdpReason.VID_NOT_ALLOWED, decide(associate(Fixtures.vsi(1, 0x020000000a01L, 200)), 0).reason());
        Vsi mac = new Vsi(MANAGER, Fixtures.uuid(1), 6, 1, VsiTlv.FILTER_MAC_VID, List.of(FilterEntry.ofMacVid(0x020000000603L, 200)));
        assertEquals(VdpReason.MAC_NOT_ALLOWED, decide(associate(mac), 0).reason());
        Vsi allowed = new Vsi(MANAGER, Fixtures.uuid(1), 6, 1, VsiTlv.FILTER_MAC_VID, List.of(FilterEntry.ofMacVid(0x020000000602L, 0)));
        assertEquals(List.of(FilterEntry.ofMacVid(0x020000000602L, 200)), decide(associate(allowed), 0).entries());
        VsiTypeDatabase noVlans = new VsiTypeDatabase(List.of(new VsiType(TYPE, VERSION, new java.util.TreeSet<>(), Set.of())), 4);
        assertEquals(VdpReason.VID_NOT_ALLOWED,
                Admission.decide(associate(Fixtures.vsi(1, 0x020000000a01L, 0)), "p1", false, noVlans, 0, registry).reason());
    }

    @Test
    void invalidFormats() {
        VsiTlv good = associate(Fixtures.vsi(1, 0x020000000a01L, 100));
        byte[] notMapped = new byte[16];
        notMapped[15] = 1;
        for (VsiTlv bad : List.of(
                new VsiTlv(3, 0, TYPE, VERSION, 9, new byte[16], 2, good.entries()), // unknown VSIID format
                new VsiTlv(3, 0, TYPE, VERSION, VsiTlv.VSIID_IPV4, notMapped, 2, good.entries()),
                new VsiTlv(3, 0, TYPE, VERSION, VsiTlv.VSIID_MAC, Fixtures.uuid(1).value(), 2, good.entries()),
                good.withEntries(List.of()), // no filter
                good.withEntries(List.of(FilterEntry.ofMacVid(0x010000000001L, 100))), // multicast
                good.withEntries(List.of(FilterEntry.ofMacVid(0, 100))),
                new VsiTlv(3, 0, TYPE, VERSION, 5, good.vsiid(), 3, List.of(new FilterEntry(7, 0, false, 0, 100))))) {
            assertEquals(VdpReason.INVALID_FORMAT, decide(bad, 0).reason(), bad.toString());
        }
        // group IDs are fine once negotiated
        VsiTlv group = new VsiTlv(3, 0, TYPE, VERSION, 5, good.vsiid(), 3, List.of(new FilterEntry(7, 0, false, 0, 100)));
        assertTrue(Admission.decide(group, "p1", true, types, 0, registry).accepted());
    }

    @Test
    void macHeldByAnotherVsi() {
        registry.claim("p2", Fixtures.uuid(2), Set.of(0x020000000a01L));
        assertEquals(VdpReason.MAC_IN_USE, decide(associate(Fixtures.vsi(1, 0x020000000a01L, 100)), 0).reason());
        assertEquals(VdpReason.MAC_IN_USE,
                decide(Fixtures.vsi(1, 0x020000000a01L, 100).tlv(VdpCommand.PRE_ASSOCIATE, 0), 0).reason());
        // the same VSI holding it is no conflict
        assertTrue(decide(associate(Fixtures.vsi(2, 0x020000000a01L, 100)).withStatus(VsiTlv.STATUS_M_BIT), 0).accepted());
    }

    @Test
    void associatedElsewhereNeedsTheMigrateToHint() {
        registry.claim("p2", Fixtures.uuid(1), Set.of(0x020000000a01L));
        VsiTlv request = associate(Fixtures.vsi(1, 0x020000000a01L, 100));
        assertEquals(VdpReason.OUT_OF_SYNC, decide(request, 0).reason());
        assertTrue(decide(request.withStatus(VsiTlv.STATUS_M_BIT), 0).accepted());
        // pre-associating at the destination is how a migration starts
        assertTrue(decide(Fixtures.vsi(1, 0x020000000a01L, 100).tlv(VdpCommand.PRE_ASSOCIATE_RR, 0), 0).accepted());
    }

    @Test
    void limitPerPortCountsReservations() {
        VsiTlv v = associate(Fixtures.vsi(1, 0x020000000a01L, 100));
        assertTrue(decide(v, 1).accepted());
        assertEquals(VdpReason.INSUFFICIENT_RESOURCES, decide(v, 2).reason());
        assertEquals(VdpReason.INSUFFICIENT_RESOURCES,
                decide(Fixtures.vsi(1, 0x020000000a01L, 100).tlv(VdpCommand.PRE_ASSOCIATE_RR, 0), 2).reason());
        // a plain pre-associate reserves nothing
        assertTrue(decide(Fixtures.vsi(1, 0x020000000a01L, 100).tlv(VdpCommand.PRE_ASSOCIATE, 0), 2).accepted());
    }

    @Test
    void reasonsTravelAsTheStandardsCodes() {
        assertEquals(VsiTlv.INVALID_FORMAT, VdpReason.INVALID_FORMAT.code());
        assertEquals(VsiTlv.INSUFFICIENT_RESOURCES, VdpReason.INSUFFICIENT_RESOURCES.code());
        assertEquals(VsiTlv.OTHER_FAILURE, VdpReason.UNKNOWN_TYPE_ID.code());
        assertEquals(VsiTlv.INVALID_VID_GROUP_OR_MAC, VdpReason.MAC_IN_USE.code());
        for (VdpReason r : VdpReason.values()) {
            assertTrue(r.code() <= 5, r.name());
        }
    }
}
