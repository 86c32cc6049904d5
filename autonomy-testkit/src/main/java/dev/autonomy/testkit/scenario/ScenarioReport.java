package dev.autonomy.testkit.scenario;

import dev.autonomy.api.governor.ActionState;
import dev.autonomy.testkit.traffic.TrafficFigures;

import java.util.List;
import java.util.Optional;

/**
 * What a scenario did: the figures of each drive, the proposal it followed, where that stood at the end, and one
 * line per step.
 */
public record ScenarioReport(String name, List<TrafficFigures> traffic, Optional<String> proposalId,
                             Optional<ActionState> finalState, List<String> log) {

    public ScenarioReport {
        traffic = List.copyOf(traffic);
        log = List.copyOf(log);
    }

    @Override
    public String toString() {
        return "scenario '" + name + "':\n  " + String.join("\n  ", log);
    }
}
