package io.durablebench.conformance.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cases this project declines, read from {@code conformance/DECLINED.md}: every table row of the
 * form {@code | <case id> | <backend or "all"> | <reason> | <waived expectations> |}.
 *
 * <p>Without waived expectations the whole case is declined: it still runs, and is reported as
 * skipped with its reason. With them, only those expectations are declined: the case is checked
 * against the rest of the vector, is reported as skipped when everything else matches, and fails
 * when anything else does not (so a decline never hides an unrelated regression). Waivers, separated
 * by {@code ;}:
 * <ul>
 *   <li>{@code event N: A.B.C} - field {@code A.B.C} of expected event N is not checked;</li>
 *   <li>{@code no event N} - expected event N is not recorded by the backend: it is not checked, and
 *       the expected events after it are looked for one EventId earlier.</li>
 * </ul>
 * Event numbers are those of the vector file.
 */
public final class Declined {
    private static final Pattern FIELD = Pattern.compile("^event (\\d+): ([A-Za-z][A-Za-z0-9.]*)$");
    private static final Pattern NO_EVENT = Pattern.compile("^no event (\\d+)$");

    private final Map<String, Entry> entries;

    /** Why a case is declined and, if only in part, which expectations. */
    public record Entry(String reason, List<String> waivers) {
        public boolean whole() {
            return waivers.isEmpty();
        }

        /** {@code c} without the waived expectations. */
        public ConformanceCase apply(ConformanceCase c) {
            List<JsonNode> events = new ArrayList<>();
            c.expectedHistory().forEach(e -> events.add(e.deepCopy()));
            List<Integer> missing = new ArrayList<>();
            for (String w : waivers) {
                Matcher field = FIELD.matcher(w);
                Matcher none = NO_EVENT.matcher(w);
                if (field.matches()) {
                    int id = Integer.parseInt(field.group(1));
                    ObjectNode event = (ObjectNode) events.stream().filter(e -> e.get("EventId").asInt() == id)
                            .findFirst().orElseThrow(() -> new IllegalArgumentException(c + ": waiver '" + w
                                    + "' names an event the vector does not expect"));
                    String[] path = field.group(2).split("\\.");
                    JsonNode parent = event;
                    for (int i = 0; i < path.length - 1; i++) {
                        parent = parent.get(path[i]);
                    }
                    if (!(parent instanceof ObjectNode o) || o.remove(path[path.length - 1]) == null) {
                        throw new IllegalArgumentException(c + ": waiver '" + w + "' names a field the vector does not give");
                    }
                } else if (none.matches()) {
                    missing.add(Integer.parseInt(none.group(1)));
                }
            }
            missing.sort(Comparator.reverseOrder());
            for (int id : missing) {
                if (!events.removeIf(e -> e.get("EventId").asInt() == id)) {
                    throw new IllegalArgumentException(c + ": waiver 'no event " + id + "' names an event the vector "
                            + "does not expect");
                }
                for (JsonNode e : events) {
                    int n = e.get("EventId").asInt();
                    if (n > id) {
                        ((ObjectNode) e).set("EventId", IntNode.valueOf(n - 1));
                    }
                }
            }
            return new ConformanceCase(c.id(), c.suite(), c.file(), c.description(), c.optional(), c.startOnly(),
                    c.input(), c.expectedResult(), List.copyOf(events), c.expectedLogs(), c.variables());
        }
    }

    private Declined(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Rows of {@code file}; each needs a reason, and waivers in the forms above. */
    public static Declined read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the declined-case list " + file, e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("|")) {
                continue;
            }
            String[] cells = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length()).split("\\|", -1);
            if (cells.length < 3 || !cells[0].trim().matches("\\d+-\\d+")) {
                continue; // header, separator, or another table
            }
            String id = cells[0].trim();
            String backend = cells[1].trim();
            String reason = cells[2].trim();
            if (reason.isEmpty()) {
                throw new IllegalArgumentException(file + ": case " + id + " is declined without a reason");
            }
            List<String> waivers = new ArrayList<>();
            if (cells.length > 3) {
                for (String w : String.join("|", Arrays.copyOfRange(cells, 3, cells.length)).split(";")) {
                    String waiver = w.trim().replace("`", "");
                    if (waiver.isEmpty()) {
                        continue;
                    }
                    if (!FIELD.matcher(waiver).matches() && !NO_EVENT.matcher(waiver).matches()) {
                        throw new IllegalArgumentException(file + ": case " + id + ": '" + waiver + "' is not a waiver "
                                + "('event N: Field.Path' or 'no event N')");
                    }
                    waivers.add(waiver);
                }
            }
            if (entries.put(id + "@" + backend, new Entry(reason, List.copyOf(waivers))) != null) {
                throw new IllegalArgumentException(file + ": case " + id + " is listed twice for " + backend);
            }
        }
        return new Declined(entries);
    }

    /** The entry declining {@code caseId} on {@code backend}, or null if it is not declined there. */
    public Entry entry(String caseId, String backend) {
        Entry e = entries.get(caseId + "@" + backend);
        return e != null ? e : entries.get(caseId + "@all");
    }

    public int size() {
        return entries.size();
    }
}
