package dev.autonomy.foundation.api.context;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds one named extension to a request's {@link Context}, published as an OSGi service. Adapters run in
 * {@code service.ranking} order (highest first) on every tool call, so they must be quick; an adapter that throws
 * is skipped for that request, logged and counted.
 */
@ConsumerType
public interface ContextAdapter {

    /** Returns {@code base} with this adapter's extension added ({@link Context#withExtension}). */
    Context adaptContext(Context base);
}
