package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.common.ApiError.FieldError;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.webhook.payload.V4Delivery;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookParserTest {

    @Inject
    WebhookParser parser;

    @Test
    void aV4DeliveryKeepsItsDataAsTheReceivedTreesOwnNode() {
        ObjectNode body = V4Deliveries.negotiation("286845156044809661", Fixtures.newId());

        Parsed<V4Delivery> parsed = parser.parseV4(body.toString());

        assertThat(parsed.payload().data()).isSameAs(parsed.raw().get("data")).isEqualTo(body.get("data"));
        assertThat(parsed.payload().event().eventType()).isEqualTo("NegotiationCreatedV4");
        assertThat(parsed.payload().namedBusiness()).isEqualTo("286845156044809661");
        assertThat(parsed.rawJson()).isEqualTo(body.toString());
    }

    @Test
    void aV4DeliveryWithoutEventOrDataNamesBothFieldsInOrder() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parseV4("{}"));

        assertThat(refused.getMessage()).isEqualTo("invalid v4 delivery");
        assertThat(refused.details()).extracting(FieldError::field).containsExactly("data", "event");
    }
}
