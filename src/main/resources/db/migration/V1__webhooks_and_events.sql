-- Webhooks from Thumbtack: leads, lead updates, customer messages, reviews; and the event log.
-- IDs from Thumbtack are 18-digit numbers carried as strings: never numeric columns.
-- Every table keeps the raw payload (jsonb) and the time it was received.

create table lead (
    id                  bigint generated always as identity primary key,
    lead_id             varchar(64)  not null,
    created_at          timestamptz,
    request_id          varchar(64)  not null,
    category            text         not null,
    category_id         varchar(64),
    title               text         not null,
    description         text,
    schedule            text,
    travel_preferences  text,
    address1            text,
    address2            text,
    city                text,
    state               text,
    zip_code            text,
    customer_id         varchar(64)  not null,
    customer_name       text,
    customer_phone      text,
    business_id         varchar(64)  not null,
    business_name       text,
    price               text,
    lead_type           varchar(64),
    lead_price          text,
    charge_state        varchar(64),
    raw                 jsonb        not null,
    received_at         timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    constraint lead_lead_id_uk unique (lead_id)
);
create index lead_business_recent_idx on lead (business_id, id desc);

create table lead_detail (
    id        bigint generated always as identity primary key,
    lead_id   varchar(64) not null references lead (lead_id) on delete cascade,
    position  int         not null,
    question  text        not null,
    answer    text        not null,
    constraint lead_detail_position_uk unique (lead_id, position)
);

create table lead_attachment (
    id           bigint generated always as identity primary key,
    lead_id      varchar(64) not null references lead (lead_id) on delete cascade,
    position     int         not null,
    file_name    text        not null,
    file_size    bigint      not null,
    mime_type    text        not null,
    url          text        not null,
    description  text,
    constraint lead_attachment_position_uk unique (lead_id, position)
);

-- Every PUT /v1/lead/update, in arrival order. applied_at is null while the lead is not known yet;
-- the lead's arrival applies the pending ones in order.
create table lead_update (
    id            bigint generated always as identity primary key,
    lead_id       varchar(64) not null,
    lead_price    text,
    charge_state  varchar(64),
    raw           jsonb       not null,
    received_at   timestamptz not null default now(),
    applied_at    timestamptz
);
create index lead_update_pending_idx on lead_update (lead_id, id) where applied_at is null;

-- Customer messages. lead_id is not a foreign key: a message may arrive before its lead.
create table message (
    id           bigint generated always as identity primary key,
    message_id   varchar(64) not null,
    lead_id      varchar(64) not null,
    customer_id  varchar(64) not null,
    business_id  varchar(64) not null,
    text         text        not null,
    created_at   timestamptz,
    raw          jsonb       not null,
    received_at  timestamptz not null default now(),
    constraint message_message_id_uk unique (message_id)
);
create index message_lead_idx on message (lead_id, created_at);

create table message_attachment (
    id           bigint generated always as identity primary key,
    message_id   varchar(64) not null references message (message_id) on delete cascade,
    position     int         not null,
    file_name    text        not null,
    file_size    bigint      not null,
    mime_type    text        not null,
    url          text        not null,
    description  text,
    constraint message_attachment_position_uk unique (message_id, position)
);

create table review (
    id                  bigint generated always as identity primary key,
    review_id           varchar(64) not null,
    business_id         varchar(64) not null,
    lead_id             varchar(64),
    category_id         varchar(64),
    rating              varchar(16) not null,
    text                text,
    reviewer_name       text,
    reviewer_nickname   text,
    verified            boolean     not null,
    created_at          timestamptz,
    modified_at         timestamptz,
    review_event_type   varchar(64) not null,
    raw                 jsonb       not null,
    received_at         timestamptz not null default now(),
    constraint review_review_id_uk unique (review_id)
);
create index review_business_recent_idx on review (business_id, id desc);

create table review_photo (
    id           bigint generated always as identity primary key,
    review_id    varchar(64) not null references review (review_id) on delete cascade,
    position     int         not null,
    file_name    text        not null,
    file_size    bigint      not null,
    mime_type    text        not null,
    url          text        not null,
    description  text,
    constraint review_photo_position_uk unique (review_id, position)
);

-- The event log behind the partner feed. tx_id lets a reader skip nothing: ids are handed out
-- before commit, so a reader only trusts ids below the oldest transaction still running.
create table event (
    id           bigint generated always as identity primary key,
    tx_id        xid8        not null default pg_current_xact_id(),
    type         varchar(64) not null,
    business_id  varchar(64),
    lead_id      varchar(64),
    occurred_at  timestamptz not null default now(),
    data         jsonb       not null
);
create index event_business_idx on event (business_id, id);
