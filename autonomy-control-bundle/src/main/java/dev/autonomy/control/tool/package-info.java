/**
 * MCP tools: clients may read the governor's state and halt everything, never approve, resume or change modes
 * (a client's model could otherwise approve its own proposals).
 */
package dev.autonomy.control.tool;
