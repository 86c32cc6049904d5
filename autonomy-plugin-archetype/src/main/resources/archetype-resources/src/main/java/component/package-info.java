/**
 * The thin imperative shell of ${capability}: Declarative Services components that gather input (request events),
 * run the pure pipeline of {@code core}, and hand every change to the governor; the executor carries out what the
 * governor approved. Nothing here is exported.
 */
package ${package}.component;
