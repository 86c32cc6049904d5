/**
 * A reversible configuration change, written once: snapshot → update → restore exactly (including "was absent"),
 * as records and pure functions over {@link dev.autonomy.api.config.ConfigAccess}. The ConfigurationAdmin side is
 * {@code dev.autonomy.api.config.cm.ConfigAdminAccess}, which this bundle does not export: a bundle that uses it
 * embeds a private copy ({@code -includepackage: dev.autonomy.api.config.cm} in its bnd instructions), so that no
 * autonomy bundle imports another.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.api.config;
