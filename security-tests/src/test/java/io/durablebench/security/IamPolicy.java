package io.durablebench.security;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A function's IAM permissions as template.yaml gives them: inline policy documents, SAM policy
 * templates and AWS managed policies, each expanded to Allow/Deny statements with the template's
 * intrinsics resolved the way the local services name things ({@link LocalResources}). Evaluation
 * is IAM's for identity policies without conditions: an explicit Deny wins, else any Allow that
 * matches action and resource (with {@code *} and {@code ?} wildcards) allows.
 *
 * <p>Expansions of the SAM policy templates and the managed policy are taken from AWS's published
 * definitions (SAM's policy_templates.json; the AWS managed policy reference).
 */
final class IamPolicy {
    record Statement(boolean allow, List<String> actions, List<String> resources, String source) {
        boolean matchesAction(String action) {
            return actions.stream().anyMatch(a -> glob(a, true).matcher(action).matches());
        }

        boolean matches(String action, String resource) {
            return matchesAction(action) && resources.stream().anyMatch(r -> glob(r, false).matcher(resource).matches());
        }
    }

    private final List<Statement> statements;

    private IamPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    List<Statement> statements() {
        return statements;
    }

    boolean allows(String action, String resource) {
        boolean denied = statements.stream().anyMatch(s -> !s.allow() && s.matches(action, resource));
        return !denied && statements.stream().anyMatch(s -> s.allow() && s.matches(action, resource));
    }

    /** The function's deployed name: its FunctionName property, else (as !GetAtt resolves locally) its logical id. */
    static String deployedName(SamTemplate template, LocalResources resources, String logicalId) {
        Object name = template.function(logicalId).properties().get("FunctionName");
        return name == null ? logicalId : resources.resolve(name);
    }

    static IamPolicy of(SamTemplate template, LocalResources resources, String logicalId) {
        FunctionDefinition f = template.function(logicalId);
        List<Statement> out = new ArrayList<>();
        // SAM gives every function's role AWSLambdaBasicExecutionRole (logs only) whatever Policies says.
        out.add(new Statement(true, List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                List.of("*"), "AWSLambdaBasicExecutionRole (added by SAM)"));
        for (Object p : f.policies()) {
            if (p instanceof String managed) {
                out.addAll(managed(managed));
            } else if (p instanceof Map<?, ?> m && m.containsKey("Statement")) {
                for (Object s : (List<?>) m.get("Statement")) {
                    Map<?, ?> st = (Map<?, ?>) s;
                    if (st.containsKey("Condition") || st.containsKey("NotAction") || st.containsKey("NotResource")) {
                        throw new IllegalStateException(logicalId + ": statement form not modelled here: " + st.keySet());
                    }
                    out.add(new Statement("Allow".equals(st.get("Effect")), strings(st.get("Action"), resources),
                            strings(st.get("Resource"), resources), "inline"));
                }
            } else if (p instanceof Map<?, ?> m && m.size() == 1) {
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                out.addAll(samTemplate(String.valueOf(e.getKey()), (Map<?, ?>) e.getValue(), resources));
            } else {
                throw new IllegalStateException(logicalId + ": policy not understood: " + p);
            }
        }
        return new IamPolicy(out);
    }

    private static List<Statement> managed(String name) {
        return switch (name) {
            case "AWSLambdaBasicDurableExecutionRolePolicy" -> List.of(new Statement(true, List.of("logs:CreateLogGroup",
                    "logs:CreateLogStream", "logs:PutLogEvents", "lambda:CheckpointDurableExecution",
                    "lambda:GetDurableExecutionState"), List.of("*"), name));
            case "AWSLambdaBasicExecutionRole" -> List.of(new Statement(true, List.of("logs:CreateLogGroup",
                    "logs:CreateLogStream", "logs:PutLogEvents"), List.of("*"), name));
            default -> throw new IllegalStateException("managed policy " + name + " not modelled; add its document");
        };
    }

    /** SAM policy templates in use or likely to be: their action lists and resources. */
    private static List<Statement> samTemplate(String name, Map<?, ?> params, LocalResources resources) {
        String prefix = "arn:aws:dynamodb:" + "us-east-1" + ":" + LocalResources.ACCOUNT_ID + ":table/";
        return switch (name) {
            case "DynamoDBCrudPolicy" -> {
                String t = resources.resolve(params.get("TableName"));
                yield List.of(new Statement(true, List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                        "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                        "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
                        List.of(prefix + t, prefix + t + "/index/*"), name));
            }
            case "DynamoDBReadPolicy" -> {
                String t = resources.resolve(params.get("TableName"));
                yield List.of(new Statement(true, List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
                        "dynamodb:BatchGetItem", "dynamodb:DescribeTable"), List.of(prefix + t, prefix + t + "/index/*"), name));
            }
            case "DynamoDBWritePolicy" -> {
                String t = resources.resolve(params.get("TableName"));
                yield List.of(new Statement(true, List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:BatchWriteItem"), List.of(prefix + t, prefix + t + "/index/*"), name));
            }
            case "S3ReadPolicy" -> {
                String b = resources.resolve(params.get("BucketName"));
                yield List.of(new Statement(true, List.of("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                        "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"),
                        List.of("arn:aws:s3:::" + b, "arn:aws:s3:::" + b + "/*"), name));
            }
            case "S3CrudPolicy" -> {
                String b = resources.resolve(params.get("BucketName"));
                yield List.of(new Statement(true, List.of("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                        "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
                        "s3:PutLifecycleConfiguration", "s3:DeleteObject"),
                        List.of("arn:aws:s3:::" + b, "arn:aws:s3:::" + b + "/*"), name));
            }
            case "LambdaInvokePolicy" -> {
                String fn = resources.resolve(params.get("FunctionName"));
                String arn = "arn:aws:lambda:us-east-1:" + LocalResources.ACCOUNT_ID + ":function:" + fn;
                yield List.of(new Statement(true, List.of("lambda:InvokeFunction"), List.of(arn + "*"), name));
            }
            default -> throw new IllegalStateException("SAM policy template " + name + " not modelled; add its expansion");
        };
    }

    private static List<String> strings(Object value, LocalResources resources) {
        if (value instanceof List<?> l) {
            return l.stream().map(resources::resolve).toList();
        }
        return List.of(resources.resolve(value));
    }

    /** IAM's wildcards: * any run of characters, ? one; actions compare ignoring case. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder b = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return ignoreCase ? Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE) : Pattern.compile(b.toString());
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
