package io.ttgateway.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the partner's engineers read (/q/openapi): valid for a standard parser, every
 * operation of the partner API, the webhooks and the OAuth flow described with a summary, its error
 * answers and an example, and no Java implementation type leaking in as a schema.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** Names of Java types that are no part of the API: Jackson trees, JAX-RS types, java.time, Mutiny. */
    private static final Set<String> IMPLEMENTATION_TYPES = Set.of("JsonNode", "JsonNodeType", "ObjectNode",
            "ArrayNode", "MediaType", "Response", "Instant", "Duration", "URI", "Uni", "Multi", "OutboundSseEvent",
            "StatusType", "Family", "EntityTag", "Link", "NewCookie", "Locale", "Annotation", "Class");

    /** Generated, inner-class or Java-side names: Dto1, Foo$Bar, Foo_Bar, a.b.C, a trailing digit, FooView. */
    private static final Pattern UNCLEAN_NAME = Pattern.compile(".*(\\$|_|\\.|Dto\\d*$|\\d+$|View$).*");

    private static String json;
    private static OpenAPI api;

    /** Read once per class; RestAssured knows the test port only once a test runs. */
    @BeforeEach
    void parse() {
        if (api != null) {
            return;
        }
        json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("validation messages of /q/openapi").isEmpty();
        api = result.getOpenAPI();
        assertThat(api).isNotNull();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getPaths()).containsKeys("/api/v1/connections", "/api/v1/leads", "/api/v1/events",
                "/v1/lead", "/v4/webhooks", "/oauth/connect", "/oauth/v4/callback");
    }

    /** The parser is not asked to resolve references, so this checks that each one names a component. */
    @Test
    void everyReferenceNamesAComponent() {
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/(\\w+)/([^\"]+)\"").matcher(json);
        List<String> dangling = new ArrayList<>();
        Map<String, Map<String, ?>> components = Map.of(
                "schemas", orEmpty(api.getComponents().getSchemas()),
                "responses", orEmpty(api.getComponents().getResponses()),
                "examples", orEmpty(api.getComponents().getExamples()),
                "requestBodies", orEmpty(api.getComponents().getRequestBodies()));
        int count = 0;
        while (refs.find()) {
            count++;
            Map<String, ?> kind = components.getOrDefault(refs.group(1), Map.of());
            if (!kind.containsKey(refs.group(2))) {
                dangling.add(refs.group(1) + "/" + refs.group(2));
            }
        }
        assertThat(count).isPositive();
        assertThat(dangling).isEmpty();
    }

    @Test
    void everyOperationHasASummaryAnErrorAnswerAndAnExample() {
        List<String> problems = new ArrayList<>();
        api.getPaths().forEach((path, item) -> {
            if (!described(path)) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                String name = method + " " + path;
                if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                    problems.add(name + ": no summary");
                }
                if (operation.getResponses() == null || operation.getResponses().keySet().stream()
                        .noneMatch(code -> code.startsWith("4"))) {
                    problems.add(name + ": no 4xx answer");
                }
                if (!hasExample(operation)) {
                    problems.add(name + ": no example");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void noImplementationTypeIsASchema() {
        Map<String, ?> schemas = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of()
                : api.getComponents().getSchemas();
        assertThat(schemas.keySet()).doesNotContainAnyElementsOf(IMPLEMENTATION_TYPES);
        assertThat(schemas.keySet()).noneMatch(name -> UNCLEAN_NAME.matcher(name).matches());
        assertThat(json).doesNotContain("\"JsonNodeType\"", "#/components/schemas/Instant",
                "#/components/schemas/JsonNode", "#/components/schemas/MediaType");
    }

    /** The README points developers at it; the packaged application leaves it out (Quarkus' default). */
    @Test
    void swaggerUiIsServedOutsideTheProdProfile() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static <V> Map<String, ?> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }

    private static boolean described(String path) {
        return path.startsWith("/api/v1/") || path.equals("/api/v1") || path.startsWith("/v1/")
                || path.equals("/v4/webhooks") || path.startsWith("/oauth/");
    }

    /** An example in the request body or in one of the answers (the operation's own or a shared one). */
    private static boolean hasExample(Operation operation) {
        if (operation.getRequestBody() != null && hasExample(operation.getRequestBody().getContent())) {
            return true;
        }
        if (operation.getResponses() == null) {
            return false;
        }
        for (ApiResponse response : operation.getResponses().values()) {
            ApiResponse resolved = response.get$ref() == null ? response : sharedResponse(response.get$ref());
            if (resolved != null && hasExample(resolved.getContent())) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponse sharedResponse(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return api.getComponents() == null || api.getComponents().getResponses() == null ? null
                : api.getComponents().getResponses().get(name);
    }

    private static boolean hasExample(Content content) {
        if (content == null) {
            return false;
        }
        for (MediaType media : content.values()) {
            if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
