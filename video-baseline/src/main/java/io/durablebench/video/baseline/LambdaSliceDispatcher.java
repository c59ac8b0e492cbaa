package io.durablebench.video.baseline;

/** Sends a slice to the slice coordinator function ({@code SLICE_COORDINATOR_FUNCTION}): one asynchronous Invoke. */
record LambdaSliceDispatcher(AsyncInvoke invoke) implements SliceDispatcher {
    @Override
    public void dispatch(SliceEvent event) {
        invoke.send(event);
    }
}
