package io.ttgateway.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One connected (or once connected) Thumbtack business. Tokens only as ciphertext (TokenCipher). */
@Entity
@Table(name = "connection")
public class Connection extends SealedTokenPair {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "business_pk", nullable = false, updatable = false)
    public String businessPk;

    @Column(name = "business_name")
    public String businessName;

    /** Granted scopes, comma separated. */
    @Column(nullable = false)
    public String scopes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionStatus status;

    /** Legacy rows carry their own token pair; v4 rows none: their grant's ({@link #grantId}). */
    @Convert(converter = ApiVersion.Column.class)
    @Column(name = "api_version", nullable = false)
    public ApiVersion apiVersion = ApiVersion.LEGACY;

    @Column(name = "grant_id")
    public Long grantId;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

    public List<String> scopeList() {
        return scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(","));
    }

    /** The associated data that binds a sealed token to this business and this column. */
    static String context(String businessPk, String kind) {
        return "connection:" + businessPk + ":" + kind;
    }
}
