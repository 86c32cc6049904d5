/**
 * The imperative shell of agent creation: the Declarative Services component (plugin, context adapter, event
 * handler, action executor, capability) and the orchestration it delegates to.
 */
package dev.autonomy.creator.component;
