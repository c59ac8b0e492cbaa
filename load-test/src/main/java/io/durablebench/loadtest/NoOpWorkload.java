package io.durablebench.loadtest;

/** The harness's own overhead: a function that answers {@code {}}, invoked through the same path as every workload. */
final class NoOpWorkload extends Workload {
    NoOpWorkload() {
        // the no-op is registered in code by the embedded target, not in the template
        super("noop", "n", "invoke", Variants.NOOP, NoOpHandler.FUNCTION);
    }

    @Override
    public boolean billed() {
        return false;
    }

    @Override
    public void prepare(RunSpec spec, Target target) {
        if (target.noOpFunction().isEmpty()) {
            throw new IllegalArgumentException("the target has no no-op function");
        }
    }

    @Override
    public RunRecord measure(RunSpec spec, Target target, String id, int index) {
        Invocation call = target.invoke(target.noOpFunction().orElseThrow(), "{}", null);
        boolean ok = call.response().functionError() == null && call.response().payload().asUtf8String().equals("{}");
        return Measured.baseline(RunRecord.NOT_AVAILABLE, 1).record(spec, index, call.started(), call.latencyMs(), ok,
                ok ? "" : "NoOpFailed", 0, Usage.NONE, RunRecord.NOT_AVAILABLE);
    }
}
