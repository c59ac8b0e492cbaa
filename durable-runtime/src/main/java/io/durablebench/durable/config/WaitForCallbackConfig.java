package io.durablebench.durable.config;

/** Options of waitForCallback: the callback's and the submitter step's. */
public record WaitForCallbackConfig(CallbackConfig callbackConfig, StepConfig submitterConfig) {
    public static final WaitForCallbackConfig DEFAULT = new WaitForCallbackConfig(CallbackConfig.DEFAULT, StepConfig.DEFAULT);
}
