/** Gogo scope {@code autonomy}: the operator's controls. */
package dev.autonomy.control.command;
