package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The workload types, their run ids and the local targets' function names, without starting anything. */
class WorkloadTest {
    static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate(Path.of("")));

    @Test
    void everyWorkloadIsFoundByItsCsvNameAndInvokesTemplateFunctions() {
        assertThat(Workload.all()).extracting(Workload::name)
                .containsExactly("counter-batch", "counter-entity", "video", "noop");
        for (Workload w : Workload.all()) {
            assertThat(Workload.named(w.name())).isSameAs(w);
            if (w.billed()) {
                for (String v : w.variants()) {
                    assertThat(TEMPLATE.functions()).as(w.name() + " " + v).containsKey(w.function(v));
                }
            }
        }
        assertThat(Workload.VIDEO.variants()).containsExactly("durable", "baseline", "baseline-paper");
        assertThat(Workload.COUNTER_BATCH.function("durable")).isEqualTo("CounterDurableFunction");
        assertThat(Workload.COUNTER_ENTITY.function("durable")).isEqualTo("CounterEntityFunction");
        assertThatThrownBy(() -> Workload.named("banana")).hasMessageContaining("banana").hasMessageContaining("video");
        assertThatThrownBy(() -> RunSpec.of(Workload.COUNTER_BATCH, "baseline-paper", "main", 1, 0, 1, 1))
                .hasMessageContaining("counter-batch has no variant 'baseline-paper'");
    }

    @Test
    void runIdsAreSharedByTheTwoSidesOfAConfigurationAndByNothingElse() {
        RunSpec durable = RunSpec.video("durable", "in-process", "main", 2, 1, 1, 10, 0.3, 42, VideoSourceOptions.named("small"), 0);
        RunSpec baseline = RunSpec.video("baseline", "in-process", "main", 2, 1, 1, 10, 0.3, 42, VideoSourceOptions.named("small"), 0);
        RunSpec paper = RunSpec.video("baseline-paper", "in-process", "main", 2, 1, 1, 10, 0.3, 42, VideoSourceOptions.named("small"), 0);
        assertThat(Experiment.runId(durable, false, 1)).isEqualTo("v-main-in-10c-30p-s42-r1")
                .isEqualTo(Experiment.runId(baseline, false, 1));
        assertThat(Experiment.runId(paper, false, 1)).isEqualTo("v-main-in-10c-30p-s42-r1-pp");
        Set<String> ids = new HashSet<>();
        for (Workload w : List.of(Workload.COUNTER_BATCH, Workload.COUNTER_ENTITY, Workload.NOOP)) {
            RunSpec s = RunSpec.of(w, w.variants().get(0), "main", 2, 1, 1, 42);
            for (int i = 0; i < 2; i++) {
                assertThat(ids.add(Experiment.runId(s, false, i))).isTrue();
                assertThat(ids.add(Experiment.runId(s, true, i))).isTrue();
            }
        }
        assertThat(ids).contains("cb-main-ba-0c-0p-s42-r0", "ce-main-en-0c-0p-s42-w1", "n-main-in-0c-0p-s42-r1");
    }

    @Test
    void localTargetsQualifyExactlyTheTemplatesDurableFunctionsWithTheirAlias() {
        FunctionNames names = FunctionNames.byLogicalId(TEMPLATE);
        assertThat(names.of("CounterDurableFunction")).isEqualTo("CounterDurableFunction:live");
        assertThat(names.of("CounterEntityFunction")).isEqualTo("CounterEntityFunction:live");
        assertThat(names.of("VideoDurableFunction")).isEqualTo("VideoDurableFunction:live");
        assertThat(names.of("VideoChunkEncoderFunction")).isEqualTo("VideoChunkEncoderFunction:live");
        assertThat(names.of("CounterBaselineFunction")).isEqualTo("CounterBaselineFunction");
        assertThat(names.of("VideoBaselinePaperFunction")).isEqualTo("VideoBaselinePaperFunction");
        assertThat(names.of(NoOpHandler.FUNCTION)).as("registered in code, not in the template").isEqualTo(NoOpHandler.FUNCTION);
    }
}
