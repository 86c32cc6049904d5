package dev.autonomy.testkit.scenario;

import dev.autonomy.api.governor.ActionState;
import dev.autonomy.foundation.api.tool.ToolResult;
import dev.autonomy.testkit.Operator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where a scenario runs: a container or a running distribution. */
public interface ScenarioTarget {

    /** Installs and starts a bundle (in a distribution: drops it into {@code deploy/}). */
    void deploy(Path bundle) throws Exception;

    /** The tools served now. */
    Set<String> tools();

    /** Calls a tool as a client would. */
    ToolResult call(String tool, Map<String, ?> arguments);

    /** The newest journal entries, of one capability if it is not empty, newest first. */
    List<JournalLine> journal(String capability, int limit);

    /** Where a proposal stands. */
    Optional<ActionState> state(String proposalId);

    /** The operator, where this target lets a test act as one. */
    Optional<Operator> operator();
}
