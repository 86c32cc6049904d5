@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package dev.autonomy.foundation.api.agent;
