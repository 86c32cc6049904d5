/**
 * The imperative shell of agent creation: the Declarative Services component (plugin, context adapter, event
 * handler, action executor, capability), its wiring, and {@link dev.autonomy.creator.component.Creator}, the
 * facade over the plain-Java orchestration it delegates to.
 */
package dev.autonomy.creator.component;
