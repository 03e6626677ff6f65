package io.kubervisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The API server's audit log, as {@link LocalControlPlane}'s audit policy records it: pods read with list and watch,
 * and the writes the operator can make. Only completed requests (stage ResponseComplete, or Panic); each call reads
 * the file again. The API server appends an event after it has answered, so a test awaits what it looks for.
 */
public final class AuditLog {

    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete");
    private static final Set<String> COMPLETED_STAGES = Set.of("ResponseComplete", "Panic");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public static AuditLog of(LocalControlPlane plane) {
        return new AuditLog(plane.auditLog());
    }

    /**
     * One completed request. {@code apiGroup} is "" for the core group; {@code subresource}, {@code namespace} and
     * {@code name} are null when the request has none; {@code code} is 0 when there is no response status (Panic).
     */
    public record Entry(String stage, String verb, String apiGroup, String resource, String subresource,
            String namespace, String name, String user, String userAgent, Instant requestReceivedTimestamp, int code) {

        public boolean isWrite() {
            return WRITE_VERBS.contains(verb);
        }
    }

    /** Every completed request logged so far, oldest first. */
    public List<Entry> entries() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException nothingAuditedYet) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // The API server may be writing the last line right now: only whole lines count.
        String completeLines = text.substring(0, text.lastIndexOf('\n') + 1);
        return completeLines.lines()
                .map(AuditLog::parse)
                .filter(entry -> COMPLETED_STAGES.contains(entry.stage()))
                .toList();
    }

    /** The creates, updates, patches and deletes by {@code user} (the client certificate's CN), oldest first. */
    public List<Entry> writesBy(String user) {
        return entries().stream().filter(entry -> user.equals(entry.user()) && entry.isWrite()).toList();
    }

    private static Entry parse(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not an audit event: " + line, e);
        }
        JsonNode object = event.path("objectRef");
        return new Entry(
                text(event, "stage"),
                text(event, "verb"),
                // The core group is logged without an apiGroup.
                object.path("apiGroup").asText(""),
                text(object, "resource"),
                text(object, "subresource"),
                text(object, "namespace"),
                text(object, "name"),
                text(event.path("user"), "username"),
                text(event, "userAgent"),
                Instant.parse(event.path("requestReceivedTimestamp").asText()),
                event.path("responseStatus").path("code").asInt(0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
