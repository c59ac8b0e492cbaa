package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The aws target's reading of a stack: a CloudFormation Query API DescribeStacks answer laid out as
 * AWS documents it (DescribeStacksResponse / DescribeStacksResult / Stacks / member, with Outputs,
 * Parameters, Tags and Capabilities lists of {@code member}s), recorded for a stack deployed from
 * this template ({@code describe-stacks-durable-bench.xml}), and the template's Outputs deciding which
 * output names which function.
 */
class StackOutputsTest {
    static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate(Path.of("")));
    static final String ACCOUNT = "arn:aws:lambda:eu-west-1:123456789012:function:";

    @Test
    void parsesEveryOutputKeyAndValueOfTheStack() throws IOException {
        Map<String, String> outputs = StackOutputs.parse(resource("describe-stacks-durable-bench.xml"));
        assertThat(outputs).hasSize(11)
                .containsEntry("CounterDurableFunctionAlias", ACCOUNT + "durable-bench-counter-durable:live")
                .containsEntry("CounterBaselineFunctionArn", ACCOUNT + "durable-bench-CounterBaselineFunction-Xk2pQ9vLmT3a")
                .containsEntry("VideoBucketName", "durable-bench-videobucket-1q2w3e4r5t6y")
                .containsEntry("VideoJobTableName", "durable-bench-VideoJobTable-3C9X6V1M0P4Q2");
        // the stack's other lists carry member elements too; none of them is taken for an output
        assertThat(outputs.keySet()).doesNotContain("CAPABILITY_IAM", "");
    }

    @Test
    void namesEveryWorkloadsFunctionByTheOutputTheTemplateWritesForIt() throws IOException {
        StackOutputs stack = new StackOutputs("durable-bench", TEMPLATE,
                StackOutputs.parse(resource("describe-stacks-durable-bench.xml")));
        // durable functions by their alias ARN (Lambda refuses unqualified durable invokes), others by function ARN
        assertThat(stack.of("CounterDurableFunction")).isEqualTo(ACCOUNT + "durable-bench-counter-durable:live");
        assertThat(stack.of("CounterEntityFunction")).isEqualTo(ACCOUNT + "durable-bench-counter-entity:live");
        assertThat(stack.of("VideoDurableFunction")).isEqualTo(ACCOUNT + "durable-bench-video-durable:live");
        assertThat(stack.of("CounterBaselineFunction"))
                .isEqualTo(ACCOUNT + "durable-bench-CounterBaselineFunction-Xk2pQ9vLmT3a");
        assertThat(stack.of("VideoBaselinePaperFunction"))
                .isEqualTo(ACCOUNT + "durable-bench-VideoBaselinePaperFunc-9dKe3MvB7xNp");
        for (Workload w : Workload.all()) {
            if (w.billed()) {
                for (String v : w.variants()) {
                    assertThat(stack.of(w.function(v))).as(w.name() + " " + v).startsWith(ACCOUNT + "durable-bench-");
                }
            }
        }
        assertThat(stack.bucket("VideoBucket")).contains("durable-bench-videobucket-1q2w3e4r5t6y");
    }

    @Test
    void aStackWithoutOutputsOrAnErrorAnswerIsReportedByName() {
        byte[] rolledBack = ("<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<DescribeStacksResult><Stacks><member><StackName>durable-bench</StackName>"
                + "<StackStatus>ROLLBACK_COMPLETE</StackStatus><Parameters/><Tags/></member></Stacks>"
                + "</DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                + "</DescribeStacksResponse>").getBytes(StandardCharsets.UTF_8);
        Map<String, String> none = StackOutputs.parse(rolledBack);
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> new StackOutputs("durable-bench", TEMPLATE, none).of("VideoDurableFunction"))
                .hasMessageContaining("durable-bench").hasMessageContaining("VideoDurableFunctionAlias");
        assertThatThrownBy(() -> StackOutputs.parse(resource("describe-stacks-error.xml")))
                .hasMessageContaining("ErrorResponse");
        assertThatThrownBy(() -> StackOutputs.parse("<not xml".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unreadable DescribeStacks answer");
        byte[] withDoctype = ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><DescribeStacksResponse>&e;"
                + "</DescribeStacksResponse>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StackOutputs.parse(withDoctype)).hasMessageContaining("unreadable");
    }

    @Test
    void aFunctionTheTemplateDoesNotHaveIsRefused() throws IOException {
        StackOutputs stack = new StackOutputs("durable-bench", TEMPLATE,
                StackOutputs.parse(resource("describe-stacks-durable-bench.xml")));
        assertThatThrownBy(() -> stack.of("NoSuchFunction")).hasMessageContaining("NoSuchFunction");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = StackOutputsTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }
}
