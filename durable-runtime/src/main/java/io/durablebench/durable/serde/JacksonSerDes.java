package io.durablebench.durable.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.exception.SerDesException;

/** JSON through Jackson: the default {@link SerDes}. Records and Java collections work as they are. */
public final class JacksonSerDes implements SerDes {
    private final ObjectMapper mapper;

    public JacksonSerDes() {
        this(JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    public JacksonSerDes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public String serialize(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SerDesException("could not serialize a " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T deserialize(String data, TypeToken<T> type) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            JavaType javaType = mapper.getTypeFactory().constructType(type.getType());
            return mapper.readValue(data, javaType);
        } catch (JsonProcessingException e) {
            throw new SerDesException("could not read checkpointed data as " + type + ": " + e.getOriginalMessage(), e);
        }
    }
}
