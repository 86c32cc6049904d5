package dev.autonomy.learning.component;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Autonomy's tool policy overrides and the operator's policies (ConfigurationAdmin in the container). */
public interface PolicyStore {
    /** Autonomy's override of the tool (its properties), if there is one. */
    Optional<Map<String, Object>> override(String tool) throws IOException;

    void write(String tool, Map<String, Object> properties) throws IOException;

    void delete(String tool) throws IOException;

    /** The operator's policy configurations. */
    List<Map<String, ?>> operatorPolicies() throws IOException;

    /** Autonomy's overrides of every tool. */
    List<Map<String, ?>> overrides() throws IOException;

    /** The server's default time limit of a tool call, in ms. */
    long defaultTimeoutMs();
}
