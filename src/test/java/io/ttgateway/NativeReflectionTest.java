package io.ttgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ttgateway.common.ApiError;
import io.ttgateway.outbox.OutboundView;
import io.ttgateway.thumbtack.DisconnectResponse;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.TokenResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native image only keeps what is registered. Quarkus registers the parameter and return types of
 * REST resources and REST clients by itself; it does not see a type that is only reached through
 * {@code ObjectMapper.treeToValue} or {@code readValue}, or that travels inside a {@code Response}
 * entity or a Map. Each such type carries {@code @RegisterForReflection} itself (which covers the
 * classes nested in it), and this test fails when one reachable from them is not covered.
 */
class NativeReflectionTest {

    /** Packages whose records and enums are only (de)serialized through ObjectMapper calls (WebhookParser). */
    static final List<String> JACKSON_ONLY_PACKAGES = List.of("io.ttgateway.webhook.payload");

    /**
     * Single types of that kind living in other packages: the error body (always inside a Response) and
     * Thumbtack's answers read with ObjectMapper.readValue (ThumbtackApi).
     */
    static final List<Class<?>> JACKSON_ONLY_TYPES = List.of(ApiError.class, TokenResponse.class,
            ThumbtackInfo.class, DisconnectResponse.class);

    /**
     * Registered for themselves only: the queued message answered inside a 202 Response. Its status enum
     * is registered by Quarkus with OutboxResource.get's return type, so its components are not walked.
     */
    static final List<Class<?>> RESPONSE_ENTITIES = List.of(OutboundView.class);

    @Test
    void everyJacksonOnlyTypeAndTheRecordsInsideItAreRegistered() {
        assertThat(missing(reachable(JACKSON_ONLY_TYPES, JACKSON_ONLY_PACKAGES)))
                .as("annotate these (or a class they are nested in) with @RegisterForReflection").isEmpty();
    }

    @Test
    void everyResponseEntityIsRegistered() {
        assertThat(missing(RESPONSE_ENTITIES)).as("annotate these with @RegisterForReflection").isEmpty();
    }

    /** A record nested in a registered one is covered; one reached from it but declared elsewhere is not. */
    @Test
    void aRecordReachedButNotRegisteredIsReported() {
        assertThat(missing(reachable(List.of(Registered.class), List.of())))
                .containsExactly(Unregistered.class.getName());
    }

    @RegisterForReflection
    record Registered(Inner inner, List<Unregistered> others) {
        record Inner(String value) {}
    }

    record Unregistered(String value) {}

    private static Set<String> missing(Iterable<Class<?>> types) {
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : types) {
            if (!covered(type)) {
                missing.add(type.getName());
            }
        }
        return missing;
    }

    @Test
    void theWalkFindsNestedRecordsSoTheCheckAboveHasTeeth() {
        assertThat(reachable(JACKSON_ONLY_TYPES, JACKSON_ONLY_PACKAGES)).extracting(Class::getSimpleName)
                .contains("LeadPayload", "Request", "Location", "Attachment", "FieldError", "Event",
                        "TokenResponse", "ThumbtackInfo", "DisconnectResponse");
    }

    /**
     * A class is kept when it is annotated, or a class it is nested in is annotated without
     * ignoreNested. A class registered through another's {@code targets} does not count: each type
     * registers itself, so no package has to know the types of another.
     */
    private static boolean covered(Class<?> type) {
        if (type.isAnnotationPresent(RegisterForReflection.class)) {
            return true;
        }
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            RegisterForReflection registration = c.getAnnotation(RegisterForReflection.class);
            if (registration != null && !registration.ignoreNested()) {
                return true;
            }
        }
        return false;
    }

    /** The roots plus every project type reachable through record components and their type arguments. */
    private static Set<Class<?>> reachable(List<Class<?>> types, List<String> packages) {
        Deque<Class<?>> todo = new ArrayDeque<>(types);
        packages.forEach(p -> todo.addAll(classesIn(p)));
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith("io.ttgateway.") || !seen.add(type)) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    collect(component.getGenericType(), todo);
                }
            }
        }
        return seen;
    }

    private static void collect(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.push(c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), todo);
            Arrays.stream(p.getActualTypeArguments()).forEach(t -> collect(t, todo));
        }
    }

    private static List<Class<?>> classesIn(String packageName) {
        // The main classes' directory, not the first on the class path: test classes of the same package
        // (target/test-classes comes first) are not the service's types.
        try (Stream<Path> files = Files.list(Path.of(ApiError.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve(packageName.replace('.', '/')))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .<Class<?>>map(n -> load(packageName + "." + n.substring(0, n.length() - ".class".length())))
                    .filter(c -> c.isRecord() || c.isEnum())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
