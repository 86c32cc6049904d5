/**
 * The MCP tools of ${capability}: {@code ${toolPrefix}_plans} (what it plans, read-only) and
 * {@code ${toolPrefix}_propose} (hands the plans to the autonomy governor, which decides).
 */
package ${package}.tool;
