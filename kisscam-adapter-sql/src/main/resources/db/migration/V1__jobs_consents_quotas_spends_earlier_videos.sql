-- One schema for SQLite and PostgreSQL: portable types only; times are nanoseconds since the epoch (BIGINT).

-- A job's body is its JSON record (the format the earlier file store wrote); the other columns are what the
-- store asks about, derived from the body on every save.
CREATE TABLE jobs (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    seq         BIGINT       NOT NULL,
    requester   VARCHAR(500) NOT NULL,
    -- 'active' or 'draft' while the job holds one of its requester's two places; NULL once it holds neither
    place       VARCHAR(10),
    -- the kind of work that claims the job in this state (JobStore.Work), NULL for none
    work        VARCHAR(30),
    -- 1 for a queued job: a paid generation that lost its owner is claimed before it
    queued      SMALLINT     NOT NULL,
    finished    SMALLINT     NOT NULL,
    delivered   SMALLINT     NOT NULL,
    -- when it was saved finished, by the store's clock: finished jobs are pruned after the retention
    finished_at BIGINT,
    lease_owner VARCHAR(200),
    lease_until BIGINT,
    body        TEXT         NOT NULL
);
-- At most one active job and one draft per requester, whichever process saves: NULLs never clash.
CREATE UNIQUE INDEX jobs_one_per_place ON jobs (requester, place);
CREATE INDEX jobs_work ON jobs (work, queued, seq);
CREATE INDEX jobs_unfinished ON jobs (finished, seq);
CREATE INDEX jobs_requester ON jobs (requester, finished, seq);
CREATE INDEX jobs_lease_owner ON jobs (lease_owner);
CREATE INDEX jobs_finished_at ON jobs (finished_at);

CREATE TABLE consents (
    requester    VARCHAR(500) NOT NULL PRIMARY KEY,
    consented_at BIGINT       NOT NULL
);

-- One fixed window per quota and requester, opened by their first job in it.
CREATE TABLE quota_windows (
    quota      VARCHAR(100) NOT NULL,
    requester  VARCHAR(500) NOT NULL,
    used       INTEGER      NOT NULL,
    window_end BIGINT       NOT NULL,
    PRIMARY KEY (quota, requester)
);
CREATE INDEX quota_windows_end ON quota_windows (window_end);

CREATE TABLE spends (
    spent_at  BIGINT       NOT NULL,
    model     VARCHAR(200) NOT NULL,
    usd_ticks BIGINT       NOT NULL
);
CREATE INDEX spends_spent_at ON spends (spent_at);

-- The repeat rule's memory: a delivered video and its photos per photo set; the media stay in the media store.
CREATE TABLE earlier_videos (
    photo_set  VARCHAR(1000) NOT NULL PRIMARY KEY,
    kept_until BIGINT        NOT NULL,
    -- the order videos were kept in: the oldest is let go first when there is no more room
    kept_order BIGINT        NOT NULL,
    body       TEXT          NOT NULL
);
CREATE INDEX earlier_videos_until ON earlier_videos (kept_until);
CREATE INDEX earlier_videos_order ON earlier_videos (kept_order);

CREATE TABLE earlier_video_media (
    photo_set VARCHAR(1000) NOT NULL REFERENCES earlier_videos (photo_set) ON DELETE CASCADE,
    media_key VARCHAR(500)  NOT NULL,
    PRIMARY KEY (photo_set, media_key)
);
CREATE INDEX earlier_video_media_key ON earlier_video_media (media_key);
