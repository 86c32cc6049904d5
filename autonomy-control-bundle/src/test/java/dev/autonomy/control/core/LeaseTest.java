package dev.autonomy.control.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTest {

    @Test
    void aRenewalAddsALeasePeriodFromNowWithinTheMaximum() {
        // applied at 0, lease 600, maximum 1,800, first expiry 600
        assertThat(Lease.renewedUntil(600, 0, 500, 600, 1_800)).isEqualTo(1_100);
        assertThat(Lease.renewedUntil(1_100, 0, 1_500, 600, 1_800)).isEqualTo(1_800);
    }

    @Test
    void aRenewalNeverShortensALease() {
        assertThat(Lease.renewedUntil(1_100, 0, 100, 600, 1_800)).isEqualTo(1_100);
    }

    @Test
    void aMaximumBelowTheLeasePeriodMeansOnePeriod() {
        assertThat(Lease.renewedUntil(600, 0, 300, 600, 100)).isEqualTo(600);
    }
}
