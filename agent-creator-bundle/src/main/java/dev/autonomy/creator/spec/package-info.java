/** The agent spec: a JSON description of an agent's capabilities as steps, its parser, and its JSON Schema. */
package dev.autonomy.creator.spec;
