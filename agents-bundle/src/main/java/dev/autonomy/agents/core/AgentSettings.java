package dev.autonomy.agents.core;

/**
 * Validated settings of the agents bundle (configuration PID {@code dev.autonomy.agents}).
 *
 * @param exposeAsTools    list the {@code agent_<id>} tools to clients; when false they are registered hidden
 *                         (callable through {@code agent_route} only)
 * @param routingSeed      seed of the routing random numbers; 0 = random, another value makes routing repeatable
 * @param maxWorkflowSteps most steps of one {@code agent_workflow} call
 */
public record AgentSettings(boolean exposeAsTools, long routingSeed, int maxWorkflowSteps) {

    public static final int MAX_WORKFLOW_STEPS_LIMIT = 1000;
    public static final AgentSettings DEFAULTS = new AgentSettings(true, 0, 20);

    public AgentSettings {
        if (maxWorkflowSteps < 1 || maxWorkflowSteps > MAX_WORKFLOW_STEPS_LIMIT) {
            throw new IllegalArgumentException("maxWorkflowSteps must be 1.." + MAX_WORKFLOW_STEPS_LIMIT + ", was "
                    + maxWorkflowSteps);
        }
    }

    public AgentSettings withExposeAsTools(boolean v) {
        return new AgentSettings(v, routingSeed, maxWorkflowSteps);
    }

    public AgentSettings withRoutingSeed(long v) {
        return new AgentSettings(exposeAsTools, v, maxWorkflowSteps);
    }

    public AgentSettings withMaxWorkflowSteps(int v) {
        return new AgentSettings(exposeAsTools, routingSeed, v);
    }
}
