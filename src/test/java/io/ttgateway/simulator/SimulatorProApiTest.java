package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ttgateway.support.Fixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated send-message, targeting and create-lead endpoints against the reference. */
@QuarkusTest
class SimulatorProApiTest {

    private static Map<String, String> connect(String scope) {
        return Sim.connect("Test Pro " + Fixtures.newId(), scope);
    }

    private static String v2Message(String businessId, String leadId) {
        return "/simulator/pro-api/v2/business/" + businessId + "/lead/" + leadId + "/message";
    }

    @Test
    void v2MessageAnswersSuccessAndIsRecorded() {
        Map<String, String> pro = connect("messages");
        String businessId = pro.get("business_pk");
        String leadId = Fixtures.newId();

        Sim.bearer(pro.get("access_token")).body("{\"text\": \"Hello, how can I help you?\"}")
                .post(v2Message(businessId, leadId))
                .then().statusCode(200).body(equalTo("{\"status\":\"success\"}"));

        given().queryParam("leadId", leadId).get("/simulator/control/messages").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].api", equalTo("v2")).body("[0].businessId", equalTo(businessId))
                .body("[0].text", equalTo("Hello, how can I help you?"));
    }

    @Test
    void v2MessageChecksTokenBusinessScopeAndBody() {
        Map<String, String> pro = connect("messages");
        String token = pro.get("access_token");
        String businessId = pro.get("business_pk");
        String leadId = Fixtures.newId();

        Sim.bearer("1.unknown").body("{\"text\": \"hi\"}").post(v2Message(businessId, leadId)).then().statusCode(401);
        Sim.bearer(token).body("{\"text\": \"hi\"}").post(v2Message(Fixtures.newId(), leadId)).then().statusCode(403);
        given().header("Authorization", "Bearer " + token).body("{\"text\": \"hi\"}")
                .post(v2Message(businessId, leadId)).then().statusCode(400)
                .body("error_description", containsString("Content-Type"));
        Sim.bearer(token).body("{}").post(v2Message(businessId, leadId)).then().statusCode(400)
                .body("error_description", containsString("text is required"));
        Sim.bearer(token).body("{\"text\": 5}").post(v2Message(businessId, leadId)).then().statusCode(400);
        Sim.bearer(token).body("not json").post(v2Message(businessId, leadId)).then().statusCode(400);
        Map<String, String> targetingOnly = connect("targeting");
        Sim.bearer(targetingOnly.get("access_token")).body("{\"text\": \"hi\"}")
                .post(v2Message(targetingOnly.get("business_pk"), leadId)).then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));

        given().post("/simulator/control/expire-access-tokens?businessId=" + businessId).then().statusCode(200);
        Sim.bearer(token).body("{\"text\": \"hi\"}").post(v2Message(businessId, leadId)).then().statusCode(401)
                .body("error_description", equalTo("access token expired"));
        given().queryParam("leadId", leadId).get("/simulator/control/messages").then().body("$", hasSize(0));
    }

    @Test
    void v1MessageUsesTheV1BasicCredentials() {
        String businessId = Fixtures.newId();
        String leadId = Fixtures.newId();
        String path = "/simulator/pro-api/v1/business/" + businessId + "/lead/" + leadId + "/message";

        given().auth().preemptive().basic(Sim.setting("thumbtack.v1-username"), "wrong").contentType(ContentType.JSON)
                .body("{\"text\": \"hi\"}").post(path).then().statusCode(401);
        Sim.v1().body("{\"text\": \"Hi from v1\"}").post(path).then().statusCode(200).body("status", equalTo("success"));

        given().queryParam("leadId", leadId).get("/simulator/control/messages").then()
                .body("$", hasSize(1)).body("[0].api", equalTo("v1")).body("[0].businessId", equalTo(businessId))
                .body("[0].text", equalTo("Hi from v1"));
    }

    @Test
    void targetingAcceptsBooleansAndTheSampleStringsAndRecordsTheChange() {
        Map<String, String> pro = connect("messages,targeting");
        String businessId = pro.get("business_pk");
        String service = "/simulator/pro-api/v3/accounts/~/services/" + businessId + "/preferences/targeting";
        String category = "/simulator/pro-api/v3/accounts/~/services/" + businessId
                + "/categories/109125193401647362/preferences/targeting";

        Sim.bearer(pro.get("access_token")).body("{\n   \"enabled\": \"true\" \n}").patch(service)
                .then().statusCode(200).body(equalTo("{\"status\":\"success\"}"));
        Sim.bearer(pro.get("access_token")).body("{\"enabled\": false}").patch(category)
                .then().statusCode(200).body("status", equalTo("success"));

        List<Map<String, Object>> changes = given().get("/simulator/control/targeting").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.businessId == '" + businessId + "' }");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).containsEntry("categoryId", "109125193401647362").containsEntry("enabled", false);
        assertThat(changes.get(1)).containsEntry("categoryId", null).containsEntry("enabled", true)
                .containsEntry("serviceId", businessId);
    }

    @Test
    void targetingAnswersTheReferenceErrorCodes() {
        Map<String, String> pro = connect("targeting");
        String token = pro.get("access_token");
        String businessId = pro.get("business_pk");
        String base = "/simulator/pro-api/v3/accounts/~/services/";

        Sim.bearer("1.unknown").body("{\"enabled\": true}").patch(base + businessId + "/preferences/targeting")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"enabled\": true}").patch(base + businessId + "/preferences/targeting")
                .then().statusCode(401);
        Sim.bearer(token).body("{\"enabled\": true}").patch(base + "abc/preferences/targeting").then().statusCode(400)
                .body("error_description", equalTo("invalid ServiceID type"));
        Sim.bearer(token).body("{\"enabled\": true}").patch(base + Fixtures.newId() + "/preferences/targeting")
                .then().statusCode(401).body("error_description", containsString("invalid ServiceID"));
        Sim.bearer(token).body("{\"enabled\": true}").patch(base + businessId + "/categories/x1/preferences/targeting")
                .then().statusCode(400).body("error_description", equalTo("invalid CategoryID type"));
        Sim.bearer(token).body("{\"enabled\": true}")
                .patch(base + businessId + "/categories/" + Fixtures.newId() + "/preferences/targeting")
                .then().statusCode(404).body("error_description", equalTo("invalid CategoryID"));
        Sim.bearer(token).body("{\"enabled\": \"yes\"}").patch(base + businessId + "/preferences/targeting")
                .then().statusCode(400);
        Sim.bearer(token).body("").patch(base + businessId + "/preferences/targeting").then().statusCode(400)
                .body("error_description", equalTo("missing body"));
        Sim.bearer(token).body("{\"enabled\": true}")
                .patch("/simulator/pro-api/v3/accounts/123/services/" + businessId + "/preferences/targeting")
                .then().statusCode(404);
        Map<String, String> messagesOnly = connect("messages");
        Sim.bearer(messagesOnly.get("access_token")).body("{\"enabled\": true}")
                .patch(base + messagesOnly.get("business_pk") + "/preferences/targeting").then().statusCode(403);

        assertThat(given().get("/simulator/control/targeting").then().extract().jsonPath()
                .getList("findAll { it.businessId == '" + businessId + "' }")).isEmpty();
    }

    @Test
    void createLeadAnswersTheReferenceSampleShapeWithFreshIds() throws Exception {
        JsonNode sample = Fixtures.json("create-lead-response.json");
        String answer = Sim.v1().body("{}").post("/simulator/pro-api/v1/test/create-lead")
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString();
        JsonNode created = Fixtures.JSON.readTree(answer);

        assertThat(fieldPaths(created)).isEqualTo(fieldPaths(sample));
        for (String id : List.of("/leadID", "/request/requestID", "/customer/customerID", "/business/businessID")) {
            assertThat(created.at(id).asText()).matches("\\d{18}").isNotEqualTo(sample.at(id).asText());
        }
        assertThat(created.at("/request/category").asText()).isEqualTo("House Cleaning");
        assertThat(created.at("/business/name").asText()).isEqualTo("Mr. Clean's Sparkly Cleaning Service");
        assertThat(Long.parseLong(created.at("/createTimestamp").asText()))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(86_400L * 366 * 20));
    }

    @Test
    void createLeadUsesTheGivenBusinessAsStringOrNumberAndNeedsV1Credentials() {
        String businessId = Fixtures.newId();
        Sim.v1().body("{\"businessID\": \"" + businessId + "\"}").post("/simulator/pro-api/v1/test/create-lead")
                .then().statusCode(200).body("business.businessID", equalTo(businessId));
        String numeric = Fixtures.newId();
        Sim.v1().body("{\"businessID\": " + numeric + "}").post("/simulator/pro-api/v1/test/create-lead")
                .then().statusCode(200).body("business.businessID", equalTo(numeric));
        Sim.v1().body("{\"businessID\": \"abc\"}").post("/simulator/pro-api/v1/test/create-lead").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/simulator/pro-api/v1/test/create-lead").then().statusCode(401);
        given().auth().preemptive().basic(Sim.setting("thumbtack.v1-username"), Sim.setting("thumbtack.v1-password"))
                .body("{}").post("/simulator/pro-api/v1/test/create-lead").then().statusCode(400)
                .body("error_description", containsString("Content-Type"));
    }

    @Test
    void injectedFailuresAnswerTheChosenStatusThenNormally() {
        Map<String, String> pro = connect("messages");
        String path = v2Message(pro.get("business_pk"), Fixtures.newId());
        given().queryParam("operation", "message").queryParam("status", 503).queryParam("times", 2)
                .queryParam("businessId", pro.get("business_pk")).post("/simulator/control/faults")
                .then().statusCode(200).body("pending.MESSAGE", equalTo(2));

        Sim.bearer(pro.get("access_token")).body("{\"text\": \"a\"}").post(path).then().statusCode(503);
        Sim.bearer(pro.get("access_token")).body("{\"text\": \"a\"}").post(path).then().statusCode(503);
        Sim.bearer(pro.get("access_token")).body("{\"text\": \"a\"}").post(path).then().statusCode(200);

        given().queryParam("operation", "payments").queryParam("status", 503).post("/simulator/control/faults")
                .then().statusCode(400);
    }

    @Test
    void aFaultForOneBusinessLeavesCallsForOtherBusinessesAlone() {
        Map<String, String> target = connect("messages");
        Map<String, String> other = connect("messages");
        given().queryParam("operation", "message").queryParam("status", 503).queryParam("times", 1)
                .queryParam("businessId", target.get("business_pk")).post("/simulator/control/faults")
                .then().statusCode(200);

        Sim.bearer(other.get("access_token")).body("{\"text\": \"a\"}")
                .post(v2Message(other.get("business_pk"), Fixtures.newId())).then().statusCode(200);
        String path = v2Message(target.get("business_pk"), Fixtures.newId());
        Sim.bearer(target.get("access_token")).body("{\"text\": \"a\"}").post(path).then().statusCode(503);
        Sim.bearer(target.get("access_token")).body("{\"text\": \"a\"}").post(path).then().statusCode(200);

        given().queryParam("operation", "tokens").queryParam("status", 503).queryParam("businessId", "1")
                .post("/simulator/control/faults").then().statusCode(400);
    }

    /** Every field path of a JSON object, e.g. "request.location.city". */
    private static List<String> fieldPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) {
                collect(field.getValue(), path + ".", paths);
            }
        }
    }
}
