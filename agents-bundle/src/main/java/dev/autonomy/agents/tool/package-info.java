/**
 * The agents bundle's MCP tools: {@code agent_list}, {@code agent_route}, {@code agent_workflow} and the
 * {@code agent_<id>} tool of each agent. They depend on foundation-api services and plain suppliers only (never on
 * the registry component), so they are unit-tested without OSGi.
 */
package dev.autonomy.agents.tool;
