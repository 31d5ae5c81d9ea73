package io.ttgateway.thumbtackv4;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.Optional;

/** The job statuses v4 takes for a negotiation, by their wire names. */
public enum V4JobStatus {
    NOT_SCHEDULED("not_scheduled"),
    APPT_SCHEDULED("appt_scheduled"),
    JOB_COMPLETE("job_complete"),
    INVOICE_PAID("invoice_paid"),
    CUSTOMER_CANCEL("customer_cancel"),
    PRO_CANCEL("pro_cancel");

    private final String wireName;

    V4JobStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<V4JobStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(value)).findFirst();
    }

    /** The request body: {"status": "appt_scheduled"}. */
    @RegisterForReflection
    record Body(String status) {
    }
}
