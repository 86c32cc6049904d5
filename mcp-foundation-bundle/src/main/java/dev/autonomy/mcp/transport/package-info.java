/** MCP over stdio and Streamable HTTP: both serve clients only once the container is ready. */
package dev.autonomy.mcp.transport;
