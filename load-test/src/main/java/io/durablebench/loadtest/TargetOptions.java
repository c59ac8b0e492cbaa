package io.durablebench.loadtest;

import io.durablebench.local.template.SamTemplate;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.regions.Region;

/** Where to run: the options every measuring command shares. */
public final class TargetOptions implements CheckedOptions {
    @Option(names = "--target", defaultValue = "embedded",
            description = "embedded (default: DynamoDB Local, local S3 and the local Lambda in this process; no AWS"
                    + " account), endpoint (any Lambda-compatible endpoint, --url), aws (a deployed stack, --stack)")
    String target;

    @Option(names = "--stores", defaultValue = "local",
            description = "embedded target: local (default: DynamoDB Local and the local S3 in this process) or localstack"
                    + " (LocalStack in a container through Testcontainers, from the image scripts/images.sh builds)")
    String stores;

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

    @Option(names = "--endpoint-url", description = "aws target: one endpoint for CloudFormation, Lambda and S3 instead"
            + " of AWS's (an emulator such as LocalStack); default: AWS")
    URI endpointUrl;

    @Option(names = "--region", description = "aws target: the region (default: the SDK's default region chain)")
    String region;

    /** Extra environment for every function of the embedded target (set by a command, not an option). */
    java.util.Map<String, String> embeddedEnvironment = java.util.Map.of();

    /** Whether the target has a no-op function to measure the harness's overhead with. */
    boolean hasNoOp() {
        return target.equals("embedded") || noOpFunction != null;
    }

    /** Checks the combination before anything is started. */
    @Override
    public void validate(CommandSpec spec) {
        switch (target) {
            case "embedded" -> {
                refuseAll(spec, "embedded", url != null, "--url", stack != null, "--stack");
                refuseAll(spec, "embedded", endpointUrl != null, "--endpoint-url", false, "");
                if (!stores.equals("local") && !stores.equals("localstack")) {
                    throw new ParameterException(spec.commandLine(), "--stores must be local or localstack, got '" + stores + "'");
                }
            }
            case "endpoint" -> {
                if (url == null) {
                    throw new ParameterException(spec.commandLine(), "--target endpoint needs --url");
                }
                if ((s3Url == null) != (bucket == null)) {
                    throw new ParameterException(spec.commandLine(), "--s3-url and --bucket go together");
                }
                refuseAll(spec, "endpoint", stack != null, "--stack", !stores.equals("local"), "--stores");
                refuseAll(spec, "endpoint", endpointUrl != null, "--endpoint-url", false, "");
            }
            case "aws" -> {
                if (stack == null) {
                    throw new ParameterException(spec.commandLine(), "--target aws needs --stack");
                }
                refuseAll(spec, "aws", url != null, "--url", s3Url != null, "--s3-url");
                refuseAll(spec, "aws", !stores.equals("local"), "--stores", false, "");
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "--target must be embedded, endpoint or aws, got '" + target + "'");
        }
    }

    private static void refuseAll(CommandSpec spec, String t, boolean a, String aName, boolean b, String bName) {
        if (a || b) {
            throw new ParameterException(spec.commandLine(), (a ? aName : bName) + " does not apply to --target " + t);
        }
    }

    Target start(SamTemplate template) {
        return switch (target) {
            case "embedded" -> EmbeddedTarget.start(template, stores, embeddedEnvironment);
            case "endpoint" -> new EndpointTarget(url, s3Url, bucket, noOpFunction, FunctionNames.byLogicalId(template));
            case "aws" -> AwsTarget.start(stack, region != null ? Region.of(region)
                    : new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion(),
                    endpointUrl, template);
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
