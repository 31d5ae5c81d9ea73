package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s: the pods accept traffic only from the ingress controller and Prometheus and reach only
 * DNS, the database and HTTPS; each overlay talks to the database over TLS with the certificate and
 * host name checked (verify-full) on both the reactive pool and Flyway's JDBC connection.
 * (deploy/validate.sh checks the same on the rendered overlays where kubectl is installed.)
 */
class DeployGuardsTest {

    @Test
    void theBaseHasANetworkPolicyForThePodsInBothDirections() throws IOException {
        assertThat(read("deploy/k8s/base/kustomization.yaml")).containsPattern("(?m)^  - networkpolicy\\.yaml$");
        String policy = read("deploy/k8s/base/networkpolicy.yaml");

        assertThat(policy).contains("kind: NetworkPolicy", "apiVersion: networking.k8s.io/v1")
                .containsPattern("(?s)podSelector:\\s+matchLabels:\\s+app.kubernetes.io/name: thumbtack-gateway")
                .containsPattern("(?s)policyTypes:\\s+- Ingress\\s+- Egress");
        String ingress = section(policy, "  ingress:", "  egress:");
        assertThat(ingress).contains("kubernetes.io/metadata.name: ingress-nginx", "kubernetes.io/metadata.name: monitoring")
                .containsPattern("(?s)ports:\\s+- protocol: TCP\\s+port: 8080");
        String egress = section(policy, "  egress:", null);
        assertThat(egress).contains("k8s-app: kube-dns")
                .containsPattern("(?s)protocol: UDP\\s+port: 53")
                .containsPattern("(?s)protocol: TCP\\s+port: 5432")
                .containsPattern("(?s)protocol: TCP\\s+port: 443");
        assertThat(egress).as("HTTPS only to public addresses").contains("cidr: 0.0.0.0/0", "- 10.0.0.0/8",
                "- 172.16.0.0/12", "- 192.168.0.0/16", "- 169.254.0.0/16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void eachOverlayConnectsToTheDatabaseWithVerifyFull(String overlay) throws IOException {
        String kustomization = read("deploy/k8s/overlays/" + overlay + "/kustomization.yaml");

        assertThat(kustomization)
                .containsPattern("(?m)^      - QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://\\S+\\?\\S*sslmode=verify-full")
                .containsPattern("(?m)^      - QUARKUS_DATASOURCE_JDBC_URL=\\S+sslrootcert=/etc/db-ca/ca\\.crt")
                .contains("- QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE=verify-full",
                        "- QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS",
                        "- QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM=true",
                        "- QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS=/etc/db-ca/ca.crt");
        assertThat(kustomization).as("the database's range in the NetworkPolicy")
                .containsPattern("(?s)kind: NetworkPolicy.+path: /spec/egress/1/to/0/ipBlock/cidr");
        assertThat(read("deploy/k8s/base/deployment.yaml")).as("the CA file is mounted where the overlays read it")
                .containsPattern("(?s)- name: db-ca\\s+mountPath: /etc/db-ca")
                .containsPattern("(?s)- name: db-ca\\s+configMap:\\s+name: thumbtack-gateway-db-ca");
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        int end = to == null ? text.length() : text.indexOf(to, start);
        assertThat(end).as(to).isGreaterThan(start);
        return text.substring(start, end);
    }

    private static String read(String path) throws IOException {
        Path file = Path.of(path);
        assertThat(file).as(path).exists();
        return Files.readString(file);
    }
}
