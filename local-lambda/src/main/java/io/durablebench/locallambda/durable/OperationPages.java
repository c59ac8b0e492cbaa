package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.util.List;

/**
 * Pages of operations as the invocation event, the checkpoint response and GetDurableExecutionState
 * carry them: at most a number of items and a byte budget per page, at least one operation.
 */
final class OperationPages {
    private final int pageBytes;

    OperationPages(int pageBytes) {
        this.pageBytes = pageBytes;
    }

    /** One page and the index of the first operation left out (-1 when the page reaches the end). */
    record Page(ArrayNode operations, int nextIndex) {
        boolean more() {
            return nextIndex >= 0;
        }
    }

    /** At most {@code maxItems} operations from {@code from}, within the byte budget (at least one). */
    Page page(List<Operation> ops, int from, int maxItems, WireJson.Timestamps ts) {
        ArrayNode out = Json.NODES.arrayNode();
        long bytes = 0;
        int i = from;
        for (; i < ops.size(); i++) {
            if (out.size() >= maxItems) {
                break;
            }
            ObjectNode n = WireJson.operation(ops.get(i), ts);
            int size = Json.bytes(n).length;
            if (out.size() > 0 && bytes + size > pageBytes) {
                break;
            }
            out.add(n);
            bytes += size;
        }
        return new Page(out, i < ops.size() ? i : -1);
    }
}
