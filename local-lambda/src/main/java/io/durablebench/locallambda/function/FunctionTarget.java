package io.durablebench.locallambda.function;

/**
 * A function as an invoke names it, resolved against the template.
 *
 * @param function  the hosted function
 * @param qualifier the qualifier as given ({@code $LATEST}, a version or an alias); null when unqualified
 * @param version   the version that runs: {@code $LATEST} or a published version number
 */
public record FunctionTarget(HostedFunction function, String qualifier, String version) {
    public boolean qualified() {
        return qualifier != null;
    }

    public String name() {
        return function.name();
    }

    /** The ARN as invoked: qualified with the qualifier given, if any. */
    public String invokedArn() {
        return qualifier == null ? function.arn() : function.arn() + ":" + qualifier;
    }

    /** The ARN qualified with the version that runs (aliases resolved). */
    public String versionArn() {
        return function.arn() + ":" + version;
    }
}
