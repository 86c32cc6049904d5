/** The Declarative Services components: the store, the governor and its whiteboard of executors and capabilities. */
package dev.autonomy.control.component;
