package dev.autonomy.learning.component;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors as clients see them ({@code learn_status}): a short class name and a reference, never an exception's text
 * (which may name files, paths or values). The detail goes to the log once, under the same reference, so that an
 * operator finds it. A reference is derived from the detail, so the same error keeps the same reference.
 */
final class ErrorRefs {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRefs.class);
    /** Most distinct details remembered as logged (then they may be logged again). */
    private static final int MAX_LOGGED = 1000;
    /** {@code java.io.IOException: ...} or {@code IOException} at the start of a detail. */
    private static final Pattern CLASS = Pattern.compile("^\\s*(?:[a-zA-Z_$][\\w$]*\\.)*([A-Z][\\w$]*)(?::|\\s|$)");

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** The reference of a detail: 8 hex digits. */
    static String ref(String detail) {
        return String.format(Locale.ROOT, "%08x", detail.hashCode());
    }

    /** The short class name a detail starts with ({@code IOException}), or {@code Error} when it names none. */
    static String shortClass(String detail) {
        Matcher m = CLASS.matcher(detail);
        return m.find() ? m.group(1) : "Error";
    }

    /**
     * {@code IOException (ref 1a2b3c4d)} for a detail; logs the detail with its reference the first time.
     *
     * @param what       what failed, for the log line
     * @param shortClass the short class name to show (null: taken from the detail)
     * @param detail     the full text (exception, message), for the log only
     */
    String brief(String what, String shortClass, String detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        String ref = ref(detail);
        if (logged.size() > MAX_LOGGED) {
            logged.clear();
        }
        if (logged.add(detail)) {
            LOG.warn("Learning: {} (ref {}): {}", what, ref, detail);
        }
        String cls = shortClass == null || shortClass.isEmpty() ? shortClass(detail) : shortClass;
        return cls + " (ref " + ref + ")";
    }
}
