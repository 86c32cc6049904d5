/**
 * {@link dev.autonomy.api.config.ConfigAccess} over OSGi ConfigurationAdmin. Not exported: a bundle that uses it
 * embeds a private copy with {@code -includepackage: dev.autonomy.api.config.cm}, so that it imports ConfigAdmin
 * itself and no autonomy bundle imports another's packages.
 */
package dev.autonomy.api.config.cm;
