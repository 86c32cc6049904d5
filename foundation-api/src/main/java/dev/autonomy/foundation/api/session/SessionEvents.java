package dev.autonomy.foundation.api.session;

import org.osgi.annotation.versioning.ProviderType;

/** Publishes custom events to every interested {@link EventHandler}; never blocks, never throws. */
@ProviderType
public interface SessionEvents {

    void publish(SessionEvent event);
}
