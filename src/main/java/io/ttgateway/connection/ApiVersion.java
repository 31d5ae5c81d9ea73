package io.ttgateway.connection;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;

/**
 * Which of Thumbtack's APIs a connection (or a lead) goes through: the legacy pro-api, or the
 * current one (v4). The wire name is what the partner API shows and what the database stores.
 */
public enum ApiVersion {
    LEGACY("legacy"),
    V4("v4");

    private final String wireName;

    ApiVersion(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ApiVersion fromWire(String value) {
        return Arrays.stream(values()).filter(version -> version.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown API version: " + value));
    }

    /** Stored as its wire name ('legacy', 'v4'), as the database's check constraint says. */
    @Converter
    public static class Column implements AttributeConverter<ApiVersion, String> {
        @Override
        public String convertToDatabaseColumn(ApiVersion version) {
            return version == null ? null : version.wireName;
        }

        @Override
        public ApiVersion convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
