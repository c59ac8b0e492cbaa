package io.durablebench.local.localstack;

import io.durablebench.local.LocalStores;
import io.durablebench.local.dynamodb.TableProvisioner;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * LocalStack's DynamoDB and S3 in a container, through Testcontainers' LocalStack module, with the
 * template's tables and buckets created: a second real backend beside DynamoDB Local and the local S3.
 *
 * <p>The image is the one scripts/images.sh builds ({@value #IMAGE_NAME}:&lt;localstack-core version&gt;);
 * nothing is pulled. A missing image is an error that says how to build it, never a skip. Testcontainers
 * runs with Ryuk disabled and the host override set (the module's pom sets
 * {@code TESTCONTAINERS_RYUK_DISABLED} and {@code TESTCONTAINERS_HOST_OVERRIDE}): Ryuk's image cannot be
 * pulled here, and without the override it would start a helper container to find the host; its
 * start-up checks are off too ({@code TESTCONTAINERS_CHECKS_DISABLE}), as they run a container of an
 * image that would have to be pulled.
 */
public final class LocalStackAws implements LocalStores {
    public static final String IMAGE_NAME = "durable-bench/localstack";
    private static final String REGION = "us-east-1";

    private final LocalStackContainer container;
    private final LocalResources resources;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    private LocalStackAws(LocalStackContainer container, SamTemplate template) {
        this.container = container;
        this.resources = new LocalResources(template, REGION);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.dynamoDb = DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint()).region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Starts LocalStack and creates the template's tables and buckets (named as {@link LocalResources} names them). */
    public static LocalStackAws start(Path templateFile) {
        SamTemplate template = SamTemplate.load(templateFile);
        String image = image(templateFile.toAbsolutePath().getParent());
        requireLocalImage(image);
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(Service.DYNAMODB, Service.S3);
        long t0 = System.nanoTime();
        container.start();
        long started = System.nanoTime();
        LocalStackAws aws = new LocalStackAws(container, template);
        try {
            TableProvisioner.createAll(aws.dynamoDb, template, aws.resources);
            for (String bucket : template.buckets()) {
                aws.s3.createBucket(b -> b.bucket(aws.resources.bucketName(bucket)));
            }
            System.out.printf("LocalStackAws: %s %s, ready in %.1f s, tables and buckets in %.1f s%n", image,
                    container.getContainerId().substring(0, 12), (started - t0) / 1e9, (System.nanoTime() - started) / 1e9);
            return aws;
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** The image's tag: the localstack-core version pinned in tools/images/localstack/requirements.txt. */
    static String image(Path repository) {
        Path requirements = repository.resolve("tools/images/localstack/requirements.txt");
        try {
            return Files.readAllLines(requirements).stream().filter(l -> l.startsWith("localstack-core=="))
                    .map(l -> IMAGE_NAME + ":" + l.substring("localstack-core==".length()).trim())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no localstack-core pin in " + requirements));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireLocalImage(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new IllegalStateException("the LocalStack image " + image + " is not on this machine and is never"
                    + " pulled: build it with `bash scripts/images.sh`", e);
        }
    }

    /** One endpoint for every service (LocalStack's gateway), on 127.0.0.1 or the Docker host. */
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public String kind() {
        return "localstack";
    }

    @Override
    public URI dynamoDbEndpoint() {
        return endpoint();
    }

    @Override
    public URI s3Endpoint() {
        return endpoint();
    }

    @Override
    public DynamoDbClient dynamoDbClient() {
        return dynamoDb;
    }

    @Override
    public S3Client s3Client() {
        return s3;
    }

    @Override
    public LocalResources resources() {
        return resources;
    }

    /** Variables pointing a function's SDK clients at LocalStack. */
    @Override
    public Map<String, String> storeEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString(), "AWS_ENDPOINT_URL_S3", endpoint().toString(),
                "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
    }

    @Override
    public void close() {
        try {
            dynamoDb.close();
            s3.close();
        } finally {
            container.stop();
        }
    }
}
