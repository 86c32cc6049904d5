/**
 * The agents bundle's DS component: the agent registry (whiteboard of agents, their tools, the built-in tools) and
 * the call figures of each agent.
 */
package dev.autonomy.agents.component;
