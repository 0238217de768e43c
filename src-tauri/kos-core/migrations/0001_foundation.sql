-- KOS Desk foundation schema. Append-only history, versioned rule settings, the entities every workflow needs.
-- Times are ISO-8601 UTC text ('2026-11-26T05:36:00Z'); dates are 'YYYY-MM-DD' in Asia/Shanghai.

CREATE TABLE enterprises (
    id                          INTEGER PRIMARY KEY,
    name                        TEXT NOT NULL UNIQUE,
    industry                    TEXT NOT NULL CHECK (industry IN ('家政', '生活美容', '文旅', '其他')),
    city                        TEXT NOT NULL,
    -- declared number of offline stores in mainland China (B-1); the stores table holds those managed here
    store_count                 INTEGER NOT NULL CHECK (store_count >= 0),
    professional_account        INTEGER NOT NULL CHECK (professional_account IN (0, 1)),   -- 企业专业号
    staff_mgmt_permission       INTEGER NOT NULL CHECK (staff_mgmt_permission IN (0, 1)),  -- 员工账号管理权限
    last_serious_violation_at   TEXT,                                                     -- 严重违规封禁
    invite_ban_until            TEXT,                                                     -- B-15
    created_at                  TEXT NOT NULL
);

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

-- 报备品牌: a brand that reported (registered) an agency to act for it (B-21)
CREATE TABLE agency_brands (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    reported_at     TEXT NOT NULL,
    PRIMARY KEY (agency_id, enterprise_id)
) WITHOUT ROWID;
CREATE INDEX agency_brands_by_enterprise ON agency_brands(enterprise_id);

CREATE TABLE stores (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    name            TEXT NOT NULL,
    city            TEXT NOT NULL,
    district        TEXT NOT NULL,
    address         TEXT NOT NULL,
    opened_on       TEXT NOT NULL,
    UNIQUE (enterprise_id, name)
);

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),
    -- never the ID number itself: a keyed HMAC for matching and a masked form for display (PIPL)
    id_hmac         TEXT NOT NULL,
    id_masked       TEXT NOT NULL,
    phone_masked    TEXT,
    hired_on        TEXT NOT NULL,
    left_on         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX staff_by_enterprise ON staff(enterprise_id, id);
CREATE INDEX staff_by_store ON staff(store_id, id);
CREATE INDEX staff_by_id_hmac ON staff(id_hmac);

CREATE TABLE xhs_accounts (
    id                  INTEGER PRIMARY KEY,
    xhs_id              TEXT NOT NULL UNIQUE,               -- 小红书号
    nickname            TEXT NOT NULL,
    followers           INTEGER NOT NULL CHECK (followers >= 0),
    has_shop            INTEGER NOT NULL CHECK (has_shop IN (0, 1)),      -- B-2 未开店
    phone_bound         INTEGER NOT NULL CHECK (phone_bound IN (0, 1)),   -- B-2 已绑定手机号
    real_name_hmac      TEXT,                                             -- B-14/B-22 实名认证 record
    third_party_logins  TEXT NOT NULL DEFAULT '[]',                       -- B-22 JSON list
    owner_staff_id      INTEGER REFERENCES staff(id),       -- the person behind the account, when known
    created_at          TEXT NOT NULL
);
CREATE INDEX xhs_accounts_by_owner ON xhs_accounts(owner_staff_id);

-- A binding of an account to an enterprise, from invitation to its end (B-4..B-19)
CREATE TABLE bindings (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
    account_id      INTEGER NOT NULL REFERENCES xhs_accounts(id),
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    mode            TEXT NOT NULL CHECK (mode IN ('enterprise', 'personal')),
    job_title       TEXT NOT NULL CHECK (job_title IN ('导购', '店长', '客服', '员工', '助理', '主播人')),
    status          TEXT NOT NULL CHECK (status IN ('invited', 'active', 'frozen', 'expired', 'declined', 'unbound', 'dissolved')),
    invited_by      INTEGER NOT NULL,
    invited_at      TEXT NOT NULL,
    effective_at    TEXT,
    ended_at        TEXT,
    end_reason      TEXT
);
CREATE INDEX bindings_by_enterprise ON bindings(enterprise_id, status, id);
CREATE INDEX bindings_by_account ON bindings(account_id, id);
CREATE INDEX bindings_by_staff ON bindings(staff_id);
-- B-7: at most one live binding per account, across all enterprises
CREATE UNIQUE INDEX bindings_one_live_per_account ON bindings(account_id)
    WHERE status IN ('invited', 'active', 'frozen');

CREATE TABLE notes (
    id                  INTEGER PRIMARY KEY,
    note_id             TEXT NOT NULL UNIQUE,       -- platform note ID (24 hex)
    account_id          INTEGER NOT NULL REFERENCES xhs_accounts(id),
    enterprise_id       INTEGER REFERENCES enterprises(id),   -- brand the account was bound to at publish time
    title               TEXT NOT NULL,
    note_type           TEXT NOT NULL CHECK (note_type IN ('video', 'image')),
    direction           TEXT,                       -- S-4 content direction tag
    published_at        TEXT NOT NULL,
    exposure            INTEGER NOT NULL DEFAULT 0, -- 曝光量
    reads               INTEGER NOT NULL DEFAULT 0, -- 阅读量
    likes               INTEGER NOT NULL DEFAULT 0,
    collects            INTEGER NOT NULL DEFAULT 0,
    comments            INTEGER NOT NULL DEFAULT 0,
    shares              INTEGER NOT NULL DEFAULT 0,
    follows_gained      INTEGER NOT NULL DEFAULT 0, -- 涨粉
    read_uv             INTEGER NOT NULL DEFAULT 0, -- 阅读UV
    avg_view_secs       REAL,                       -- 平均浏览时长
    video_5s_rate       REAL,                       -- 视频5s播放率 (0..1)
    image_3s_rate       REAL,                       -- 图文3s阅读率 (0..1)
    video_secs          INTEGER,                    -- 视频总时长
    interactions        INTEGER GENERATED ALWAYS AS (likes + collects + comments) STORED,
    metrics_date        TEXT NOT NULL               -- date of the latest snapshot
);
CREATE INDEX notes_by_enterprise_published ON notes(enterprise_id, published_at);
CREATE INDEX notes_by_account ON notes(account_id, published_at);

CREATE TABLE note_snapshots (
    note_row_id     INTEGER NOT NULL REFERENCES notes(id),
    date            TEXT NOT NULL,
    exposure        INTEGER NOT NULL,
    reads           INTEGER NOT NULL,
    likes           INTEGER NOT NULL,
    collects        INTEGER NOT NULL,
    comments        INTEGER NOT NULL,
    shares          INTEGER NOT NULL,
    follows_gained  INTEGER NOT NULL,
    read_uv         INTEGER NOT NULL,
    PRIMARY KEY (note_row_id, date)
) WITHOUT ROWID;

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'brand_marketing', 'store_manager', 'leader', 'employee', 'agency', 'platform_reviewer')),
    enterprise_id   INTEGER REFERENCES enterprises(id),
    agency_id       INTEGER REFERENCES agencies(id),
    staff_id        INTEGER REFERENCES staff(id),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL,
    CHECK (role NOT IN ('brand_marketing', 'store_manager', 'leader', 'employee') OR enterprise_id IS NOT NULL),
    CHECK (role <> 'agency' OR agency_id IS NOT NULL),
    CHECK (role <> 'employee' OR staff_id IS NOT NULL)
);

-- stores a store manager manages
CREATE TABLE user_stores (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    PRIMARY KEY (user_id, store_id)
) WITHOUT ROWID;

-- Business numbers as data, versioned: the newest row per (scope, key) is in force.
-- enterprise_id NULL is the installation default; a row with an enterprise overrides it for that brand.
CREATE TABLE rule_settings (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER REFERENCES enterprises(id),
    key             TEXT NOT NULL,
    value           INTEGER NOT NULL,
    set_by          INTEGER REFERENCES users(id),
    set_at          TEXT NOT NULL,
    reason          TEXT
);
CREATE INDEX rule_settings_by_key ON rule_settings(key, enterprise_id, id);

-- Append-only record of every state change (B-20): who, when, what, why.
CREATE TABLE history (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor_id        INTEGER REFERENCES users(id),
    enterprise_id   INTEGER REFERENCES enterprises(id),
    entity_type     TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    action          TEXT NOT NULL,
    summary_zh      TEXT NOT NULL,
    summary_en      TEXT NOT NULL,
    reason          TEXT,
    before_json     TEXT,
    after_json      TEXT
);
CREATE INDEX history_by_enterprise ON history(enterprise_id, at, id);
CREATE INDEX history_by_time ON history(at, id);
CREATE INDEX history_by_entity ON history(entity_type, entity_id, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- The local administrator exists from the start, so an empty installation has someone to act as.
INSERT INTO users (id, name, role, created_at) VALUES (1, '本机管理员', 'admin', '2026-01-01T00:00:00Z');

-- Who acts on this machine (the role switcher of a single-machine installation); remembered across starts.
CREATE TABLE local_session (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    switched_at TEXT NOT NULL
);
INSERT INTO local_session (id, user_id, switched_at) VALUES (1, 1, '2026-01-01T00:00:00Z');
