package io.durablebench.video.pipeline;

/** The stages of a video job, in order: what both video functions run (see {@link VideoStages}). */
public enum JobStage {
    VALIDATE, SPLIT, ENCODE, ASSEMBLE, VERIFY
}
