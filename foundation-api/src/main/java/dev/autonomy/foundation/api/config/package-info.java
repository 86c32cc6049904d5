/**
 * Reading a component's configuration forgivingly: a number out of range is clamped to its bound, a value that does
 * not parse keeps the previous value, each with a warning naming the key — and the other keys still apply.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.foundation.api.config;
