package dev.autonomy.control.component;

import dev.autonomy.api.audit.AuditEntry;
import dev.autonomy.api.audit.AuditJournal;
import dev.autonomy.api.audit.AuditQuery;
import dev.autonomy.control.store.ControlDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens the control store under {@code ${autonomy.data}/autonomy/} (the framework property the launcher sets), so
 * that the journal outlives the bundle; without that property, in the bundle's own data area. Publishes the
 * {@link AuditJournal}.
 */
@Component(service = {AuditJournal.class, StoreComponent.class}, immediate = true)
public final class StoreComponent implements AuditJournal {

    /** Framework property: the container's data folder. */
    public static final String DATA_PROPERTY = "autonomy.data";
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final ControlDatabase database;
    private final ScheduledExecutorService maintenance;

    @Activate
    public StoreComponent(BundleContext context) throws IOException {
        Path dir = folder(context);
        this.database = ControlDatabase.open(dir, Clock.systemUTC());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autonomy-store-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
        LOG.info("Audit journal and governor state in {} ({} entries)", database.file(), database.journal().size());
    }

    private void maintain() {
        try {
            database.maintain();
        } catch (RuntimeException e) {
            LOG.error("Store maintenance failed", e);
        }
    }

    static Path folder(BundleContext context) {
        String data = context.getProperty(DATA_PROPERTY);
        if (data != null && !data.isBlank()) {
            return Path.of(data, "autonomy");
        }
        File own = context.getDataFile("autonomy");
        if (own == null) {
            throw new IllegalStateException("no data folder: set the framework property " + DATA_PROPERTY);
        }
        return own.toPath();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        maintenance.shutdown();
        maintenance.awaitTermination(10, TimeUnit.SECONDS);
        database.close();
        LOG.info("Audit journal closed");
    }

    public ControlDatabase database() {
        return database;
    }

    @Override
    public AuditEntry append(AuditEntry draft) {
        return database.journal().append(draft);
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return database.journal().query(query);
    }

    @Override
    public long size() {
        return database.journal().size();
    }
}
