package dev.autonomy.launcher;

import org.junit.jupiter.api.Test;

import static dev.autonomy.launcher.BundleSync.StartAction.KEEP;
import static dev.autonomy.launcher.BundleSync.StartAction.NONE;
import static dev.autonomy.launcher.BundleSync.StartAction.START;
import static dev.autonomy.launcher.BundleSync.StartAction.STOP;
import static dev.autonomy.launcher.BundleSync.startAction;
import static org.assertj.core.api.Assertions.assertThat;

class BundleSyncTest {

    @Test
    void aBundleNewInThisSyncIsStarted() {
        assertThat(startAction(false, false, true)).isEqualTo(START);
    }

    @Test
    void aBundleAlreadyInstalledKeepsItsFlagSoAnOperatorsStopLasts() {
        assertThat(startAction(false, false, false)).isEqualTo(KEEP);
    }

    @Test
    void skippedBundlesAreStoppedNewOrNot() {
        assertThat(startAction(false, true, true)).isEqualTo(STOP);
        assertThat(startAction(false, true, false)).isEqualTo(STOP);
    }

    @Test
    void fragmentsAreLeftAlone() {
        assertThat(startAction(true, false, true)).isEqualTo(NONE);
        assertThat(startAction(true, true, false)).isEqualTo(NONE);
    }
}
