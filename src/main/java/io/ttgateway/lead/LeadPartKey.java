package io.ttgateway.lead;

import java.io.Serializable;
import java.util.Objects;

/** The key of a lead's request detail or attachment: its lead and its place in the lead's list. */
public class LeadPartKey implements Serializable {

    public String leadId;
    public int position;

    public LeadPartKey() {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeadPartKey key && position == key.position && Objects.equals(leadId, key.leadId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leadId, position);
    }
}
