/** Writes the Java source of an agent from its spec, and checks test results against the spec's tests. */
package dev.autonomy.creator.codegen;
