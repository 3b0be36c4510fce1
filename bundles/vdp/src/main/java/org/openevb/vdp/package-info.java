/**
 * VDP (802.1Qbg clause 41) as state machines with an injected clock: {@link org.openevb.vdp.VdpStation}
 * asks for VSIs, {@link org.openevb.vdp.VdpBridge} admits them through the pure
 * {@link org.openevb.vdp.Admission} against a {@link org.openevb.vdp.VsiTypeDatabase} and a
 * {@link org.openevb.vdp.VsiRegistry} shared by the ports. Both exchange VDP PDUs through ECP
 * ({@link org.openevb.ecp.EcpEntity}); the owner of a port does the I/O.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openevb.vdp;
