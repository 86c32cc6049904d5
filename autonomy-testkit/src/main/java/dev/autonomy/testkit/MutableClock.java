package dev.autonomy.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test moves by hand (millisecond resolution, UTC); safe to read from other threads. */
public final class MutableClock extends Clock {

    /** Where {@link #create()} starts: a fixed, readable instant. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong millis;

    public MutableClock(Instant start) {
        this.millis = new AtomicLong(Objects.requireNonNull(start, "start").toEpochMilli());
    }

    /** A clock at {@link #START}. */
    public static MutableClock create() {
        return new MutableClock(START);
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public MutableClock advance(Duration d) {
        millis.addAndGet(d.toMillis());
        return this;
    }

    /** Sets the clock to {@code instant}. */
    public MutableClock set(Instant instant) {
        millis.set(instant.toEpochMilli());
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
