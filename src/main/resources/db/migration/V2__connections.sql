-- OAuth connections of pros (CONTRACT.md section 4): pending authorization states and one row per
-- connected business. Tokens are stored only as AES-256-GCM ciphertext (see TokenCipher): each value
-- has its own random 12-byte nonce and the id of the key that sealed it, so keys can be rotated.

-- A pending /oauth/connect. Only a SHA-256 hash of the state is kept: a reader of this table cannot
-- complete someone else's connection. Single use: used_at is set atomically by the callback.
create table oauth_state (
    id          bigint generated always as identity primary key,
    state_hash  varchar(64) not null,
    scopes      text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    constraint oauth_state_hash_uk unique (state_hash)
);
create index oauth_state_expires_idx on oauth_state (expires_at);

create table connection (
    id                        bigint generated always as identity primary key,
    business_pk               varchar(64) not null,
    business_name             text,
    scopes                    text        not null,
    status                    varchar(16) not null,
    access_token_ciphertext   bytea,
    access_token_nonce        bytea,
    access_token_key_id       varchar(16),
    refresh_token_ciphertext  bytea,
    refresh_token_nonce       bytea,
    refresh_token_key_id      varchar(16),
    access_token_expires_at   timestamptz,
    -- Thumbtack's refresh tokens live 720 h from issue; each refresh issues a new one.
    refresh_token_expires_at  timestamptz,
    connected_at              timestamptz not null,
    updated_at                timestamptz not null,
    -- Refresh bookkeeping: consecutive failures, back-off, and the lease of the replica refreshing now.
    refresh_failures          int         not null default 0,
    next_refresh_attempt_at   timestamptz,
    last_refresh_error        text,
    refresh_lease_id          varchar(36),
    refresh_lease_until       timestamptz,
    constraint connection_business_pk_uk unique (business_pk),
    constraint connection_status_ck check (status in ('CONNECTED', 'NEEDS_REAUTH', 'DISCONNECTED')),
    -- A CONNECTED row always has both tokens; erased tokens leave no half-value behind.
    constraint connection_tokens_ck check (status <> 'CONNECTED' or
        (access_token_ciphertext is not null and refresh_token_ciphertext is not null)),
    constraint connection_access_token_ck check ((access_token_ciphertext is null) =
        (access_token_nonce is null) and (access_token_nonce is null) = (access_token_key_id is null)),
    constraint connection_refresh_token_ck check ((refresh_token_ciphertext is null) =
        (refresh_token_nonce is null) and (refresh_token_nonce is null) = (refresh_token_key_id is null))
);
-- The refresh job's scan: connected rows by access-token expiry.
create index connection_refresh_due_idx on connection (access_token_expires_at) where status = 'CONNECTED';
