package io.ttgateway.lead;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ttgateway.common.AttachmentView;
import io.ttgateway.common.JsonText;
import io.ttgateway.webhook.payload.Attachment;
import io.ttgateway.webhook.payload.Attachments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A lead's request details and attachments as the lead row keeps them (V18): JSON arrays in the columns
 * {@code details} and {@code attachments}, in Thumbtack's order, {@code []} when there are none. Written
 * and read with Jackson's streaming API: one pair is written for every lead stored, and no reflection is
 * needed in the native image.
 */
record LeadParts(List<LeadView.Detail> details, List<AttachmentView> attachments) {

    private static final JsonFactory JSON = new JsonFactory();

    LeadParts {
        details = List.copyOf(details);
        attachments = List.copyOf(attachments);
    }

    /** A lead's parts as its webhook delivered them (attachments may be null: none). */
    static LeadParts delivered(List<LeadView.Detail> details, List<Attachment> attachments) {
        return new LeadParts(details, Attachments.toEntities(attachments, (position, file) -> AttachmentView.of(file)));
    }

    /** Sets the lead's two columns to these parts, as the batch statement stores them. */
    void storeIn(Lead lead) {
        lead.details = detailsJson();
        lead.attachments = attachmentsJson();
    }

    /** The details column's text. */
    String detailsJson() {
        return JsonText.write(256, json -> {
            json.writeStartArray();
            for (LeadView.Detail detail : details) {
                json.writeStartObject();
                json.writeStringField("question", detail.question());
                json.writeStringField("answer", detail.answer());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** The attachments column's text. */
    String attachmentsJson() {
        return JsonText.write(256, json -> {
            json.writeStartArray();
            for (AttachmentView file : attachments) {
                json.writeStartObject();
                json.writeStringField("fileName", file.fileName());
                json.writeNumberField("fileSize", file.fileSize());
                json.writeStringField("mimeType", file.mimeType());
                json.writeStringField("url", file.url());
                json.writeStringField("description", file.description());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /**
     * The parts of a lead stored since V18, from its two columns' text (as PostgreSQL gives jsonb back; a
     * null column as none).
     */
    static LeadParts read(String detailsJson, String attachmentsJson) {
        List<LeadView.Detail> details = new ArrayList<>();
        for (Fields f : objects(detailsJson)) {
            details.add(new LeadView.Detail(f.text("question"), f.text("answer")));
        }
        List<AttachmentView> attachments = new ArrayList<>();
        for (Fields f : objects(attachmentsJson)) {
            attachments.add(new AttachmentView(f.text("fileName"), f.number("fileSize"), f.text("mimeType"),
                    f.text("url"), f.text("description")));
        }
        return new LeadParts(details, attachments);
    }

    /** The scalar fields of one object of an array, by name (null values kept as null). */
    private record Fields(List<String> names, List<Object> values) {

        String text(String name) {
            Object value = get(name);
            return value == null ? null : value.toString();
        }

        long number(String name) {
            if (get(name) instanceof Long n) {
                return n;
            }
            throw new IllegalStateException("no number " + name + " in a lead's parts");
        }

        private Object get(String name) {
            int i = names.indexOf(name);
            return i < 0 ? null : values.get(i);
        }
    }

    /** The objects of a JSON array of flat objects, as this class writes them; none for null. */
    private static List<Fields> objects(String array) {
        List<Fields> objects = new ArrayList<>();
        if (array == null) {
            return objects;
        }
        try (JsonParser json = JSON.createParser(array)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            JsonToken next;
            while ((next = json.nextToken()) != JsonToken.END_ARRAY) {
                expect(next, JsonToken.START_OBJECT);
                List<String> names = new ArrayList<>(5);
                List<Object> values = new ArrayList<>(5);
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    names.add(json.currentName());
                    JsonToken value = json.nextToken();
                    values.add(switch (value) {
                        case VALUE_STRING -> json.getText();
                        case VALUE_NUMBER_INT -> json.getLongValue();
                        case VALUE_NULL -> null;
                        default -> throw new IllegalStateException("unexpected " + value + " in a lead's parts");
                    });
                }
                objects.add(new Fields(names, values));
            }
            expect(json.nextToken(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static void expect(JsonToken found, JsonToken expected) {
        if (found != expected) {
            throw new IllegalStateException("expected " + expected + " in a lead's parts, found " + found);
        }
    }
}
