/** The creator's MCP tools: {@code agent_create}, {@code agent_remove}, {@code agent_rollback},
 * {@code agent_creation_history}, {@code agent_spec_schema}. */
package dev.autonomy.creator.tool;
