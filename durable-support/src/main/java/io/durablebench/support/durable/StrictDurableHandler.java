package io.durablebench.support.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.serde.JacksonSerDes;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import java.util.Map;

/**
 * Base of the project's durable functions: one convention for input. The execution's input reaches
 * the handler as the caller sent it ({@link RawJson}) and is read with the strict reader (duplicate
 * keys, trailing content, over-deep nesting are refused; the runtime's default binding would keep
 * the last of two equal keys). Refused input, whether found while decoding or later, FAILS the
 * execution with error type {@code InvalidInput} naming the field ({@link InvalidInputFailure})
 * before the refusal changes anything.
 */
public abstract class StrictDurableHandler<O> extends DurableHandler<RawJson, O> {

    protected StrictDurableHandler(Map<String, String> environment) {
        super(environment, TypeToken.of(RawJson.class));
    }

    @Override
    protected DurableConfig createConfiguration() {
        return DurableConfig.builder().lambdaClient(DurableConfig.lambdaClient(environment()))
                .serDes(new RawJsonSerDes(new JacksonSerDes())).build();
    }

    /**
     * The workflow, on the strictly read input. Throw {@link InvalidInputException} (or
     * {@link InvalidInputFailure} for a refusal found later, such as a source that failed validation)
     * to refuse the input.
     */
    protected abstract O handle(JsonNode input, DurableContext context);

    @Override
    public final O handleRequest(RawJson input, DurableContext context) {
        try {
            return handle(StrictJson.parse(input.text()), context);
        } catch (InvalidInputException refused) {
            throw InvalidInputFailure.of(refused);
        }
    }
}
