/**
 * Where generated agents live: their files under {@code data/} ({@link dev.autonomy.creator.deploy.AgentStore}) and
 * their bundles in the framework ({@link dev.autonomy.creator.deploy.BundleDeployment}, the OSGi side of the small
 * {@link dev.autonomy.creator.deploy.AgentDeployment} interface the orchestration calls).
 */
package dev.autonomy.creator.deploy;
