package io.durablebench.local.template;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM template into plain maps and lists. The short-form intrinsic tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) and their long forms ({@code {Ref: X}},
 * {@code {"Fn::GetAtt": [...]}}) both become {@link Intrinsic} values.
 */
public final class CfnYaml {
    private CfnYaml() {
    }

    public static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new CfnConstructor()).load(reader);
            if (!(doc instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a template (top level is not a mapping)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) normalize(doc);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read template " + file, e);
        }
    }

    /** Turns long-form intrinsics ({@code {Ref: X}}, {@code {Fn::Sub: ...}}) into {@link Intrinsic}s. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return new Intrinsic(key, normalize(map.values().iterator().next()));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CfnYaml::normalize).toList();
        }
        if (value instanceof Intrinsic i) {
            return new Intrinsic(i.function(), normalize(i.argument()));
        }
        return value;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new IntrinsicConstruct());
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new IllegalArgumentException("unsupported YAML tag " + tag);
                }
                String name = tag.substring(1);
                String function = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = scalar.getValue();
                } else if (node instanceof SequenceNode seq) {
                    argument = constructSequence(seq);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return new Intrinsic(function, argument);
            }
        }
    }
}
