/**
 * Switch qualification: probes run against whatever is on the other end of a port, and the report
 * of what it did on the wire (verdicts with their evidence) as one document that the shell renders
 * as JSON and as a self-contained HTML page.
 */
@Export
@Version("1.3.0")
package org.openevb.api.qualify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
