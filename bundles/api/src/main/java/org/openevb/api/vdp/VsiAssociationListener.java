package org.openevb.api.vdp;

import org.osgi.annotation.versioning.ConsumerType;

/** Told what the bridge role of VDP admits, once when it starts following and after every change. */
@ConsumerType
@FunctionalInterface
public interface VsiAssociationListener {

    /** The associations now; called on the VDP thread, one call at a time: must not block. */
    void associations(VsiAssociations now);
}
