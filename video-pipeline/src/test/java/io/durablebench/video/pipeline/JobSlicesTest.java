package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobSlicesTest {
    @Test
    void aJobOfOneSliceIsNotSliced() {
        assertThat(new JobSlices(1000, 1000).sliced()).isFalse();
        assertThat(new JobSlices(1001, 1000).sliced()).isTrue();
        assertThat(new JobSlices(10_000, 1000).sliceCount()).isEqualTo(10);
    }

    @Test
    void slicesCoverEveryChunkOnceInOrder() {
        for (int chunks = 1; chunks <= 60; chunks++) {
            for (int size = 1; size <= 13; size++) {
                JobSlices s = new JobSlices(chunks, size);
                int next = 0;
                for (int k = 0; k < s.sliceCount(); k++) {
                    assertThat(s.firstChunk(k)).isEqualTo(next);
                    assertThat(s.chunksIn(k)).isBetween(1, size);
                    next += s.chunksIn(k);
                }
                assertThat(next).as("%d chunks in slices of %d", chunks, size).isEqualTo(chunks);
            }
        }
    }

    @Test
    void theJobsConcurrencyLimitHoldsAcrossSlices() {
        for (int limit = 1; limit <= 50; limit++) {
            for (int size = 1; size <= 13; size++) {
                JobSlices s = new JobSlices(100, size);
                int atOnce = s.slicesAtOnce(limit) * s.chunksAtOnceInSlice(limit);
                assertThat(atOnce).as("limit %d, slices of %d", limit, size).isBetween(1, limit);
            }
        }
        // 10,000 chunks, 100 at a time: one slice of 1,000 at a time, 100 of its chunks at a time
        assertThat(new JobSlices(10_000, 1000).slicesAtOnce(100)).isEqualTo(1);
        assertThat(new JobSlices(10_000, 1000).chunksAtOnceInSlice(100)).isEqualTo(100);
        assertThat(new JobSlices(10_000, 1000).slicesAtOnce(null)).isEqualTo(10);
        assertThat(new JobSlices(10_000, 1000).chunksAtOnceInSlice(null)).isNull();
    }

    @Test
    void aSliceLargerThanTheLimitsAllowIsRefused() {
        assertThatThrownBy(() -> new JobSlices(10, JobSlices.MAX_SLICE_CHUNKS + 1)).hasMessageContaining("1..2500");
        assertThatThrownBy(() -> new JobSlices(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
