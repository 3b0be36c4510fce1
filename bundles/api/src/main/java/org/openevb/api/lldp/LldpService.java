package org.openevb.api.lldp;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The LLDP agents of this platform. */
@ProviderType
public interface LldpService {

    /** Every running agent, sorted by port and address. */
    List<LldpAgent> agents();

    /**
     * An extension's TLVs or needs changed for this port: the agents of the port re-read them and
     * send at once (fast transmission) when their LLDPDU changed; agents start or stop as the
     * extensions' {@link LldpExtension#addresses} now say.
     */
    void changed(String port);
}
