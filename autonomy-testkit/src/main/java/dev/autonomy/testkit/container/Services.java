package dev.autonomy.testkit.container;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.util.tracker.ServiceTracker;

import java.io.File;
import java.time.Duration;

/** Services and bundles inside the container. */
public final class Services {

    /** How long {@link #service} waits by default. */
    public static final Duration LIMIT = Duration.ofSeconds(10);

    private Services() {
    }

    /** Waits for a service (it may come back after its bundle restarted) and returns it. */
    public static <T> T service(BundleContext context, Class<T> type) {
        return service(context, type, LIMIT);
    }

    public static <T> T service(BundleContext context, Class<T> type, Duration limit) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(limit.toMillis());
            if (s == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service within " + limit);
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** Installs the jar (unless a bundle from it is installed already) and starts it. */
    public static Bundle start(BundleContext context, File jar) throws BundleException {
        String location = jar.toURI().toString();
        Bundle b = context.getBundle(location);
        Bundle bundle = b != null ? b : context.installBundle(location);
        bundle.start();
        return bundle;
    }

    /** The installed bundle with this symbolic name. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }
}
