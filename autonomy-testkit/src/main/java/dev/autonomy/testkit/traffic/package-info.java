/**
 * Seeded traffic: latency and failure distributions ({@link dev.autonomy.testkit.traffic.Latency},
 * {@link dev.autonomy.testkit.traffic.Failures}) drawn from a seed ({@link dev.autonomy.testkit.traffic.TrafficProfile}),
 * a tool and an agent that behave as they say, and a driver that makes N calls and returns the figures; also a tool
 * made of a lambda ({@link dev.autonomy.testkit.traffic.TestTool}) and a call made outside the foundation
 * ({@link dev.autonomy.testkit.traffic.TestToolCall}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.autonomy.testkit.traffic;
