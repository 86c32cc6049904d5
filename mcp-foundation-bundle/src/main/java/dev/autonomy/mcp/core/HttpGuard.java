package dev.autonomy.mcp.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an HTTP request may reach the MCP endpoint, pure. Browsers send {@code Origin}: a page from a
 * foreign site must not drive a local server (DNS rebinding, CSRF), so foreign origins and, on a loopback binding,
 * non-loopback {@code Host} headers get 403. A configured bearer token is required on every request (401).
 */
public final class HttpGuard {

    /**
     * @param bearerToken    required token, empty for none
     * @param allowedOrigins exact origins allowed besides loopback ones ({@code https://app.example.com})
     * @param loopbackBound  whether the server listens on a loopback address only
     */
    public record Settings(String bearerToken, List<String> allowedOrigins, boolean loopbackBound) {
        public Settings {
            bearerToken = bearerToken == null ? "" : bearerToken.trim();
            allowedOrigins = allowedOrigins.stream().map(HttpGuard::normalizeOrigin).toList();
        }
    }

    /** Why a request was refused: the HTTP status and a message safe to show. */
    public record Denial(int status, String message) {
    }

    private HttpGuard() {
    }

    public static Optional<Denial> check(Settings settings, String origin, String host, String authorization) {
        return check(settings, origin, host, authorization, null);
    }

    /**
     * As {@link #check(Settings, String, String, String)}, and without a token only connections that arrived on a
     * loopback address are served: the configured host may not be what the server really bound (the HTTP service
     * also takes its host from its own configuration).
     *
     * @param localAddress the address the connection arrived on, or null if unknown
     */
    public static Optional<Denial> check(Settings settings, String origin, String host, String authorization,
                                         String localAddress) {
        if (settings.bearerToken().isEmpty() && localAddress != null && !isLoopbackHost(localAddress)) {
            return Optional.of(new Denial(403, "Not served on a non-loopback address without a bearer token"));
        }
        if (origin != null && !origin.isBlank() && !originAllowed(settings, origin)) {
            return Optional.of(new Denial(403, "Origin not allowed"));
        }
        if (settings.loopbackBound() && host != null && !host.isBlank() && !isLoopbackHost(hostName(host))) {
            return Optional.of(new Denial(403, "Host not allowed"));
        }
        if (!settings.bearerToken().isEmpty()) {
            String presented = bearer(authorization);
            if (presented == null) {
                return Optional.of(new Denial(401, "Bearer token required"));
            }
            if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    settings.bearerToken().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(new Denial(401, "Invalid bearer token"));
            }
        }
        return Optional.empty();
    }

    static boolean originAllowed(Settings settings, String origin) {
        String normalized = normalizeOrigin(origin);
        if (settings.allowedOrigins().contains(normalized)) {
            return true;
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && isLoopbackHost(uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether a host name (no port; IPv6 with or without brackets) is a loopback name or address. */
    public static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** {@code Host} header without its port. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = a.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
