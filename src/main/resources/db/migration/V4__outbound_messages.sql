-- Messages the partner queues for a lead's customer (the durable outbox).
-- A worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (lease_owner, lease_until), sends
-- outside any transaction, then records the outcome only if it still holds the lease. No transaction
-- stays open across the HTTP call.
create table outbound_message (
    id               uuid         primary key,
    business_id      varchar(64)  not null,
    lead_id          varchar(64)  not null,
    text             text         not null,
    idempotency_key  varchar(255),
    status           varchar(16)  not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    lease_owner      uuid,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    updated_at       timestamptz  not null,
    constraint outbound_message_idempotency_uk unique (business_id, idempotency_key)
);
create index outbound_message_due_idx on outbound_message (next_attempt_at) where status = 'PENDING';
create index outbound_message_lead_idx on outbound_message (lead_id, created_at);
