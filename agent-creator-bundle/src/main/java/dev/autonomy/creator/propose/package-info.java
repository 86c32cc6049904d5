/**
 * Build → propose, in plain Java: a design is built and proposed to the governor, and the governor's executor
 * applies and rolls back through a {@link dev.autonomy.creator.deploy.AgentDeployment}. Time comes from an injected
 * clock, the governor and the container's services from suppliers; nothing here imports OSGi.
 */
package dev.autonomy.creator.propose;
