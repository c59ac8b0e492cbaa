package io.durablebench.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model depends on Jackson only: no AWS SDK and no Lambda library reach anything built on it through here. */
class PureModelTest {
    @Test
    void noAwsSdkOrLambdaLibraryIsOnTheModelsClassPath() {
        for (String name : new String[] {"software.amazon.awssdk.core.SdkPojo",
                "software.amazon.awssdk.services.s3.S3Client", "com.amazonaws.services.lambda.runtime.Context"}) {
            assertThat(loadable(name)).as(name).isFalse();
        }
        assertThat(loadable("com.fasterxml.jackson.databind.JsonNode")).as("the check itself can see a class").isTrue();
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, PureModelTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
