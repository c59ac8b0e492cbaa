package io.durablebench.loadtest;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The cost estimate of one run from the price table ({@code prices.properties}, with its sources and
 * date) and the functions' memory sizes in template.yaml. Each component is a measured count times a
 * unit price:
 * <ul>
 *   <li>Lambda requests: invocations (first runs, replays, chunk workers and encoders);</li>
 *   <li>Lambda duration: the run's time inside invocations (invocation_ms) x the coordinator
 *       function's memory in GB (chunk workers and encoders have the same 2048 MB in the template);</li>
 *   <li>durable operations (durable side);</li>
 *   <li>DynamoDB read and write request units, as reported consumed (baseline side);</li>
 *   <li>S3 PUT and GET requests (both sides, the same work).</li>
 * </ul>
 */
public record Prices(String date, double lambdaRequest, double lambdaGbSecond, double durableOperation,
                     double ddbWriteUnit, double ddbReadUnit, double s3Put, double s3Get, Map<String, Integer> memoryMb) {

    public static Prices load(SamTemplate template) {
        Properties p = new Properties();
        try (InputStream in = Prices.class.getResourceAsStream("/prices.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> memory = new java.util.TreeMap<>();
        for (FunctionDefinition f : template.functions().values()) {
            memory.put(f.logicalId(), f.memoryMb());
        }
        return new Prices(p.getProperty("prices.date"), d(p, "lambda.request"), d(p, "lambda.gb.second"),
                d(p, "durable.operation"), d(p, "dynamodb.write.request.unit"), d(p, "dynamodb.read.request.unit"),
                d(p, "s3.put.request"), d(p, "s3.get.request"), memory);
    }

    private static double d(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("prices.properties has no " + key);
        }
        return Double.parseDouble(v);
    }

    public double costOf(RunRecord r) {
        Workload workload = Workload.named(r.workload());
        if (!workload.billed()) {
            return 0;
        }
        // the function the run invokes first: its memory bills the run's invocation time
        String function = workload.function(r.variant());
        Integer mb = memoryMb.get(function);
        if (mb == null) {
            throw new IllegalStateException("no memory size for " + function + " (template functions: " + memoryMb.keySet() + ")");
        }
        double gb = mb / 1024.0;
        double cost = Math.max(0, r.invocations()) * lambdaRequest
                + Math.max(0, r.invocationMs()) / 1000.0 * gb * lambdaGbSecond
                + Math.max(0, r.durableOperations()) * durableOperation
                + r.wcu() * ddbWriteUnit + r.rcu() * ddbReadUnit
                + r.s3Puts() * s3Put + (r.s3Calls() - r.s3Puts()) * s3Get;
        return cost;
    }
}
