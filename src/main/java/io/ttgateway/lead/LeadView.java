package io.ttgateway.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ttgateway.common.AttachmentView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lead as the partner API shows it. messages is filled on the single-lead read only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Lead", description = "A lead; messages only on the single-lead read.")
public record LeadView(
        String leadId,
        Instant createdAt,
        Instant receivedAt,
        Instant updatedAt,
        Request request,
        Customer customer,
        Business business,
        String price,
        String leadType,
        String leadPrice,
        String chargeState,
        String apiVersion,
        String status,
        List<ConversationEntry> messages) {

    @Schema(name = "LeadRequest")
    public record Request(String requestId, String category, String categoryId, String title, String description,
            String schedule, Location location, String travelPreferences, List<Detail> details,
            List<AttachmentView> attachments) {}

    @Schema(name = "LeadLocation")
    public record Location(String address1, String address2, String city, String state, String zipCode) {}

    @Schema(name = "LeadRequestDetail")
    public record Detail(String question, String answer) {}

    @Schema(name = "LeadCustomer")
    public record Customer(String customerId, String name, String phone) {}

    @Schema(name = "LeadBusiness")
    public record Business(String businessId, String name) {}

    static LeadView of(Lead lead, List<Detail> details, List<AttachmentView> attachments,
            List<ConversationEntry> messages) {
        return new LeadView(lead.leadId, lead.createdAt, lead.receivedAt, lead.updatedAt,
                new Request(lead.requestId, lead.category, lead.categoryId, lead.title, lead.description,
                        lead.schedule,
                        new Location(lead.address1, lead.address2, lead.city, lead.state, lead.zipCode),
                        lead.travelPreferences, details, attachments),
                new Customer(lead.customerId, lead.customerName, lead.customerPhone),
                new Business(lead.businessId, lead.businessName),
                lead.price, lead.leadType, lead.leadPrice, lead.chargeState,
                lead.apiVersion == null ? "legacy" : lead.apiVersion.wireName(), lead.status, messages);
    }
}
