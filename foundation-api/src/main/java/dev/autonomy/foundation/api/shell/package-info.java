/** Shared helpers for Gogo commands of every bundle, so that all shells look alike. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.foundation.api.shell;
