package io.durablebench.durable.testing;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;

/** A test class with an emulator of its own in real time ({@link DexHarness#inRealTime()}), closed after its last test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealTimeDexTest {
    @AutoClose
    final DexHarness h = DexHarness.inRealTime();
}
