package io.durablebench.local.template;

/**
 * A CloudFormation intrinsic function as written in the template, e.g. {@code !Ref CounterTable}
 * becomes {@code Intrinsic("Ref", "CounterTable")}; {@code !GetAtt A.Arn} becomes
 * {@code Intrinsic("Fn::GetAtt", "A.Arn")}.
 */
public record Intrinsic(String function, Object argument) {
}
