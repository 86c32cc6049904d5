package dev.autonomy.testkit;

import dev.autonomy.api.governor.AutonomousCapability;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A capability that counts how often the governor halted and resumed it. */
public final class CountingCapability implements AutonomousCapability {

    private final String name;
    private final AtomicInteger halts = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();

    public CountingCapability(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("halts", halts.get(), "resumes", resumes.get());
    }

    @Override
    public void halt() {
        halts.incrementAndGet();
    }

    @Override
    public void resume() {
        resumes.incrementAndGet();
    }

    public int halts() {
        return halts.get();
    }

    public int resumes() {
        return resumes.get();
    }
}
