package io.durablebench.loadtest;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The experiment's main part: measured runs per variant of each workload ({@link ExperimentCommand}'s
 * counts by default), or one count for all of them ({@code --runs}, which wins over the three).
 */
final class MainRuns implements CheckedOptions {
    @Option(names = "--counter-runs", defaultValue = "" + ExperimentCommand.COUNTER_BATCH_RUNS,
            description = "measured runs per variant of the counter batch (default: ${DEFAULT-VALUE})")
    int counterRuns;

    @Option(names = "--entity-runs", defaultValue = "" + ExperimentCommand.COUNTER_ENTITY_RUNS,
            description = "measured runs per variant of the counter entity (default: ${DEFAULT-VALUE})")
    int entityRuns;

    @Option(names = "--video-runs", defaultValue = "" + ExperimentCommand.VIDEO_RUNS,
            description = "measured runs per variant of the video main part (default: ${DEFAULT-VALUE})")
    int videoRuns;

    @Option(names = "--runs", description = "measured runs per variant of every main configuration, instead of the"
            + " three options above (the paper's run count was 10)")
    Integer runs;

    @Override
    public void validate(CommandSpec spec) {
        if (runs != null) {
            counterRuns = runs;
            entityRuns = runs;
            videoRuns = runs;
        }
        LoadTestCommand.check(spec, counterRuns >= 1 && entityRuns >= 1 && videoRuns >= 1, "main run counts (--runs,"
                + " --counter-runs, --entity-runs, --video-runs) must be at least 1");
    }
}
