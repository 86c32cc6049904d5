/**
 * The gated build of an agent: compile in process, check and weave the bytecode, run the agent's own tests, package
 * a bundle. Each stage names itself when it fails.
 */
package dev.autonomy.creator.build;
