package io.durablebench.loadtest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed stack: function ARNs (durable ones by their {@code live} alias ARN) and the bucket
 * come from the CloudFormation stack's outputs (template.yaml's {@code Outputs}: {@code <Id>Arn},
 * {@code <Id>Alias}, {@code VideoBucketName}).
 *
 * <p>DescribeStacks is called on CloudFormation's Query API, signed with the SDK's SigV4 signer and
 * the default credentials chain, rather than through the SDK's {@code cloudformation} client: that
 * client is not served in the SDK version the project pins (2.41.0) by the Maven repository this
 * project builds from, and mixing SDK versions on one class path is asking for trouble.
 * Run here only against LocalStack's CloudFormation ({@code --endpoint-url}; scripts/localstack-deploy.sh).
 */
public final class AwsTarget implements Target {
    private final String stack;
    private final Map<String, String> outputs;
    private final LambdaClient lambda;
    private final S3Client s3;
    private final DurableCountsReader counts;

    public AwsTarget(String stack, Region region) {
        this(stack, region, null);
    }

    /**
     * @param endpoint one endpoint for CloudFormation, Lambda and S3 instead of AWS's (an AWS emulator such
     *                 as LocalStack), or null for AWS
     */
    public AwsTarget(String stack, Region region, URI endpoint) {
        this.stack = stack;
        this.outputs = describeStackOutputs(stack, region,
                endpoint != null ? endpoint : URI.create("https://cloudformation." + region.id() + ".amazonaws.com/"));
        this.lambda = HarnessClients.aws(region, endpoint);
        var s3 = S3Client.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            s3.endpointOverride(endpoint).forcePathStyle(true);
        }
        this.s3 = s3.build();
        this.counts = new DurableCountsReader(lambda, null);
    }

    /** The stack's outputs, key to value, from CloudFormation's DescribeStacks. */
    static Map<String, String> describeStackOutputs(String stack, Region region, URI endpoint) {
        String body = "Action=DescribeStacks&Version=2010-05-15&StackName="
                + java.net.URLEncoder.encode(stack, StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        AwsCredentialsIdentity credentials = DefaultCredentialsProvider.builder().build().resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.request().forEachHeader((name, values) -> {
            // the JDK client sets these itself and refuses them
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("DescribeStacks " + stack + " in " + region + ": HTTP " + r.statusCode()
                        + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return parseOutputs(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("DescribeStacks " + stack + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** OutputKey to OutputValue from a DescribeStacks XML answer (its first stack). */
    static Map<String, String> parseOutputs(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            Map<String, String> out = new LinkedHashMap<>();
            NodeList keys = doc.getElementsByTagName("OutputKey");
            for (int i = 0; i < keys.getLength(); i++) {
                Element member = (Element) keys.item(i).getParentNode();
                NodeList values = member.getElementsByTagName("OutputValue");
                out.put(keys.item(i).getTextContent().trim(),
                        values.getLength() == 0 ? "" : values.item(0).getTextContent().trim());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("unreadable DescribeStacks answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "aws stack " + stack;
    }

    @Override
    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public String function(String logicalId) {
        String key = Workloads.isDurable(logicalId) ? logicalId + "Alias" : logicalId + "Arn";
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stack " + stack + " has no output " + key + " (outputs: "
                    + outputs.keySet() + ")");
        }
        return value;
    }

    @Override
    public Optional<VideoStore> videoStore() {
        String bucket = outputs.get("VideoBucketName");
        if (bucket == null) {
            return Optional.empty();
        }
        return Optional.of(new S3VideoStore(s3, bucket));
    }

    @Override
    public DurableCounts durableCounts(String executionArn) {
        return counts.read(executionArn);
    }

    @Override
    public Optional<String> noOpFunction() {
        return Optional.empty(); // not in template.yaml: reported as n/a
    }

    @Override
    public void close() {
        lambda.close();
        s3.close();
    }
}
