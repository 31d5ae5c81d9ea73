package io.ttgateway.webhook.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttgateway.common.AttachmentColumns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A payload's attachments become entities in Thumbtack's order, each given its position and every field. */
class AttachmentsTest {

    private record Entity(int index, AttachmentColumns file) {}

    @Test
    void noListIsNoEntities() {
        assertThat(Attachments.toEntities(null, Entity::new)).isEmpty();
        assertThat(Attachments.toEntities(List.of(), Entity::new)).isEmpty();
    }

    @Test
    void eachAttachmentKeepsItsPlaceAndItsFields() {
        List<Entity> entities = Attachments.toEntities(List.of(
                new Attachment("kitchen.jpg", 1024L, "image/jpeg", "https://files.test/1", "the kitchen"),
                new Attachment("plan.pdf", 0L, "application/pdf", "https://files.test/2", null)), Entity::new);

        assertThat(entities).extracting(Entity::index).containsExactly(0, 1);
        AttachmentColumns first = entities.get(0).file();
        assertThat(first.fileName).isEqualTo("kitchen.jpg");
        assertThat(first.fileSize).isEqualTo(1024L);
        assertThat(first.mimeType).isEqualTo("image/jpeg");
        assertThat(first.url).isEqualTo("https://files.test/1");
        assertThat(first.description).isEqualTo("the kitchen");
        AttachmentColumns second = entities.get(1).file();
        assertThat(second.fileName).isEqualTo("plan.pdf");
        assertThat(second.fileSize).isZero();
        assertThat(second.mimeType).isEqualTo("application/pdf");
        assertThat(second.url).isEqualTo("https://files.test/2");
        assertThat(second.description).isNull();
    }
}
