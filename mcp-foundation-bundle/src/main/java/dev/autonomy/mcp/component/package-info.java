/**
 * The foundation's DS components: the engine's owner and whiteboard ({@code FoundationComponent}), start-up
 * readiness ({@code ReadinessTracker}), tool policies, the invoker and the status tool.
 */
package dev.autonomy.mcp.component;
