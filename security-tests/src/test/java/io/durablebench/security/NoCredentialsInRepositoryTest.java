package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No credentials in the repository: every file git tracks is scanned for AWS access key ids, secret
 * keys assigned to something, and private key blocks. The only credentials the code carries are
 * the local services' dummies, which must be values nobody could mistake for a real key (see
 * {@link #FAKE_VALUES}; documented in docs/reliability.md (sections 4 and 5)).
 */
class NoCredentialsInRepositoryTest {
    /** The dummy credentials local runs use; DynamoDB Local and the local S3 accept any value. */
    static final Set<String> FAKE_VALUES = Set.of("local", "test", "x");

    /** AWS access key ids: long-term (AKIA) and temporary (ASIA), 20 characters in all. */
    static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b");
    /** A 40-character secret access key assigned to a secret-looking name, in any syntax. */
    static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)(secret[_-]?(access)?[_-]?key|aws_secret|secretKey)[\"']?\\s*[:=,]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])");
    static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----");
    /** Credentials handed to an SDK builder or a child process's environment in code. */
    static final Pattern CODE_CREDENTIALS = Pattern.compile(
            "AwsBasicCredentials\\.create\\(\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"\\s*\\)"
                    + "|\"AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)\"\\s*,\\s*\"([^\"]*)\""
                    + "|(?:ACCESS_KEY|SECRET_KEY)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void noTrackedFileHoldsACredential() throws Exception {
        Path root = repositoryRoot();
        List<String> files = trackedFiles(root);
        assertThat(files).as("git ls-files of " + root).hasSizeGreaterThan(100);
        List<String> findings = new ArrayList<>();
        int scanned = 0;
        for (String f : files) {
            Path p = root.resolve(f);
            if (!Files.isRegularFile(p)) {
                continue; // deleted in the working tree
            }
            String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            scanned++;
            find(ACCESS_KEY_ID, text, f, "AWS access key id", findings);
            find(SECRET_ASSIGNMENT, text, f, "secret key assignment", findings);
            find(PRIVATE_KEY, text, f, "private key block", findings);
        }
        System.out.println("credential scan: " + scanned + " tracked files");
        assertThat(findings).as("credentials in tracked files").isEmpty();
    }

    @Test
    void theDummyCredentialsInCodeAreObviouslyFake() throws Exception {
        Path root = repositoryRoot();
        List<String> found = new ArrayList<>();
        List<String> notFake = new ArrayList<>();
        for (String f : trackedFiles(root)) {
            if (!f.endsWith(".java") && !f.endsWith(".py") && !f.endsWith(".sh")) {
                continue;
            }
            Path p = root.resolve(f);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            Matcher m = CODE_CREDENTIALS.matcher(Files.readString(p, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    String v = m.group(g);
                    // a list of variable names ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") is not a value
                    if (v != null && !v.matches("AWS_[A-Z_]+")) {
                        found.add(f + ": " + v);
                        if (!FAKE_VALUES.contains(v)) {
                            notFake.add(f + ": \"" + v + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("the scan finds the local services' dummies (else the pattern is broken)").isNotEmpty();
        assertThat(notFake).as("literal credentials in code that are not one of " + FAKE_VALUES).isEmpty();
    }

    @Test
    void thePatternsRecogniseRealLookingCredentials() {
        // AWS's documented example key pair (not a real key), built at run time so this file does not trip the scan.
        String id = "AKIA" + "IOSFODNN7EXAMPLE";
        String secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
        assertThat(ACCESS_KEY_ID.matcher("key=" + id).find()).isTrue();
        assertThat(ACCESS_KEY_ID.matcher("ASIA" + "Y34FZKBOKMUTVV7A").find()).isTrue();
        assertThat(SECRET_ASSIGNMENT.matcher("aws_secret_access_key = " + secret).find()).isTrue();
        assertThat(SECRET_ASSIGNMENT.matcher("\"SecretAccessKey\": \"" + secret + "\"").find()).isTrue();
        assertThat(PRIVATE_KEY.matcher("-----BEGIN " + "RSA PRIVATE KEY-----").find()).isTrue();
        assertThat(PRIVATE_KEY.matcher("-----BEGIN " + "OPENSSH PRIVATE KEY-----").find()).isTrue();
        assertThat(ACCESS_KEY_ID.matcher("AKIA_NOT_A_KEY").find()).isFalse();
        assertThat(SECRET_ASSIGNMENT.matcher("AWS_SECRET_ACCESS_KEY=local").find()).isFalse();
    }

    private static void find(Pattern p, String text, String file, String what, List<String> findings) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            findings.add(file + ":" + line + ": " + what);
        }
    }

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("template.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (git.waitFor() != 0) {
            throw new IllegalStateException("git ls-files failed in " + root);
        }
        List<String> files = new ArrayList<>();
        for (String f : out.split("\0")) {
            if (!f.isEmpty()) {
                files.add(f);
            }
        }
        return files;
    }
}
