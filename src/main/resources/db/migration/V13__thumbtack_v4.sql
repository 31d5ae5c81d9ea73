-- Thumbtack's current API (v4) beside the legacy pro-api: one lead, message, review and event store
-- for both; v4 connections get their tokens from a grant and their deliveries through a webhook that
-- this service registers per business. Every column added to an existing table is nullable or has a
-- constant default, so PostgreSQL adds it without rewriting the table; the indexes on the big tables
-- are built by V13_1, concurrently.

-- A v4 grant: the token pair of one pro's Thumbtack user, shared by the businesses it covers. It is
-- refreshed once for all of them (lease columns as on connection); every refresh answer carries a new
-- refresh token that replaces the old one in the same statement as the new access token.
create table oauth_grant (
    id                        bigint generated always as identity primary key,
    scopes                    text        not null,
    status                    varchar(16) not null,
    access_token_ciphertext   bytea,
    access_token_nonce        bytea,
    access_token_key_id       varchar(16),
    refresh_token_ciphertext  bytea,
    refresh_token_nonce       bytea,
    refresh_token_key_id      varchar(16),
    access_token_expires_at   timestamptz,
    -- Thumbtack's v4 refresh tokens live up to 180 days; each refresh starts that again.
    refresh_token_expires_at  timestamptz,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    refresh_failures          int         not null default 0,
    next_refresh_attempt_at   timestamptz,
    last_refresh_error        text,
    refresh_lease_id          varchar(36),
    refresh_lease_until       timestamptz,
    constraint oauth_grant_status_ck check (status in ('ACTIVE', 'NEEDS_REAUTH', 'REVOKED')),
    constraint oauth_grant_tokens_ck check (status <> 'ACTIVE' or
        (access_token_ciphertext is not null and refresh_token_ciphertext is not null)),
    constraint oauth_grant_access_token_ck check ((access_token_ciphertext is null) =
        (access_token_nonce is null) and (access_token_nonce is null) = (access_token_key_id is null)),
    constraint oauth_grant_refresh_token_ck check ((refresh_token_ciphertext is null) =
        (refresh_token_nonce is null) and (refresh_token_nonce is null) = (refresh_token_key_id is null))
);
create index oauth_grant_refresh_due_idx on oauth_grant (access_token_expires_at) where status = 'ACTIVE';

-- A connection is legacy (its own token pair, per business) or v4 (no tokens of its own: those of
-- its grant). One row per business whatever the API: a legacy business connected again through v4
-- becomes a v4 row.
alter table connection add column api_version varchar(8) not null default 'legacy';
alter table connection add column grant_id bigint references oauth_grant (id);
alter table connection add constraint connection_api_version_ck check (api_version in ('legacy', 'v4'));
alter table connection drop constraint connection_tokens_ck;
alter table connection add constraint connection_tokens_ck check (
    (api_version = 'legacy' and (status <> 'CONNECTED' or
        (access_token_ciphertext is not null and refresh_token_ciphertext is not null)))
    or (api_version = 'v4' and access_token_ciphertext is null and refresh_token_ciphertext is null
        and (status <> 'CONNECTED' or grant_id is not null)));
create index connection_grant_idx on connection (grant_id) where grant_id is not null;

-- The webhook this service registers at Thumbtack for a v4 business, with the Basic credentials it
-- generated for it. A delivery is looked up by the SHA-256 of its username (the username and password
-- themselves are stored only sealed, as tokens are). One row per business: re-registering replaces
-- the credentials, so reconnecting never leaves a second webhook of the service behind.
create table v4_webhook (
    id                    bigint generated always as identity primary key,
    business_id           varchar(64) not null,
    -- Thumbtack's webhookID, once Thumbtack has answered the create (or it was found in the list).
    webhook_id            varchar(64),
    webhook_url           text        not null,
    username_hash         bytea       not null,
    username_ciphertext   bytea       not null,
    username_nonce        bytea       not null,
    username_key_id       varchar(16) not null,
    password_ciphertext   bytea       not null,
    password_nonce        bytea       not null,
    password_key_id       varchar(16) not null,
    state                 varchar(16) not null,
    last_error            text,
    attempts              int         not null default 0,
    next_attempt_at       timestamptz,
    lease_id              varchar(36),
    lease_until           timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint v4_webhook_business_uk unique (business_id),
    constraint v4_webhook_username_uk unique (username_hash),
    constraint v4_webhook_state_ck check (state in ('PENDING', 'REGISTERED', 'FAILED', 'DELETED'))
);
-- The registration retry job's scan.
create index v4_webhook_due_idx on v4_webhook (next_attempt_at) where state in ('PENDING', 'FAILED');

-- Which API brought a lead (a lead is one row whatever API brought it; the first one wins), the v4
-- negotiation status, and when the v4 change watch reads it next.
alter table lead add column api_version varchar(8) not null default 'legacy';
alter table lead add column status varchar(32);
alter table lead add column next_poll_at timestamptz;
alter table lead_update add column status varchar(32);

-- v4 delivers messages of both sides: 'in' from the customer, 'out' typed by the pro (in Thumbtack's
-- app, or the echo of a message this service sent). A pro's message has no customer.
-- echo_pending: an 'out' message that may be the echo of a send whose answer is not recorded yet;
-- its message.pro_sent event waits until that send's outcome tells.
alter table message add column direction varchar(8) not null default 'in';
alter table message add column echo_pending boolean not null default false;
alter table message alter column customer_id drop not null;
-- NOT VALID: checked for new rows at once; V13_1 validates the old ones without blocking writers.
alter table message add constraint message_direction_ck check (direction in ('in', 'out')) not valid;

-- The messageID Thumbtack's v4 API answered a send with: an echo delivery carrying it is this
-- service's own message, not a new one.
alter table outbound_message add column thumbtack_message_id varchar(64);
