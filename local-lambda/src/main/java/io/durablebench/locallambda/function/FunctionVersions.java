package io.durablebench.locallambda.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.store.SyncedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every function's versions and aliases, as Lambda keeps them: {@code $LATEST} holds the code
 * deployed last; {@link #publish} snapshots it as the next version number (immutable from then on:
 * a version keeps its code); an alias names a version and is moved with {@link #updateAlias}. A
 * function whose template entry has {@code AutoPublishAlias} starts with version 1 (the template's
 * code) and that alias pointing at it, as {@code sam deploy} leaves it.
 *
 * <p>With a data directory every change is written to {@code versions.json} (synced) before it is
 * answered, and a start on that directory finds the same versions, aliases and code again, so a
 * durable execution pinned to a version keeps running that version's code after a restart.
 * Functions registered in code keep theirs in memory only.
 */
public final class FunctionVersions {
    public static final String LATEST = "$LATEST";
    /** The qualifier that names a function's latest published version. */
    public static final String LATEST_PUBLISHED = "$LATEST.PUBLISHED";
    private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");

    /** One published version (or {@code $LATEST}). */
    public record Version(String number, FunctionCode code, String codeSha256, String description,
                          Instant lastModified) {
    }

    /** An alias and the version it names. */
    public record Alias(String name, String version, String description, String revisionId) {
    }

    private static final class Versions {
        final boolean persisted;
        Version latest;
        final TreeMap<Integer, Version> published = new TreeMap<>();
        final Map<String, Alias> aliases = new LinkedHashMap<>();

        Versions(boolean persisted) {
            this.persisted = persisted;
        }
    }

    private final Map<String, Versions> functions = new LinkedHashMap<>();
    private Path file;

    /** A function of the template: {@code $LATEST}, and version 1 with its alias if it has {@code AutoPublishAlias}. */
    synchronized void addTemplateFunction(FunctionDefinition def) {
        add(def, FunctionCode.template(), true);
    }

    /** A function registered in code (its versions are not kept on disk). */
    synchronized void addRegisteredFunction(FunctionDefinition def, FunctionCode code) {
        add(def, code, false);
    }

    private void add(FunctionDefinition def, FunctionCode code, boolean persisted) {
        Versions v = new Versions(persisted);
        Instant now = Instant.now();
        v.latest = new Version(LATEST, code, sha256(code), "", now);
        def.autoPublishAlias().ifPresent(alias -> {
            v.published.put(1, new Version("1", code, sha256(code), "", now));
            v.aliases.put(alias, new Alias(alias, "1", "", UUID.randomUUID().toString()));
        });
        functions.put(def.logicalId(), v);
    }

    /**
     * Keeps every change in {@code file} from now on; if the file exists (an earlier run on the same
     * data directory), its versions, aliases and code replace the template's.
     *
     * @param handlers handlers made in code that stored versions may name, by id
     * @throws IllegalStateException when a stored version names handlers not given
     */
    public synchronized void keepIn(Path file, Map<String, FunctionCode.Handlers> handlers) {
        this.file = file;
        if (Files.exists(file)) {
            load(file, handlers);
        } else {
            save();
        }
    }

    private void load(Path file, Map<String, FunctionCode.Handlers> handlers) {
        JsonNode doc;
        try {
            doc = Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        doc.get("Functions").fields().forEachRemaining(entry -> {
            Versions v = functions.get(entry.getKey());
            if (v == null || !v.persisted) {
                return; // a function no longer in the template: its versions are not served
            }
            JsonNode f = entry.getValue();
            String where = entry.getKey();
            v.latest = version(f.get("Latest"), handlers, where + " $LATEST");
            v.published.clear();
            for (JsonNode p : f.get("Versions")) {
                Version version = version(p, handlers, where + " version " + p.get("Version").asText());
                v.published.put(Integer.parseInt(version.number()), version);
            }
            v.aliases.clear();
            for (JsonNode a : f.get("Aliases")) {
                v.aliases.put(a.get("Name").asText(), new Alias(a.get("Name").asText(), a.get("FunctionVersion").asText(),
                        a.get("Description").asText(), a.get("RevisionId").asText()));
            }
        });
    }

    private static Version version(JsonNode n, Map<String, FunctionCode.Handlers> handlers, String where) {
        return new Version(n.get("Version").asText(), FunctionCode.fromRef(n.get("Code").asText(), handlers, where),
                n.get("CodeSha256").asText(), n.get("Description").asText(),
                Instant.ofEpochMilli(n.get("LastModified").asLong()));
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode doc = Json.object();
        ObjectNode fns = doc.putObject("Functions");
        functions.forEach((name, v) -> {
            if (!v.persisted) {
                return;
            }
            ObjectNode f = fns.putObject(name);
            f.set("Latest", json(v.latest));
            ArrayNode versions = f.putArray("Versions");
            v.published.values().forEach(p -> versions.add(json(p)));
            ArrayNode aliases = f.putArray("Aliases");
            v.aliases.values().forEach(a -> {
                ObjectNode n = aliases.addObject();
                n.put("Name", a.name());
                n.put("FunctionVersion", a.version());
                n.put("Description", a.description());
                n.put("RevisionId", a.revisionId());
            });
        });
        SyncedFiles.write(file, Json.bytes(doc));
    }

    private static ObjectNode json(Version v) {
        ObjectNode n = Json.object();
        n.put("Version", v.number());
        n.put("Code", v.code().ref());
        n.put("CodeSha256", v.codeSha256());
        n.put("Description", v.description());
        n.put("LastModified", v.lastModified().toEpochMilli());
        return n;
    }

    private Versions of(String function) {
        Versions v = functions.get(function);
        if (v == null) {
            throw LambdaApiException.notFound("Function not found: " + function);
        }
        return v;
    }

    /**
     * The version a qualifier names: {@code $LATEST} for none, a version number, an alias, or
     * {@code $LATEST.PUBLISHED}; empty when the function has no such version or alias.
     */
    synchronized Optional<String> resolve(String function, String qualifier) {
        Versions v = of(function);
        if (qualifier == null || qualifier.equals(LATEST)) {
            return Optional.of(LATEST);
        }
        if (qualifier.equals(LATEST_PUBLISHED)) {
            return v.published.isEmpty() ? Optional.empty() : Optional.of(v.published.lastEntry().getValue().number());
        }
        if (qualifier.chars().allMatch(Character::isDigit)) {
            try {
                return v.published.containsKey(Integer.parseInt(qualifier)) ? Optional.of(qualifier) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Alias a = v.aliases.get(qualifier);
        return a == null ? Optional.empty() : Optional.of(a.version());
    }

    /** The code of a version the function has ({@code $LATEST} or a published number). */
    synchronized FunctionCode code(String function, String version) {
        return find(of(function), function, version).code();
    }

    private static Version find(Versions v, String function, String version) {
        if (version.equals(LATEST)) {
            return v.latest;
        }
        Version p = null;
        try {
            p = v.published.get(Integer.parseInt(version));
        } catch (NumberFormatException ignored) {
            // not a number: no such version
        }
        if (p == null) {
            throw LambdaApiException.notFound("Function not found: " + function + ":" + version);
        }
        return p;
    }

    /** UpdateFunctionCode: {@code $LATEST} runs {@code code} from now on; published versions keep theirs. */
    public synchronized Version updateCode(String function, FunctionCode code) {
        Versions v = of(function);
        v.latest = new Version(LATEST, code, sha256(code), v.latest.description(), Instant.now());
        save();
        return v.latest;
    }

    /**
     * PublishVersion: {@code $LATEST}'s code as the next version number; when it has not changed since
     * the latest published version, that version (Lambda publishes nothing new then).
     *
     * @param codeSha256 if given, {@code $LATEST}'s CodeSha256 must equal it
     */
    public synchronized Version publish(String function, String description, String codeSha256) {
        Versions v = of(function);
        if (codeSha256 != null && !codeSha256.equals(v.latest.codeSha256())) {
            throw LambdaApiException.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different from the current "
                    + "CodeSHA256 in $LATEST (" + v.latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        if (!v.published.isEmpty() && v.published.lastEntry().getValue().codeSha256().equals(v.latest.codeSha256())) {
            return v.published.lastEntry().getValue();
        }
        int next = v.published.isEmpty() ? 1 : v.published.lastKey() + 1;
        Version p = new Version(String.valueOf(next), v.latest.code(), v.latest.codeSha256(),
                description == null ? "" : description, Instant.now());
        v.published.put(next, p);
        save();
        return p;
    }

    /** ListVersionsByFunction: {@code $LATEST}, then the published versions in order. */
    public synchronized List<Version> versions(String function) {
        Versions v = of(function);
        List<Version> out = new ArrayList<>();
        out.add(v.latest);
        out.addAll(v.published.values());
        return out;
    }

    /** GetAlias. */
    public synchronized Alias alias(String function, String name) {
        Alias a = of(function).aliases.get(name);
        if (a == null) {
            throw LambdaApiException.notFound("Alias not found: " + function + ":" + name);
        }
        return a;
    }

    /** ListAliases, optionally only those naming {@code version}. */
    public synchronized List<Alias> aliases(String function, String version) {
        return of(function).aliases.values().stream().filter(a -> version == null || a.version().equals(version))
                .toList();
    }

    /** CreateAlias. */
    public synchronized Alias createAlias(String function, String name, String version, String description) {
        Versions v = of(function);
        if (name == null || !ALIAS_NAME.matcher(name).matches()) {
            throw LambdaApiException.invalidParameter("Name: an alias name is 1-128 letters, digits, '-' or '_', not "
                    + "only digits, got " + name);
        }
        if (v.aliases.containsKey(name)) {
            throw new LambdaApiException(ErrorType.ResourceConflictException, "Alias already exists: " + function + ":"
                    + name);
        }
        find(v, function, requireVersion(version));
        Alias a = new Alias(name, version, description == null ? "" : description, UUID.randomUUID().toString());
        v.aliases.put(name, a);
        save();
        return a;
    }

    /**
     * UpdateAlias: points the alias at {@code version} (null: unchanged).
     *
     * @param revisionId if given, the alias's current RevisionId must equal it (else PreconditionFailedException)
     */
    public synchronized Alias updateAlias(String function, String name, String version, String description,
                                         String revisionId) {
        Versions v = of(function);
        Alias a = alias(function, name);
        if (revisionId != null && !revisionId.equals(a.revisionId())) {
            throw new LambdaApiException(ErrorType.PreconditionFailedException, "The Revision Id provided does not "
                    + "match the latest Revision Id of " + function + ":" + name + ". Call GetAlias to get the latest one.");
        }
        String to = version == null ? a.version() : requireVersion(version);
        find(v, function, to);
        Alias moved = new Alias(name, to, description == null ? a.description() : description,
                UUID.randomUUID().toString());
        v.aliases.put(name, moved);
        save();
        return moved;
    }

    private static String requireVersion(String version) {
        if (version == null || version.isEmpty()) {
            throw LambdaApiException.invalidParameter("FunctionVersion is required");
        }
        return version;
    }

    /** Lambda's CodeSha256 form (base64 of a SHA-256) of what names the code. */
    static String sha256(FunctionCode code) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(code.ref().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
