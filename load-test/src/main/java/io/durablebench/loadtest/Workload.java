package io.durablebench.loadtest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of run the load test measures. Each workload is a class of its own: its name in the CSV,
 * its code in run ids, its variants and the template function each variant invokes (whose memory
 * bills the run's invocation time), and how one run is sent and measured.
 */
public abstract class Workload {
    // the subclasses' constructors must not read their own static fields: these run during Workload's initialization
    public static final Workload COUNTER_BATCH = new CounterBatchWorkload();
    public static final Workload COUNTER_ENTITY = new CounterEntityWorkload();
    public static final Workload VIDEO = new VideoWorkload();
    public static final Workload NOOP = new NoOpWorkload();

    private final String name;
    private final String idCode;
    private final String defaultMode;
    private final Map<String, String> functions;

    /**
     * @param name        the {@code workload} column: counter-batch, counter-entity, video, noop
     * @param idCode      its short code in run ids (counter ids, job ids, execution names)
     * @param defaultMode the {@code mode} column when nothing chooses another (the video fan-out is chosen per spec)
     * @param variantThenFunction its variants, in the order they are planned, each followed by the template
     *                    function (logical id) it invokes; that function's memory size bills the run's invocation time
     */
    protected Workload(String name, String idCode, String defaultMode, String... variantThenFunction) {
        this.name = name;
        this.idCode = idCode;
        this.defaultMode = defaultMode;
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < variantThenFunction.length; i += 2) {
            m.put(variantThenFunction[i], variantThenFunction[i + 1]);
        }
        this.functions = Collections.unmodifiableMap(m);
    }

    /** Every workload, in the order the summary reports them. */
    public static List<Workload> all() {
        return List.of(COUNTER_BATCH, COUNTER_ENTITY, VIDEO, NOOP);
    }

    /** The workload whose {@link #name()} this is (a CSV row's {@code workload} cell). */
    public static Workload named(String name) {
        return all().stream().filter(w -> w.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + name + "'; known: "
                        + all().stream().map(Workload::name).toList()));
    }

    /** The {@code workload} column. */
    public final String name() {
        return name;
    }

    /** Its short code in run ids. */
    public final String idCode() {
        return idCode;
    }

    /** The {@code mode} column when nothing chooses another. */
    public final String defaultMode() {
        return defaultMode;
    }

    public final List<String> variants() {
        return List.copyOf(functions.keySet());
    }

    /** The function the variant invokes, or an error naming the variants the workload has. */
    public final String function(String variant) {
        String f = functions.get(variant);
        if (f == null) {
            throw new IllegalArgumentException("workload " + name() + " has no variant '" + variant + "'; it has "
                    + variants());
        }
        return f;
    }

    /** Whether a run costs anything in the estimate (the no-op measures the harness, not the project). */
    public boolean billed() {
        return true;
    }

    /** The configuration in the progress bar, after workload and variant (e.g. the video's fan-out and chunks). */
    public String detail(RunSpec spec) {
        return "";
    }

    /** Refuses a spec the target cannot run, before anything is measured (and uploads what the runs need). */
    public void prepare(RunSpec spec, Target target) {
    }

    /**
     * One run; {@code id} is the run's counter id, job id or execution name, unique within the
     * experiment. The record's cost is not set yet.
     */
    public abstract RunRecord measure(RunSpec spec, Target target, String id, int index);
}
