/**
 * The vocabulary of the documents the platform shows (tables, {@code --json}, the REST API,
 * metrics): enums named by a key, counters with a description, and immutable enum-keyed counter
 * sets that an exporter can walk with their labels. Plain data: no OSGi, no JSON library.
 */
@Export
@Version("1.1.0")
package org.openevb.api.view;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
