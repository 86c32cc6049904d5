package dev.autonomy.agents.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRE-RELEASE][+BUILD]}), ordered by semver precedence: numbers
 * numerically, a pre-release below its release ({@code 1.0.0-rc.1 < 1.0.0}), build metadata ignored. Missing minor
 * or patch numbers count as 0 ({@code 2} = {@code 2.0.0}), as OSGi versions are often written.
 */
public record SemanticVersion(long major, long minor, long patch, String preRelease)
        implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile(
            "(0|[1-9][0-9]{0,17})(?:\\.(0|[1-9][0-9]{0,17}))?(?:\\.(0|[1-9][0-9]{0,17}))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0, was " + major + "." + minor + "."
                    + patch);
        }
        preRelease = preRelease == null ? "" : preRelease;
    }

    /** The version {@code text} stands for, or empty if it is not a semantic version. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)),
                m.group(4)));
    }

    private static long number(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        return c != 0 ? c : comparePreRelease(preRelease, o.preRelease);
    }

    /** Semver rule 11: no pre-release ranks higher; identifiers compare numerically or lexically, field by field. */
    private static int comparePreRelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].matches("[0-9]+");
            boolean yn = y[i].matches("[0-9]+");
            int c;
            if (xn && yn) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xn != yn) {
                c = xn ? -1 : 1; // numeric identifiers rank below alphanumeric ones
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
