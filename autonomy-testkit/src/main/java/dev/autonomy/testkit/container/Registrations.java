package dev.autonomy.testkit.container;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

/** Services a test registers, all taken away again by {@link #unregisterAll()} (in an {@code @After}). */
public final class Registrations {

    private final BundleContext context;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    public Registrations(BundleContext context) {
        this.context = context;
    }

    /** Registers {@code service} with properties given as key, value, key, value, … */
    public synchronized <T> ServiceRegistration<T> register(Class<T> type, T service, Object... keyValues) {
        ServiceRegistration<T> r = context.registerService(type, service, properties(keyValues));
        registrations.add(r);
        return r;
    }

    /** Unregisters what is still registered (a test may have unregistered some itself, or their bundle restarted). */
    public synchronized void unregisterAll() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test, or its bundle restarted
            }
        }
        registrations.clear();
    }

    /** Service or configuration properties from key, value, key, value, … */
    public static Dictionary<String, Object> properties(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in key, value pairs; got " + keyValues.length
                    + " items");
        }
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }
}
