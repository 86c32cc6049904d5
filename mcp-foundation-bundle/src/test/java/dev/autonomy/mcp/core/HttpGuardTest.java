package dev.autonomy.mcp.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HttpGuardTest {

    private static final HttpGuard.Settings OPEN_LOOPBACK = new HttpGuard.Settings("", List.of(), true);
    private static final HttpGuard.Settings OPEN_ANY = new HttpGuard.Settings("", List.of(), false);
    private static final HttpGuard.Settings WITH_TOKEN = new HttpGuard.Settings("s3cret", List.of(), true);

    private static Optional<HttpGuard.Denial> origin(HttpGuard.Settings s, String origin) {
        return HttpGuard.check(s, origin, "localhost:8765", null);
    }

    @Test
    void aRequestWithoutOriginIsAllowed() {
        assertThat(HttpGuard.check(OPEN_LOOPBACK, null, "localhost:8765", null)).isEmpty();
        assertThat(HttpGuard.check(OPEN_LOOPBACK, "", "localhost:8765", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "http://127.0.0.1", "http://[::1]:3000",
            "https://localhost", "http://app.localhost:8080"})
    void loopbackOriginsAreAllowed(String origin) {
        assertThat(origin(OPEN_LOOPBACK, origin)).isEmpty();
    }

    @Test
    void aForeignOriginIsForbidden() {
        assertThat(origin(OPEN_LOOPBACK, "https://evil.example"))
                .contains(new HttpGuard.Denial(403, "Origin not allowed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "file://localhost", "http://localhost.evil.example", "http://127.0.0.1.evil.example"})
    void originsThatOnlyLookLocalAreForbidden(String origin) {
        assertThat(origin(OPEN_LOOPBACK, origin)).map(HttpGuard.Denial::status).contains(403);
    }

    @Test
    void aConfiguredOriginIsAllowedIgnoringCaseAndATrailingSlash() {
        HttpGuard.Settings s = new HttpGuard.Settings("", List.of("https://App.Example.com/"), true);

        assertThat(origin(s, "https://app.example.com")).isEmpty();
        assertThat(origin(s, "HTTPS://APP.EXAMPLE.COM/")).isEmpty();
    }

    @Test
    void aConfiguredOriginDoesNotAllowOtherPortsOrSchemes() {
        HttpGuard.Settings s = new HttpGuard.Settings("", List.of("https://app.example.com"), true);

        assertThat(origin(s, "http://app.example.com")).isPresent();
        assertThat(origin(s, "https://app.example.com:8443")).isPresent();
    }

    @Test
    void aForeignHostIsForbiddenOnALoopbackBinding() {
        assertThat(HttpGuard.check(OPEN_LOOPBACK, null, "evil.example:8765", null))
                .contains(new HttpGuard.Denial(403, "Host not allowed"));
    }

    @Test
    void aForeignHostIsAllowedWhenNotLoopbackBound() {
        assertThat(HttpGuard.check(OPEN_ANY, null, "evil.example:8765", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8765", "127.0.0.1:8765", "[::1]:8765", "localhost", "[::1]"})
    void loopbackHostsAreAllowedOnALoopbackBinding(String host) {
        assertThat(HttpGuard.check(OPEN_LOOPBACK, null, host, null)).isEmpty();
    }

    @Test
    void aMissingTokenIsUnauthorized() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", null))
                .contains(new HttpGuard.Denial(401, "Bearer token required"));
    }

    @Test
    void anotherSchemeCountsAsAMissingToken() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "Basic czNjcmV0"))
                .contains(new HttpGuard.Denial(401, "Bearer token required"));
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "Bearer guess"))
                .contains(new HttpGuard.Denial(401, "Invalid bearer token"));
    }

    @Test
    void theRightTokenIsAllowed() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "Bearer s3cret")).isEmpty();
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "bearer s3cret")).isEmpty();
    }

    @Test
    void theTokenItselfIsCaseSensitive() {
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "Bearer S3CRET")).map(HttpGuard.Denial::status)
                .contains(401);
    }

    @Test
    void aForeignOriginIsForbiddenEvenWithTheRightToken() {
        assertThat(HttpGuard.check(WITH_TOKEN, "https://evil.example", "localhost", "Bearer s3cret"))
                .map(HttpGuard.Denial::status).contains(403);
    }

    @Test
    void theConfiguredTokenIsTrimmed() {
        HttpGuard.Settings s = new HttpGuard.Settings("  s3cret \n", List.of(), true);

        assertThat(HttpGuard.check(s, null, "localhost", "Bearer s3cret")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]",
            "0:0:0:0:0:0:0:1"})
    void loopbackNamesAndAddressesAreRecognized(String host) {
        assertThat(HttpGuard.isLoopbackHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "localhost.evil.example", "mylocalhost", "128.0.0.1", "0.0.0.0",
            "127.0.0.1.evil.example", "::2"})
    void otherHostsAreNotLoopback(String host) {
        assertThat(HttpGuard.isLoopbackHost(host)).isFalse();
    }

    @Test
    void withoutATokenOnlyConnectionsOnALoopbackAddressAreServed() {
        assertThat(HttpGuard.check(OPEN_LOOPBACK, null, "localhost:8765", null, "127.0.0.1")).isEmpty();
        assertThat(HttpGuard.check(OPEN_ANY, null, null, null, "10.1.2.3")).get()
                .extracting(HttpGuard.Denial::status).isEqualTo(403);
        assertThat(HttpGuard.check(WITH_TOKEN, null, "localhost", "Bearer s3cret", "10.1.2.3")).isEmpty();
    }
}
