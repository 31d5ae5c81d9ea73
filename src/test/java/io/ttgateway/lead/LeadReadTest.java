package io.ttgateway.lead;

import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadReadTest {

    @Inject
    Db db;

    private static List<String> postLeads(String businessId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String leadId = Fixtures.newId();
            thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);
            ids.add(leadId);
        }
        return ids;
    }

    @Test
    void pagesNewestFirstWithAnOpaqueCursorAndNoRepeatsWhileLeadsKeepArriving() {
        String businessId = Fixtures.newId();
        List<String> posted = postLeads(businessId, 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = partner().queryParam("businessId", businessId).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.leadId"));
            cursor = page.getString("nextCursor");
            if (pages == 0) {
                // a concurrent writer: new leads must not shift later pages
                postLeads(businessId, 2);
            }
            pages++;
        } while (cursor != null && pages < 10);

        List<String> newestFirst = new ArrayList<>(posted);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void showsOneLeadWithRequestCustomerAndMessagesInTimeOrderIncludingEarlyOnes() {
        String leadId = Fixtures.newId();
        String businessId = Fixtures.newId();
        var early = Fixtures.message(leadId, Fixtures.newId());
        ((com.fasterxml.jackson.databind.node.ObjectNode) early.get("message")).put("createTimestamp", "1498760300");
        thumbtack().body(early.toString()).post("/v1/message").then().statusCode(202);
        thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);
        var later = Fixtures.message(leadId, Fixtures.newId());
        ((com.fasterxml.jackson.databind.node.ObjectNode) later.get("message")).put("createTimestamp", "1498760400");
        ((com.fasterxml.jackson.databind.node.ObjectNode) later.get("message")).put("text", "Are you free Monday?");
        thumbtack().body(later.toString()).post("/v1/message").then().statusCode(200);

        partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("leadId", equalTo(leadId))
                .body("request.location.zipCode", equalTo("94301"))
                .body("request.details", hasSize(2))
                .body("request.details[1].answer", equalTo("4 rooms"))
                .body("request.attachments[0].fileName", equalTo("door.jpg"))
                .body("customer.name", equalTo("John Davis"))
                .body("business.businessId", equalTo(businessId))
                .body("leadType", equalTo("INSTANT_BOOK"))
                .body("messages", hasSize(2))
                .body("messages[0].direction", equalTo("in"))
                .body("messages[0].text", equalTo("Do you offer fridge cleaning or is that extra?"))
                .body("messages[0].attachments[0].fileName", equalTo("fridge.jpg"))
                .body("messages[1].text", equalTo("Are you free Monday?"));
    }

    @Test
    void severalAttachmentsKeepThumbtacksOrder() {
        String leadId = Fixtures.newId();
        com.fasterxml.jackson.databind.node.ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId());
        com.fasterxml.jackson.databind.node.ArrayNode files =
                (com.fasterxml.jackson.databind.node.ArrayNode) lead.get("request").get("attachments");
        for (String name : List.of("kitchen.jpg", "plan.pdf")) {
            files.add(((com.fasterxml.jackson.databind.node.ObjectNode) files.get(0).deepCopy()).put("fileName", name));
        }
        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200);

        // each has its own place in the lead's key (lead_id, position): the same place twice would be refused
        partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("request.attachments.fileName", org.hamcrest.Matchers.contains("door.jpg", "kitchen.jpg", "plan.pdf"));
    }

    @Test
    void listItemsCarryNoConversation() {
        String businessId = Fixtures.newId();
        postLeads(businessId, 1);
        partner().queryParam("businessId", businessId).get("/api/v1/leads").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].messages", nullValue()).body("nextCursor", nullValue());
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        partner().get("/api/v1/leads/" + Fixtures.newId()).then().statusCode(404).body("error", org.hamcrest.Matchers.notNullValue());
        partner().queryParam("limit", 0).get("/api/v1/leads").then().statusCode(400).body("details[0].field", equalTo("limit"));
        partner().queryParam("limit", 1000).get("/api/v1/leads").then().statusCode(400).body("details[0].field", equalTo("limit"));
        partner().queryParam("cursor", "not-a-cursor").get("/api/v1/leads").then().statusCode(400)
                .body("details[0].field", equalTo("cursor"));
    }

    @Test
    void needsThePartnerUser() {
        given().get("/api/v1/leads").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Basic"));
        thumbtack().get("/api/v1/leads").then().statusCode(403);
    }

    @Test
    void concurrentPostsDuringPagingNeverRepeatARow() throws Exception {
        String businessId = Fixtures.newId();
        List<String> posted = postLeads(businessId, 6);
        CompletableFuture<List<String>> writer = CompletableFuture.supplyAsync(() -> postLeads(businessId, 6));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = partner().queryParam("businessId", businessId).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.leadId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> added = writer.get();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(posted);
        List<String> expectedOrder = new ArrayList<>(posted);
        expectedOrder.addAll(added);
        // whatever subset of the new leads was seen, everything is newest first
        List<String> sortedByArrival = seen.stream().sorted(java.util.Comparator.comparingInt(expectedOrder::indexOf).reversed()).toList();
        assertThat(seen).containsExactlyElementsOf(sortedByArrival);
    }

    /**
     * A lead stored before V18 has its details and attachments as rows of lead_detail and lead_attachment
     * and none in its own row: a page holding it beside a lead stored now shows both leads' parts, in
     * Thumbtack's order, and so does the single-lead read.
     */
    @Test
    void leadsStoredBeforeTheirPartsMovedIntoTheRowShowThemBesideNewOnes() {
        String businessId = Fixtures.newId();
        String older = Fixtures.newId();
        db.rows("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw, received_at)"
                + " values ($1, 'R1', 'Painting', 'Painting', 'C1', $2, '{}', now() - interval '1 hour')",
                older, businessId);
        db.rows("insert into lead_detail (lead_id, position, question, answer) values"
                + " ($1, 1, 'Number of rooms', '4 rooms'), ($1, 0, 'Type of property', 'Home')", older);
        db.rows("insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url, description)"
                + " values ($1, 0, 'door.jpg', 1139, 'image/jpeg', 'https://example.test/door.jpg', null)", older);
        String newer = postLeads(businessId, 1).get(0);

        JsonPath page = partner().queryParam("businessId", businessId).get("/api/v1/leads").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items.leadId")).containsExactly(newer, older);
        assertThat(page.getList("items[1].request.details.question"))
                .containsExactly("Type of property", "Number of rooms");
        assertThat(page.getList("items[1].request.attachments.fileName")).containsExactly("door.jpg");
        assertThat(page.getLong("items[1].request.attachments[0].fileSize")).isEqualTo(1139L);
        assertThat(page.getList("items[0].request.details.answer")).hasSize(2).doesNotContainNull();
        assertThat(page.getList("items[0].request.attachments.fileName")).containsExactly("door.jpg");

        partner().get("/api/v1/leads/" + older).then().statusCode(200)
                .body("request.details.answer", org.hamcrest.Matchers.contains("Home", "4 rooms"))
                .body("request.attachments[0].mimeType", equalTo("image/jpeg"))
                .body("request.attachments[0].description", nullValue());
    }
}
