/** The MCP tools of learning: {@code learn_status}, {@code learn_feedback}, {@code learn_patterns}, {@code learn_adaptations}. */
package dev.autonomy.learning.tool;
