package dev.autonomy.creator.propose;

import dev.autonomy.creator.build.AgentBuilder;
import dev.autonomy.creator.build.AgentBuilder.BuildReport;
import dev.autonomy.creator.pipeline.AgentDesign;
import dev.autonomy.creator.pipeline.BuildSettings;
import dev.autonomy.foundation.api.tool.ToolInvoker;

/** The gated build, as the proposer needs it: {@link AgentBuilder#build} in the container, a fake in tests. */
@FunctionalInterface
public interface AgentBuild {
    BuildReport build(AgentDesign design, int revision, BuildSettings settings, ToolInvoker testTools,
                      long testTimeoutMs, AgentBuilder.StageListener listener);
}
