package dev.autonomy.mcp.core;

import java.util.List;

/**
 * Settings of MCP over HTTP (configuration PID {@code dev.autonomy.mcp.http}).
 *
 * @param enabled        serve MCP over HTTP
 * @param path           path of the MCP endpoint
 * @param healthPath     path of the health endpoint
 * @param bearerToken    token clients must send; empty = none
 * @param allowedOrigins browser origins allowed besides loopback ones
 * @param maxBodyBytes   largest accepted request body
 */
public record HttpSettings(boolean enabled, String path, String healthPath, String bearerToken,
                           List<String> allowedOrigins, int maxBodyBytes) {

    public static final int MIN_BODY_BYTES = 1024;
    public static final HttpSettings DEFAULTS = new HttpSettings(true, "/mcp", "/health", "", List.of(),
            4_194_304);

    public HttpSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
