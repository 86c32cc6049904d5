/** Gogo scope {@code ${capability}}: status, plans. Parsing and formatting only; the logic lives in {@code core}. */
package ${package}.command;
