package io.durablebench.loadtest;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.Intrinsic;
import io.durablebench.local.template.SamTemplate;
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
import org.w3c.dom.Node;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * A deployed stack's outputs, and which output names what: the template's {@code Outputs} section
 * says it ({@code !GetAtt <Id>.Arn} for an ordinary function, {@code !Ref <Id>Alias<alias>}, SAM's
 * alias resource, for a durable one, {@code !Ref <Bucket>} for a bucket), so no output key is
 * hard-coded here.
 *
 * <p>DescribeStacks is called on CloudFormation's Query API, signed with the SDK's SigV4 signer and
 * the default credentials chain, rather than through the SDK's {@code cloudformation} client: that
 * client is not served in the SDK version the project pins (2.41.0) by the Maven repository this
 * project builds from, and mixing SDK versions on one class path is asking for trouble.
 */
final class StackOutputs implements FunctionNames {
    private final String stack;
    private final SamTemplate template;
    private final Map<String, String> values;

    StackOutputs(String stack, SamTemplate template, Map<String, String> values) {
        this.stack = stack;
        this.template = template;
        this.values = Map.copyOf(values);
    }

    /** The stack's outputs, from CloudFormation's DescribeStacks. */
    static StackOutputs describe(String stack, Region region, SamTemplate template) {
        return describe(stack, region, null, template);
    }

    /**
     * @param endpointOverride CloudFormation's endpoint of an AWS emulator (LocalStack), or null for AWS's
     */
    static StackOutputs describe(String stack, Region region, URI endpointOverride, SamTemplate template) {
        String body = "Action=DescribeStacks&Version=2010-05-15&StackName="
                + java.net.URLEncoder.encode(stack, StandardCharsets.UTF_8);
        URI endpoint = endpointOverride != null ? endpointOverride
                : URI.create("https://cloudformation." + region.id() + ".amazonaws.com/");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        AwsCredentialsIdentity credentials = DefaultCredentialsProvider.builder().build().resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.request().forEachHeader((name, headerValues) -> {
            // the JDK client sets these itself and refuses them
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                headerValues.forEach(v -> http.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("DescribeStacks " + stack + " in " + region + ": HTTP " + r.statusCode()
                        + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return new StackOutputs(stack, template, parse(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException("DescribeStacks " + stack + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * OutputKey to OutputValue of the first stack in a DescribeStacks answer ({@code DescribeStacksResponse
     * / DescribeStacksResult / Stacks / member / Outputs / member}); other lists of the stack
     * (Parameters, Tags) and other stacks are not read.
     */
    static Map<String, String> parse(byte[] xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable DescribeStacks answer: " + e.getMessage(), e);
        }
        Element stack = child(child(child(doc.getDocumentElement(), "DescribeStacksResult"), "Stacks"), "member");
        if (stack == null) {
            throw new IllegalStateException("DescribeStacks answer without a stack (root element "
                    + doc.getDocumentElement().getTagName() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Element outputs = child(stack, "Outputs");
        for (Node n = outputs == null ? null : outputs.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element member && member.getTagName().equals("member")) {
                Element key = child(member, "OutputKey");
                Element value = child(member, "OutputValue");
                if (key != null) {
                    out.put(key.getTextContent().trim(), value == null ? "" : value.getTextContent().trim());
                }
            }
        }
        return out;
    }

    /** The first child element of that name, or null (also when {@code parent} is null). */
    private static Element child(Element parent, String name) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** A template function's ARN: a durable function's alias ARN, another's function ARN. */
    @Override
    public String of(String logicalId) {
        FunctionDefinition f = template.function(logicalId);
        Intrinsic written = f.isDurable()
                ? new Intrinsic("Ref", logicalId + "Alias" + f.autoPublishAlias().orElseThrow(() -> new IllegalStateException(
                        "durable function " + logicalId + " has no AutoPublishAlias")))
                : new Intrinsic("Fn::GetAtt", logicalId + ".Arn");
        String key = outputKey(written).orElseThrow(() -> new IllegalStateException(template.file() + " has no output "
                + written.function() + " " + written.argument() + ": the aws target cannot find " + logicalId));
        return value(key);
    }

    /** The name of a template bucket, if the template outputs it. */
    Optional<String> bucket(String bucketLogicalId) {
        return outputKey(new Intrinsic("Ref", bucketLogicalId)).map(this::value);
    }

    private String value(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("stack " + stack + " has no output " + key + " (outputs: " + values.keySet()
                    + "): deployed from another template?");
        }
        return v;
    }

    /** The template's output whose value is written as {@code value}. */
    private Optional<String> outputKey(Intrinsic value) {
        Map<?, ?> outputs = template.document().get("Outputs") instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<?, ?> e : outputs.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> output && value.equals(output.get("Value"))) {
                return Optional.of(String.valueOf(e.getKey()));
            }
        }
        return Optional.empty();
    }
}
