/**
 * What people, clients and capability gaps ask of the creator (a spec, client source, a capability, a removal, a
 * rollback), checked against the creator's policy before anything is built. Plain Java, no OSGi.
 */
package dev.autonomy.creator.request;
