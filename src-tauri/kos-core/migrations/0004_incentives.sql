-- Incentive campaigns (I-1 单篇爆文奖, I-2 累计排名奖, I-3 荣誉奖)

CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    start_date      TEXT NOT NULL,              -- Asia/Shanghai date, inclusive
    end_date        TEXT NOT NULL,              -- Asia/Shanghai date, inclusive
    scope_json      TEXT NOT NULL,              -- {"store_ids":[..],"cities":[..]}; both empty: the whole brand
    rules_json      TEXT NOT NULL,              -- engine::AwardRules
    -- last status written; draft/running/ended follow the dates, confirmed is final
    status          TEXT NOT NULL CHECK (status IN ('draft', 'running', 'ended', 'confirmed')),
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    confirmed_by    INTEGER REFERENCES users(id),
    confirmed_at    TEXT,
    CHECK (start_date <= end_date)
);
CREATE INDEX campaigns_by_enterprise ON campaigns(enterprise_id, id);

-- Every computation kept: a rule change adds a version, the previous ones stay.
CREATE TABLE campaign_results (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
    version         INTEGER NOT NULL,
    cause           TEXT NOT NULL CHECK (cause IN ('created', 'updated', 'voided', 'confirmed')),
    computed_at     TEXT NOT NULL,
    computed_by     INTEGER REFERENCES users(id),
    metrics_as_of   TEXT NOT NULL,              -- snapshot date used, or 'latest'
    rules_json      TEXT NOT NULL,
    board_json      TEXT NOT NULL,
    input_json      TEXT,                       -- the candidates and voids, kept when confirmed
    UNIQUE (campaign_id, version)
);

CREATE TABLE campaign_voids (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
    kind            TEXT NOT NULL CHECK (kind IN ('viral', 'ranking', 'honour')),
    award_key       TEXT NOT NULL,              -- note ID (viral) or staff id (ranking, honour)
    reason          TEXT NOT NULL,
    voided_by       INTEGER NOT NULL REFERENCES users(id),
    voided_at       TEXT NOT NULL,
    UNIQUE (campaign_id, kind, award_key)
);
