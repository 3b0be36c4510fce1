package org.openevb.cb.internal;

import org.openevb.api.port.Port;

/** Makes an extended port known to bridges (as an OSGi service); closing the handle withdraws it. */
@FunctionalInterface
interface PortPublisher {
    AutoCloseable publish(Port port);
}
