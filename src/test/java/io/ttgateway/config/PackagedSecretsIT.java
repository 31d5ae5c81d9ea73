package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (every file the build put in target/quarkus-app, or the native executable,
 * every entry of every jar unpacked) contains none of the public dev and test credentials: they live in
 * src/dev/dev-settings.properties and on the test classpath only.
 */
class PackagedSecretsIT {

    @Test
    void noDevOrTestCredentialIsPackaged() throws IOException {
        List<String> credentials = new ArrayList<>();
        credentials.addAll(values(Path.of("src", "dev", "dev-settings.properties")));
        credentials.addAll(values(Path.of("src", "test", "resources", "META-INF", "microprofile-config.properties")));
        assertThat(credentials).as("the credentials looked for").contains("dev-webhook-password",
                "dev-partner-password", "test-webhook-password", "test-partner-password", "simulator-secret",
                "ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE=", "dGVzdC1vbmx5LXRva2VuLWtleS1ub3QtZm9yLXByb2Q=");

        List<Path> packaged = packagedFiles();
        assertThat(packaged).as("packaged files").isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path file : packaged) {
            if (file.toString().endsWith(".jar")) {
                try (ZipInputStream jar = new ZipInputStream(Files.newInputStream(file))) {
                    for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                        search(new String(jar.readAllBytes(), StandardCharsets.ISO_8859_1), credentials,
                                file + "!" + entry.getName(), found);
                    }
                }
            } else {
                search(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), credentials, file.toString(),
                        found);
            }
        }
        assertThat(found).as("dev/test credentials in the packaged application").isEmpty();
    }

    private static void search(String content, List<String> credentials, String where, List<String> found) {
        for (String credential : credentials) {
            if (content.contains(credential)) {
                found.add(where + " contains the value of a dev/test credential (" + credential.length() + " chars)");
            }
        }
    }

    /** target/quarkus-app/** for a jar build, the executable for a native one. */
    private static List<Path> packagedFiles() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path"));
        if ("native".equals(artifact.getProperty("type"))) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path.getParent())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Each value of a properties file, or the default of a `${VAR:default}` value; ordinals left out. */
    private static List<String> values(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Pattern withDefault = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]+)}");
        List<String> values = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.equals("config_ordinal")) {
                continue;
            }
            String value = properties.getProperty(name);
            Matcher m = withDefault.matcher(value);
            values.add(m.matches() ? m.group(1) : value);
        }
        return values;
    }
}
