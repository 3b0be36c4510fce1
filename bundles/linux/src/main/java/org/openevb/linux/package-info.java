/**
 * The libc calls the Linux drivers make (sockets, poll, mmap, ioctl, the thread's CPUs), bound once
 * for all of them: JNA registers a direct-mapped class's natives when the class is initialised, so
 * one class in one bundle is one binding however many drivers use it. The drivers keep their
 * protocols' constants (packet sockets, XDP, BPF) to themselves.
 */
@Export
@Version("1.0.0")
package org.openevb.linux;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
