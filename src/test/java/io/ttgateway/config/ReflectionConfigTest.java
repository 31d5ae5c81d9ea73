package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ttgateway.common.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
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
 * The native image only keeps what is registered. Every type that Jackson reaches outside REST
 * signatures (see {@link ReflectionConfig}) must be covered, together with the records it contains.
 */
class ReflectionConfigTest {

    /** Packages whose records and enums are only (de)serialized through ObjectMapper calls or Response entities. */
    static final List<String> JACKSON_ONLY_PACKAGES = List.of("io.ttgateway.webhook.payload");

    /** Single types of that kind living in other packages. */
    static final List<Class<?>> JACKSON_ONLY_TYPES = List.of(ApiError.class);

    @Test
    void everyJacksonOnlyTypeAndTheRecordsInsideItAreRegistered() {
        Set<Class<?>> targets = Set.of(ReflectionConfig.class.getAnnotation(RegisterForReflection.class).targets());
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : reachable()) {
            if (!covered(type, targets)) {
                missing.add(type.getName());
            }
        }
        assertThat(missing).as("add these to ReflectionConfig").isEmpty();
    }

    @Test
    void theWalkFindsNestedRecordsSoTheCheckAboveHasTeeth() {
        assertThat(reachable()).extracting(Class::getSimpleName)
                .contains("LeadPayload", "Request", "Location", "Attachment", "FieldError");
    }

    /** A class is kept when it, or a class it is nested in, is a target (nested ones are not ignored). */
    private static boolean covered(Class<?> type, Set<Class<?>> targets) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (targets.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** The roots plus every project type reachable through record components and their type arguments. */
    private static Set<Class<?>> reachable() {
        Deque<Class<?>> todo = new ArrayDeque<>(JACKSON_ONLY_TYPES);
        JACKSON_ONLY_PACKAGES.forEach(p -> todo.addAll(classesIn(p)));
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
        URL url = ReflectionConfigTest.class.getClassLoader().getResource(packageName.replace('.', '/'));
        assertThat(url).as("package " + packageName).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
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
            return Class.forName(name, false, ReflectionConfigTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
