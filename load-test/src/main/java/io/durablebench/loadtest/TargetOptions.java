package io.durablebench.loadtest;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** Where to run: the options every measuring command shares. */
public final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--target", defaultValue = "embedded",
            description = "embedded (default: DynamoDB Local, local S3 and the local Lambda in this process; no AWS"
                    + " account), endpoint (any Lambda-compatible endpoint, --url), aws (a deployed stack, --stack)")
    String target;

    @Option(names = "--url", description = "endpoint target: the Lambda endpoint, e.g. http://127.0.0.1:3001")
    URI url;

    @Option(names = "--s3-url", description = "endpoint target: the S3 endpoint the video source is uploaded to")
    URI s3Url;

    @Option(names = "--bucket", description = "endpoint target: the bucket the video functions read")
    String bucket;

    @Option(names = "--noop-function", description = "endpoint target: a function answering {} to measure the"
            + " harness's overhead (absent: overhead reported as n/a)")
    String noOpFunction;

    @Option(names = "--stack", description = "aws target: the CloudFormation stack (sam deploy) whose outputs name"
            + " the functions and the bucket")
    String stack;

    @Option(names = "--region", description = "aws target: the region (default: the SDK's default region chain)")
    String region;

    /** Extra environment for every function of the embedded target (set by a command, not an option). */
    java.util.Map<String, String> embeddedEnvironment = java.util.Map.of();

    boolean local() {
        return !target.equals("aws");
    }

    /** Checks the combination before anything is started. */
    void validate() {
        switch (target) {
            case "embedded" -> refuseAll("embedded", url != null, "--url", stack != null, "--stack");
            case "endpoint" -> {
                if (url == null) {
                    throw new ParameterException(spec.commandLine(), "--target endpoint needs --url");
                }
                if ((s3Url == null) != (bucket == null)) {
                    throw new ParameterException(spec.commandLine(), "--s3-url and --bucket go together");
                }
                refuseAll("endpoint", stack != null, "--stack", false, "");
            }
            case "aws" -> {
                if (stack == null) {
                    throw new ParameterException(spec.commandLine(), "--target aws needs --stack");
                }
                refuseAll("aws", url != null, "--url", s3Url != null, "--s3-url");
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "--target must be embedded, endpoint or aws, got '" + target + "'");
        }
    }

    private void refuseAll(String t, boolean a, String aName, boolean b, String bName) {
        if (a || b) {
            throw new ParameterException(spec.commandLine(), (a ? aName : bName) + " does not apply to --target " + t);
        }
    }

    Target start() {
        return switch (target) {
            case "embedded" -> EmbeddedTarget.start(embeddedEnvironment);
            case "endpoint" -> new EndpointTarget(url, s3Url, bucket, noOpFunction);
            case "aws" -> new AwsTarget(stack, region != null ? Region.of(region)
                    : new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion());
            default -> throw new IllegalStateException(target);
        };
    }

    /**
     * Prefix of counter ids, job ids and execution names. The embedded stores are new every time, so
     * the ids (and with them the injected failures, a function of job id) repeat from run to run; a
     * shared endpoint or stack keeps earlier runs' state, so there the ids get the start time.
     */
    String idPrefix() {
        return target.equals("embedded") ? "lt-" : "lt" + Long.toString(System.currentTimeMillis() / 1000, 36) + "-";
    }
}
