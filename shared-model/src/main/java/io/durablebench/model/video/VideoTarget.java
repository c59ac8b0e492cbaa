package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.util.Set;

/**
 * How the output is encoded (H.264 Baseline in MP4, by JCodec). Every field is optional; an
 * absent field takes the source's value or the default named below.
 *
 * @param width       output width in pixels, even, {@value #MIN_SIZE}..{@value #MAX_WIDTH}; given
 *                    together with height or not at all; default: the source's
 * @param height      output height in pixels, even, {@value #MIN_SIZE}..{@value #MAX_HEIGHT}; default: the source's
 * @param qp          H.264 quantizer {@value #MIN_QP}..{@value #MAX_QP}, lower is better quality
 *                    and more bytes; default {@value #DEFAULT_QP}
 * @param keyInterval a keyframe every this many frames within a chunk, 1..{@value #MAX_KEY_INTERVAL}
 *                    (each chunk starts with one anyway); default: one per second of the source
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoTarget(Integer width, Integer height, Integer qp, Integer keyInterval) {
    public static final int MIN_SIZE = 16;
    public static final int MAX_WIDTH = 1920;
    public static final int MAX_HEIGHT = 1080;
    public static final int MIN_QP = 0;
    public static final int MAX_QP = 51;
    public static final int DEFAULT_QP = 26;
    public static final int MAX_KEY_INTERVAL = 10_000;
    /** Everything from the source and the defaults. */
    public static final VideoTarget SOURCE = new VideoTarget(null, null, null, null);
    private static final Set<String> FIELDS = Set.of("width", "height", "qp", "keyInterval");

    static VideoTarget fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        Integer width = evenSize(f, "width", MAX_WIDTH);
        Integer height = evenSize(f, "height", MAX_HEIGHT);
        if ((width == null) != (height == null)) {
            String missing = width == null ? "width" : "height";
            throw new InvalidInputException(f.pathOf(missing), "give width and height together, or neither");
        }
        Integer qp = f.optionalLong("qp", MIN_QP, MAX_QP).map(Long::intValue).orElse(null);
        Integer keyInterval = f.optionalLong("keyInterval", 1, MAX_KEY_INTERVAL).map(Long::intValue).orElse(null);
        return new VideoTarget(width, height, qp, keyInterval);
    }

    private static Integer evenSize(JsonFields f, String field, int max) {
        Integer v = f.optionalLong(field, MIN_SIZE, max).map(Long::intValue).orElse(null);
        if (v != null && v % 2 != 0) {
            throw new InvalidInputException(f.pathOf(field), "must be even (4:2:0 video), got " + v);
        }
        return v;
    }
}
