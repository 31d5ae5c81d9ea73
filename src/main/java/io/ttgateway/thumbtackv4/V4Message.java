package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A message as the v4 API stores it; the answer to a send names the messageID its echo will carry. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Message(String messageID, String negotiationID, String from, String text, String sentAt) {

    @Override
    public String toString() {
        return "V4Message[messageID=" + messageID + ", negotiationID=" + negotiationID + ", from=" + from + "]";
    }
}
